// Lets an Electron window run the media engine core's sip.js talks to. Electron main.
// Requests go out with webContents.send('media:request', {id, method, sessionId, params}); the window's
// preload (electron/preload/preloadMedia.ts) answers with ipcRenderer.send('media:reply', MediaReplyMessage)
// and announces itself with ipcRenderer.send('media:attach') (renderer/src/media/mediaLink.ts `MediaChannel`).
// Wired in wireCore.ts (one MediaPeerHub passed to core as `mediaPeer`) and main.ts (the console window).
import type { IpcMain, IpcMainEvent, WebContents } from 'electron';
import type { MediaEngineLink, MediaPeerHub } from '../../core/sip/mediaPeerHub.js';
import { clientMessageSchema } from '../../shared/ipc/wire.js';
import type { MediaWindowLink } from '../coreConnection.js';

export const mediaChannels = { request: 'media:request', reply: 'media:reply', attach: 'media:attach' } as const;

/** Links one window to the hub (unlinked for good when the window goes); `engineGone` when its renderer dies. */
export function linkWindowMediaEngine(
  hub: MediaPeerHub,
  contents: Pick<WebContents, 'id' | 'send' | 'isDestroyed' | 'once'>,
  ipc: Pick<IpcMain, 'on' | 'off'>,
): MediaWindowLink {
  const link: MediaEngineLink = {
    label: `window ${contents.id}`,
    send(request) {
      if (contents.isDestroyed()) return false;
      contents.send(mediaChannels.request, request);
      return true;
    },
  };
  // Only this window's messages count; the payload is checked like the host bridge checks it.
  // The page attaches once per life of its engine: an attach from the window already attached means the page
  // reloaded (webContents survives a reload), so the old engine is gone and its calls must be re-negotiated.
  const onAttach = (event: IpcMainEvent) => {
    if (event.sender.id !== contents.id) return;
    if (hub.attached === link) hub.detach(link, 'the console window reloaded');
    hub.attach(link);
  };
  const onReply = (event: IpcMainEvent, raw: unknown) => {
    if (event.sender.id !== contents.id) return;
    const parsed = clientMessageSchema.safeParse(raw);
    if (!parsed.success || parsed.data.t !== 'mediaReply') return;
    const reply = parsed.data;
    hub.reply(
      link,
      reply.ok ? { id: reply.id, ok: true, value: reply.value } : { id: reply.id, ok: false, error: reply.error ?? '' },
    );
  };
  ipc.on(mediaChannels.attach, onAttach);
  ipc.on(mediaChannels.reply, onReply);
  let unlinked = false;
  const unlink = () => {
    if (unlinked) return;
    unlinked = true;
    ipc.off(mediaChannels.attach, onAttach);
    ipc.off(mediaChannels.reply, onReply);
    hub.detach(link, 'the console window closed or reloaded');
  };
  contents.once('destroyed', unlink);
  // A dead renderer sends nothing more, and webContents survives it: without this the hub would keep routing
  // media to the dead page, and core's grace period for the calls would never start.
  const engineGone = (reason: string) => {
    if (!unlinked) hub.detach(link, reason);
  };
  return { engineGone, unlink };
}
