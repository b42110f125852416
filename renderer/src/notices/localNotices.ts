// Notices the page raises itself (an audio device unplugged, …), shown in the same notice area as core's
// `app:notice` events. The message is already translated. Runs in Chromium.
import type { EventPayload } from '../../../electron/shared/ipc/contract.js';

export type LocalNotice = EventPayload<'app:notice'>;

const listeners = new Set<(notice: LocalNotice) => void>();

export function showLocalNotice(notice: LocalNotice): void {
  for (const listener of [...listeners]) listener(notice);
}

export function onLocalNotice(listener: (notice: LocalNotice) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
