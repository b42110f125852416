// The headset and the global hotkeys as core reports them (headset:status / hotkeys:status, then the
// headset:changed / hotkeys:changed events), reloaded after every reconnect because events sent meanwhile are
// lost — which matters here: core registers the hotkeys and opens the headset before any window listens.
// One store per bridge, shared by the status bar and the shortcut sheet. Runs in Chromium.
import { useCallback, useSyncExternalStore } from 'react';
import { events } from '../../../electron/shared/ipc/contract.js';
import type { HeadsetStatus, HotkeysStatus } from '../../../electron/shared/ipc/devices.js';
import { useBridge } from '../bridge/BridgeContext.js';
import type { Bridge } from '../bridge/bridge.js';
import { refCountedSubscribe, reloadOnConnect } from '../bridge/bridgeStore.js';

export interface DeviceStatusSnapshot {
  /** null until core answers (or when this core does not know the command). */
  headset: HeadsetStatus | null;
  hotkeys: HotkeysStatus | null;
}

interface DeviceStatusStore {
  subscribe(listener: () => void): () => void;
  get(): DeviceStatusSnapshot;
}

const stores = new WeakMap<Bridge, DeviceStatusStore>();

function createStore(bridge: Bridge): DeviceStatusStore {
  const { api } = bridge;
  let snapshot: DeviceStatusSnapshot = { headset: null, hotkeys: null };
  const listeners = new Set<() => void>();

  const publish = (next: Partial<DeviceStatusSnapshot>) => {
    snapshot = { ...snapshot, ...next };
    for (const listener of [...listeners]) listener();
  };

  const reload = async () => {
    const [headset, hotkeys] = await Promise.all([api.commands['headset:status']({}), api.commands['hotkeys:status']({})]);
    if (headset.ok) publish({ headset: headset.value });
    if (hotkeys.ok) publish({ hotkeys: hotkeys.value });
  };

  const start = () => {
    const offHeadset = api.events['headset:changed']((payload) => {
      const checked = events['headset:changed'].safeParse(payload);
      if (checked.success) publish({ headset: checked.data });
    });
    const offHotkeys = api.events['hotkeys:changed']((payload) => {
      const checked = events['hotkeys:changed'].safeParse(payload);
      if (checked.success) publish({ hotkeys: checked.data });
    });
    const offConnection = reloadOnConnect(bridge, reload);
    return () => {
      offHeadset();
      offHotkeys();
      offConnection();
    };
  };

  return {
    subscribe: refCountedSubscribe(listeners, start),
    get: () => snapshot,
  };
}

export function useDeviceStatus(): DeviceStatusSnapshot {
  const bridge = useBridge();
  let store = stores.get(bridge);
  if (!store) stores.set(bridge, (store = createStore(bridge)));
  const current = store;
  return useSyncExternalStore(
    useCallback((listener: () => void) => current.subscribe(listener), [current]),
    current.get,
  );
}

/** The global shortcuts that do not work, for the status bar's warning. */
export function hotkeyProblems(hotkeys: HotkeysStatus | null): HotkeysStatus['shortcuts'] {
  if (!hotkeys?.available) return [];
  return hotkeys.shortcuts.filter(
    (shortcut) => shortcut.state === 'taken' || shortcut.state === 'invalid' || shortcut.state === 'duplicate',
  );
}
