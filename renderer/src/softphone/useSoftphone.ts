// The softphone's live state for the UI: registration (sip:status + sip:registration) and the calls
// (calls:list + calls:state), reloaded after every reconnect because events sent meanwhile are lost.
// One store per bridge, shared by every component. Two speeds (why: a ringing call must reach the screen
// first): the softphone bar and the ringer read it at once (useSoftphoneNow, useSoftphoneStatus); the other
// panels (caller card, script, wrap-up, catalogue) follow in a transition right after (useSoftphone), so their
// re-render never holds up the frame that shows the call. It also keeps the notice of the last call that ended
// badly (busy, not found, media lost… see callEndNotice.ts) until it is dismissed or the next call arrives.
// Runs in Chromium.
import { startTransition, useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { events } from '../../../electron/shared/ipc/contract.js';
import type { CallView, SoftphoneStatus } from '../../../electron/shared/ipc/softphone.js';
import { useBridge } from '../bridge/BridgeContext.js';
import type { Bridge } from '../bridge/bridge.js';
import { refCountedSubscribe, reloadOnConnect } from '../bridge/bridgeStore.js';
import { callEndKind, redialTargetOf, type CallEndNotice } from './callEndNotice.js';

export interface SoftphoneSnapshot {
  /** null until core answers sip:status (or when this core has no softphone). */
  status: SoftphoneStatus | null;
  /** Live calls, lowest line first; a call leaves the list when it ends. */
  calls: readonly CallView[];
  /**
   * The last call the operator saw end for a reason worth saying (busy, not found, media lost…); null after a
   * normal hang-up, once dismissed, and as soon as the next call arrives.
   */
  endNotice: CallEndNotice | null;
}

interface SoftphoneStore {
  subscribe(listener: () => void): () => void;
  get(): SoftphoneSnapshot;
  /** What the operator dialled for this call (calls:dial's answer), so Redial repeats exactly that. */
  rememberDialled(callId: string, target: string): void;
  dismissEndNotice(callId: string): void;
}

const stores = new WeakMap<Bridge, SoftphoneStore>();
/** Dialled texts kept for calls whose end has not been seen: eight lines at most, plus calls that never rang. */
const MAX_REMEMBERED_DIALS = 16;

function createStore(bridge: Bridge): SoftphoneStore {
  const { api } = bridge;
  let snapshot: SoftphoneSnapshot = { status: null, calls: [], endNotice: null };
  const listeners = new Set<() => void>();
  // A call:state event newer than a calls:list answer must win: remember when each call last changed.
  const calls = new Map<string, CallView>();
  // Call id → the text the operator dialled, until the call is seen to end (the dial answer may come after that).
  const dialled = new Map<string, string>();

  const publish = (next: Partial<SoftphoneSnapshot>) => {
    snapshot = { ...snapshot, ...next };
    for (const listener of [...listeners]) listener();
  };
  const publishCalls = () => publish({ calls: [...calls.values()].sort((a, b) => a.line - b.line || a.invitedAt - b.invitedAt) });

  const applyCall = (call: CallView) => {
    const known = calls.get(call.id);
    if (known && known.at > call.at) return;
    if (call.state === 'ended') {
      calls.delete(call.id);
      // Only a call the operator saw: one refused before it rang (do-not-disturb, full lines) arrives ended.
      const kind = known ? callEndKind(call) : null;
      if (kind) {
        const redialTarget = redialTargetOf(call, dialled.get(call.id));
        snapshot = { ...snapshot, endNotice: { call, kind, ...(redialTarget !== undefined ? { redialTarget } : {}) } };
      }
      dialled.delete(call.id);
    } else {
      // The next call starts: the previous call's notice has been read or no longer matters.
      if (!known) snapshot = { ...snapshot, endNotice: null };
      calls.set(call.id, call);
    }
    publishCalls();
  };

  const rememberDialled = (callId: string, target: string) => {
    // Ended before calls:dial answered (an INVITE that failed at once): give its notice the operator's text.
    const notice = snapshot.endNotice;
    if (notice?.call.id === callId) {
      const redialTarget = redialTargetOf(notice.call, target);
      if (redialTarget !== undefined) publish({ endNotice: { ...notice, redialTarget } });
      return;
    }
    // Kept even before the call's first event (the answer can overtake it); a few at most, oldest out first.
    dialled.set(callId, target);
    if (dialled.size > MAX_REMEMBERED_DIALS) dialled.delete(dialled.keys().next().value!);
  };

  const dismissEndNotice = (callId: string) => {
    if (snapshot.endNotice?.call.id === callId) publish({ endNotice: null });
  };

  const reload = async () => {
    const [status, list] = await Promise.all([api.commands['sip:status']({}), api.commands['calls:list']({})]);
    if (status.ok) publish({ status: status.value });
    if (list.ok) {
      calls.clear();
      for (const call of list.value) if (call.state !== 'ended') calls.set(call.id, call);
      for (const callId of [...dialled.keys()]) if (!calls.has(callId)) dialled.delete(callId);
      publishCalls();
    }
  };

  const start = () => {
    const offStatus = api.events['sip:registration']((payload) => {
      const checked = events['sip:registration'].safeParse(payload);
      if (checked.success) publish({ status: checked.data });
    });
    const offCalls = api.events['calls:state']((payload) => {
      const checked = events['calls:state'].safeParse(payload);
      if (checked.success) applyCall(checked.data);
    });
    const offConnection = reloadOnConnect(bridge, reload);
    return () => {
      offStatus();
      offCalls();
      offConnection();
    };
  };

  return {
    subscribe: refCountedSubscribe(listeners, start),
    get: () => snapshot,
    rememberDialled,
    dismissEndNotice,
  };
}

function useStore(): SoftphoneStore {
  const bridge = useBridge();
  let store = stores.get(bridge);
  if (!store) stores.set(bridge, (store = createStore(bridge)));
  return store;
}

/** The softphone bar, the ringer and the call shortcuts: every change at once, in the update that brings it. */
export function useSoftphoneNow(): SoftphoneSnapshot {
  const store = useStore();
  return useSyncExternalStore(
    useCallback((listener: () => void) => store.subscribe(listener), [store]),
    store.get,
  );
}

/** The registration alone, at once: a component that shows the line does not re-render for every call change. */
export function useSoftphoneStatus(): SoftphoneStatus | null {
  const store = useStore();
  return useSyncExternalStore(
    useCallback((listener: () => void) => store.subscribe(listener), [store]),
    () => store.get().status,
  );
}

/** The notice of the last call that ended badly, and how to dismiss it (the softphone bar's CallEndNotice). */
export function useCallEndNotice(): { notice: CallEndNotice | null; dismiss: (callId: string) => void } {
  const store = useStore();
  const notice = useSyncExternalStore(
    useCallback((listener: () => void) => store.subscribe(listener), [store]),
    () => store.get().endNotice,
  );
  return { notice, dismiss: store.dismissEndNotice };
}

/** Tells the store what the operator dialled for a call (useCallActions, after calls:dial answers). */
export function useRememberDialled(): (callId: string, target: string) => void {
  return useStore().rememberDialled;
}

/**
 * Every panel beside the softphone bar: the same snapshot, applied as a transition (React renders it right after
 * the urgent update, in slices, without delaying that update's frame).
 */
export function useSoftphone(): SoftphoneSnapshot {
  const store = useStore();
  const [snapshot, setSnapshot] = useState(store.get);
  useEffect(() => {
    const follow = () => startTransition(() => setSnapshot(store.get()));
    const unsubscribe = store.subscribe(follow);
    follow(); // a change published between this render and the subscription
    return unsubscribe;
  }, [store]);
  return snapshot;
}
