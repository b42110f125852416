// Browser tier: a call's microphone that stops mid-call (renderer/src/media/mediaEngine.ts with
// microphoneRecovery.ts) in Debian's Chromium with fake devices. Two media engines on one page call each other
// (the operator's and a stand-in for the far end); the operator's microphone track ends as an unplugged device
// ends it, and the engine puts a new live microphone on every call's RTCRtpSender without renegotiating, keeps
// mute, falls back from a chosen device that no longer opens to the system default, and — when nothing opens —
// says so once and tries again on `devicechange`. With a routable interface (tests/sip/netns-run.sh) it also
// checks that audio keeps arriving at the far end after the swap.
import { build } from 'esbuild';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium.js';
import { repoRoot } from '../support/paths.js';

/** Chromium gathers ICE candidates only on a non-loopback interface (with a default route). */
const hasRoutableInterface = Object.values(networkInterfaces()).some((list) =>
  list?.some((i) => i.family === 'IPv4' && !i.internal),
);

/** Every RTCPeerConnection the page makes, for the test to look at its senders (no hook in app code). */
const recordPeerConnections = `(() => {
  const Native = window.RTCPeerConnection;
  window.peerConnections = [];
  window.RTCPeerConnection = class extends Native {
    constructor(...args) { super(...args); window.peerConnections.push(this); }
  };
})();`;

let browser: Browser;
let bundle: string;
let page: Page;

beforeAll(async () => {
  const built = await build({
    entryPoints: [join(repoRoot, 'renderer/src/media/mediaEngine.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    globalName: 'MediaEngineModule',
    target: 'chrome120',
  });
  bundle = built.outputFiles[0]!.text;
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

afterEach(async () => {
  await page?.close();
});

interface SenderTrack {
  id: string;
  readyState: string;
  enabled: boolean;
  label: string;
}

/**
 * A fresh page with two engines: `operator` places `calls` calls, `far` answers each (offer/answer through the
 * engines' own handle(), as core drives them). window.events collects the operator engine's microphone events.
 */
async function openCalls(calls: number): Promise<void> {
  page = await browser.newPage();
  await page.addInitScript({ content: recordPeerConnections });
  // getUserMedia needs a secure context: a localhost page (served by the route, no server behind it).
  const url = 'http://localhost/microphone-recovery.html';
  await page.route(url, (route) =>
    route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>microphone recovery</title><body></body>' }),
  );
  await page.goto(url);
  await page.addScriptTag({ content: bundle });
  await page.evaluate(async (count) => {
    type Engine = {
      handle(method: string, sessionId: string, params: Record<string, unknown>): Promise<unknown>;
      onMicrophoneEvent(listener: (event: unknown) => void): () => void;
      setInputDevice(deviceId: string): Promise<void>;
    };
    const w = window as unknown as Record<string, unknown> & {
      MediaEngineModule: { MediaEngine: new () => Engine };
    };
    const operator = new w.MediaEngineModule.MediaEngine();
    const far = new w.MediaEngineModule.MediaEngine();
    const events: unknown[] = [];
    operator.onMicrophoneEvent((event) => events.push(event));
    Object.assign(w, { operator, far, events });
    const params = { iceGatheringTimeoutMs: 500 };
    for (let i = 0; i < count; i++) {
      const id = `call-${i}`;
      await operator.handle('create', id, params);
      await far.handle('create', id, params);
      const offer = await operator.handle('getDescription', id, { options: {}, modifierNames: [] });
      const offerSdp = (offer as { body: string }).body;
      await far.handle('setDescription', id, { sdp: offerSdp, options: {}, modifierNames: [] });
      const answer = await far.handle('getDescription', id, { options: {}, modifierNames: [] });
      await operator.handle('setDescription', id, { sdp: (answer as { body: string }).body, options: {}, modifierNames: [] });
    }
  }, calls);
}

/** The track each operator call sends (the operator's connections are the even ones: made first per call). */
function operatorSenderTracks(): Promise<(SenderTrack | null)[]> {
  return page.evaluate(() => {
    const connections = (window as unknown as { peerConnections: RTCPeerConnection[] }).peerConnections;
    return connections
      .filter((_, index) => index % 2 === 0)
      .map((pc) => {
        const track = pc.getSenders().find((sender) => sender.track?.kind === 'audio')?.track;
        return track ? { id: track.id, readyState: track.readyState, enabled: track.enabled, label: track.label } : null;
      });
  });
}

/** What an unplugged device does to its capture: the track ends and says so with 'ended'. */
function unplugOperatorMicrophones(): Promise<void> {
  return page.evaluate(() => {
    const connections = (window as unknown as { peerConnections: RTCPeerConnection[] }).peerConnections;
    for (const pc of connections.filter((_, index) => index % 2 === 0)) {
      const track = pc.getSenders().find((sender) => sender.track?.kind === 'audio')?.track;
      if (!track) continue;
      track.stop();
      track.dispatchEvent(new Event('ended'));
    }
  });
}

const microphoneEvents = () => page.evaluate(() => (window as unknown as { events: Record<string, unknown>[] }).events);

/** Packets the far end has received on call `index` so far. */
const farPacketsReceived = (index: number) =>
  page.evaluate(
    async (id) =>
      (
        (await (window as unknown as { far: { handle(m: string, s: string, p: object): Promise<unknown> } }).far.handle(
          'stats',
          id,
          {},
        )) as { packetsReceived: number }
      ).packetsReceived,
    `call-${index}`,
  );

const poll = { timeout: 20_000, interval: 200 };

describe('a microphone that stops during a call', () => {
  it('is reopened from the system default on every call, muted where the call was muted, without renegotiation', async () => {
    await openCalls(2);
    await page.evaluate(() =>
      (window as unknown as { operator: { handle(m: string, s: string, p: object): Promise<unknown> } }).operator.handle(
        'mute',
        'call-1',
        { muted: true },
      ),
    );
    const before = await operatorSenderTracks();
    expect(before.map((track) => track?.readyState)).toEqual(['live', 'live']);
    expect(before.map((track) => track?.enabled)).toEqual([true, false]);
    const signalingBefore = await page.evaluate(() =>
      (window as unknown as { peerConnections: RTCPeerConnection[] }).peerConnections.map((pc) => pc.localDescription?.sdp),
    );

    await unplugOperatorMicrophones();

    await expect
      .poll(async () => (await operatorSenderTracks()).map((track) => track?.readyState), poll)
      .toEqual(['live', 'live']);
    const after = await operatorSenderTracks();
    expect(after[0]!.id).not.toBe(before[0]!.id);
    expect(after[1]!.id).not.toBe(before[1]!.id);
    expect(after[0]!.id).not.toBe(after[1]!.id);
    expect(after.map((track) => track?.enabled)).toEqual([true, false]);
    // replaceTrack, not a new offer: the descriptions are the ones negotiated before.
    const signalingAfter = await page.evaluate(() =>
      (window as unknown as { peerConnections: RTCPeerConnection[] }).peerConnections.map((pc) => pc.localDescription?.sdp),
    );
    expect(signalingAfter).toEqual(signalingBefore);

    // One event for the two calls: the system default opened again (the operator chose no device).
    const events = await microphoneEvents();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ kind: 'reopened', chosenDeviceId: '', deviceId: '', afterOutage: false });
    expect(events[0]!.previousLabel).toBe(before[0]!.label);

    if (hasRoutableInterface) {
      // The far end keeps hearing the operator: packets arrive after the swap.
      await expect.poll(() => farPacketsReceived(0), poll).toBeGreaterThan(0);
      const received = await farPacketsReceived(0);
      await expect.poll(() => farPacketsReceived(0), poll).toBeGreaterThan(received + 10);
    }
  });

  // Core closes call-0 while its new microphone is being put on the sender: just after replaceTrack started (Chromium
  // then resolves it), or just before it reached the sender (replaceTrack then rejects: the connection is closed).
  it.each(['after', 'before'] as const)(
    'gives the other calls their microphone when core hangs one up during the swap (%s replaceTrack), and releases its copy',
    async (closeWhen) => {
      await openCalls(2);
      await page.evaluate((closeWhen) => {
        const w = window as unknown as {
          peerConnections: RTCPeerConnection[];
          operator: { handle(m: string, s: string, p: object): Promise<unknown> };
          handedToClosedCall: MediaStreamTrack | null;
        };
        const closing = w.peerConnections[0]!.getSenders().find((sender) => sender.track?.kind === 'audio')!;
        const native = RTCRtpSender.prototype.replaceTrack;
        w.handedToClosedCall = null;
        RTCRtpSender.prototype.replaceTrack = function (this: RTCRtpSender, track: MediaStreamTrack | null) {
          if (this !== closing || w.handedToClosedCall !== null) return native.call(this, track);
          w.handedToClosedCall = track;
          if (closeWhen === 'before') void w.operator.handle('close', 'call-0', {});
          const replacing = native.call(this, track);
          if (closeWhen === 'after') void w.operator.handle('close', 'call-0', {});
          return replacing;
        };
      }, closeWhen);
      const before = await operatorSenderTracks();

      // Both microphones stop, and one 'ended' event starts the one reopening that must serve both calls.
      await page.evaluate(() => {
        const connections = (window as unknown as { peerConnections: RTCPeerConnection[] }).peerConnections;
        const tracks = [connections[0]!, connections[2]!].map(
          (pc) => pc.getSenders().find((sender) => sender.track?.kind === 'audio')!.track!,
        );
        for (const track of tracks) track.stop();
        tracks[0]!.dispatchEvent(new Event('ended'));
      });

      await expect.poll(async () => (await operatorSenderTracks())[1]?.readyState, poll).toBe('live');
      expect((await operatorSenderTracks())[1]!.id).not.toBe(before[1]!.id);
      await expect.poll(microphoneEvents, poll).toEqual([expect.objectContaining({ kind: 'reopened', deviceId: '' })]);
      // The track meant for the closed call was stopped, not left capturing the device.
      const closedCall = await page.evaluate(() => {
        const w = window as unknown as { peerConnections: RTCPeerConnection[]; handedToClosedCall: MediaStreamTrack | null };
        return { handed: w.handedToClosedCall?.readyState ?? null, connection: w.peerConnections[0]!.connectionState };
      });
      expect(closedCall).toEqual({ handed: 'ended', connection: 'closed' });
    },
  );

  it('falls back to the system default when the chosen microphone no longer opens', async () => {
    await openCalls(1);
    // A chosen device that is gone: switching the running call to it fails and leaves its microphone as it was.
    const switched = await page.evaluate(() =>
      (window as unknown as { operator: { setInputDevice(id: string): Promise<void> } }).operator
        .setInputDevice('unplugged-headset')
        .then(
          () => 'switched',
          (error: Error) => error.name,
        ),
    );
    expect(switched).toBe('OverconstrainedError');
    const [before] = await operatorSenderTracks();
    expect(before!.readyState).toBe('live');

    await unplugOperatorMicrophones();

    await expect.poll(async () => (await operatorSenderTracks())[0]?.readyState, poll).toBe('live');
    expect((await operatorSenderTracks())[0]!.id).not.toBe(before!.id);
    expect(await microphoneEvents()).toEqual([
      expect.objectContaining({ kind: 'reopened', chosenDeviceId: 'unplugged-headset', deviceId: '', afterOutage: false }),
    ]);
  });

  it('says once that no microphone opens, and takes one as soon as a device change brings it', async () => {
    await openCalls(1);
    const [before] = await operatorSenderTracks();
    // No microphone anywhere: every getUserMedia fails as Chromium fails it without a capture device.
    await page.evaluate(() => {
      const media = navigator.mediaDevices;
      const w = window as unknown as { realGetUserMedia: typeof media.getUserMedia; attempts: number };
      w.realGetUserMedia = media.getUserMedia.bind(media);
      w.attempts = 0;
      media.getUserMedia = () => {
        w.attempts += 1;
        return Promise.reject(new DOMException('Requested device not found', 'NotFoundError'));
      };
    });
    const attempts = () => page.evaluate(() => (window as unknown as { attempts: number }).attempts);

    await unplugOperatorMicrophones();
    await expect.poll(microphoneEvents, poll).toEqual([expect.objectContaining({ kind: 'unavailable' })]);
    expect(await attempts()).toBe(1); // the default only: no device was chosen
    expect((await operatorSenderTracks())[0]).toMatchObject({ id: before!.id, readyState: 'ended' });

    // A device change that brings nothing: it tries again, still nothing opens, and nothing more is said.
    await page.evaluate(() => navigator.mediaDevices.dispatchEvent(new Event('devicechange')));
    await expect.poll(attempts, poll).toBe(2);
    expect(await microphoneEvents()).toHaveLength(1);

    // A headset is plugged in: the next devicechange opens it and the call sends from it.
    await page.evaluate(() => {
      const w = window as unknown as { realGetUserMedia: MediaDevices['getUserMedia'] };
      navigator.mediaDevices.getUserMedia = w.realGetUserMedia;
      navigator.mediaDevices.dispatchEvent(new Event('devicechange'));
    });
    await expect.poll(async () => (await operatorSenderTracks())[0]?.readyState, poll).toBe('live');
    expect(await microphoneEvents()).toEqual([
      expect.objectContaining({ kind: 'unavailable' }),
      expect.objectContaining({ kind: 'reopened', deviceId: '', afterOutage: true }),
    ]);
  });
});
