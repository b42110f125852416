// The call log port: SipService hands every finished call to a CallLogSink. Plain Node.
// Main writes it to SQLite (the lead's integration); tests and the host without a DB keep it in memory.
import type { CallLogRecord } from '../../shared/ipc/softphone.js';

export type { CallLogRecord };

export interface CallLogSink {
  /** Called once per call, after it ended. May be async; a failure is logged, never fatal to the phone. */
  record(entry: CallLogRecord): void | Promise<void>;
}

/** Keeps records in an array, newest last. */
export class InMemoryCallLog implements CallLogSink {
  readonly records: CallLogRecord[] = [];
  private readonly waiters: { predicate: (entry: CallLogRecord) => boolean; resolve: (entry: CallLogRecord) => void }[] = [];

  record(entry: CallLogRecord): void {
    this.records.push(entry);
    for (const waiter of [...this.waiters]) {
      if (waiter.predicate(entry)) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve(entry);
      }
    }
  }

  /** Resolves with the first record (already stored or still to come) that matches. */
  waitFor(predicate: (entry: CallLogRecord) => boolean): Promise<CallLogRecord> {
    const found = this.records.find(predicate);
    if (found) return Promise.resolve(found);
    return new Promise((resolve) => this.waiters.push({ predicate, resolve }));
  }
}
