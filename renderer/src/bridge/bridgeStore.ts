// The two halves every live store of the console shares (softphone, agent state, devices, caller cards):
// its bridge subscriptions run only while a component listens, and it re-reads core's state after every
// (re)connection, because events sent while the bridge was down are lost. Runs in Chromium.
import type { Bridge } from './bridge.js';

/**
 * `subscribe` for useSyncExternalStore: the first listener runs `start` (which subscribes to the bridge and
 * returns how to stop), the last one to leave stops it.
 */
export function refCountedSubscribe(listeners: Set<() => void>, start: () => () => void): (listener: () => void) => () => void {
  let stop: (() => void) | null = null;
  return (listener) => {
    listeners.add(listener);
    stop ??= start();
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0 && stop) {
        stop();
        stop = null;
      }
    };
  };
}

/** Runs `reload` now when connected and after every reconnection; returns the unsubscribe function. */
export function reloadOnConnect(bridge: Bridge, reload: () => Promise<void>): () => void {
  const off = bridge.onConnectionChange((state) => {
    if (state.status === 'connected') void reload();
  });
  if (bridge.getConnection().status === 'connected') void reload();
  return off;
}
