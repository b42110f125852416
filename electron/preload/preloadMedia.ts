// window.agentDeskMedia for the console window: the channel over which core's sip.js drives the page's WebRTC
// media engine (requests in, replies out, "this window runs media"). Three fixed channels, payloads only:
// the page never sees ipcRenderer or its event objects. Main checks the sender and every reply
// (electron/main/adapters/windowMediaEngine.ts); the page checks every request (renderer/src/media/mediaLink.ts).
import type { IpcRenderer, IpcRendererEvent } from 'electron';

/** The name under which the renderer finds it (`window.agentDeskMedia`, see renderer/src/media/mediaLink.ts). */
export const mediaApiKey = 'agentDeskMedia';

/** Same names as electron/main/adapters/windowMediaEngine.ts `mediaChannels` (main cannot be imported here). */
export const preloadMediaChannels = { request: 'media:request', reply: 'media:reply', attach: 'media:attach' } as const;

export type MediaIpcRenderer = Pick<IpcRenderer, 'on' | 'removeListener' | 'send'>;

export interface PreloadMediaChannel {
  onRequest(listener: (request: unknown) => void): () => void;
  reply(message: unknown): void;
  attach(): void;
}

export function createPreloadMediaChannel(ipcRenderer: MediaIpcRenderer): PreloadMediaChannel {
  return Object.freeze({
    onRequest(listener: (request: unknown) => void) {
      const forward = (_event: IpcRendererEvent, request: unknown) => listener(request);
      ipcRenderer.on(preloadMediaChannels.request, forward);
      return () => void ipcRenderer.removeListener(preloadMediaChannels.request, forward);
    },
    reply(message: unknown) {
      ipcRenderer.send(preloadMediaChannels.reply, message);
    },
    attach() {
      ipcRenderer.send(preloadMediaChannels.attach);
    },
  });
}
