// Sync and audit tables: the outbox every business write adds to, and the audit log. Plain Node.
import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { idColumn, timestampColumn } from './common.js';

/**
 * One row per change a desk made, written in the same transaction as the change. A sync connector
 * pushes rows in `seq` order and marks them sent; pushing is idempotent by `id`.
 */
export const outbox = sqliteTable(
  'outbox',
  {
    /** Local, gap-free push order. The UUIDv7 `id` is the idempotency key on the central side. */
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    id: text('id').notNull().unique(),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    /** insert: a new fact; update: field-level changes plus the version they were made against. */
    operation: text('operation', { enum: ['insert', 'update', 'delete'] }).notNull(),
    payload: text('payload', { mode: 'json' }).notNull(),
    createdAt: timestampColumn('created_at').notNull(),
    sentAt: timestampColumn('sent_at'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
  },
  (table) => [index('outbox_unsent').on(table.seq).where(sql`${table.sentAt} IS NULL`)],
);

/** Who did what, when: settings changes, imports, state changes that are not business facts. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: idColumn(),
    at: timestampColumn('at').notNull(),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    entity: text('entity'),
    entityId: text('entity_id'),
    details: text('details', { mode: 'json' }),
  },
  (table) => [index('audit_log_at').on(table.at)],
);
