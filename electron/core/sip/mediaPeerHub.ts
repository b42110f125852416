// The MediaPeer core hands to sip.js when the media engine lives in a page (host WebSocket bridge, or an
// Electron window): it forwards each request to the ONE attached engine and matches the replies. Plain Node.
// Rules: the last engine to attach wins; detaching (socket closed, page reloaded, replaced) rejects its
// pending requests at once with a reason, so sip.js fails the offer/answer (480) instead of hanging;
// every request also has its own timeout.
import type { Clock, Logger } from '../ports.js';
import { MediaBridgeError, type MediaPeer, type MediaPeerMethod } from './mediaBridge.js';

/** One request as it travels to the engine (the transport wraps it: `{t:'media', …}` on the host wire). */
export interface MediaEngineRequest {
  id: number;
  method: MediaPeerMethod;
  sessionId: string;
  params: Record<string, unknown>;
}

/** The answer the transport hands back: a value, or the engine's error text. */
export type MediaEngineReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };

/** A page that runs the media engine, as its transport sees it. */
export interface MediaEngineLink {
  /** Delivers a request; throws (or returns false) when the link can no longer carry it. */
  send(request: MediaEngineRequest): boolean | void;
  /** For logs only: which page this is (e.g. "host socket 3"). */
  readonly label: string;
}

export interface MediaPeerHubOptions {
  clock: Clock;
  logger: Logger;
  /** A request the engine does not answer within this fails (the bridge's own timeout is usually longer). */
  requestTimeoutMs?: number;
}

interface Pending {
  engine: MediaEngineLink;
  method: MediaPeerMethod;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  timer: { cancel(): void };
}

const DEFAULT_REQUEST_TIMEOUT_MS = 8_000;

export class MediaPeerHub implements MediaPeer {
  private engine: MediaEngineLink | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private readonly listeners = new Set<(engine: MediaEngineLink | null) => void>();

  constructor(private readonly options: MediaPeerHubOptions) {}

  /** The engine media requests go to now, or null. */
  get attached(): MediaEngineLink | null {
    return this.engine;
  }

  /** Called with the new engine (or null) whenever it changes; returns the unsubscribe function. */
  onEngineChange(listener: (engine: MediaEngineLink | null) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Routes media to `engine` from now on. A previously attached engine is detached first (its requests fail). */
  attach(engine: MediaEngineLink): void {
    if (this.engine === engine) return;
    if (this.engine) this.failPendingOf(this.engine, `the media engine was replaced by ${engine.label}`);
    this.engine = engine;
    this.options.logger.info('media engine attached', { engine: engine.label });
    this.notify();
  }

  /** The engine's page went away: its pending requests fail now, with the reason. */
  detach(engine: MediaEngineLink, reason = 'the media engine disconnected'): void {
    this.failPendingOf(engine, reason);
    if (this.engine !== engine) return;
    this.engine = null;
    this.options.logger.warn('media engine detached', { engine: engine.label, reason });
    this.notify();
  }

  /** A reply arrived from `from`; replies from any other page (or for unknown ids) are ignored. */
  reply(from: MediaEngineLink, reply: MediaEngineReply): void {
    const waiting = this.pending.get(reply.id);
    if (!waiting || waiting.engine !== from) return;
    this.pending.delete(reply.id);
    waiting.timer.cancel();
    if (reply.ok) waiting.resolve(reply.value);
    else waiting.reject(new MediaBridgeError(`media engine failed ${waiting.method}: ${reply.error}`));
  }

  request(method: MediaPeerMethod, sessionId: string, params: Record<string, unknown>): Promise<unknown> {
    const engine = this.engine;
    if (!engine) return Promise.reject(new MediaBridgeError('No media engine is connected: open the console window'));
    const id = this.nextId++;
    const timeoutMs = this.options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    return new Promise<unknown>((resolve, reject) => {
      const timer = this.options.clock.setTimeout(() => {
        if (!this.pending.delete(id)) return;
        reject(new MediaBridgeError(`media engine did not answer ${method} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, { engine, method, resolve, reject, timer });
      let delivered: boolean | void;
      try {
        delivered = engine.send({ id, method, sessionId, params });
      } catch (error) {
        delivered = false;
        this.options.logger.warn('media request could not be sent', {
          method,
          error: error instanceof Error ? error.message : String(error),
        });
      }
      if (delivered === false) {
        this.pending.delete(id);
        timer.cancel();
        reject(new MediaBridgeError(`the media engine (${engine.label}) can no longer be reached`));
      }
    });
  }

  /** Fails everything still waiting (shutdown). */
  close(): void {
    for (const engine of new Set([...this.pending.values()].map((p) => p.engine)))
      this.failPendingOf(engine, 'AgentDesk is shutting down');
    this.engine = null;
  }

  private failPendingOf(engine: MediaEngineLink, reason: string): void {
    for (const [id, waiting] of [...this.pending]) {
      if (waiting.engine !== engine) continue;
      this.pending.delete(id);
      waiting.timer.cancel();
      waiting.reject(new MediaBridgeError(`${waiting.method} failed: ${reason}`));
    }
  }

  private notify(): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(this.engine);
      } catch (error) {
        this.options.logger.warn('media engine listener failed', {
          error: error instanceof Error ? error.message : String(error),
        });
      }
    }
  }
}
