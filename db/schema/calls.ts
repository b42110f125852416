// The call log and the customer history built on it (calls, notes). Plain Node.
// Both are facts the desk creates: inserted with their outbox row, never merged.
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { idColumn, timestampColumn } from './common.js';
import { customers } from './customers.js';

/** One row per call the softphone saw, answered or not (issue 3's call log). */
export const calls = sqliteTable(
  'calls',
  {
    id: idColumn(),
    direction: text('direction', { enum: ['inbound', 'outbound'] }).notNull(),
    /** The caller id exactly as received (From / P-Asserted-Identity), for support and audits. */
    rawCallerId: text('raw_caller_id'),
    /** The other party in E.164, when the caller id could be read. */
    e164: text('e164'),
    displayName: text('display_name'),
    /** Which line of the softphone (1, 2, …). */
    line: integer('line'),
    inviteAt: timestampColumn('invite_at').notNull(),
    answerAt: timestampColumn('answer_at'),
    endAt: timestampColumn('end_at'),
    durationMs: integer('duration_ms'),
    hungUpBy: text('hung_up_by', { enum: ['local', 'remote', 'system'] }),
    sipCode: integer('sip_code'),
    sipReason: text('sip_reason'),
    /** Why the call ended, in the softphone's words (completed, missed, transferred, failed, …). */
    endReason: text('end_reason'),
    /** The call was part of the local 3-way conference at some point. */
    conference: integer('conference', { mode: 'boolean' }).notNull().default(false),
    /** RTT, jitter, loss and MOS summary of the call (JSON). */
    quality: text('quality', { mode: 'json' }),
    createdAt: timestampColumn('created_at').notNull(),
  },
  (table) => [index('calls_invite_at').on(table.inviteAt), index('calls_e164').on(table.e164)],
);

/** What happened with a customer: a call (linked to the call log) or a note, with its outcome. */
export const interactions = sqliteTable(
  'interactions',
  {
    id: idColumn(),
    customerId: text('customer_id').references(() => customers.id, { onDelete: 'set null' }),
    callId: text('call_id').references(() => calls.id, { onDelete: 'set null' }),
    kind: text('kind', { enum: ['call', 'note'] }).notNull(),
    direction: text('direction', { enum: ['inbound', 'outbound'] }),
    /** The disposition the operator chose (a `workflow.dispositions` code: sale, complaint, …), or null. */
    outcome: text('outcome'),
    /** The disposition's sub-code, or null. */
    outcomeSubcode: text('outcome_subcode'),
    /** The disposition's typed custom fields as filled in, by field id (JSON object). */
    customFields: text('custom_fields', { mode: 'json' }).$type<Record<string, unknown>>(),
    /** The script version the call followed (call_scripts.id) and the path taken with the answers (JSON). */
    scriptId: text('script_id'),
    scriptRun: text('script_run', { mode: 'json' }),
    notes: text('notes'),
    /** Who handled it (the operator's SIP user or name). */
    agent: text('agent'),
    occurredAt: timestampColumn('occurred_at').notNull(),
    createdAt: timestampColumn('created_at').notNull(),
  },
  (table) => [index('interactions_customer').on(table.customerId, table.occurredAt), index('interactions_call').on(table.callId)],
);
