// The script of the call in front of the operator: which call (the live one, else the last one shown, else —
// after a window reload — the most recent call core knows), its script and values (scripts:forCall), and the
// operator's place, saved to core on every step (at once) and every answer (after a short pause), so a
// reload finds it again. Filing the wrap-up sends the answer still waiting first; a filed wrap-up drops it (core
// refuses saves for a filed call). Runs in Chromium.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ScriptRun } from '../../../electron/shared/callScript.js';
import type { CommandError, Result } from '../../../electron/shared/ipc/result.js';
import type { CallScriptSummary, ScriptForCall } from '../../../electron/shared/ipc/scripts.js';
import type { CallView } from '../../../electron/shared/ipc/softphone.js';
import { useAgentDesk, useConnection, useEvent } from '../bridge/BridgeContext.js';
import { useSoftphone } from '../softphone/useSoftphone.js';
import { useSendBeforeFiling } from '../workflow/WrapUpDraftContext.js';
import { restoreRun, startRun } from './scriptNavigation.js';

/** Typing in an answer is saved once the operator pauses this long (a reload loses at most this much). */
export const ANSWER_SAVE_DELAY_MS = 400;

export type SaveState = 'idle' | 'saving' | 'saved' | 'failed';

export interface CallScriptState {
  /** idle: no call to follow; none: the call has no script; ready: `script` and `run` are set. */
  status: 'idle' | 'loading' | 'none' | 'ready' | 'error';
  callId: string | null;
  script: ScriptForCall | null;
  run: ScriptRun | null;
  error: CommandError | null;
  saveState: SaveState;
  /** A step change: shown and saved at once. */
  move(run: ScriptRun): void;
  /** An answer being typed or picked: shown at once, saved after a pause. */
  answer(run: ScriptRun): void;
  /** Start another active script for this call (the operator's choice). */
  switchTo(scriptId: string): Promise<void>;
  /** Asks core again (after an error). */
  reload(): void;
  /** Active scripts to switch to; loaded on demand. */
  scripts: CallScriptSummary[] | null;
  loadScripts(): void;
}

/** The call the script follows: the one being talked to, else one being set up, else a held one. */
export function scriptCall(calls: readonly CallView[]): CallView | undefined {
  return (
    calls.find((call) => call.state === 'active' || call.state === 'connecting') ??
    calls.find((call) => call.state === 'ringing' || call.state === 'dialing' || call.state === 'ringback') ??
    calls[0]
  );
}

export function useCallScript(): CallScriptState {
  const api = useAgentDesk();
  const connection = useConnection();
  const { calls } = useSoftphone();
  const live = scriptCall(calls);
  const [followed, setFollowed] = useState<string | null>(null);
  /** core's last answer and the call it was about; while it is about another call, the followed one is loading. */
  const [answered, setAnswered] = useState<{ callId: string | null; status: Exclude<CallScriptState['status'], 'loading'> }>({
    callId: null,
    status: 'idle',
  });
  const [script, setScript] = useState<ScriptForCall | null>(null);
  const [run, setRun] = useState<ScriptRun | null>(null);
  const [error, setError] = useState<CommandError | null>(null);
  const [saveState, setSaveState] = useState<SaveState>('idle');
  const [scripts, setScripts] = useState<CallScriptSummary[] | null>(null);
  const runRef = useRef<ScriptRun | null>(null);
  /** The call `runRef` belongs to. */
  const runCall = useRef<string | null>(null);
  /** The typed answer waiting for its pause: its call, its timer, and how to send it now. */
  const pendingAnswer = useRef<{ callId: string; timer: ReturnType<typeof setTimeout>; send: () => Promise<void> } | null>(null);
  /** Saves sent and not answered yet, with their call: filing the wrap-up waits for them. */
  const inFlight = useRef(new Map<Promise<void>, string>());
  const latestLoad = useRef(0);
  const cancelPending = () => {
    if (pendingAnswer.current !== null) clearTimeout(pendingAnswer.current.timer);
    pendingAnswer.current = null;
  };

  // A new live call takes over; when it ends the script stays (the operator wraps up with it in view).
  if (live && live.id !== followed) setFollowed(live.id);

  /** Takes core's answer about `callId` (null: its most recent call) unless a newer load was started since. */
  const apply = useCallback((callId: string | null, loadId: number, result: Result<ScriptForCall | null>) => {
    if (loadId !== latestLoad.current) return;
    if (!result.ok) {
      // Nothing followed yet (a reload asking for the latest call): nothing to show is not an error.
      setError(callId === null ? null : result.error);
      setAnswered({ callId, status: callId === null ? 'idle' : 'error' });
      return;
    }
    setError(null);
    const found = result.value;
    if (!found) {
      setScript(null);
      setRun((runRef.current = null));
      setAnswered({ callId, status: callId === null ? 'idle' : 'none' });
      return;
    }
    if (callId === null) setFollowed(found.callId);
    setScript(found);
    // A refresh (new values, a reconnect) keeps the place this window has; a first load restores core's.
    const local = runRef.current;
    const keep = local && runCall.current === found.callId && local.scriptId === found.script.id;
    const next = keep ? local : restoreRun(found.script.id, found.script.definition, found.run);
    runCall.current = found.callId;
    setRun((runRef.current = next));
    setAnswered({ callId: found.callId, status: 'ready' });
  }, []);
  const load = useCallback(
    (callId: string | null) => {
      const loadId = ++latestLoad.current;
      return api.commands['scripts:forCall'](callId === null ? {} : { callId }).then((result) => apply(callId, loadId, result));
    },
    [api, apply],
  );
  const status: CallScriptState['status'] =
    answered.callId === followed ? answered.status : followed === null ? 'idle' : 'loading';

  // Follow the call: on a new call, on a reconnect (core may have answered meanwhile), and on a reload (no
  // call yet: ask core for its most recent one).
  const connected = connection.status === 'connected';
  useEffect(() => {
    if (!connected) return;
    const loadId = ++latestLoad.current;
    void api.commands['scripts:forCall'](followed === null ? {} : { callId: followed }).then((result) =>
      apply(followed, loadId, result),
    );
  }, [api, apply, connected, followed]);

  // The card's customer changed (linked, created, edited): the values change, the place does not.
  useEvent('customers:callerCard', (card) => {
    if (card.callId === followed) void load(followed);
  });
  // The call's wrap-up is filed and no call is live: the panel is free for the next call.
  useEvent('wrapup:closed', (closed) => {
    // Filed elsewhere (another window, the after-call timeout) or discarded: an answer still waiting for the call
    // has nowhere to go — core refuses saves for a filed call, so sending it would only fail.
    if (closed.callId !== null && pendingAnswer.current?.callId === closed.callId) cancelPending();
    if (closed.callId !== null && closed.callId === followed && !live) {
      latestLoad.current++;
      setFollowed(null);
      setScript(null);
      setRun((runRef.current = null));
      setAnswered({ callId: null, status: 'idle' });
    }
  });

  const save = useCallback(
    (callId: string, toSave: ScriptRun): Promise<void> => {
      setSaveState('saving');
      const sending = api.commands['scripts:saveProgress']({ callId, run: toSave }).then((result) => {
        if (runRef.current !== toSave) return; // a newer save is on its way
        setSaveState(result.ok ? 'saved' : 'failed');
      });
      inFlight.current.set(sending, callId);
      void sending.finally(() => inFlight.current.delete(sending));
      return sending;
    },
    [api],
  );

  // The panel going away (another tab) sends the answer being typed rather than dropping it.
  useEffect(() => () => void pendingAnswer.current?.send(), []);
  // A page being closed or reloaded sends the answer being typed now instead of after the pause.
  useEffect(() => {
    const onPageHide = () => void pendingAnswer.current?.send();
    window.addEventListener('pagehide', onPageHide);
    return () => window.removeEventListener('pagehide', onPageHide);
  }, []);
  // Filing this call's wrap-up: the answer waiting for its pause goes now, and the filing waits for every save of
  // the call still on its way, so the filed record has the answers and no save arrives after it.
  const sendBeforeFiling = useCallback(async (filingCallId: string | null) => {
    if (filingCallId === null) return false;
    const waiting = pendingAnswer.current;
    if (waiting?.callId === filingCallId) void waiting.send();
    const saves = [...inFlight.current].filter(([, callId]) => callId === filingCallId).map(([sending]) => sending);
    await Promise.all(saves);
    return saves.length > 0;
  }, []);
  useSendBeforeFiling(sendBeforeFiling);

  const callId = script?.callId ?? followed;
  const move = useCallback(
    (next: ScriptRun) => {
      cancelPending();
      setRun((runRef.current = next));
      if (callId) void save(callId, next);
    },
    [callId, save],
  );
  const answer = useCallback(
    (next: ScriptRun) => {
      cancelPending();
      setRun((runRef.current = next));
      if (!callId) return;
      const send = () => {
        cancelPending();
        return save(callId, next);
      };
      pendingAnswer.current = { callId, timer: setTimeout(() => void send(), ANSWER_SAVE_DELAY_MS), send };
    },
    [callId, save],
  );

  const switchTo = useCallback(
    async (scriptId: string) => {
      if (!callId) return;
      const chosen = await api.commands['scripts:get']({ id: scriptId });
      if (!chosen.ok) {
        setError(chosen.error);
        return;
      }
      cancelPending();
      const fresh = startRun(scriptId, chosen.value.definition);
      runRef.current = fresh;
      await save(callId, fresh);
      runCall.current = callId;
      await load(callId);
    },
    [api, callId, load, save],
  );

  const loadScripts = useCallback(() => {
    void api.commands['scripts:list']({}).then((result) => {
      if (result.ok) setScripts(result.value);
    });
  }, [api]);

  const reload = useCallback(() => void load(followed), [followed, load]);

  return { status, callId, script, run, error, saveState, move, answer, switchTo, reload, scripts, loadScripts };
}
