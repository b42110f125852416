// The host bridge's wire format (WebSocket, JSON text frames). Runs anywhere.
// Electron does not use it: there each command is an ipcRenderer.invoke channel named like the command.
// Besides commands and events, the bridge carries media requests: core (sip.js, Node) asks the page's
// WebRTC engine for SDP, DTMF, mute and stats (`media`), and the page answers (`mediaReply`).
import { z } from 'zod';

/** Path of the bridge WebSocket on the host; the per-launch token goes in `?token=`. */
export const bridgePath = '/bridge';

/** The methods core's MediaPeer may ask for (electron/core/sip/mediaBridge.ts `mediaPeerMethods`). */
export const wireMediaMethods = [
  'create',
  'getDescription',
  'setDescription',
  'rollbackDescription',
  'sendDtmf',
  'mute',
  'stats',
  'close',
  'mixWith',
] as const;
export type WireMediaMethod = (typeof wireMediaMethods)[number];

/** A media reply carries at most one SDP (≤ 64 KiB) or a stats summary; anything bigger is refused. */
export const maxMediaReplyBytes = 128 * 1024;
const mediaRequestId = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

export const clientMessageSchema = z.discriminatedUnion('t', [
  z.object({ t: z.literal('invoke'), id: z.number().int().nonnegative(), name: z.string().max(64), args: z.unknown() }).strict(),
  /** This page runs the media engine: route media requests to it (the last page to announce itself wins). */
  z.object({ t: z.literal('attachMedia') }).strict(),
  // One object per discriminator value (zod refuses duplicates); the ok/value/error pairing is checked below.
  z
    .object({
      t: z.literal('mediaReply'),
      id: mediaRequestId,
      ok: z.boolean(),
      value: z.unknown().optional(),
      error: z.string().max(1024).optional(),
    })
    .strict()
    .refine((reply) => (reply.ok ? reply.error === undefined : typeof reply.error === 'string' && reply.value === undefined), {
      message: 'a media reply carries a value when ok, an error otherwise',
    }),
]);
export type ClientMessage = { t: 'invoke'; id: number; name: string; args: unknown } | { t: 'attachMedia' } | MediaReplyMessage;
export type MediaReplyMessage =
  { t: 'mediaReply'; id: number; ok: true; value: unknown } | { t: 'mediaReply'; id: number; ok: false; error: string };

/** A request from core to the media engine; `sessionId` is sip.js's session id, `params` plain JSON. */
export interface MediaRequestMessage {
  t: 'media';
  id: number;
  method: WireMediaMethod;
  sessionId: string;
  params: Record<string, unknown>;
}

export const mediaRequestSchema = z
  .object({
    t: z.literal('media'),
    id: mediaRequestId,
    method: z.enum(wireMediaMethods),
    sessionId: z.string().min(1).max(128),
    params: z.record(z.string(), z.unknown()),
  })
  .strict();

export type ServerMessage =
  | { t: 'result'; id: number; result: unknown }
  | { t: 'event'; name: string; payload: unknown }
  | MediaRequestMessage
  /** Sent once, before the socket is closed, when the bridge refuses a client. */
  | { t: 'refused'; code: 'forbidden' | 'too_large'; message: string };
