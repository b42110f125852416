// Caller cards of live calls. Inbound: looks up the caller's number the moment the call starts ringing and sends
// customers:callerCard just before that ringing calls:state, so the card and the ring reach the UI together.
// Outbound: the same for the dialled number, before the dialing state. While a call is on, every change to the
// customer store (customers:changed) re-reads the live cards and sends those that changed. Plain Node (core).
// Wraps the EventSink that SipService emits into; remembers each live call's card and the customer it is about.
import type { EventPayload } from '../../shared/ipc/contract.js';
import { callerCardSchema, type CallerCard, type CallerLookup, type CustomerCard } from '../../shared/ipc/customers.js';
import { CommandFailure } from '../../shared/ipc/result.js';
import type { EventSink, Logger } from '../ports.js';

/** Where a page that (re)loads during a call gets that call's card, and the wrap-up the call's customer. */
export interface CallerCardSource {
  current(callId: string): CallerCard | undefined;
  /**
   * The customer a call is about (the only match, or the one chosen or created from its card); kept a while
   * after the call ended, for its wrap-up. undefined when the operator has not said.
   */
  linkedCustomer(callId: string): string | undefined;
  /** customers:linkCall. */
  link(callId: string, customerId: string): CallerCard;
}

/** What the sink reads from the customer store (CustomerService fits it). Synchronous on purpose, see below. */
export interface CallerCardStore {
  readers: {
    /** Synchronous: the first card must be ready before the ringing state is forwarded. */
    lookupCaller(e164: string): CallerLookup;
    card(id: string): CustomerCard | undefined;
  };
  /** customers:changed, as CustomerService sends it. */
  onChanged(listener: (change: EventPayload<'customers:changed'>) => void): () => void;
}

export interface CallerCardSinkOptions {
  store: CallerCardStore;
  /** Where events go on to (the UI). */
  events: EventSink;
  logger: Logger;
}

export interface CallerCardSink extends CallerCardSource {
  /** Give this to SipService as its event sink. */
  readonly events: EventSink;
  /** Stops following the customer store. */
  close(): void;
}

/** Links of ended calls kept for their wrap-up (one operator wraps up a handful at most). */
const ENDED_LINKS_KEPT = 50;

export function createCallerCardSink(options: CallerCardSinkOptions): CallerCardSink {
  const { store, logger } = options;
  const cards = new Map<string, CallerCard>();
  const links = new Map<string, string>();
  const endedLinks: string[] = [];

  /** The call's card as the store has it now, with the linked customer first (even without the number). */
  const read = (callId: string, e164: string): CallerCard => {
    const lookup = store.readers.lookupCaller(e164);
    let linked = links.get(callId);
    // The only customer with the number is the one the call is about, until the operator says otherwise.
    if (linked === undefined && lookup.total === 1 && lookup.matches.length === 1) {
      linked = lookup.matches[0]!.customer.id;
      links.set(callId, linked);
    }
    let matches = lookup.matches;
    if (linked !== undefined) {
      const linkedCard = matches.find((match) => match.customer.id === linked) ?? store.readers.card(linked);
      if (linkedCard) matches = [linkedCard, ...matches.filter((match) => match !== linkedCard)].slice(0, 5);
    }
    // Checked against the contract here, so a bad record costs the card, not the call's events.
    return callerCardSchema.parse({
      callId,
      e164,
      total: lookup.total,
      matches,
      ...(linked === undefined ? {} : { linkedCustomerId: linked }),
    });
  };

  const readSafely = (callId: string, e164: string): CallerCard | undefined => {
    try {
      return read(callId, e164);
    } catch (error) {
      logger.warn('caller lookup failed', { callId, error: String(error) });
      return undefined;
    }
  };

  const forget = (callId: string) => {
    cards.delete(callId);
    if (!links.has(callId)) return;
    endedLinks.push(callId);
    while (endedLinks.length > ENDED_LINKS_KEPT) links.delete(endedLinks.shift()!);
  };

  const events: EventSink = {
    emit(name, payload) {
      if (name === 'calls:state') {
        const call = payload as EventPayload<'calls:state'>;
        // Looked up at the first state seen: ringing (in) or dialing (out), or later for an auto-answered call.
        if (call.state === 'ended') forget(call.id);
        else if (!cards.has(call.id) && call.remoteNumber) {
          const card = readSafely(call.id, call.remoteNumber);
          if (card) {
            cards.set(call.id, card);
            options.events.emit('customers:callerCard', card);
          }
        }
      }
      options.events.emit(name, payload);
    },
  };

  /**
   * Any change may concern a live card: a note or ticket for a customer on it, an edit that adds its number to
   * someone, an import. There is one card per line (8 at most), each an indexed read of a few rows, so every
   * live card is read again and only those that differ are sent.
   */
  const refreshAll = () => {
    for (const [callId, shown] of cards) {
      const fresh = readSafely(callId, shown.e164);
      if (!fresh || JSON.stringify(fresh) === JSON.stringify(shown)) continue;
      cards.set(callId, fresh);
      options.events.emit('customers:callerCard', fresh);
    }
  };
  const stopFollowing = store.onChanged(() => refreshAll());

  return {
    events,
    current: (callId) => cards.get(callId),
    linkedCustomer: (callId) => links.get(callId),
    link(callId, customerId) {
      const shown = cards.get(callId);
      if (!shown) throw new CommandFailure('not_found', 'No live call with a caller card has this id');
      if (!store.readers.card(customerId)) throw new CommandFailure('not_found', 'No such customer');
      links.set(callId, customerId);
      const fresh = read(callId, shown.e164);
      cards.set(callId, fresh);
      // Every window shows the same choice (a second monitor, a reloaded page).
      options.events.emit('customers:callerCard', fresh);
      return fresh;
    },
    close: stopFollowing,
  };
}
