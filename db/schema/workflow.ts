// The agent workflow around a call: agent state changes, call scripts, wrap-up drafts and callbacks. Plain Node.
// State changes and callbacks are facts the centre needs (KPIs, worked hours, callback queues): each is
// written with its outbox row. Drafts are this desk's scratch paper: never synced, deleted when submitted.
import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { calls, interactions } from './calls.js';
import { idColumn, timestampColumn } from './common.js';
import { customers } from './customers.js';

/**
 * Every agent state change with its time, append-only: the state holds from `at` until the next row's `at`
 * for the same agent. No foreign key to calls: a state change may be logged before the call row commits.
 */
export const agentStateEvents = sqliteTable(
  'agent_state_events',
  {
    id: idColumn(),
    /** The operator (SIP user, or the desk login when there is none). */
    agent: text('agent').notNull(),
    state: text('state', {
      enum: ['loggedOut', 'available', 'notReady', 'ringing', 'onCall', 'wrapUp', 'break'],
    }).notNull(),
    /** Not ready / break reason code from settings (`agent.notReadyReasons`), or null. */
    reasonCode: text('reason_code'),
    callId: text('call_id'),
    /** Who or what made the change: the operator, a call event, a time limit, start-up/shutdown. */
    cause: text('cause', { enum: ['operator', 'call', 'timeout', 'system'] }).notNull(),
    at: timestampColumn('at').notNull(),
  },
  (table) => [index('agent_state_events_agent_at').on(table.agent, table.at)],
);

/** A call script as imported: one row per key and version, the validated definition kept as JSON. */
export const callScripts = sqliteTable(
  'call_scripts',
  {
    id: idColumn(),
    /** Stable name across versions, e.g. `inbound-service`. */
    key: text('key').notNull(),
    version: integer('version').notNull(),
    name: text('name').notNull(),
    /** BCP 47 language of the script text (tr, en, ru). */
    language: text('language').notNull(),
    definition: text('definition', { mode: 'json' }).notNull(),
    /** SHA-256 of the source file: re-importing the same file is a no-op. */
    sourceHash: text('source_hash').notNull(),
    /** Only active scripts are offered to new calls; calls keep the version they started with. */
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    importedAt: timestampColumn('imported_at').notNull(),
  },
  (table) => [uniqueIndex('call_scripts_key_version').on(table.key, table.version)],
);

/**
 * The wrap-up the operator is filling in, saved on every change so a crash loses at most the last second.
 * `content` is the whole form (disposition, notes, fields, ticket/order/callback parts, script progress).
 */
export const wrapUpDrafts = sqliteTable(
  'wrap_up_drafts',
  {
    id: idColumn(),
    /**
     * The call being wrapped up; null for a wrap-up without a call (back-office data entry). No foreign key:
     * the operator types notes during the call, and the call row is written when the call ends.
     */
    callId: text('call_id').unique(),
    customerId: text('customer_id').references(() => customers.id, { onDelete: 'set null' }),
    agent: text('agent').notNull(),
    content: text('content', { mode: 'json' }).notNull(),
    /** Goes up by one per save: a save carrying an older revision than stored is refused (two windows). */
    revision: integer('revision').notNull().default(0),
    openedAt: timestampColumn('opened_at').notNull(),
    updatedAt: timestampColumn('updated_at').notNull(),
  },
  (table) => [index('wrap_up_drafts_agent').on(table.agent, table.updatedAt)],
);

/** A promise to call a customer back: mine (assignee = me) or anyone's (assignee null). */
export const callbacks = sqliteTable(
  'callbacks',
  {
    id: idColumn(),
    customerId: text('customer_id').references(() => customers.id, { onDelete: 'set null' }),
    interactionId: text('interaction_id').references(() => interactions.id, { onDelete: 'set null' }),
    callId: text('call_id').references(() => calls.id, { onDelete: 'set null' }),
    /** The number to call, E.164. */
    e164: text('e164').notNull(),
    dueAt: timestampColumn('due_at').notNull(),
    /** The agent who must call back, or null when anyone may. */
    assignee: text('assignee'),
    createdBy: text('created_by').notNull(),
    note: text('note'),
    status: text('status', { enum: ['scheduled', 'notified', 'done', 'cancelled'] })
      .notNull()
      .default('scheduled'),
    createdAt: timestampColumn('created_at').notNull(),
    updatedAt: timestampColumn('updated_at').notNull(),
    version: integer('version').notNull().default(1),
  },
  (table) => [
    index('callbacks_due').on(table.dueAt).where(sql`${table.status} IN ('scheduled', 'notified')`),
    index('callbacks_customer').on(table.customerId),
    index('callbacks_interaction').on(table.interactionId),
  ],
);
