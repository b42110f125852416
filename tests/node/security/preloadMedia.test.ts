// window.agentDeskMedia as the preload builds it: three fixed channels, payloads only, and the same channel
// names main listens on.
import { describe, expect, it } from 'vitest';
import { mediaChannels } from '../../../electron/main/adapters/windowMediaEngine.js';
import { createPreloadMediaChannel, preloadMediaChannels, type MediaIpcRenderer } from '../../../electron/preload/preloadMedia.js';

describe('createPreloadMediaChannel', () => {
  it('uses the channels main listens on', () => {
    expect(preloadMediaChannels).toEqual(mediaChannels);
  });

  it('forwards requests without the event object, sends replies and attach, and unsubscribes', () => {
    const listeners = new Map<string, Set<(...args: unknown[]) => void>>();
    const sent: unknown[][] = [];
    const ipc = {
      on(channel: string, listener: (...args: unknown[]) => void) {
        if (!listeners.has(channel)) listeners.set(channel, new Set());
        listeners.get(channel)!.add(listener);
        return ipc;
      },
      removeListener(channel: string, listener: (...args: unknown[]) => void) {
        listeners.get(channel)?.delete(listener);
        return ipc;
      },
      send: (...args: unknown[]) => void sent.push(args),
    };
    const channel = createPreloadMediaChannel(ipc as unknown as MediaIpcRenderer);
    expect(Object.isFrozen(channel)).toBe(true);
    const received: unknown[][] = [];
    const off = channel.onRequest((...args) => received.push(args));
    const request = { t: 'media', id: 7, method: 'stats', sessionId: 's1', params: {} };
    for (const listener of listeners.get('media:request') ?? []) listener({ sender: 'ipcRenderer' }, request);
    expect(received).toEqual([[request]]);
    off();
    expect(listeners.get('media:request')?.size).toBe(0);
    channel.attach();
    channel.reply({ t: 'mediaReply', id: 7, ok: true, value: null });
    expect(sent).toEqual([['media:attach'], ['media:reply', { t: 'mediaReply', id: 7, ok: true, value: null }]]);
  });
});
