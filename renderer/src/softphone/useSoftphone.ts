// The softphone's live state for the UI: registration (sip:status + sip:registration) and the calls
// (calls:list + calls:state), reloaded after every reconnect because events sent meanwhile are lost.
// One store per bridge, shared by every component. Two speeds (why: a ringing call must reach the screen
// first): the softphone bar and the ringer read it at once (useSoftphoneNow, useSoftphoneStatus); the other
// panels (caller card, script, wrap-up, catalogue) follow in a transition right after (useSoftphone), so their
// re-render never holds up the frame that shows the call. Runs in Chromium.
import { startTransition, useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { events } from '../../../electron/shared/ipc/contract.js';
import type { CallView, SoftphoneStatus } from '../../../electron/shared/ipc/softphone.js';
import { useBridge } from '../bridge/BridgeContext.js';
import type { Bridge } from '../bridge/bridge.js';
import { refCountedSubscribe, reloadOnConnect } from '../bridge/bridgeStore.js';

export interface SoftphoneSnapshot {
  /** null until core answers sip:status (or when this core has no softphone). */
  status: SoftphoneStatus | null;
  /** Live calls, lowest line first; a call leaves the list when it ends. */
  calls: readonly CallView[];
}

interface SoftphoneStore {
  subscribe(listener: () => void): () => void;
  get(): SoftphoneSnapshot;
}

const stores = new WeakMap<Bridge, SoftphoneStore>();

function createStore(bridge: Bridge): SoftphoneStore {
  const { api } = bridge;
  let snapshot: SoftphoneSnapshot = { status: null, calls: [] };
  const listeners = new Set<() => void>();
  // A call:state event newer than a calls:list answer must win: remember when each call last changed.
  const calls = new Map<string, CallView>();

  const publish = (next: Partial<SoftphoneSnapshot>) => {
    snapshot = { ...snapshot, ...next };
    for (const listener of [...listeners]) listener();
  };
  const publishCalls = () => publish({ calls: [...calls.values()].sort((a, b) => a.line - b.line || a.invitedAt - b.invitedAt) });

  const applyCall = (call: CallView) => {
    const known = calls.get(call.id);
    if (known && known.at > call.at) return;
    if (call.state === 'ended') calls.delete(call.id);
    else calls.set(call.id, call);
    publishCalls();
  };

  const reload = async () => {
    const [status, list] = await Promise.all([api.commands['sip:status']({}), api.commands['calls:list']({})]);
    if (status.ok) publish({ status: status.value });
    if (list.ok) {
      calls.clear();
      for (const call of list.value) if (call.state !== 'ended') calls.set(call.id, call);
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
