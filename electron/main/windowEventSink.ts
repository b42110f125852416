// EventSink that delivers contract events to our windows (webContents.send(eventName, payload)).
// Main process; takes its targets as a function so tests can pass plain objects.
import type { EventSink, Logger } from '../core/ports.js';
import type { EventName, EventPayload } from '../shared/ipc/contract.js';
import { hasOrigin } from './security/origin.js';

/** The part of Electron's WebContents this sink uses. */
export interface EventReceiver {
  isDestroyed(): boolean;
  getURL(): string;
  send(channel: string, ...args: unknown[]): void;
}

/** Sends each event on the channel named like the event (preload subscribes to exactly those). */
export function windowEventSink(receivers: () => Iterable<EventReceiver>, appOrigin: string, logger: Logger): EventSink {
  return {
    emit<K extends EventName>(name: K, payload: EventPayload<K>): void {
      for (const receiver of receivers()) {
        // Only pages showing our app: never hand data to a crashed, blank or foreign page.
        if (receiver.isDestroyed() || !hasOrigin(receiver.getURL(), appOrigin)) continue;
        try {
          receiver.send(name, payload);
        } catch (error) {
          logger.warn('event not delivered', { event: name, error: (error as Error).message });
        }
      }
    },
  };
}
