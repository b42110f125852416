// The one place that gives sip.js a WebSocket in plain Node (Electron main, the host, tests).
// Node 20 has no global WebSocket (Node ≥ 22 has); sip.js calls `new WebSocket(url, "sip")` on connect.
import { WebSocket as WsWebSocket, type ClientOptions } from 'ws';

/**
 * No SIP message we accept comes near this; a larger frame closes the connection (ws answers 1009)
 * instead of buffering up to ws's default of 100 MiB from a hostile or broken server.
 */
export const MAX_SIP_FRAME_BYTES = 128 * 1024;

/** `ws`'s WebSocket with the frame cap: same constructor shape as the WHATWG class sip.js expects. */
export class SipNodeWebSocket extends WsWebSocket {
  constructor(address: string | URL, protocols?: string | string[], options?: ClientOptions) {
    super(address, protocols, { ...options, maxPayload: MAX_SIP_FRAME_BYTES });
  }
}

/**
 * Installs SipNodeWebSocket as `globalThis.WebSocket` when there is none. A runtime that has its own
 * (Node ≥ 22, Electron's renderer) keeps it. Safe to call more than once.
 */
export function installNodeWebSocket(): void {
  const global = globalThis as { WebSocket?: unknown };
  if (typeof global.WebSocket === 'undefined') global.WebSocket = SipNodeWebSocket;
}
