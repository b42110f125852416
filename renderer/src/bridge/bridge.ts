// The renderer's view of "the other side" (Electron main or the host), whatever carries it. Runs in Chromium.
// Components never see sockets or ipcRenderer: they get an AgentDeskApi plus a connection state to show.
import type { AgentDeskApi } from '../../../electron/shared/ipc/api.js';

export type BridgeMode = 'electron' | 'host';

/**
 * What the status bar shows about the bridge.
 * - `connecting`: first attempt (or a retry) in progress.
 * - `reconnecting`: the socket dropped; the next attempt starts at `retryAt` (ms since epoch).
 * - `refused`: the host refused us (wrong or expired token); retrying cannot help.
 * - `missing-token`: host mode opened without `?token=`; nothing to connect with.
 */
export type ConnectionState =
  | { status: 'connected' }
  | { status: 'connecting' }
  | { status: 'reconnecting'; retryAt: number; attempt: number }
  | { status: 'refused'; code: 'forbidden' | 'too_large' }
  | { status: 'missing-token' };

export interface Bridge {
  readonly mode: BridgeMode;
  readonly api: AgentDeskApi;
  /** Returns the same object until the state changes (it feeds useSyncExternalStore). */
  getConnection(): ConnectionState;
  onConnectionChange(listener: (state: ConnectionState) => void): () => void;
  /** Skips the back-off wait; a no-op when there is nothing to retry. */
  retryNow(): void;
  close(): void;
}

/** The Electron preload's `window.agentDesk`: IPC never "disconnects" while the window lives. */
export function createElectronBridge(api: AgentDeskApi): Bridge {
  const connected: ConnectionState = { status: 'connected' };
  return {
    mode: 'electron',
    api,
    getConnection: () => connected,
    onConnectionChange: () => () => {},
    retryNow: () => {},
    close: () => {},
  };
}
