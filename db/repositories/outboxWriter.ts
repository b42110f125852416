// The outbox append of db/repositories/outbox.ts as a prepared statement, for repositories that write
// many rows in one transaction (a CSV import adds one outbox row per customer). Plain Node.
// Same table, same columns, same rule: call it inside the transaction of the write it describes.
import type Database from 'better-sqlite3';
import { newId } from '../ids.js';
import type { OutboxEntry } from './outbox.js';

export class OutboxWriter {
  private readonly insert: Database.Statement;

  constructor(sqlite: Database.Database) {
    this.insert = sqlite.prepare(
      'INSERT INTO outbox (id, entity, entity_id, operation, payload, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
  }

  /** Returns the outbox row's id (the idempotency key the sync connector sends). */
  append(entry: OutboxEntry, now: number): string {
    const id = newId();
    this.insert.run(id, entry.entity, entry.entityId, entry.operation, JSON.stringify(entry.payload), now);
    return id;
  }
}
