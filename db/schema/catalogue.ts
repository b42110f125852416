// The catalogue (tariffs, services, products, promotions) and the knowledge base. Plain Node.
// Both are owned by the centre and searched with the same folded FTS5 index as customers (`seq` keys it).
import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { timestampColumn } from './common.js';

export const catalogueItems = sqliteTable(
  'catalogue_items',
  {
    seq: integer('seq').primaryKey(),
    id: text('id').notNull().unique(),
    code: text('code').notNull().unique(),
    kind: text('kind', { enum: ['tariff', 'service', 'product', 'promotion'] }).notNull(),
    name: text('name').notNull(),
    description: text('description'),
    /** Price in minor units (kuruş); null when the item has no price of its own (a promotion). */
    priceMinor: integer('price_minor'),
    currency: text('currency'),
    /** Promotions: the discount in percent, or a fixed amount in minor units. */
    discountPercent: integer('discount_percent'),
    discountMinor: integer('discount_minor'),
    /** Valid from / until (ms; until is exclusive, null = open-ended). */
    validFrom: timestampColumn('valid_from'),
    validUntil: timestampColumn('valid_until'),
    /** Segments that may get the item; empty = everyone. */
    eligibleSegments: text('eligible_segments', { mode: 'json' })
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'`),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    createdAt: timestampColumn('created_at').notNull(),
    updatedAt: timestampColumn('updated_at').notNull(),
    version: integer('version').notNull().default(1),
  },
  // Browsing a kind lists it by name: (kind, name) serves both the filter and the order.
  (table) => [index('catalogue_items_kind_name').on(table.kind, table.name)],
);

export const knowledgeArticles = sqliteTable(
  'knowledge_articles',
  {
    seq: integer('seq').primaryKey(),
    id: text('id').notNull().unique(),
    slug: text('slug').notNull().unique(),
    kind: text('kind', { enum: ['procedure', 'faq'] }).notNull(),
    /** BCP 47 language of the article (tr, en, ru). */
    language: text('language').notNull(),
    title: text('title').notNull(),
    /** Plain text (rendered as text, never as HTML). */
    body: text('body').notNull(),
    tags: text('tags', { mode: 'json' })
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'`),
    createdAt: timestampColumn('created_at').notNull(),
    updatedAt: timestampColumn('updated_at').notNull(),
    version: integer('version').notNull().default(1),
  },
  (table) => [index('knowledge_articles_kind_title').on(table.kind, table.title)],
);
