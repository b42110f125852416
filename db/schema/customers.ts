// Customers and their phone numbers: the records the centre owns and the desk looks callers up in. Plain Node.
// `seq` is the local row number that keys the search index (customer_fts, migration 0002); `id` (UUIDv7)
// is the record's identity everywhere else. `version` counts the changes this desk knows of, so an
// edit can be sent as field-level changes "made against version N" (architecture §4).
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { timestampColumn } from './common.js';

export const customers = sqliteTable(
  'customers',
  {
    /** Local row number (SQLite rowid alias): stable across VACUUM, never synced. */
    seq: integer('seq').primaryKey(),
    id: text('id').notNull().unique(),
    /** The customer's id in the source CRM; re-imports match on it first. */
    externalId: text('external_id').unique(),
    name: text('name').notNull(),
    company: text('company'),
    /** Market segment (consumer, business, vip, …): decides which promotions apply. */
    segment: text('segment'),
    /** Preferred language, a BCP 47 tag such as `tr`, `en`, `ru`. */
    language: text('language'),
    accountNumber: text('account_number'),
    /** accountNumber folded, without spaces and punctuation: what exact and prefix account search use. */
    accountKey: text('account_key'),
    /** Current tariff / plan, as the CRM names it (usually a catalogue code). */
    tariff: text('tariff'),
    /** Active services (catalogue codes or names). */
    services: text('services', { mode: 'json' })
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'`),
    address: text('address'),
    city: text('city'),
    email: text('email'),
    notes: text('notes'),
    /** The customer agreed to marketing contact (KVKK / GDPR consent). */
    marketingConsent: integer('marketing_consent', { mode: 'boolean' }).notNull().default(false),
    /** Never call this customer for sales (national do-not-call register or own request). */
    doNotCall: integer('do_not_call', { mode: 'boolean' }).notNull().default(false),
    createdAt: timestampColumn('created_at').notNull(),
    updatedAt: timestampColumn('updated_at').notNull(),
    version: integer('version').notNull().default(1),
  },
  (table) => [index('customers_account_key').on(table.accountKey)],
);

/**
 * A customer's numbers, in E.164, many per customer; one number may belong to several customers
 * (a family line, a switchboard), which is why caller lookup can answer with a chooser.
 */
export const customerPhones = sqliteTable(
  'customer_phones',
  {
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    e164: text('e164').notNull(),
    /** The E.164 digits reversed ("+905321234567" → "765432123509"): "ends with" becomes a prefix range. */
    digitsReversed: text('digits_reversed').notNull(),
    /** mobile, home, work, … or null. */
    label: text('label'),
    /** Order on the card (0 first). */
    position: integer('position').notNull().default(0),
    createdAt: timestampColumn('created_at').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.customerId, table.e164] }),
    index('customer_phones_e164').on(table.e164),
    index('customer_phones_digits_reversed').on(table.digitsReversed),
  ],
);
