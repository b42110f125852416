// The softphone's live state for the UI: registration (sip:status + sip:registration) and the calls
// (calls:list + calls:state), reloaded after every reconnect because events sent meanwhile are lost.
// One store per bridge, shared by every component through useSyncExternalStore. Runs in Chromium.
import { useCallback, useSyncExternalStore } from 'react';
import { events } from '../../../electron/shared/ipc/contract.js';
import type { CallView, SoftphoneStatus } from '../../../electron/shared/ipc/softphone.js';
import { useBridge } from '../bridge/BridgeContext.js';
import type { Bridge } from '../bridge/bridge.js';

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
  let detach: (() => void) | null = null;
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
    const offConnection = bridge.onConnectionChange((state) => {
      if (state.status === 'connected') void reload();
    });
    if (bridge.getConnection().status === 'connected') void reload();
    return () => {
      offStatus();
      offCalls();
      offConnection();
    };
  };

  return {
    subscribe(listener) {
      listeners.add(listener);
      detach ??= start();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && detach) {
          detach();
          detach = null;
        }
      };
    },
    get: () => snapshot,
  };
}

export function useSoftphone(): SoftphoneSnapshot {
  const bridge = useBridge();
  let store = stores.get(bridge);
  if (!store) stores.set(bridge, (store = createStore(bridge)));
  const current = store;
  return useSyncExternalStore(
    useCallback((listener: () => void) => current.subscribe(listener), [current]),
    current.get,
  );
}
