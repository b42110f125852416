// Caller cards on the first ring: looks up an inbound call's number the moment it starts ringing and sends
// customers:callerCard just before that ringing calls:state, so the card and the ring reach the UI together.
// Plain Node (core). Wraps the EventSink that SipService emits into; remembers each live call's card.
import type { EventPayload } from '../../shared/ipc/contract.js';
import { callerCardSchema, type CallerCard, type CallerLookup } from '../../shared/ipc/customers.js';
import type { EventSink, Logger } from '../ports.js';

/** Where a page that (re)loads during a call gets that call's card. */
export interface CallerCardSource {
  current(callId: string): CallerCard | undefined;
}

export interface CallerCardSinkOptions {
  /** Synchronous on purpose: the card must be ready before the ringing state is forwarded. */
  lookupCaller(e164: string): CallerLookup;
  /** Where events go on to (the UI). */
  events: EventSink;
  logger: Logger;
}

export interface CallerCardSink extends CallerCardSource {
  /** Give this to SipService as its event sink. */
  readonly events: EventSink;
}

export function createCallerCardSink(options: CallerCardSinkOptions): CallerCardSink {
  const cards = new Map<string, CallerCard>();

  const lookUp = (call: EventPayload<'calls:state'>): CallerCard | undefined => {
    if (call.direction !== 'inbound' || call.state !== 'ringing' || !call.remoteNumber) return undefined;
    try {
      const lookup = options.lookupCaller(call.remoteNumber);
      // Checked against the contract here, so a bad record costs the card, not the ringing event.
      return callerCardSchema.parse({ callId: call.id, ...lookup });
    } catch (error) {
      options.logger.warn('caller lookup failed', { callId: call.id, error: String(error) });
      return undefined;
    }
  };

  const events: EventSink = {
    emit(name, payload) {
      if (name === 'calls:state') {
        const call = payload as EventPayload<'calls:state'>;
        if (call.state === 'ended') cards.delete(call.id);
        else if (!cards.has(call.id)) {
          const card = lookUp(call);
          if (card) {
            cards.set(call.id, card);
            options.events.emit('customers:callerCard', card);
          }
        }
      }
      options.events.emit(name, payload);
    },
  };

  return { events, current: (callId) => cards.get(callId) };
}
