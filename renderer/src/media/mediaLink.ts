// Carries core's media requests to the MediaEngine and its replies back. Runs in Chromium.
// Host mode: a second WebSocket to the host bridge (same token) that announces itself with `attachMedia`,
// so the command bridge stays untouched; it re-attaches after every reconnect. Electron: a preload may
// expose `window.agentDeskMedia` (see electron/main/adapters/windowMediaEngine.ts); without it, no media.
import {
  maxMediaReplyBytes,
  mediaRequestSchema,
  type MediaReplyMessage,
  type MediaRequestMessage,
} from '../../../electron/shared/ipc/wire.js';
import { bridgeUrl, tokenStorageKey } from '../bridge/connect.js';
import type { MediaEngine } from './mediaEngine.js';

/** What an Electron preload would expose for media (requests in, replies out). */
export interface MediaChannel {
  onRequest(listener: (request: unknown) => void): () => void;
  reply(message: MediaReplyMessage): void;
  /** Tells main that this window runs the media engine (last one wins). */
  attach(): void;
}

declare global {
  interface Window {
    readonly agentDeskMedia?: MediaChannel;
  }
}

export interface MediaLink {
  /** Reconnect now instead of waiting for the back-off (the command bridge just came back). */
  retryNow(): void;
  stop(): void;
}

/** Runs one request on the engine and turns the outcome into a reply that fits the wire. */
export async function answerMediaRequest(engine: MediaEngine, raw: unknown): Promise<MediaReplyMessage | null> {
  const parsed = mediaRequestSchema.safeParse(raw);
  if (!parsed.success) {
    const id =
      typeof raw === 'object' && raw !== null && typeof (raw as { id?: unknown }).id === 'number'
        ? (raw as { id: number }).id
        : null;
    return id === null ? null : { t: 'mediaReply', id, ok: false, error: 'malformed media request' };
  }
  const request: MediaRequestMessage = parsed.data;
  let reply: MediaReplyMessage;
  try {
    const value = await engine.handle(request.method, request.sessionId, request.params);
    reply = { t: 'mediaReply', id: request.id, ok: true, value: value ?? null };
  } catch (error) {
    reply = {
      t: 'mediaReply',
      id: request.id,
      ok: false,
      error: (error instanceof Error ? error.message : String(error)).slice(0, 1000),
    };
  }
  if (JSON.stringify(reply).length > maxMediaReplyBytes) {
    reply = { t: 'mediaReply', id: request.id, ok: false, error: 'reply too large for the bridge' };
  }
  return reply;
}

export function connectHostMediaLink(engine: MediaEngine, win: Window = window): MediaLink | null {
  let token: string | null = null;
  try {
    token = win.sessionStorage.getItem(tokenStorageKey);
  } catch {
    token = null;
  }
  if (!token) return null;
  const url = bridgeUrl(win.location, token);
  let socket: WebSocket | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let delayMs = 500;
  let stopped = false;

  const connect = () => {
    if (stopped) return;
    const current = new WebSocket(url);
    socket = current;
    current.onopen = () => {
      delayMs = 500;
      current.send(JSON.stringify({ t: 'attachMedia' }));
    };
    current.onmessage = (event: MessageEvent) => {
      if (typeof event.data !== 'string' || event.data.length > maxMediaReplyBytes) return;
      // Every contract event reaches this socket too (the command socket handles them): skip them unparsed,
      // they arrive in bursts on a ring and must not queue up in front of the call's media requests.
      if (event.data.startsWith('{"t":"event"')) return;
      let message: unknown;
      try {
        message = JSON.parse(event.data);
      } catch {
        return;
      }
      // Commands' events also arrive on this socket; only media requests are ours.
      if (typeof message !== 'object' || message === null || (message as { t?: unknown }).t !== 'media') return;
      void answerMediaRequest(engine, message).then((reply) => {
        if (reply && current.readyState === WebSocket.OPEN) current.send(JSON.stringify(reply));
      });
    };
    current.onclose = () => {
      if (socket !== current) return;
      socket = null;
      // Core has detached us and failed what was pending: these peer connections can no longer be driven.
      engine.closeAll();
      if (stopped) return;
      retryTimer = setTimeout(connect, delayMs);
      delayMs = Math.min(delayMs * 2, 10_000);
    };
  };
  connect();

  return {
    retryNow() {
      if (stopped || socket !== null || retryTimer === null) return;
      clearTimeout(retryTimer);
      retryTimer = null;
      connect();
    },
    stop() {
      stopped = true;
      if (retryTimer !== null) clearTimeout(retryTimer);
      const open = socket;
      socket = null;
      open?.close(1000, 'media engine stopped');
      engine.closeAll();
    },
  };
}

/** Electron: the same engine behind the preload's channel. */
export function connectChannelMediaLink(engine: MediaEngine, channel: MediaChannel): MediaLink {
  const unsubscribe = channel.onRequest((request) => {
    void answerMediaRequest(engine, request).then((reply) => reply && channel.reply(reply));
  });
  channel.attach();
  return {
    retryNow: () => channel.attach(),
    stop() {
      unsubscribe();
      engine.closeAll();
    },
  };
}
