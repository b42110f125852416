// Outbox queries: the only way business writes record themselves for sync. Plain Node.
// Call `appendOutbox` inside the same transaction as the write it describes.
import { asc, isNull, sql } from 'drizzle-orm';
import type { Drizzle } from '../database.js';
import { newId } from '../ids.js';
import { outbox } from '../schema/index.js';

export interface OutboxEntry {
  entity: string;
  entityId: string;
  operation: 'insert' | 'update' | 'delete';
  payload: unknown;
}

export function appendOutbox(db: Drizzle, entry: OutboxEntry, now: number): string {
  const id = newId();
  db.insert(outbox).values({ id, ...entry, createdAt: now }).run();
  return id;
}

export function unsentOutbox(db: Drizzle, limit: number) {
  return db.select().from(outbox).where(isNull(outbox.sentAt)).orderBy(asc(outbox.seq)).limit(limit).all();
}

export function countUnsentOutbox(db: Drizzle): number {
  return db.select({ n: sql<number>`count(*)` }).from(outbox).where(isNull(outbox.sentAt)).get()?.n ?? 0;
}
