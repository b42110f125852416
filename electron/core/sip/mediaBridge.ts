// The media port: a sip.js SessionDescriptionHandlerFactory whose handlers own no media. Every call is
// forwarded to a MediaPeer (the renderer's media engine, which owns the RTCPeerConnection). Plain Node.
// Architecture §3 and the sip-lab README ("Step 4: split agent") explain the split and its pitfalls.
import type {
  BodyAndContentType,
  Session,
  SessionDescriptionHandler,
  SessionDescriptionHandlerFactory,
  SessionDescriptionHandlerOptions,
} from 'sip.js';
import type { Clock, Logger } from '../ports.js';
import type { IceServerConfig } from './sipConfig.js';

/** What core may ask of the media engine, per SIP session. */
export const mediaPeerMethods = [
  'create', // build the peer connection for a session (factory options travel with it)
  'getDescription', // local offer or answer (after ICE gathering completes in the engine)
  'setDescription', // remote offer or answer
  'rollbackDescription',
  'sendDtmf', // RFC 4733 telephone-event
  'mute',
  'stats', // getStats summary (RTT, jitter, loss)
  'close',
  // 3-way conference mixed locally: params { sessionIds: string[] } — the other sessions of the conference.
  // This session then sends the microphone mixed with their remote audio ([] = the microphone alone again).
  'mixWith',
] as const;
export type MediaPeerMethod = (typeof mediaPeerMethods)[number];

/**
 * The port to the media engine. In Electron: IPC or a MessageChannelMain port to the renderer; in host
 * mode: the WebSocket bridge; in signalling tests: a peer that answers with a static SDP. Requests for
 * one session arrive in the order they were made (the handler queues them).
 */
export interface MediaPeer {
  request(method: MediaPeerMethod, sessionId: string, params: Record<string, unknown>): Promise<unknown>;
}

/**
 * SDP modifiers are functions run in the media engine just before setLocalDescription, so they cannot
 * cross a process boundary. They travel by name; the engine maps each name to sip.js's Web modifier.
 */
export const sdpModifierNames = [
  'stripTcpCandidates',
  'stripTelephoneEvent',
  'stripVideo',
  'stripG722',
  'addMidLines',
  'cleanJitsiSdpImageattr',
] as const;
export type SdpModifierName = (typeof sdpModifierNames)[number];

/** Options core passes to getDescription/setDescription (through sip.js, from the Session). */
export interface MediaDescriptionOptions extends SessionDescriptionHandlerOptions {
  /** Offer or answer on hold: sendonly (or inactive when the other side holds too). */
  hold?: boolean;
  /** Modifiers by name, on top of the factory's defaults. */
  modifierNames?: SdpModifierName[];
}

export interface MediaBridgeOptions {
  clock: Clock;
  logger: Logger;
  /** For the engine's RTCPeerConnection; empty means no STUN/TURN at all. */
  iceServers: IceServerConfig[];
  iceGatheringTimeoutMs: number;
  /** Applied to every description of every session. */
  modifierNames?: SdpModifierName[];
  /** A media engine that does not answer within this fails the request (sip.js then fails the offer/answer). */
  requestTimeoutMs?: number;
}

export class MediaBridgeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MediaBridgeError';
  }
}

const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
const MAX_SDP_BYTES = 64 * 1024;
const dtmfTonesPattern = /^[0-9A-Da-d*#,]{1,64}$/;

/** Throws when `value` holds a function anywhere: functions cannot cross the bridge and must not be dropped silently. */
function assertNoFunctions(value: unknown, path: string, depth = 0): void {
  if (typeof value === 'function')
    throw new MediaBridgeError(`${path} is a function; pass SDP modifiers by name (modifierNames)`);
  if (depth > 8 || value === null || typeof value !== 'object') return;
  for (const [key, inner] of Object.entries(value)) assertNoFunctions(inner, `${path}.${key}`, depth + 1);
}

/** A JSON-safe copy of sip.js's options (they come from our own Session options; checked anyway). */
function wireOptions(options: unknown, path: string): Record<string, unknown> {
  if (options === undefined || options === null) return {};
  assertNoFunctions(options, path);
  return JSON.parse(JSON.stringify(options)) as Record<string, unknown>;
}

function checkModifierNames(names: unknown): SdpModifierName[] {
  if (names === undefined) return [];
  if (!Array.isArray(names)) throw new MediaBridgeError('modifierNames must be an array of names');
  for (const name of names) {
    if (!(sdpModifierNames as readonly unknown[]).includes(name))
      throw new MediaBridgeError(`unknown SDP modifier: ${String(name).slice(0, 64)}`);
  }
  return names as SdpModifierName[];
}

/**
 * sip.js's SessionDescriptionHandler for one session, backed by the MediaPeer. Ordering: `create` is
 * async and sip.js calls setDescription right after constructing the handler, so every request chains
 * on one promise queue per session. sendDtmf and close are synchronous in sip.js's interface: they are
 * queued and not awaited (fire and forget); failures are logged.
 */
export class MediaSessionDescriptionHandler implements SessionDescriptionHandler {
  private queue: Promise<unknown>;
  private closed = false;
  private firstFailure: string | undefined;

  constructor(
    private readonly peer: MediaPeer,
    readonly sessionId: string,
    private readonly options: MediaBridgeOptions,
  ) {
    this.queue = this.send('create', this.createParams());
    this.queue.catch((error: unknown) => this.logFailure('create', error));
  }

  /**
   * A new media engine took over (the page reloaded or crashed and came back): build this session's peer
   * connection again there. The caller then re-negotiates with a re-INVITE, whose offer the new connection makes.
   */
  recreate(): void {
    this.enqueue('create', this.createParams()).catch((error: unknown) => this.logFailure('create', error));
  }

  private createParams(): Record<string, unknown> {
    return {
      iceServers: JSON.parse(JSON.stringify(this.options.iceServers)) as unknown,
      iceGatheringTimeoutMs: this.options.iceGatheringTimeoutMs,
    };
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /**
   * Why the first offer/answer failed, if one did. sip.js ends a call whose answer fails (480) before the
   * caller of accept() hears about it, so the call log reads the reason here.
   */
  get failure(): string | undefined {
    return this.firstFailure;
  }

  async getDescription(options?: SessionDescriptionHandlerOptions, modifiers?: unknown[]): Promise<BodyAndContentType> {
    this.refuseModifierFunctions(modifiers);
    const params = this.describeParams(options, 'getDescription options');
    const result = await this.enqueue('getDescription', params).catch((error: unknown) => this.noteFailure(error));
    const description = result as Partial<BodyAndContentType> | null;
    if (!description || typeof description.body !== 'string' || typeof description.contentType !== 'string') {
      throw new MediaBridgeError('media engine returned no description');
    }
    if (description.body.length > MAX_SDP_BYTES) throw new MediaBridgeError('media engine returned an oversized description');
    return { body: description.body, contentType: description.contentType };
  }

  hasDescription(contentType: string): boolean {
    return contentType.trim().toLowerCase().startsWith('application/sdp');
  }

  async setDescription(sdp: string, options?: SessionDescriptionHandlerOptions, modifiers?: unknown[]): Promise<void> {
    this.refuseModifierFunctions(modifiers);
    const params = this.describeParams(options, 'setDescription options');
    await this.enqueue('setDescription', { ...params, sdp }).catch((error: unknown) => this.noteFailure(error));
  }

  async rollbackDescription(): Promise<void> {
    await this.enqueue('rollbackDescription', {});
  }

  sendDtmf(tones: string, options?: unknown): boolean {
    if (this.closed || typeof tones !== 'string' || !dtmfTonesPattern.test(tones)) return false;
    let params: Record<string, unknown>;
    try {
      params = { tones, options: wireOptions(options, 'sendDtmf options') };
    } catch (error) {
      this.logFailure('sendDtmf', error);
      return false;
    }
    this.enqueue('sendDtmf', params).then(
      (sent) => {
        if (sent === false) this.options.logger.warn('media engine did not send DTMF', { sessionId: this.sessionId });
      },
      (error: unknown) => this.logFailure('sendDtmf', error),
    );
    return true;
  }

  /** Mute or unmute the microphone of this session (not part of sip.js's interface). */
  async mute(muted: boolean): Promise<void> {
    await this.enqueue('mute', { muted });
  }

  /**
   * Conference: what this session sends becomes the microphone mixed with the remote audio of `sessionIds`
   * (the conference's other sessions, by sip.js session id); [] ends the mix. The operator hears every
   * session anyway (one player each). Queued like every request, so it follows the re-INVITE that resumed it.
   */
  async mixWith(sessionIds: string[]): Promise<void> {
    await this.enqueue('mixWith', { sessionIds: [...sessionIds] });
  }

  /** Call-quality figures from the media engine (shape defined there). */
  async stats(): Promise<unknown> {
    return this.enqueue('stats', {});
  }

  close(): void {
    if (this.closed) return;
    // Queued behind whatever is pending, so the engine sees close last; later calls are refused here.
    const closing = this.enqueue('close', {});
    this.closed = true;
    closing.catch((error: unknown) => this.logFailure('close', error));
  }

  private noteFailure(error: unknown): never {
    this.firstFailure ??= error instanceof Error ? error.message : String(error);
    throw error;
  }

  private refuseModifierFunctions(modifiers: unknown[] | undefined): void {
    if (modifiers && modifiers.length > 0) {
      throw new MediaBridgeError('SDP modifier functions cannot cross to the media engine; pass modifierNames in the options');
    }
  }

  private describeParams(options: SessionDescriptionHandlerOptions | undefined, path: string): Record<string, unknown> {
    const plain = wireOptions(options, path);
    const names = [...(this.options.modifierNames ?? []), ...checkModifierNames(plain.modifierNames)];
    delete plain.modifierNames;
    return { options: plain, modifierNames: [...new Set(names)] };
  }

  private enqueue(method: MediaPeerMethod, params: Record<string, unknown>): Promise<unknown> {
    if (this.closed) return Promise.reject(new MediaBridgeError(`media session ${this.sessionId} is closed`));
    const next = this.queue.then(
      () => this.send(method, params),
      // A failed earlier step (even `create`) does not block later ones: the engine answers each.
      () => this.send(method, params),
    );
    this.queue = next.catch(() => undefined);
    return next;
  }

  private send(method: MediaPeerMethod, params: Record<string, unknown>): Promise<unknown> {
    const timeoutMs = this.options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    return new Promise((resolve, reject) => {
      const timer = this.options.clock.setTimeout(
        () => reject(new MediaBridgeError(`media engine did not answer ${method} within ${timeoutMs} ms`)),
        timeoutMs,
      );
      let request: Promise<unknown>;
      try {
        request = this.peer.request(method, this.sessionId, params);
      } catch (error) {
        request = Promise.reject(error);
      }
      request.then(
        (value) => {
          timer.cancel();
          resolve(value);
        },
        (error: unknown) => {
          timer.cancel();
          reject(error instanceof Error ? error : new MediaBridgeError(String(error)));
        },
      );
    });
  }

  private logFailure(method: MediaPeerMethod, error: unknown): void {
    this.options.logger.warn('media request failed', {
      method,
      sessionId: this.sessionId,
      error: error instanceof Error ? error.message : String(error),
    });
  }
}

/** The factory sip.js's UserAgent takes (`sessionDescriptionHandlerFactory`). */
export function createMediaBridgeFactory(peer: MediaPeer, options: MediaBridgeOptions): SessionDescriptionHandlerFactory {
  return (session: Session) => new MediaSessionDescriptionHandler(peer, session.id, options);
}
