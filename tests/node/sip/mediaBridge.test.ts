// The media port (no network): per-session ordering, SDP modifiers by name only, fire-and-forget DTMF
// and close, timeouts, and a media engine's wrong answers turned into errors sip.js can handle.
import { describe, expect, it } from 'vitest';
import { MemoryLogger } from '../../../electron/core/log/memoryLogger.js';
import { systemClock } from '../../../electron/core/ports.js';
import {
  MediaSessionDescriptionHandler,
  type MediaBridgeOptions,
  type MediaPeer,
  type MediaPeerMethod,
} from '../../../electron/core/sip/mediaBridge.js';
import { ManualClock } from '../../support/manualClock.js';

interface Call {
  method: MediaPeerMethod;
  params: Record<string, unknown>;
  started: number;
  finished?: number;
}

/** A media engine that answers each request after `delays[method]` ms and logs start/finish order. */
class ScriptedPeer implements MediaPeer {
  readonly calls: Call[] = [];
  private tick = 0;
  constructor(
    private readonly delays: Partial<Record<MediaPeerMethod, number>> = {},
    private readonly answers: Partial<Record<MediaPeerMethod, unknown>> = {},
  ) {}
  async request(method: MediaPeerMethod, _sessionId: string, params: Record<string, unknown>): Promise<unknown> {
    const call: Call = { method, params, started: this.tick++ };
    this.calls.push(call);
    await new Promise((resolve) => setTimeout(resolve, this.delays[method] ?? 0));
    call.finished = this.tick++;
    if (method === 'getDescription') return this.answers.getDescription ?? { body: 'v=0\r\n', contentType: 'application/sdp' };
    return this.answers[method];
  }
}

const options = (extra: Partial<MediaBridgeOptions> = {}): MediaBridgeOptions => ({
  clock: systemClock,
  logger: new MemoryLogger(),
  iceServers: [],
  iceGatheringTimeoutMs: 1000,
  ...extra,
});

describe('media bridge', () => {
  it('keeps requests of one session in order even when create is slow', async () => {
    const peer = new ScriptedPeer({ create: 40, setDescription: 5 });
    const handler = new MediaSessionDescriptionHandler(
      peer,
      's1',
      options({ iceServers: [{ urls: 'turn:turn.example:3478', username: 'u', credential: 'c' }] }),
    );
    // sip.js calls setDescription right after constructing the handler, before create has finished.
    const set = handler.setDescription('v=0\r\n', { hold: false } as object);
    const get = handler.getDescription({} as object);
    await Promise.all([set, get]);
    expect(peer.calls.map((c) => c.method)).toEqual(['create', 'setDescription', 'getDescription']);
    for (let i = 1; i < peer.calls.length; i++) expect(peer.calls[i]!.started).toBeGreaterThan(peer.calls[i - 1]!.finished!);
    expect(peer.calls[0]!.params).toEqual({
      iceServers: [{ urls: 'turn:turn.example:3478', username: 'u', credential: 'c' }],
      iceGatheringTimeoutMs: 1000,
    });
    expect(peer.calls[1]!.params).toMatchObject({ sdp: 'v=0\r\n', options: { hold: false }, modifierNames: [] });
  });

  it('refuses SDP modifier functions and unknown names; passes known names with the defaults', async () => {
    const peer = new ScriptedPeer();
    const handler = new MediaSessionDescriptionHandler(peer, 's2', options({ modifierNames: ['stripVideo'] }));
    const modifier = async (description: unknown) => description;
    await expect(handler.getDescription({}, [modifier as never])).rejects.toThrow(
      /cannot cross to the media engine; pass modifierNames/,
    );
    await expect(handler.getDescription({ onDataChannel: () => undefined } as object)).rejects.toThrow(/is a function/);
    await expect(handler.getDescription({ modifierNames: ['rm -rf'] } as object)).rejects.toThrow(/unknown SDP modifier/);
    await handler.getDescription({ modifierNames: ['stripTelephoneEvent', 'stripVideo'] } as object);
    const sent = peer.calls.filter((c) => c.method === 'getDescription');
    expect(sent).toHaveLength(1); // refused requests never reach the engine
    expect(sent[0]!.params).toEqual({ options: {}, modifierNames: ['stripVideo', 'stripTelephoneEvent'] });
  });

  it('sends DTMF and close without waiting, in order, and refuses everything after close', async () => {
    const peer = new ScriptedPeer({ getDescription: 30 }, { sendDtmf: true });
    const handler = new MediaSessionDescriptionHandler(peer, 's3', options());
    const pending = handler.getDescription();
    expect(handler.sendDtmf('12#', { duration: 100 })).toBe(true); // synchronous answer, as sip.js expects
    expect(handler.sendDtmf('not dtmf')).toBe(false);
    handler.close();
    expect(handler.sendDtmf('1')).toBe(false);
    await expect(handler.setDescription('v=0\r\n')).rejects.toThrow(/closed/);
    await pending;
    await expect.poll(() => peer.calls.map((c) => c.method)).toEqual(['create', 'getDescription', 'sendDtmf', 'close']);
    expect(peer.calls[2]!.params).toEqual({ tones: '12#', options: { duration: 100 } });
  });

  it('fails a request the engine never answers, and later requests still go through', async () => {
    const clock = new ManualClock();
    let answerCreate: (() => void) | undefined;
    const peer: MediaPeer = {
      request: (method) =>
        method === 'create'
          ? new Promise((resolve) => (answerCreate = () => resolve(undefined)))
          : Promise.resolve({ body: 'v=0\r\n', contentType: 'application/sdp' }),
    };
    const logger = new MemoryLogger();
    const handler = new MediaSessionDescriptionHandler(peer, 's4', options({ clock, logger, requestTimeoutMs: 5000 }));
    const first = handler.getDescription();
    clock.advance(5000); // create times out; getDescription waited behind it and goes now
    await expect(first).resolves.toEqual({ body: 'v=0\r\n', contentType: 'application/sdp' });
    expect(logger.lines).toContainEqual(
      expect.objectContaining({ message: 'media request failed', fields: expect.objectContaining({ method: 'create' }) }),
    );
    answerCreate?.();
  });

  it('turns a malformed or oversized answer from the engine into an error', async () => {
    const empty = new MediaSessionDescriptionHandler(new ScriptedPeer({}, { getDescription: { body: 42 } }), 's5', options());
    await expect(empty.getDescription()).rejects.toThrow(/no description/);
    const huge = new MediaSessionDescriptionHandler(
      new ScriptedPeer({}, { getDescription: { body: 'a'.repeat(70_000), contentType: 'application/sdp' } }),
      's6',
      options(),
    );
    await expect(huge.getDescription()).rejects.toThrow(/oversized/);
    expect(empty.hasDescription('application/sdp')).toBe(true);
    expect(empty.hasDescription('text/plain')).toBe(false);
  });

  it('forwards mute and stats, awaiting the engine', async () => {
    const peer = new ScriptedPeer({}, { stats: { rttMs: 12 } });
    const handler = new MediaSessionDescriptionHandler(peer, 's7', options());
    await handler.mute(true);
    await expect(handler.stats()).resolves.toEqual({ rttMs: 12 });
    expect(peer.calls.map((c) => [c.method, c.params])).toEqual([
      ['create', { iceServers: [], iceGatheringTimeoutMs: 1000 }],
      ['mute', { muted: true }],
      ['stats', {}],
    ]);
  });
});
