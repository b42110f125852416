// Orders entered on the desk and their lines (catalogue items, quantities, promotions). Plain Node.
// Money is stored in minor units (kuruş, kopeks, cents) as integers: no floating-point totals.
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { interactions } from './calls.js';
import { catalogueItems } from './catalogue.js';
import { idColumn, timestampColumn } from './common.js';
import { customers } from './customers.js';

export const orders = sqliteTable(
  'orders',
  {
    id: idColumn(),
    customerId: text('customer_id').references(() => customers.id, { onDelete: 'set null' }),
    interactionId: text('interaction_id').references(() => interactions.id, { onDelete: 'set null' }),
    status: text('status', { enum: ['submitted', 'fulfilled', 'cancelled'] })
      .notNull()
      .default('submitted'),
    /** ISO 4217 code, e.g. TRY. */
    currency: text('currency').notNull(),
    totalMinor: integer('total_minor').notNull(),
    createdAt: timestampColumn('created_at').notNull(),
    updatedAt: timestampColumn('updated_at').notNull(),
  },
  (table) => [
    index('orders_customer').on(table.customerId, table.createdAt),
    index('orders_interaction').on(table.interactionId),
  ],
);

export const orderLines = sqliteTable(
  'order_lines',
  {
    id: idColumn(),
    orderId: text('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    catalogueItemId: text('catalogue_item_id').references(() => catalogueItems.id, { onDelete: 'set null' }),
    /** The promotion applied to this line, if any. */
    promotionId: text('promotion_id').references(() => catalogueItems.id, { onDelete: 'set null' }),
    /** What was sold, as the operator read it back (kept even if the catalogue item changes). */
    description: text('description').notNull(),
    quantity: integer('quantity').notNull(),
    unitPriceMinor: integer('unit_price_minor').notNull(),
    discountMinor: integer('discount_minor').notNull().default(0),
    lineTotalMinor: integer('line_total_minor').notNull(),
  },
  (table) => [index('order_lines_order').on(table.orderId)],
);
