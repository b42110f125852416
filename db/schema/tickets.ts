// Departments (where calls and tickets go) and tickets (complaints, requests, questions). Plain Node.
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { calls, interactions } from './calls.js';
import { idColumn, timestampColumn } from './common.js';
import { customers } from './customers.js';

export const departments = sqliteTable('departments', {
  id: idColumn(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  /** Where a call is transferred for this department: an extension or a SIP URI. */
  transferTarget: text('transfer_target'),
  createdAt: timestampColumn('created_at').notNull(),
  updatedAt: timestampColumn('updated_at').notNull(),
  version: integer('version').notNull().default(1),
});

export const tickets = sqliteTable(
  'tickets',
  {
    id: idColumn(),
    customerId: text('customer_id').references(() => customers.id, { onDelete: 'set null' }),
    interactionId: text('interaction_id').references(() => interactions.id, { onDelete: 'set null' }),
    callId: text('call_id').references(() => calls.id, { onDelete: 'set null' }),
    kind: text('kind', { enum: ['complaint', 'request', 'question'] }).notNull(),
    departmentId: text('department_id').references(() => departments.id, { onDelete: 'set null' }),
    status: text('status', { enum: ['open', 'in_progress', 'resolved', 'closed'] })
      .notNull()
      .default('open'),
    priority: text('priority', { enum: ['low', 'normal', 'high', 'urgent'] })
      .notNull()
      .default('normal'),
    subject: text('subject').notNull(),
    description: text('description'),
    createdAt: timestampColumn('created_at').notNull(),
    updatedAt: timestampColumn('updated_at').notNull(),
  },
  (table) => [
    index('tickets_customer_status').on(table.customerId, table.status),
    // The customer history finds an interaction's tickets through this.
    index('tickets_interaction').on(table.interactionId),
  ],
);
