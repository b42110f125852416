// The catalogue and knowledge-base part of the contract: search, an item by code, an article by slug (plus the
// customer history commands from customerHistory.ts). Runs anywhere. Spread into contract.ts.
// Every string is capped and every object strict; results are checked as well as arguments.
import { z } from 'zod';
import { customerHistoryCommands } from './customerHistory.js';

export const catalogueLimits = {
  /** Search-as-you-type text; longer input narrows nothing (ftsQuery keeps 8 terms) and only costs time. */
  query: 200,
  results: 50,
  code: 64,
  slug: 128,
  name: 300,
  description: 4000,
  title: 300,
  /** Knowledge articles are read on the desk, not edited there: this is room for a long procedure. */
  articleBody: 100_000,
  excerpt: 240,
  segment: 50,
  segments: 50,
  tags: 50,
  tag: 100,
} as const;
const L = catalogueLimits;

export const catalogueItemKinds = ['tariff', 'service', 'product', 'promotion'] as const;
export type CatalogueItemKind = (typeof catalogueItemKinds)[number];
export const articleKinds = ['procedure', 'faq'] as const;
export type ArticleKind = (typeof articleKinds)[number];
/** The panel's kind filter: everything, one kind of item, or one kind of article. */
export const catalogueFilters = ['all', ...catalogueItemKinds, ...articleKinds] as const;
export type CatalogueFilter = (typeof catalogueFilters)[number];

const id = z.string().min(1).max(64);
const timestamp = z.number().int().nonnegative();
const nullableText = (max: number) => z.string().max(max).nullable();

export const catalogueItemSchema = z
  .object({
    id,
    code: z.string().max(L.code),
    kind: z.enum(catalogueItemKinds),
    name: z.string().max(L.name),
    description: nullableText(L.description),
    /** Minor units (kuruş); null for an item without a price of its own (a promotion). */
    priceMinor: z.number().int().nullable(),
    /** ISO 4217. */
    currency: z.string().max(3).nullable(),
    discountPercent: z.number().int().min(0).max(100).nullable(),
    discountMinor: z.number().int().nullable(),
    validFrom: timestamp.nullable(),
    /** Exclusive; null = open-ended. */
    validUntil: timestamp.nullable(),
    /** Segments that may get it; empty = everyone. */
    eligibleSegments: z.array(z.string().max(L.segment)).max(L.segments),
    /** Active and valid at the desk's time of the answer (search only ever returns such items). */
    availableNow: z.boolean(),
    /** Whether the customer on the card may get it; null when no customer was given. */
    eligible: z.boolean().nullable(),
  })
  .strict();
export type CatalogueItemView = z.infer<typeof catalogueItemSchema>;

const articleFields = {
  slug: z.string().max(L.slug),
  kind: z.enum(articleKinds),
  /** BCP 47 (tr, en, ru). */
  language: z.string().max(35),
  title: z.string().max(L.title),
  tags: z.array(z.string().max(L.tag)).max(L.tags),
};

/** An article in a result list: the start of its body, not all of it. */
export const articleHitSchema = z.object({ ...articleFields, excerpt: z.string().max(L.excerpt) }).strict();
export type ArticleHit = z.infer<typeof articleHitSchema>;

/** A whole article. The body is plain text: the UI shows it as text, never as markup. */
export const articleSchema = z.object({ ...articleFields, body: z.string().max(L.articleBody) }).strict();
export type Article = z.infer<typeof articleSchema>;

export const catalogueHitSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('item'), item: catalogueItemSchema }).strict(),
  z.object({ type: z.literal('article'), article: articleHitSchema }).strict(),
]);
export type CatalogueHit = z.infer<typeof catalogueHitSchema>;

export const catalogueSearchArgsSchema = z
  .object({
    /** What the operator typed; empty with a kind filter browses that kind. */
    query: z.string().max(L.query),
    filter: z.enum(catalogueFilters).optional(),
    /** The customer on the card: only items their segment may get are returned. */
    customerId: id.optional(),
    limit: z.number().int().min(1).max(L.results).optional(),
  })
  .strict();
export type CatalogueSearchArgs = z.infer<typeof catalogueSearchArgsSchema>;

export const catalogueSearchResultSchema = z
  .object({
    /** Best first: exact code, then names/titles starting with the text, then word matches, then the rest. */
    hits: z.array(catalogueHitSchema).max(L.results),
    /** More matched than were returned: typing more (or a kind) narrows it. */
    more: z.boolean(),
    /** Whose offers these are: the customer's segment (null = the customer has none); absent without a customer. */
    segment: z.string().max(L.segment).nullable().optional(),
    /** The desk time validity was judged at. */
    at: timestamp,
  })
  .strict();
export type CatalogueSearchResult = z.infer<typeof catalogueSearchResultSchema>;

export const catalogueCommands = {
  'catalogue:search': { args: catalogueSearchArgsSchema, result: catalogueSearchResultSchema },
  /**
   * One item by its code (a script step, a code read out by the customer), valid now or not: `availableNow`
   * and `eligible` say whether it may be offered. not_found when no item has the code.
   */
  'catalogue:item': {
    args: z.object({ code: z.string().min(1).max(L.code), customerId: id.optional() }).strict(),
    result: catalogueItemSchema,
  },
  /** One knowledge article by slug; not_found when there is none. */
  'knowledge:article': { args: z.object({ slug: z.string().min(1).max(L.slug) }).strict(), result: articleSchema },
  ...customerHistoryCommands,
} as const;
