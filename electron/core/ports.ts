// Ports: the capabilities core services take through their constructors. Plain Node types only;
// electron/main implements them with Electron, electron/host and tests with plain Node.
import type { EventName, EventPayload } from '../shared/ipc/contract.js';

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  setTimeout(callback: () => void, ms: number): { cancel(): void };
}

export type LogFields = Record<string, unknown>;
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

/** Secrets (SIP password, sync token): never in the database, the settings files or the logs. */
export interface SecretStore {
  readonly kind: string;
  get(name: string): Promise<string | undefined>;
  set(name: string, value: string): Promise<void>;
  delete(name: string): Promise<void>;
}

/** Where core sends contract events; main fans out to windows, the host to WebSocket clients. */
export interface EventSink {
  emit<K extends EventName>(name: K, payload: EventPayload<K>): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout(callback, ms) {
    const timer = setTimeout(callback, ms);
    return { cancel: () => clearTimeout(timer) };
  },
};
