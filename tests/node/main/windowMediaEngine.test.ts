// A console window's media engine link (electron/main/adapters/windowMediaEngine.ts) with the real MediaPeerHub:
// when the window's renderer dies, `engineGone` detaches its engine at once — the hub's engine-change listeners
// hear null (that is what starts core's grace period in deskServices followMediaEngine), pending media requests
// fail with the reason — and the reloaded page attaches again through the same link. Plain Node, Electron faked.
import { describe, expect, it } from 'vitest';
import { MemoryLogger } from '../../../electron/core/log/memoryLogger.js';
import { MediaPeerHub, type MediaEngineLink, type MediaEngineRequest } from '../../../electron/core/sip/mediaPeerHub.js';
import { linkWindowMediaEngine, mediaChannels } from '../../../electron/main/adapters/windowMediaEngine.js';
import { ManualClock } from '../../support/manualClock.js';

type Listener = (event: { sender: { id: number } }, raw?: unknown) => void;

/** ipcMain as far as the link uses it. */
class FakeIpc {
  readonly listeners = new Map<string, Set<Listener>>();
  on(channel: string, listener: Listener) {
    if (!this.listeners.has(channel)) this.listeners.set(channel, new Set());
    this.listeners.get(channel)!.add(listener);
    return this;
  }
  off(channel: string, listener: Listener) {
    this.listeners.get(channel)?.delete(listener);
    return this;
  }
  /** A message from the page of webContents `senderId`. */
  fromPage(senderId: number, channel: string, raw?: unknown) {
    for (const listener of [...(this.listeners.get(channel) ?? [])]) listener({ sender: { id: senderId } }, raw);
  }
}

/** webContents as far as the link uses it; it survives a renderer crash and a reload, like Electron's. */
class FakeContents {
  readonly sent: MediaEngineRequest[] = [];
  destroyed = false;
  private onDestroyed: (() => void) | undefined;
  constructor(readonly id: number) {}
  send(channel: string, request: MediaEngineRequest) {
    if (channel === mediaChannels.request) this.sent.push(request);
  }
  isDestroyed() {
    return this.destroyed;
  }
  once(event: string, listener: () => void) {
    if (event === 'destroyed') this.onDestroyed = listener;
    return this;
  }
  destroy() {
    this.destroyed = true;
    this.onDestroyed?.();
  }
}

function setUp() {
  const logger = new MemoryLogger();
  const hub = new MediaPeerHub({ clock: new ManualClock(), logger });
  const engineChanges: (MediaEngineLink | null)[] = [];
  hub.onEngineChange((engine) => engineChanges.push(engine));
  const ipc = new FakeIpc();
  const contents = new FakeContents(7);
  const link = linkWindowMediaEngine(hub, contents as never, ipc as never);
  return { hub, ipc, contents, link, engineChanges, logger };
}

describe('linkWindowMediaEngine', () => {
  it('a crashed renderer detaches its engine at once and fails its pending requests with the reason', async () => {
    const { hub, ipc, contents, link, engineChanges, logger } = setUp();
    ipc.fromPage(7, mediaChannels.attach);
    expect(hub.attached?.label).toBe('window 7');

    const offer = hub.request('getDescription', 'session-1', {});
    expect(contents.sent.map((request) => request.method)).toEqual(['getDescription']);
    link.engineGone('the console renderer is gone (crashed, exit code 11)');

    expect(hub.attached).toBeNull();
    expect(engineChanges.map((engine) => engine?.label ?? null)).toEqual(['window 7', null]);
    await expect(offer).rejects.toThrow(/getDescription failed: the console renderer is gone \(crashed/);
    expect(logger.lines.find((line) => line.message === 'media engine detached')?.fields?.reason).toMatch(/crashed/);
    // Later requests fail at once instead of going to the dead page.
    await expect(hub.request('getDescription', 'session-2', {})).rejects.toThrow(/No media engine/);
    expect(contents.sent).toHaveLength(1);
  });

  it('the reloaded page attaches again through the same link, so the calls can be restored', () => {
    const { hub, ipc, link, engineChanges } = setUp();
    ipc.fromPage(7, mediaChannels.attach);
    link.engineGone('the console renderer is gone (oom, exit code 0)');
    link.engineGone('reported twice'); // a second report changes nothing
    ipc.fromPage(7, mediaChannels.attach);
    expect(hub.attached?.label).toBe('window 7');
    expect(engineChanges.map((engine) => engine?.label ?? null)).toEqual(['window 7', null, 'window 7']);
  });

  it('ignores another window’s attach, and everything once the window is destroyed', () => {
    const { hub, ipc, contents, link, engineChanges } = setUp();
    ipc.fromPage(8, mediaChannels.attach);
    expect(hub.attached).toBeNull();
    ipc.fromPage(7, mediaChannels.attach);
    contents.destroy();
    expect(hub.attached).toBeNull();
    expect(ipc.listeners.get(mediaChannels.attach)?.size).toBe(0);
    link.engineGone('after the window went');
    ipc.fromPage(7, mediaChannels.attach);
    expect(hub.attached).toBeNull();
    expect(engineChanges.map((engine) => engine?.label ?? null)).toEqual(['window 7', null]);
  });

  it('hands the page’s replies to the hub', async () => {
    const { hub, ipc, contents } = setUp();
    ipc.fromPage(7, mediaChannels.attach);
    const offer = hub.request('getDescription', 'session-1', {});
    const id = contents.sent[0]!.id;
    ipc.fromPage(8, mediaChannels.reply, { t: 'mediaReply', id, ok: true, value: 'from another window' });
    ipc.fromPage(7, mediaChannels.reply, { t: 'mediaReply', id, ok: true, value: { sdp: 'v=0' } });
    await expect(offer).resolves.toEqual({ sdp: 'v=0' });
  });
});
