// Read-only queries behind the catalogue and knowledge panel: folded full-text candidates, browsing one kind,
// an item by code, an article by slug. Plain Node. Writes (and index upkeep) stay in catalogue.ts.
// Budget: every query is an FTS5 read with a LIMIT, a unique-index lookup, or one kind's index range with a
// LIMIT; validity and segment filters run in SQL on those few rows, so nothing here reads a whole table.
import type Database from 'better-sqlite3';
import type { CatalogueItem, CatalogueKind, KnowledgeArticle } from './catalogue.js';

/** Which items may be shown: active, valid at `at`, of `kind`, and (when `segment` is given) open to that segment. */
export interface ItemFilter {
  at: number;
  kind?: CatalogueKind | undefined;
  /**
   * undefined: no customer, every segment list passes. A string: only items open to everyone or to that segment.
   * null: a customer without a segment, who gets only the items open to everyone.
   */
  segment?: string | null | undefined;
}

export interface ItemRow extends CatalogueItem {
  seq: number;
}

/** An article as a result list needs it to rank: no body (bodies are long; see excerpts()). */
export interface ArticleHitRow extends Omit<KnowledgeArticle, 'id' | 'body'> {
  seq: number;
}

type RawItem = Omit<ItemRow, 'eligibleSegments' | 'active'> & { eligibleSegments: string; active: number };
type RawArticleHit = Omit<ArticleHitRow, 'tags'> & { tags: string };
type RawArticle = Omit<KnowledgeArticle, 'tags'> & { tags: string };

const itemColumns = `seq, id, code, kind, name, description, price_minor AS priceMinor, currency,
  discount_percent AS discountPercent, discount_minor AS discountMinor, valid_from AS validFrom,
  valid_until AS validUntil, eligible_segments AS eligibleSegments, active`;

/** Characters of a body read for an excerpt: enough for the contract's 240 after whitespace is squeezed. */
const EXCERPT_READ = 400;
const articleHitColumns = 'seq, slug, kind, language, title, tags';

/** The filter as SQL over catalogue_items, with named parameters (see itemParameters). */
const itemFilterSql = `active = 1
  AND (valid_from IS NULL OR valid_from <= @at) AND (valid_until IS NULL OR valid_until > @at)
  AND (@kind IS NULL OR kind = @kind)
  AND (@anySegment = 1 OR json_array_length(eligible_segments) = 0
       OR EXISTS (SELECT 1 FROM json_each(eligible_segments) WHERE value = @segment))`;

const itemParameters = (filter: ItemFilter) => ({
  at: filter.at,
  kind: filter.kind ?? null,
  anySegment: filter.segment === undefined ? 1 : 0,
  segment: filter.segment ?? null,
});

const toItem = ({ eligibleSegments, active, ...raw }: RawItem): ItemRow => ({
  ...raw,
  eligibleSegments: parseStringList(eligibleSegments),
  active: active === 1,
});

const toArticleHit = ({ tags, ...raw }: RawArticleHit): ArticleHitRow => ({ ...raw, tags: parseStringList(tags) });

/** JSON lists written by the centre: anything but a list of strings reads as empty rather than failing a search. */
function parseStringList(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === 'string') : [];
  } catch {
    return [];
  }
}

export class CatalogueSearchRepository {
  private readonly statements;

  constructor(sqlite: Database.Database) {
    const prepare = (source: string) => sqlite.prepare(source);
    this.statements = {
      itemMatches: prepare('SELECT rowid FROM catalogue_fts WHERE catalogue_fts MATCH ? LIMIT ?').pluck(),
      itemsBySeq: prepare(`SELECT ${itemColumns} FROM catalogue_items
        WHERE seq IN (SELECT value FROM json_each(@seqs)) AND ${itemFilterSql}`),
      browseItems: prepare(`SELECT ${itemColumns} FROM catalogue_items WHERE kind = @kind AND ${itemFilterSql}
        ORDER BY name LIMIT @limit`),
      itemsByCode: prepare(`SELECT ${itemColumns} FROM catalogue_items WHERE code IN (SELECT value FROM json_each(?))`),
      articleMatches: prepare('SELECT rowid FROM knowledge_fts WHERE knowledge_fts MATCH ? LIMIT ?').pluck(),
      articlesBySeq: prepare(`SELECT ${articleHitColumns} FROM knowledge_articles
        WHERE seq IN (SELECT value FROM json_each(@seqs)) AND (@kind IS NULL OR kind = @kind)`),
      browseArticles: prepare(`SELECT ${articleHitColumns} FROM knowledge_articles WHERE kind = ? ORDER BY title LIMIT ?`),
      excerpts: prepare(`SELECT seq, substr(body, 1, ${EXCERPT_READ}) AS excerpt FROM knowledge_articles
        WHERE seq IN (SELECT value FROM json_each(?))`),
      articleBySlug: prepare('SELECT id, slug, kind, language, title, body, tags FROM knowledge_articles WHERE slug = ?'),
    };
  }

  /**
   * Items whose folded words start with the MATCH expression's terms (db/search/ftsQuery.ts builds it), among
   * the first `candidates` index hits, that pass `filter`. Unranked: the caller ranks the few that come back.
   * `exhausted` is false when the index had more hits than were read.
   */
  itemCandidates(match: string, candidates: number, filter: ItemFilter): { rows: ItemRow[]; exhausted: boolean } {
    const seqs = this.statements.itemMatches.all(match, candidates) as number[];
    if (seqs.length === 0) return { rows: [], exhausted: true };
    const rows = this.statements.itemsBySeq.all({ seqs: JSON.stringify(seqs), ...itemParameters(filter) }) as RawItem[];
    return { rows: rows.map(toItem), exhausted: seqs.length < candidates };
  }

  /** One kind's items that pass `filter`, by name: the kind index range, filtered, at most `limit`. */
  browseItems(kind: CatalogueKind, filter: Omit<ItemFilter, 'kind'>, limit: number): ItemRow[] {
    return (this.statements.browseItems.all({ ...itemParameters({ ...filter, kind }), limit }) as RawItem[]).map(toItem);
  }

  /** Items by exact code, whatever their validity (the caller says whether they may be offered). */
  itemsByCode(codes: readonly string[]): ItemRow[] {
    if (codes.length === 0) return [];
    return (this.statements.itemsByCode.all(JSON.stringify(codes)) as RawItem[]).map(toItem);
  }

  /** Articles matching the MATCH expression among the first `candidates` index hits, optionally of one kind. */
  articleCandidates(
    match: string,
    candidates: number,
    kind?: KnowledgeArticle['kind'],
  ): { rows: ArticleHitRow[]; exhausted: boolean } {
    const seqs = this.statements.articleMatches.all(match, candidates) as number[];
    if (seqs.length === 0) return { rows: [], exhausted: true };
    const rows = this.statements.articlesBySeq.all({ seqs: JSON.stringify(seqs), kind: kind ?? null }) as RawArticleHit[];
    return { rows: rows.map(toArticleHit), exhausted: seqs.length < candidates };
  }

  /** One kind's articles by title, at most `limit`. */
  browseArticles(kind: KnowledgeArticle['kind'], limit: number): ArticleHitRow[] {
    return (this.statements.browseArticles.all(kind, limit) as RawArticleHit[]).map(toArticleHit);
  }

  /** The first characters of each article's body, by seq: read only for the few articles a page shows. */
  excerpts(seqs: readonly number[]): Map<number, string> {
    if (seqs.length === 0) return new Map();
    const rows = this.statements.excerpts.all(JSON.stringify(seqs)) as { seq: number; excerpt: string }[];
    return new Map(rows.map((row) => [row.seq, row.excerpt]));
  }

  articleBySlug(slug: string): KnowledgeArticle | undefined {
    const raw = this.statements.articleBySlug.get(slug) as RawArticle | undefined;
    return raw && { ...raw, tags: parseStringList(raw.tags) };
  }
}
