// The wrap-up session of this window: which draft is open, its form (react-hook-form, alive while the
// panel is closed or re-rendered), saving every change through DraftSaver, following calls (an answered
// call opens its draft), reopening the unfinished draft after a reload, and filing it. Runs in Chromium.
// Seam 4 of issue 5: `useWrapUpDraft()` lets the catalogue panel's "Offer" put an item into the order.
// `useSendBeforeFiling()` lets another panel (the script's typed answer) send what it still holds before filing.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useForm, type UseFormReturn } from 'react-hook-form';
import type { CommandError } from '../../../electron/shared/ipc/result.js';
import {
  wrapUpLimits,
  type DraftSummary,
  type OrderQuote,
  type WrapUpDraft,
  type WrapUpProblem,
} from '../../../electron/shared/ipc/wrapUp.js';
import { settingDefinitions } from '../../../electron/shared/settings.js';
import { dispositionsSchema, type Disposition } from '../../../electron/shared/workflow.js';
import { useAgentDesk, useConnection, useEvent } from '../bridge/BridgeContext.js';
import { useSettings } from '../bridge/SettingsContext.js';
import { useSoftphone } from '../softphone/useSoftphone.js';
import { DraftSaver, type SaveState } from './draftSaver.js';
import {
  contentFrom,
  emptyFormValues,
  encodeProblem,
  formPath,
  formValuesFrom,
  wrapUpResolver,
  type WrapUpFormValues,
} from './wrapUpForm.js';

/** Seam 4: what the catalogue panel needs. */
export interface WrapUpDraftApi {
  /** A wrap-up is open in this window (an order line has somewhere to go). */
  active: boolean;
  addOrderLine(item: {
    catalogueItemId: string;
    description: string;
    unitPriceMinor: number;
    currency: string;
    promotionId?: string;
  }): void;
}

export type WrapUpNotice =
  | { kind: 'filed'; disposition: string; readBack: string | null; order: OrderQuote['order'] }
  | { kind: 'defaultFiled'; disposition: string }
  | { kind: 'discarded' | 'replaced' | 'gone' }
  | { kind: 'error'; error: CommandError };

export interface WrapUpSession {
  form: UseFormReturn<WrapUpFormValues>;
  dispositions: readonly Disposition[];
  /** The open draft (its `content` is as loaded; the form holds what is typed since). */
  draft: WrapUpDraft | null;
  drafts: readonly DraftSummary[];
  saveState: SaveState;
  submitting: boolean;
  notice: WrapUpNotice | null;
  dismissNotice(): void;
  /** Validates, saves what is pending and files the wrap-up; problems land on their fields. */
  submit(): Promise<void>;
  discard(): Promise<void>;
  openDraft(draftId: string): Promise<void>;
  startWithoutCall(customerId?: string): Promise<void>;
}

/**
 * Sends what a panel still holds for `callId`'s draft (the script answer waiting for its typing pause) and waits
 * until core has it; true when something was sent or was on its way.
 */
export type SendBeforeFiling = (callId: string | null) => Promise<boolean>;
type RegisterSendBeforeFiling = (send: SendBeforeFiling) => () => void;

const noDraftApi: WrapUpDraftApi = { active: false, addOrderLine: () => {} };
const DraftApiContext = createContext<WrapUpDraftApi>(noDraftApi);
const SessionContext = createContext<WrapUpSession | null>(null);
const SendBeforeFilingContext = createContext<RegisterSendBeforeFiling>(() => () => {});

/**
 * Registers `send` to run before this window files a wrap-up: core files the draft as stored, and refuses saves
 * for a call once it is filed, so a save still waiting would be lost (and, before that refusal, opened a second
 * draft for the call). Keep `send` stable (useCallback).
 */
export function useSendBeforeFiling(send: SendBeforeFiling): void {
  const register = useContext(SendBeforeFilingContext);
  useEffect(() => register(send), [register, send]);
}

/** Seam 4 of issue 5: `{ active, addOrderLine }` for the catalogue panel's "Offer" button. */
export function useWrapUpDraft(): WrapUpDraftApi {
  return useContext(DraftApiContext);
}

export function useWrapUpSession(): WrapUpSession {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useWrapUpSession() needs a <WrapUpDraftProvider> above it');
  return session;
}

/** The resolver checks callback times against the desk's clock when it runs. */
const wallClock = () => Date.now();

/**
 * Call states after the answer: the operator is talking, so notes may start. Not 'connecting': loading the draft
 * and rendering its form then would compete with the answer's media set-up (tests/bench/callPathBench.ts).
 */
const answeredStates = new Set(['active', 'held']);

function useDispositions(): readonly Disposition[] {
  const { settings } = useSettings();
  const value = settings?.settings.find((setting) => setting.key === 'workflow.dispositions')?.value;
  return useMemo(() => {
    const parsed = dispositionsSchema.safeParse(value);
    return parsed.success ? parsed.data : settingDefinitions['workflow.dispositions'].builtin;
  }, [value]);
}

export function WrapUpDraftProvider({ children }: { children: ReactNode }) {
  const api = useAgentDesk();
  const connection = useConnection();
  const { calls } = useSoftphone();
  const dispositions = useDispositions();
  const resolver = useMemo(() => wrapUpResolver(() => dispositions, wallClock), [dispositions]);
  const form = useForm<WrapUpFormValues>({
    defaultValues: emptyFormValues(),
    resolver,
    mode: 'onSubmit',
    reValidateMode: 'onChange',
    shouldFocusError: true,
  });
  const [draft, setDraft] = useState<WrapUpDraft | null>(null);
  const [drafts, setDrafts] = useState<readonly DraftSummary[]>([]);
  const [saveState, setSaveState] = useState<SaveState>('saved');
  const [submitting, setSubmitting] = useState(false);
  const [notice, setNotice] = useState<WrapUpNotice | null>(null);
  const sendersBeforeFiling = useRef(new Set<SendBeforeFiling>());
  const registerSendBeforeFiling = useCallback<RegisterSendBeforeFiling>((send) => {
    sendersBeforeFiling.current.add(send);
    return () => void sendersBeforeFiling.current.delete(send);
  }, []);

  const [saver] = useState(
    () =>
      new DraftSaver(
        {
          save: (args) => api.commands['wrapup:save'](args),
          get: (draftId) => api.commands['wrapup:get']({ draftId }),
          setTimer: (callback, ms) => {
            const handle = window.setTimeout(callback, ms);
            return () => window.clearTimeout(handle);
          },
          now: () => Date.now(),
        },
        {
          state: (state) => setSaveState(state),
          replaced: (latest) => {
            form.reset(formValuesFrom(latest.content));
            setDraft(latest);
            setNotice({ kind: 'replaced' });
          },
          gone: () => {
            form.reset(emptyFormValues());
            setDraft(null);
            setNotice({ kind: 'gone' });
          },
        },
      ),
  );

  // Every change to the form is a save (debounced by the saver, ≤ 500 ms).
  useEffect(
    () => form.subscribe({ formState: { values: true }, callback: ({ values }) => saver.change(contentFrom(values)) }),
    [form, saver],
  );
  // A page being closed or reloaded sends what it has; core writes it synchronously.
  useEffect(() => {
    const onPageHide = () => void saver.flush();
    window.addEventListener('pagehide', onPageHide);
    return () => window.removeEventListener('pagehide', onPageHide);
  }, [saver]);

  const refreshDrafts = useCallback(async () => {
    const result = await api.commands['wrapup:drafts']({});
    if (result.ok) setDrafts(result.value);
    return result.ok ? result.value : [];
  }, [api]);

  const show = useCallback(
    (opened: WrapUpDraft) => {
      saver.attach(opened);
      form.reset(formValuesFrom(opened.content));
      setDraft(opened);
    },
    [form, saver],
  );

  /** Saves the open draft first, then shows what `load` answers. */
  const switchTo = useCallback(
    async (load: () => Promise<{ ok: true; value: WrapUpDraft } | { ok: false; error: CommandError }>) => {
      await saver.flush();
      const result = await load();
      if (!result.ok) {
        setNotice({ kind: 'error', error: result.error });
        return;
      }
      setNotice(null);
      show(result.value);
      void refreshDrafts();
    },
    [saver, show, refreshDrafts],
  );

  const openDraft = useCallback((draftId: string) => switchTo(() => api.commands['wrapup:get']({ draftId })), [api, switchTo]);
  const startWithoutCall = useCallback(
    (customerId?: string) =>
      switchTo(() => api.commands['wrapup:open'](customerId === undefined ? { callId: null } : { callId: null, customerId })),
    [api, switchTo],
  );

  // After a (re)connect: reopen the unfinished draft — the live call's first, else the latest.
  const connected = connection.status === 'connected';
  useEffect(() => {
    if (!connected) return;
    let current = true;
    void api.commands['wrapup:drafts']({}).then((result) => {
      if (!current || !result.ok) return;
      setDrafts(result.value);
      if (saver.attachedTo !== null) return;
      const pick = result.value.find((summary) => summary.call?.live) ?? result.value[0];
      if (pick) void openDraft(pick.id);
    });
    return () => {
      current = false;
    };
  }, [api, connected, openDraft, saver]);

  // An answered call opens its draft (once per call: the operator may switch away from it).
  const answered = calls.find((call) => answeredStates.has(call.state))?.id;
  const followedCalls = useRef(new Set<string>());
  useEffect(() => {
    if (!connected || answered === undefined || followedCalls.current.has(answered)) return;
    followedCalls.current.add(answered);
    void switchTo(() => api.commands['wrapup:open']({ callId: answered }));
  }, [connected, answered, api, switchTo]);

  useEvent('wrapup:draft', (announced) => {
    if (announced.id === saver.attachedTo) {
      saver.remote(announced);
      setDraft((shown) => (shown && shown.id === announced.id ? { ...announced, content: shown.content } : shown));
    }
    setDrafts((list) =>
      list.map((summary) =>
        summary.id === announced.id
          ? {
              ...summary,
              revision: announced.revision,
              updatedAt: announced.updatedAt,
              customerName: announced.customerName,
              disposition: announced.content.disposition ?? null,
            }
          : summary,
      ),
    );
  });
  useEvent('wrapup:closed', (closed) => {
    if (closed.draftId === saver.attachedTo) {
      saver.detach();
      form.reset(emptyFormValues());
      setDraft(null);
      if (closed.reason === 'defaultFiled') setNotice({ kind: 'defaultFiled', disposition: closed.disposition ?? '' });
      else if (closed.reason === 'discarded') setNotice({ kind: 'discarded' });
    }
    void refreshDrafts();
  });

  const submit = useCallback(async () => {
    const open = draft;
    if (!open || submitting) return;
    await form.handleSubmit(async (values) => {
      setSubmitting(true);
      try {
        // The script's answer still waiting for its pause belongs to this wrap-up: core gets it first.
        const sent = await Promise.all([...sendersBeforeFiling.current].map((send) => send(open.callId)));
        if (sent.some(Boolean)) {
          // Its save moved the draft's revision: adopt it (as the wrapup:draft event would) before filing on top.
          const latest = await api.commands['wrapup:get']({ draftId: open.id });
          if (latest.ok) saver.remote(latest.value);
        }
        const content = contentFrom(values);
        saver.change(content);
        await saver.flush();
        let result = await api.commands['wrapup:submit']({ draftId: open.id, revision: saver.revision, content });
        if (!result.ok && result.error.code === 'conflict') {
          // A script step landed between the last save and the submit: save on top of it and try once more.
          saver.change(content);
          await saver.flush();
          result = await api.commands['wrapup:submit']({ draftId: open.id, revision: saver.revision, content });
        }
        if (!result.ok) {
          setNotice({ kind: 'error', error: result.error });
          return;
        }
        if (result.value.outcome === 'refused') {
          showProblems(form, result.value.problems);
          return;
        }
        saver.detach();
        form.reset(emptyFormValues());
        setDraft(null);
        setNotice({
          kind: 'filed',
          disposition: values.disposition,
          readBack: result.value.readBack,
          order: result.value.order,
        });
        void refreshDrafts();
      } finally {
        setSubmitting(false);
      }
    })();
  }, [api, draft, form, saver, submitting, refreshDrafts]);

  const discard = useCallback(async () => {
    if (!draft) return;
    const result = await api.commands['wrapup:discard']({ draftId: draft.id });
    if (!result.ok) setNotice({ kind: 'error', error: result.error });
    // The wrapup:closed event clears the form, in this window and the others.
  }, [api, draft]);

  const active = draft !== null;
  const addOrderLine = useCallback<WrapUpDraftApi['addOrderLine']>(
    (item) => {
      if (saver.attachedTo === null) return;
      const lines = form.getValues('order.lines') ?? [];
      const same = lines.findIndex(
        // A line whose promotion was chosen and cleared again holds '' rather than nothing.
        (line) => line.catalogueItemId === item.catalogueItemId && (line.promotionId || null) === (item.promotionId || null),
      );
      if (same === -1 && lines.length >= wrapUpLimits.orderLines) return;
      const next =
        same === -1
          ? [
              ...lines,
              {
                catalogueItemId: item.catalogueItemId,
                description: item.description.slice(0, wrapUpLimits.lineDescription),
                quantity: 1,
                unitPriceMinor: item.unitPriceMinor,
                currency: item.currency,
                ...(item.promotionId === undefined ? {} : { promotionId: item.promotionId }),
              },
            ]
          : lines.map((line, index) =>
              index === same ? { ...line, quantity: Math.min(wrapUpLimits.quantity, line.quantity + 1) } : line,
            );
      form.setValue('include.order', true, { shouldDirty: true });
      form.setValue('order.lines', next, { shouldDirty: true });
    },
    [form, saver],
  );

  const draftApi = useMemo(() => ({ active, addOrderLine }), [active, addOrderLine]);
  const session = useMemo<WrapUpSession>(
    () => ({
      form,
      dispositions,
      draft,
      drafts,
      saveState,
      submitting,
      notice,
      dismissNotice: () => setNotice(null),
      submit,
      discard,
      openDraft,
      startWithoutCall,
    }),
    [form, dispositions, draft, drafts, saveState, submitting, notice, submit, discard, openDraft, startWithoutCall],
  );

  return (
    <DraftApiContext.Provider value={draftApi}>
      <SendBeforeFilingContext.Provider value={registerSendBeforeFiling}>
        <SessionContext.Provider value={session}>{children}</SessionContext.Provider>
      </SendBeforeFilingContext.Provider>
    </DraftApiContext.Provider>
  );
}

/** Core's refusal, field by field; focus goes to the first field that has one. */
function showProblems(form: UseFormReturn<WrapUpFormValues>, problems: readonly WrapUpProblem[]): void {
  problems.forEach((problem, index) => {
    form.setError(
      formPath(problem.path) as never,
      { type: 'server', message: encodeProblem(problem) },
      { shouldFocus: index === 0 },
    );
  });
}
