// The host bridge's wire format (WebSocket, JSON text frames). Runs anywhere.
// Electron does not use it: there each command is an ipcRenderer.invoke channel named like the command.
import { z } from 'zod';

/** Path of the bridge WebSocket on the host; the per-launch token goes in `?token=`. */
export const bridgePath = '/bridge';

export const clientMessageSchema = z.discriminatedUnion('t', [
  z.object({ t: z.literal('invoke'), id: z.number().int().nonnegative(), name: z.string().max(64), args: z.unknown() }).strict(),
]);
export type ClientMessage = z.infer<typeof clientMessageSchema>;

export type ServerMessage =
  | { t: 'result'; id: number; result: unknown }
  | { t: 'event'; name: string; payload: unknown }
  /** Sent once, before the socket is closed, when the bridge refuses a client. */
  | { t: 'refused'; code: 'forbidden' | 'too_large'; message: string };
