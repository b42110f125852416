// The operator's agent state for the UI: agent:getState, then every agent:state event, reloaded after each
// reconnect (events sent meanwhile are lost). One store per bridge, shared through useSyncExternalStore, so
// the status bar and the keyboard shortcuts read the same state. Runs in Chromium.
import { useCallback, useSyncExternalStore } from 'react';
import type { AgentStateRequest, AgentStatus } from '../../../electron/shared/ipc/agent.js';
import { events } from '../../../electron/shared/ipc/contract.js';
import type { CommandError } from '../../../electron/shared/ipc/result.js';
import { useBridge } from '../bridge/BridgeContext.js';
import type { Bridge } from '../bridge/bridge.js';
import { refCountedSubscribe, reloadOnConnect } from '../bridge/bridgeStore.js';

export interface AgentSnapshot {
  /** null until core answers (or when this core has no agent state). */
  status: AgentStatus | null;
  /** The last refused change, until the next one succeeds. */
  error: CommandError | null;
}

export interface AgentStore {
  subscribe(listener: () => void): () => void;
  get(): AgentSnapshot;
  /** Applied now, or kept as the state after the call (core decides: agent:setState). */
  setState(request: AgentStateRequest): Promise<boolean>;
  /** Sets or withdraws the state to take after the current or next call. */
  requestAfterCall(request: AgentStateRequest | null): Promise<boolean>;
}

const stores = new WeakMap<Bridge, AgentStore>();

function createStore(bridge: Bridge): AgentStore {
  const { api } = bridge;
  let snapshot: AgentSnapshot = { status: null, error: null };
  const listeners = new Set<() => void>();

  const publish = (next: Partial<AgentSnapshot>) => {
    snapshot = { ...snapshot, ...next };
    for (const listener of [...listeners]) listener();
  };
  /** A newer state never gives way to an older answer that arrives late. */
  const apply = (status: AgentStatus) => {
    const known = snapshot.status;
    if (known && known.since > status.since) return;
    publish({ status });
  };

  const reload = async () => {
    const result = await api.commands['agent:getState']({});
    if (result.ok) apply(result.value);
  };

  const start = () => {
    const offState = api.events['agent:state']((payload) => {
      const checked = events['agent:state'].safeParse(payload);
      if (checked.success) apply(checked.data);
    });
    const offConnection = reloadOnConnect(bridge, reload);
    return () => {
      offState();
      offConnection();
    };
  };

  const settle = (result: Awaited<ReturnType<(typeof api.commands)['agent:setState']>>): boolean => {
    if (result.ok) {
      publish({ error: null });
      apply(result.value);
      return true;
    }
    publish({ error: result.error });
    return false;
  };

  return {
    subscribe: refCountedSubscribe(listeners, start),
    get: () => snapshot,
    setState: async (request) => settle(await api.commands['agent:setState'](request)),
    requestAfterCall: async (request) => settle(await api.commands['agent:requestAfterCall']({ after: request })),
  };
}

export function useAgentStore(): AgentStore {
  const bridge = useBridge();
  let store = stores.get(bridge);
  if (!store) stores.set(bridge, (store = createStore(bridge)));
  return store;
}

export function useAgentState(): AgentSnapshot {
  const store = useAgentStore();
  return useSyncExternalStore(
    useCallback((listener: () => void) => store.subscribe(listener), [store]),
    store.get,
  );
}
