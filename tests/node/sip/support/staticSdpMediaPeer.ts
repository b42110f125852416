// Test support, SIGNALLING TIER ONLY: a MediaPeer that owns no media at all. It answers the media port
// with a fixed, syntactically valid audio SDP (PCMU/PCMA + telephone-event) whose direction follows
// hold and the remote offer the way sip.js's Web SessionDescriptionHandler does. sip.js only needs a
// string body to signal; real audio is the browser tier's job (renderer media engine + Chromium).
import type { MediaPeer, MediaPeerMethod } from '../../../../electron/core/sip/mediaBridge.js';
import { sdpAudioDirection } from '../../../../electron/core/sip/sipService.js';

type Direction = 'sendrecv' | 'sendonly' | 'recvonly' | 'inactive';

interface PeerSession {
  version: number;
  /** A remote offer was set and our answer is still to be produced. */
  remoteOffer?: Direction;
  /** We produced an offer and wait for the remote answer. */
  localOfferPending: boolean;
  muted: boolean;
  closed: boolean;
}

export interface MediaRequestRecord {
  method: MediaPeerMethod;
  sessionId: string;
  params: Record<string, unknown>;
}

let nextPort = 40_000;

/** Our answer's direction for a remote offer, as RFC 3264 §6.1 and sip.js's hold handling give it. */
function answerDirection(remote: Direction, hold: boolean): Direction {
  switch (remote) {
    case 'sendrecv':
      return hold ? 'sendonly' : 'sendrecv';
    case 'sendonly':
      return hold ? 'inactive' : 'recvonly';
    case 'recvonly':
      return 'sendonly';
    case 'inactive':
      return 'inactive';
  }
}

export function audioSdp(direction: Direction, version: number, port: number): string {
  return [
    'v=0',
    `o=- 4242 ${version} IN IP4 127.0.0.1`,
    's=-',
    'c=IN IP4 127.0.0.1',
    't=0 0',
    `m=audio ${port} RTP/AVP 0 8 101`,
    'a=rtpmap:0 PCMU/8000',
    'a=rtpmap:8 PCMA/8000',
    'a=rtpmap:101 telephone-event/8000',
    'a=fmtp:101 0-16',
    `a=${direction}`,
    '',
  ].join('\r\n');
}

export class StaticSdpMediaPeer implements MediaPeer {
  readonly requests: MediaRequestRecord[] = [];
  readonly dtmf: { sessionId: string; tones: string }[] = [];
  /** Conference mixes asked for, in order: which session mixes with which others ([] = mix ended). */
  readonly mixes: { sessionId: string; sessionIds: string[] }[] = [];
  private readonly sessions = new Map<string, PeerSession>();
  private readonly port = nextPort++;
  /** Milliseconds every request takes (to test ordering under delay). */
  delayMs = 0;

  async request(method: MediaPeerMethod, sessionId: string, params: Record<string, unknown>): Promise<unknown> {
    this.requests.push({ method, sessionId, params });
    if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    if (method === 'create') {
      this.sessions.set(sessionId, { version: 1, localOfferPending: false, muted: false, closed: false });
      return undefined;
    }
    const session = this.sessions.get(sessionId);
    if (!session || session.closed) throw new Error(`no open media session ${sessionId}`);
    const hold = (params.options as { hold?: boolean } | undefined)?.hold === true;
    switch (method) {
      case 'setDescription': {
        const direction = sdpAudioDirection(String(params.sdp));
        if (session.localOfferPending) session.localOfferPending = false;
        else session.remoteOffer = direction;
        return undefined;
      }
      case 'getDescription': {
        let direction: Direction;
        if (session.remoteOffer) {
          direction = answerDirection(session.remoteOffer, hold);
          session.remoteOffer = undefined;
        } else {
          direction = hold ? 'sendonly' : 'sendrecv';
          session.localOfferPending = true;
        }
        return { body: audioSdp(direction, session.version++, this.port), contentType: 'application/sdp' };
      }
      case 'rollbackDescription':
        session.remoteOffer = undefined;
        session.localOfferPending = false;
        return undefined;
      case 'sendDtmf':
        this.dtmf.push({ sessionId, tones: String(params.tones) });
        return true;
      case 'mute':
        session.muted = params.muted === true;
        return undefined;
      case 'stats':
        return { signallingOnly: true };
      case 'close':
        session.closed = true;
        return undefined;
      case 'mixWith':
        this.mixes.push({ sessionId, sessionIds: [...(params.sessionIds as string[])] });
        return undefined;
    }
  }

  isMuted(sessionId: string): boolean {
    return this.sessions.get(sessionId)?.muted ?? false;
  }
}
