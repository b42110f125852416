// Picks the bridge at start-up: Electron's preload API if present, else the host's WebSocket. Runs in Chromium.
// Host mode receives its per-launch token as `?token=`; we move it into sessionStorage (so a reload still
// works) and out of the address bar (so it is not shared in a screenshot or copied with the URL).
import { buildAgentDeskApi, type AgentDeskApi } from '../../../electron/shared/ipc/api.js';
import { bridgePath } from '../../../electron/shared/ipc/wire.js';
import { fail } from '../../../electron/shared/ipc/result.js';
import { createElectronBridge, type Bridge } from './bridge.js';
import { createHostBridge, notConnectedMessage, type SocketFactory } from './hostBridge.js';

declare global {
  interface Window {
    /** Exposed by electron/preload through contextBridge; absent in host mode. */
    readonly agentDesk?: AgentDeskApi;
  }
}

export const tokenStorageKey = 'agentdesk.bridgeToken';

/** The parts of `window` start-up needs; a parameter so tests can pass a happy-dom window. */
export type StartupWindow = Pick<Window, 'location' | 'history' | 'sessionStorage' | 'agentDesk'>;

/**
 * Reads the token from the query string (first load) or sessionStorage (reload), strips it from the
 * visible URL and returns it; null when there is none.
 */
export function takeBridgeToken(win: Pick<Window, 'location' | 'history' | 'sessionStorage'>): string | null {
  const params = new URLSearchParams(win.location.search);
  const fromUrl = params.get('token');
  if (fromUrl) {
    try {
      win.sessionStorage.setItem(tokenStorageKey, fromUrl);
    } catch {
      // Storage can be disabled; the token still works for this page load.
    }
    params.delete('token');
    const query = params.toString();
    win.history.replaceState(win.history.state, '', `${win.location.pathname}${query ? `?${query}` : ''}${win.location.hash}`);
    return fromUrl;
  }
  try {
    return win.sessionStorage.getItem(tokenStorageKey);
  } catch {
    return null;
  }
}

export function forgetBridgeToken(win: Pick<Window, 'sessionStorage'>): void {
  try {
    win.sessionStorage.removeItem(tokenStorageKey);
  } catch {
    // Nothing stored, nothing to forget.
  }
}

export function bridgeUrl(location: Pick<Location, 'protocol' | 'host'>, token: string): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}${bridgePath}?token=${encodeURIComponent(token)}`;
}

export function connectBridge(win: StartupWindow, createSocket?: SocketFactory): Bridge {
  if (win.agentDesk) return createElectronBridge(win.agentDesk);
  const token = takeBridgeToken(win);
  if (!token) return createMissingTokenBridge();
  const bridge = createHostBridge({
    url: bridgeUrl(win.location, token),
    createSocket,
    checkAccess: () => checkPageAccess(win.location.pathname),
  });
  // A refused token is stale (the host restarted): keeping it would make every reload fail the same way.
  bridge.onConnectionChange((state) => {
    if (state.status === 'refused') forgetBridgeToken(win);
  });
  return bridge;
}

/**
 * The host answers a bridge upgrade with a wrong token by HTTP 403, which a WebSocket cannot see. The page
 * itself is guarded by the same token (as a cookie), so a 403 for it means the token is stale (the host was
 * restarted); a network error means the host is down and retrying makes sense.
 */
export async function checkPageAccess(pageUrl: string): Promise<'refused' | 'retry'> {
  try {
    const response = await fetch(pageUrl, { method: 'HEAD', cache: 'no-store', credentials: 'same-origin' });
    return response.status === 403 ? 'refused' : 'retry';
  } catch {
    return 'retry';
  }
}

/** Host mode opened without a token: every command answers `unavailable`, the status bar says why. */
function createMissingTokenBridge(): Bridge {
  const state = { status: 'missing-token' } as const;
  return {
    mode: 'host',
    api: buildAgentDeskApi(
      async () => fail('unavailable', notConnectedMessage),
      () => () => {},
    ),
    getConnection: () => state,
    onConnectionChange: () => () => {},
    retryNow: () => {},
    close: () => {},
  };
}
