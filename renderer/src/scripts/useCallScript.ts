// The script of the call in front of the operator: which call (the live one, else the last one shown, else —
// after a window reload — the most recent call core knows), its script and values (scripts:forCall), and the
// operator's place, saved to core on every step (at once) and every answer (after a short pause), so a
// reload finds it again. Runs in Chromium.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ScriptRun } from '../../../electron/shared/callScript.js';
import type { CommandError, Result } from '../../../electron/shared/ipc/result.js';
import type { CallScriptSummary, ScriptForCall } from '../../../electron/shared/ipc/scripts.js';
import type { CallView } from '../../../electron/shared/ipc/softphone.js';
import { useAgentDesk, useConnection, useEvent } from '../bridge/BridgeContext.js';
import { useSoftphone } from '../softphone/useSoftphone.js';
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
  const pendingSave = useRef<ReturnType<typeof setTimeout> | null>(null);
  const latestLoad = useRef(0);

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
    if (closed.callId !== null && closed.callId === followed && !live) {
      latestLoad.current++;
      setFollowed(null);
      setScript(null);
      setRun((runRef.current = null));
      setAnswered({ callId: null, status: 'idle' });
    }
  });

  const save = useCallback(
    async (callId: string, toSave: ScriptRun) => {
      setSaveState('saving');
      const result = await api.commands['scripts:saveProgress']({ callId, run: toSave });
      if (runRef.current !== toSave) return; // a newer save is on its way
      setSaveState(result.ok ? 'saved' : 'failed');
    },
    [api],
  );

  /** Sends the answer waiting for its pause now; a no-op when none waits. */
  const flushRef = useRef<() => void>(() => {});
  const cancelPending = () => {
    if (pendingSave.current !== null) clearTimeout(pendingSave.current);
    pendingSave.current = null;
    flushRef.current = () => {};
  };
  useEffect(() => cancelPending, []);
  // A page being closed or reloaded sends the answer being typed now instead of after the pause.
  useEffect(() => {
    const onPageHide = () => flushRef.current();
    window.addEventListener('pagehide', onPageHide);
    return () => window.removeEventListener('pagehide', onPageHide);
  }, []);

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
        void save(callId, next);
      };
      flushRef.current = send;
      pendingSave.current = setTimeout(send, ANSWER_SAVE_DELAY_MS);
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
