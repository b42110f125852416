// CatalogueService: the catalogue and knowledge base as the operator's panel asks for them — folded
// search-as-you-type, browsing one kind, an item by code, an article by slug. Plain Node (core).
// Only items valid now (the Clock, never the renderer's time) and, with a customer on the card, only those
// the customer's segment may get are searched; see README.md for the budget and the ranking.
import { performance } from 'node:perf_hooks';
import type Database from 'better-sqlite3';
import type { CatalogueKind } from '../../../db/repositories/catalogue.js';
import {
  CatalogueSearchRepository,
  type ArticleHitRow,
  type ItemFilter,
  type ItemRow,
} from '../../../db/repositories/catalogueSearch.js';
import type { CustomerRow } from '../../../db/repositories/customers.js';
import { MAX_QUERY_TERMS, prefixMatch } from '../../../db/search/ftsQuery.js';
import {
  articleKinds,
  catalogueItemKinds,
  catalogueLimits as L,
  type Article,
  type ArticleHit,
  type ArticleKind,
  type CatalogueFilter,
  type CatalogueHit,
  type CatalogueItemView,
  type CatalogueSearchArgs,
  type CatalogueSearchResult,
} from '../../shared/ipc/catalogue.js';
import { CommandFailure } from '../../shared/ipc/result.js';
import { fold, searchTokens } from '../../shared/text/fold.js';
import { cap } from '../customers/customerFields.js';
import type { Clock, Logger } from '../ports.js';

export interface CatalogueServiceOptions {
  sqlite: Database.Database;
  clock: Clock;
  logger: Logger;
  /** Reads the customer on the card, for their segment (CustomerService.repository fits). */
  customers: { get(id: string): Pick<CustomerRow, 'segment'> | undefined };
}

/** A search slower than this is logged: the LIMITs and prefix indexes no longer hold the budget. */
export const CATALOGUE_SEARCH_BUDGET_MS = 20;
/** Index hits read per full-text pass; a very common prefix ("s") is not read to the end. */
export const ITEM_CANDIDATES = 100;
export const ARTICLE_CANDIDATES = 100;
const DEFAULT_LIMIT = 20;

/** Columns searched first: a name or code match outranks a word deep in a description. */
const itemNameColumns = ['name', 'code'] as const;
const articleTitleColumns = ['title', 'tags'] as const;

/** How well a hit matches, best first. */
const Tier = { ExactCode: 0, StartsWith: 1, EveryWord: 2, Elsewhere: 3 } as const;
type Tier = (typeof Tier)[keyof typeof Tier];

/** A candidate with what ranking needs; only the page's winners are turned into hits (see toHits). */
interface Ranked {
  tier: Tier;
  /** Items before articles within a tier: they are what can be offered. */
  group: 0 | 1;
  /** Folded name or title, for alphabetical order within a tier. */
  key: string;
  found: { type: 'item'; row: ItemRow } | { type: 'article'; row: ArticleHitRow };
}

const isItemKind = (filter: CatalogueFilter): filter is CatalogueKind =>
  (catalogueItemKinds as readonly string[]).includes(filter);
const isArticleKind = (filter: CatalogueFilter): filter is ArticleKind => (articleKinds as readonly string[]).includes(filter);

export class CatalogueService {
  private readonly reads: CatalogueSearchRepository;
  private searches = 0;

  constructor(private readonly options: CatalogueServiceOptions) {
    this.reads = new CatalogueSearchRepository(options.sqlite);
  }

  search(args: CatalogueSearchArgs): CatalogueSearchResult {
    // "tarife 20", "kampanya", "тариф": a kind named in the text is a kind filter too. Its hits come first, then
    // whatever matches the words as typed (a name may contain the word), without repeats.
    const named = args.filter === undefined || args.filter === 'all' ? kindNamed(args.query) : undefined;
    if (named === undefined) return this.searchAs(args);
    const limit = Math.min(Math.max(1, args.limit ?? DEFAULT_LIMIT), L.results);
    const ofKind = this.searchAs({ ...args, query: named.rest, filter: named.kind });
    const asTyped = this.searchAs(args);
    const seen = new Set(ofKind.hits.map(hitKey));
    const hits = [...ofKind.hits, ...asTyped.hits.filter((hit) => !seen.has(hitKey(hit)))];
    return { ...asTyped, hits: hits.slice(0, limit), more: ofKind.more || asTyped.more || hits.length > limit };
  }

  private searchAs(args: CatalogueSearchArgs): CatalogueSearchResult {
    const started = performance.now();
    const at = this.options.clock.now();
    const limit = Math.min(Math.max(1, args.limit ?? DEFAULT_LIMIT), L.results);
    const filter = args.filter ?? 'all';
    const segment = args.customerId === undefined ? undefined : this.segmentOf(args.customerId);
    const query = args.query.slice(0, L.query).trim();
    const tokens = searchTokens(query).slice(0, MAX_QUERY_TERMS);
    const itemFilter: ItemFilter = { at, kind: isItemKind(filter) ? filter : undefined, segment };
    const withSegment = segment === undefined ? {} : { segment };

    let result: CatalogueSearchResult;
    if (tokens.length === 0) {
      // Nothing typed: a kind is browsed by name; "all" with nothing typed lists nothing (no table scan).
      result = { hits: [], more: false, at, ...withSegment };
      // SQLite picks the page by code points (Ç after Z); the page itself is shown in folded order (Ç with C).
      if (isItemKind(filter)) {
        const rows = this.reads.browseItems(filter, itemFilter, limit + 1);
        const page = byFoldedKey(rows.slice(0, limit), (row) => row.name);
        result.hits = this.toHits(
          page.map((row) => ({ type: 'item', row })),
          itemFilter,
        );
        result.more = rows.length > limit;
      } else if (isArticleKind(filter)) {
        const rows = this.reads.browseArticles(filter, limit + 1);
        const page = byFoldedKey(rows.slice(0, limit), (row) => row.title);
        result.hits = this.toHits(
          page.map((row) => ({ type: 'article', row })),
          itemFilter,
        );
        result.more = rows.length > limit;
      }
    } else {
      const ranked: Ranked[] = [];
      let more = false;
      if (filter === 'all' || isItemKind(filter)) more = this.searchItems(query, tokens, itemFilter, limit, ranked) || more;
      if (filter === 'all' || isArticleKind(filter))
        more = this.searchArticles(tokens, isArticleKind(filter) ? filter : undefined, limit, ranked) || more;
      ranked.sort((a, b) => a.tier - b.tier || a.group - b.group || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
      result = {
        hits: this.toHits(
          ranked.slice(0, limit).map((entry) => entry.found),
          itemFilter,
        ),
        more: more || ranked.length > limit,
        at,
        ...withSegment,
      };
    }

    const took = performance.now() - started;
    // The process's first search also compiles the statements and the folding regexes: not a budget breach.
    const first = this.searches++ === 0;
    if (took > CATALOGUE_SEARCH_BUDGET_MS && !first)
      this.options.logger.warn('catalogue search over budget', { ms: Math.round(took), terms: tokens.length, filter });
    return result;
  }

  /** An item by code, valid now or not (availableNow / eligible tell whether it may be offered). */
  item(code: string, customerId?: string): CatalogueItemView {
    const segment = customerId === undefined ? undefined : this.segmentOf(customerId);
    const [row] = this.reads.itemsByCode([code.trim()]);
    if (!row) throw new CommandFailure('not_found', 'No catalogue item has this code');
    return itemView(row, this.options.clock.now(), segment);
  }

  article(slug: string): Article {
    const row = this.reads.articleBySlug(slug.trim());
    if (!row) throw new CommandFailure('not_found', 'No knowledge article has this name');
    return {
      slug: cap(row.slug, L.slug) ?? '',
      kind: row.kind,
      language: cap(row.language, 35) ?? '',
      title: cap(row.title, L.title) ?? '',
      body: cap(row.body, L.articleBody) ?? '',
      tags: capTags(row.tags),
    };
  }

  /** The page's hits, in order: item views, and articles with the start of their body (read for these only). */
  private toHits(found: Ranked['found'][], filter: ItemFilter): CatalogueHit[] {
    const excerpts = this.reads.excerpts(found.flatMap((entry) => (entry.type === 'article' ? [entry.row.seq] : [])));
    return found.map((entry) =>
      entry.type === 'item'
        ? { type: 'item', item: itemView(entry.row, filter.at, filter.segment) }
        : { type: 'article', article: articleHit(entry.row, excerpts.get(entry.row.seq) ?? '') },
    );
  }

  /** The customer's segment: a string, or null when they have none. Unknown customers are an error, not "everyone". */
  private segmentOf(customerId: string): string | null {
    const customer = this.options.customers.get(customerId);
    if (!customer) throw new CommandFailure('not_found', 'No such customer');
    return customer.segment;
  }

  /** Adds ranked item hits; returns whether more may exist than were read. */
  private searchItems(query: string, tokens: string[], filter: ItemFilter, limit: number, into: Ranked[]): boolean {
    const seen = new Set<string>();
    const exactCodes = new Set<string>();
    // A code read out or pasted ("TRF-KONUSKAN-20", "trf-konuskan-20") is found exactly, first.
    for (const row of this.reads.itemsByCode([...new Set([query, query.toUpperCase()])])) {
      if (!passes(row, filter)) continue;
      seen.add(row.id);
      exactCodes.add(row.id);
      into.push(this.rankItem(row, tokens, Tier.ExactCode));
    }
    let more = false;
    for (const columns of [itemNameColumns, undefined]) {
      const match = prefixMatch(tokens, columns);
      if (match === undefined) break;
      const { rows, exhausted } = this.reads.itemCandidates(match, ITEM_CANDIDATES, filter);
      more ||= !exhausted;
      for (const row of rows) {
        if (seen.has(row.id)) continue;
        seen.add(row.id);
        into.push(this.rankItem(row, tokens));
      }
      // Enough name/code matches fill the page by themselves: the description pass would rank below them.
      if (seen.size > limit) {
        more = true;
        break;
      }
    }
    return more;
  }

  private rankItem(row: ItemRow, tokens: string[], tier?: Tier): Ranked {
    return {
      tier: tier ?? wordTier(tokens, searchTokens(row.name), searchTokens(row.code)),
      group: 0,
      key: fold(row.name),
      found: { type: 'item', row },
    };
  }

  private searchArticles(tokens: string[], kind: ArticleKind | undefined, limit: number, into: Ranked[]): boolean {
    const seen = new Set<string>();
    let more = false;
    for (const columns of [articleTitleColumns, undefined]) {
      const match = prefixMatch(tokens, columns);
      if (match === undefined) break;
      const { rows, exhausted } = this.reads.articleCandidates(match, ARTICLE_CANDIDATES, kind);
      more ||= !exhausted;
      for (const row of rows) {
        if (seen.has(row.slug)) continue;
        seen.add(row.slug);
        into.push({
          tier: wordTier(tokens, searchTokens(row.title), searchTokens(row.tags.join(' '))),
          group: 1,
          key: fold(row.title),
          found: { type: 'article', row },
        });
      }
      if (seen.size > limit) {
        more = true;
        break;
      }
    }
    return more;
  }
}

function byFoldedKey<Row>(rows: Row[], text: (row: Row) => string): Row[] {
  const keyed = rows.map((row) => ({ row, key: fold(text(row)) }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return keyed.map((entry) => entry.row);
}

/** Folded words that name a kind, as operators type them in Turkish, English and Russian. */
const kindWords = new Map<string, CatalogueFilter>(
  (
    [
      ['tariff', ['tarife', 'tarifeler', 'tariff', 'tariffs', 'тариф', 'тарифы']],
      ['service', ['hizmet', 'hizmetler', 'service', 'services', 'услуга', 'услуги']],
      ['product', ['urun', 'urunler', 'product', 'products', 'товар', 'товары']],
      ['promotion', ['kampanya', 'kampanyalar', 'promosyon', 'promotion', 'promotions', 'акция', 'акции']],
      ['procedure', ['prosedur', 'prosedurler', 'procedure', 'procedures', 'инструкция', 'инструкции']],
      ['faq', ['sss', 'faq', 'faqs']],
    ] as const
  ).flatMap(([kind, words]) => words.map((word) => [word, kind] as const)),
);

/** The first whole word of `query` that names a kind, with the rest of the text; undefined when none does. */
export function kindNamed(query: string): { kind: CatalogueFilter; rest: string } | undefined {
  const tokens = searchTokens(query.slice(0, L.query)).slice(0, MAX_QUERY_TERMS);
  const index = tokens.findIndex((token) => kindWords.has(token));
  if (index === -1) return undefined;
  return { kind: kindWords.get(tokens[index]!)!, rest: tokens.filter((_, at) => at !== index).join(' ') };
}

const hitKey = (hit: CatalogueHit) => (hit.type === 'item' ? `item:${hit.item.id}` : `article:${hit.article.slug}`);

/**
 * Starts-with on the name ("süper ko" → "Süper Konuşkan 20 GB"), then every typed word starting a word of the
 * name or of the second field (code / tags), else found elsewhere (description, body).
 */
function wordTier(tokens: readonly string[], name: readonly string[], second: readonly string[]): Tier {
  if (name.join(' ').startsWith(tokens.join(' '))) return Tier.StartsWith;
  const words = [...name, ...second];
  if (tokens.every((token) => words.some((word) => word.startsWith(token)))) return Tier.EveryWord;
  return Tier.Elsewhere;
}

/** The same test the SQL filter makes, for rows read without it (exact code lookups). */
function passes(row: ItemRow, filter: ItemFilter): boolean {
  return (
    validAt(row, filter.at) &&
    (filter.kind === undefined || row.kind === filter.kind) &&
    eligibleFor(row.eligibleSegments, filter.segment) !== false
  );
}

function validAt(row: ItemRow, at: number): boolean {
  return row.active && (row.validFrom === null || row.validFrom <= at) && (row.validUntil === null || at < row.validUntil);
}

/** null without a customer; true when the list is empty (everyone) or names the customer's segment. */
export function eligibleFor(segments: readonly string[], segment: string | null | undefined): boolean | null {
  if (segment === undefined) return null;
  return segments.length === 0 || (segment !== null && segments.includes(segment));
}

function itemView(row: ItemRow, at: number, segment: string | null | undefined): CatalogueItemView {
  return {
    id: row.id,
    code: cap(row.code, L.code) ?? '',
    kind: row.kind,
    name: cap(row.name, L.name) ?? '',
    description: cap(row.description, L.description),
    priceMinor: row.priceMinor,
    currency: row.currency !== null && row.currency.length <= 3 ? row.currency : null,
    discountPercent:
      row.discountPercent !== null && row.discountPercent >= 0 && row.discountPercent <= 100 ? row.discountPercent : null,
    discountMinor: row.discountMinor,
    validFrom: row.validFrom,
    validUntil: row.validUntil,
    eligibleSegments: row.eligibleSegments.slice(0, L.segments).map((s) => cap(s, L.segment) ?? ''),
    availableNow: validAt(row, at),
    eligible: eligibleFor(row.eligibleSegments, segment),
  };
}

function articleHit(row: ArticleHitRow, body: string): ArticleHit {
  return {
    slug: cap(row.slug, L.slug) ?? '',
    kind: row.kind,
    language: cap(row.language, 35) ?? '',
    title: cap(row.title, L.title) ?? '',
    tags: capTags(row.tags),
    excerpt: excerpt(body),
  };
}

function capTags(tags: readonly string[]): string[] {
  return tags.slice(0, L.tags).map((tag) => cap(tag, L.tag) ?? '');
}

/** The body's start on one line, cut at a word where one is near the limit. */
export function excerpt(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  if (line.length <= L.excerpt) return line;
  let cut = line.slice(0, L.excerpt - 1);
  // Never end on half of a surrogate pair (an emoji, a rare CJK character).
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  const space = cut.lastIndexOf(' ');
  if (space > L.excerpt * 0.6) cut = cut.slice(0, space);
  return `${cut}…`;
}
