// React access to the bridge: a context plus typed hooks for commands, events and the connection. Runs in Chromium.
import { createContext, useCallback, useContext, useEffect, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import type { AgentDeskApi } from '../../../electron/shared/ipc/api.js';
import {
  events,
  type CommandArgs,
  type CommandName,
  type CommandValue,
  type EventName,
  type EventPayload,
} from '../../../electron/shared/ipc/contract.js';
import type { CommandError, Result } from '../../../electron/shared/ipc/result.js';
import type { Bridge, ConnectionState } from './bridge.js';

const BridgeContext = createContext<Bridge | null>(null);

export function BridgeProvider({ bridge, children }: { bridge: Bridge; children: ReactNode }) {
  return <BridgeContext.Provider value={bridge}>{children}</BridgeContext.Provider>;
}

export function useBridge(): Bridge {
  const bridge = useContext(BridgeContext);
  if (!bridge) throw new Error('useBridge() needs a <BridgeProvider> above it');
  return bridge;
}

export function useAgentDesk(): AgentDeskApi {
  return useBridge().api;
}

export function useConnection(): ConnectionState {
  const bridge = useBridge();
  return useSyncExternalStore(
    useCallback((onChange: () => void) => bridge.onConnectionChange(onChange), [bridge]),
    bridge.getConnection,
  );
}

export interface CommandState<K extends CommandName> {
  /** Invokes the command; never throws — failures come back as `{ ok: false }` and in `error`. */
  run: (args: CommandArgs<K>) => Promise<Result<CommandValue<K>>>;
  loading: boolean;
  error: CommandError | null;
  /** The value of the last successful run. */
  value: CommandValue<K> | null;
  reset: () => void;
}

export function useCommand<K extends CommandName>(name: K): CommandState<K> {
  const api = useAgentDesk();
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<CommandError | null>(null);
  const [value, setValue] = useState<CommandValue<K> | null>(null);
  // Only the latest run may update state: an older, slower answer must not overwrite a newer one.
  const latestRun = useRef(0);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const run = useCallback(
    async (args: CommandArgs<K>): Promise<Result<CommandValue<K>>> => {
      const runId = ++latestRun.current;
      setLoading(true);
      setError(null);
      const command = api.commands[name] as (args: CommandArgs<K>) => Promise<Result<CommandValue<K>>>;
      let result: Result<CommandValue<K>>;
      try {
        result = await command(args);
      } catch (thrown) {
        // The API contract is to resolve, never reject; a rejection is a bridge bug, shown as `internal`.
        result = { ok: false, error: { code: 'internal', message: thrown instanceof Error ? thrown.message : String(thrown) } };
      }
      if (mounted.current && runId === latestRun.current) {
        setLoading(false);
        if (result.ok) setValue(() => result.value);
        else setError(result.error);
      }
      return result;
    },
    [api, name],
  );

  const reset = useCallback(() => {
    latestRun.current++;
    setLoading(false);
    setError(null);
  }, []);

  return { run, loading, error, value, reset };
}

/**
 * Subscribes `handler` to an event for the component's lifetime; the latest handler is always called.
 * Payloads are checked against the contract first: components rely on their types.
 */
export function useEvent<K extends EventName>(name: K, handler: (payload: EventPayload<K>) => void): void {
  const api = useAgentDesk();
  const latestHandler = useRef(handler);
  useEffect(() => {
    latestHandler.current = handler;
  });
  useEffect(() => {
    const subscribe = api.events[name] as (listener: (payload: EventPayload<K>) => void) => () => void;
    return subscribe((payload) => {
      const checked = events[name].safeParse(payload);
      if (checked.success) latestHandler.current(checked.data as EventPayload<K>);
      else console.warn('agentDesk event dropped: payload breaks the contract', name);
    });
  }, [api, name]);
}
