// Test support: an EventSink that keeps every contract event, checks each payload against the
// contract's schema (as EventHub does in the app) and lets a test wait for the one it expects.
import { events as eventSchemas, type EventName, type EventPayload } from '../../../../electron/shared/ipc/contract.js';
import type { EventSink } from '../../../../electron/core/ports.js';

export interface RecordedEvent<K extends EventName = EventName> {
  name: K;
  payload: EventPayload<K>;
  /** performance.now() when it was emitted (for latency figures). */
  t: number;
}

export class RecordingEventSink implements EventSink {
  readonly events: RecordedEvent[] = [];
  /** Payloads that broke the contract: a test asserts this stays empty. */
  readonly contractViolations: { name: EventName; issues: string }[] = [];
  private waiters: { name: EventName; predicate: (payload: never) => boolean; resolve: (event: RecordedEvent) => void }[] = [];

  emit<K extends EventName>(name: K, payload: EventPayload<K>): void {
    const checked = eventSchemas[name].safeParse(payload);
    if (!checked.success) this.contractViolations.push({ name, issues: JSON.stringify(checked.error.issues).slice(0, 2000) });
    const event = { name, payload, t: performance.now() } as RecordedEvent;
    this.events.push(event);
    for (const waiter of [...this.waiters]) {
      if (waiter.name === name && waiter.predicate(payload as never)) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve(event);
      }
    }
  }

  /** Events of one kind, optionally filtered. */
  all<K extends EventName>(name: K, predicate: (payload: EventPayload<K>) => boolean = () => true): EventPayload<K>[] {
    return this.events
      .filter((e) => e.name === name && predicate(e.payload as EventPayload<K>))
      .map((e) => e.payload as EventPayload<K>);
  }

  /** The next matching event after index `since` (default: any recorded so far counts too). */
  waitFor<K extends EventName>(
    name: K,
    predicate: (payload: EventPayload<K>) => boolean = () => true,
    timeoutMs = 10_000,
    since = 0,
  ): Promise<EventPayload<K>> {
    const seen = this.events.slice(since).find((e) => e.name === name && predicate(e.payload as EventPayload<K>));
    if (seen) return Promise.resolve(seen.payload as EventPayload<K>);
    return new Promise((resolve, reject) => {
      const waiter = {
        name,
        predicate: predicate as (payload: never) => boolean,
        resolve: (event: RecordedEvent) => {
          clearTimeout(timer);
          resolve(event.payload as EventPayload<K>);
        },
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        const last = this.events
          .filter((e) => e.name === name)
          .slice(-3)
          .map((e) => JSON.stringify(e.payload));
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${name}; last: ${last.join(' | ') || 'none'}`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  /** Index to pass as `since` so only later events count. */
  mark(): number {
    return this.events.length;
  }
}
