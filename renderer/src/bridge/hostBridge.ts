// Host-mode bridge: speaks electron/shared/ipc/wire.ts over a WebSocket to `agentdesk host`. Runs in Chromium.
// It builds the same AgentDeskApi as the Electron preload, so components cannot tell the modes apart.
// A dropped socket is retried with exponential back-off; invokes in flight then answer `unavailable`.
import { buildAgentDeskApi, type AgentDeskApi } from '../../../electron/shared/ipc/api.js';
import {
  commandErrorSchema,
  isEventName,
  maxMessageBytes,
  type CommandName,
  type EventName,
} from '../../../electron/shared/ipc/contract.js';
import { fail, type Result } from '../../../electron/shared/ipc/result.js';
import type { ClientMessage, ServerMessage } from '../../../electron/shared/ipc/wire.js';
import type { Bridge, ConnectionState } from './bridge.js';

/** The subset of the browser WebSocket we use, so tests can hand in any conforming implementation. */
export interface SocketLike {
  readonly readyState: number;
  onopen: ((event: Event) => void) | null;
  onmessage: ((event: MessageEvent) => void) | null;
  onclose: ((event: CloseEvent) => void) | null;
  onerror: ((event: Event) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}
export type SocketFactory = (url: string) => SocketLike;

export interface HostBridgeOptions {
  /** Full bridge URL including `?token=`. */
  url: string;
  createSocket?: SocketFactory;
  /** First retry delay; doubles per failed attempt up to `maxRetryMs`. */
  initialRetryMs?: number;
  maxRetryMs?: number;
  now?: () => number;
  /**
   * Asked when an attempt fails before the socket opened. The browser hides why (a 403 and a dead host
   * look alike), so this can ask the host over HTTP: 'refused' stops retrying for good.
   */
  checkAccess?: () => Promise<'refused' | 'retry'>;
}

const socketOpen = 1; // WebSocket.OPEN, spelled out so SocketLike implementations need no static constants

export const notConnectedMessage = 'Not connected to AgentDesk';
export const connectionLostMessage = 'The connection to AgentDesk was lost before it answered';

type EventListener = (payload: unknown) => void;

export function createHostBridge(options: HostBridgeOptions): Bridge {
  const createSocket = options.createSocket ?? ((url: string) => new WebSocket(url));
  const initialRetryMs = options.initialRetryMs ?? 500;
  const maxRetryMs = options.maxRetryMs ?? 15_000;
  const now = options.now ?? Date.now;

  let state: ConnectionState = { status: 'connecting' };
  const stateListeners = new Set<(state: ConnectionState) => void>();
  const eventListeners = new Map<EventName, Set<EventListener>>();
  const pending = new Map<number, (result: Result<unknown>) => void>();
  let socket: SocketLike | null = null;
  let nextId = 1;
  let failedAttempts = 0;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false; // closed by us, or refused by the host: never reconnect

  const setState = (next: ConnectionState) => {
    state = next;
    for (const listener of [...stateListeners]) listener(state);
  };

  const failPending = (message: string) => {
    const waiting = [...pending.values()];
    pending.clear();
    for (const resolve of waiting) resolve(fail('unavailable', message));
  };

  const handleMessage = (data: unknown) => {
    if (typeof data !== 'string' || data.length > maxMessageBytes) return;
    let message: ServerMessage;
    try {
      message = JSON.parse(data) as ServerMessage;
    } catch {
      return; // the host only sends JSON; anything else is noise we cannot act on
    }
    if (typeof message !== 'object' || message === null) return;
    if (message.t === 'result') {
      const resolve = pending.get(message.id);
      if (!resolve) return;
      pending.delete(message.id);
      resolve(toResult(message.result));
    } else if (message.t === 'event') {
      if (!isEventName(message.name)) return;
      for (const listener of [...(eventListeners.get(message.name) ?? [])]) {
        try {
          listener(message.payload);
        } catch (error) {
          // One broken listener must not starve the others of the event.
          console.error('agentDesk event listener failed', message.name, error);
        }
      }
    } else if (message.t === 'refused') {
      stopped = true;
      setState({ status: 'refused', code: message.code === 'too_large' ? 'too_large' : 'forbidden' });
    }
  };

  const scheduleRetry = () => {
    const delay = Math.min(maxRetryMs, initialRetryMs * 2 ** failedAttempts);
    failedAttempts += 1;
    setState({ status: 'reconnecting', retryAt: now() + delay, attempt: failedAttempts });
    retryTimer = setTimeout(() => {
      retryTimer = null;
      connect();
    }, delay);
  };

  const connect = () => {
    if (stopped) return;
    setState({ status: 'connecting' });
    let current: SocketLike;
    try {
      current = createSocket(options.url);
    } catch {
      scheduleRetry();
      return;
    }
    socket = current;
    let opened = false;
    current.onopen = () => {
      if (socket !== current) return;
      opened = true;
      failedAttempts = 0;
      setState({ status: 'connected' });
    };
    current.onmessage = (event) => {
      if (socket === current) handleMessage(event.data);
    };
    current.onerror = () => {
      // A close event always follows; reconnecting is decided there.
    };
    current.onclose = () => {
      if (socket !== current) return;
      socket = null;
      failPending(connectionLostMessage);
      if (stopped) return;
      if (opened || !options.checkAccess) return scheduleRetry();
      void options.checkAccess().then(
        (verdict) => {
          if (stopped) return;
          if (verdict === 'refused') {
            stopped = true;
            setState({ status: 'refused', code: 'forbidden' });
          } else scheduleRetry();
        },
        () => {
          if (!stopped) scheduleRetry();
        },
      );
    };
  };

  const invoke = (name: CommandName, args: unknown): Promise<Result<unknown>> => {
    const open = socket;
    if (!open || open.readyState !== socketOpen) return Promise.resolve(fail('unavailable', notConnectedMessage));
    const id = nextId++;
    const message: ClientMessage = { t: 'invoke', id, name, args };
    const text = JSON.stringify(message);
    if (new TextEncoder().encode(text).length > maxMessageBytes) {
      return Promise.resolve(fail('too_large', 'The request is larger than the bridge accepts'));
    }
    return new Promise((resolve) => {
      pending.set(id, resolve);
      open.send(text);
    });
  };

  const subscribe = (name: EventName, listener: EventListener) => {
    let listeners = eventListeners.get(name);
    if (!listeners) eventListeners.set(name, (listeners = new Set()));
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  };

  const api: AgentDeskApi = buildAgentDeskApi(invoke, subscribe);
  connect();

  return {
    mode: 'host',
    api,
    getConnection: () => state,
    onConnectionChange(listener) {
      stateListeners.add(listener);
      return () => {
        stateListeners.delete(listener);
      };
    },
    retryNow() {
      if (stopped || retryTimer === null) return;
      clearTimeout(retryTimer);
      retryTimer = null;
      connect();
    },
    close() {
      stopped = true;
      if (retryTimer !== null) clearTimeout(retryTimer);
      retryTimer = null;
      const open = socket;
      socket = null;
      failPending(notConnectedMessage);
      open?.close(1000, 'closed by the renderer');
    },
  };
}

/** The host is trusted, but a malformed envelope must become a typed failure, not a crash in a component. */
function toResult(raw: unknown): Result<unknown> {
  if (typeof raw === 'object' && raw !== null && 'ok' in raw) {
    if (raw.ok === true && 'value' in raw) return { ok: true, value: raw.value };
    if (raw.ok === false && 'error' in raw) {
      const parsed = commandErrorSchema.safeParse(raw.error);
      if (parsed.success) return { ok: false, error: parsed.data };
    }
  }
  return fail('internal', 'The host sent a malformed answer');
}
