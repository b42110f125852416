// The centre's reference data on the desk: departments, catalogue items (tariffs, services, products,
// promotions) and knowledge-base articles, with their folded search indexes. Plain Node.
// `ensure*` inserts a record that is not there yet (by code / slug) and leaves an existing one alone,
// so seeding twice changes nothing; each insert adds its outbox row.
import type Database from 'better-sqlite3';
import { prefixMatch } from '../search/ftsQuery.js';
import { OutboxWriter } from './outboxWriter.js';

export interface DepartmentRow {
  id: string;
  code: string;
  name: string;
  transferTarget: string | null;
}

export type CatalogueKind = 'tariff' | 'service' | 'product' | 'promotion';

export interface CatalogueItem {
  id: string;
  code: string;
  kind: CatalogueKind;
  name: string;
  description: string | null;
  priceMinor: number | null;
  currency: string | null;
  discountPercent: number | null;
  discountMinor: number | null;
  validFrom: number | null;
  validUntil: number | null;
  eligibleSegments: string[];
  active: boolean;
}

export interface KnowledgeArticle {
  id: string;
  slug: string;
  kind: 'procedure' | 'faq';
  language: string;
  title: string;
  body: string;
  tags: string[];
}

/** Folded token strings per FTS column (see electron/shared/text/fold.ts searchTokens). */
export interface CatalogueSearchDocument {
  name: string;
  code: string;
  description: string;
}
export interface KnowledgeSearchDocument {
  title: string;
  tags: string;
  body: string;
}

type RawCatalogueItem = Omit<CatalogueItem, 'eligibleSegments' | 'active'> & { eligibleSegments: string; active: number };
type RawArticle = Omit<KnowledgeArticle, 'tags'> & { tags: string };

const catalogueColumns = `id, code, kind, name, description, price_minor AS priceMinor, currency, discount_percent AS discountPercent,
  discount_minor AS discountMinor, valid_from AS validFrom, valid_until AS validUntil, eligible_segments AS eligibleSegments, active`;
const articleColumns = 'id, slug, kind, language, title, body, tags';

const toItem = (raw: RawCatalogueItem): CatalogueItem => ({
  ...raw,
  eligibleSegments: JSON.parse(raw.eligibleSegments) as string[],
  active: raw.active === 1,
});
const toArticle = (raw: RawArticle): KnowledgeArticle => ({ ...raw, tags: JSON.parse(raw.tags) as string[] });

export class CatalogueRepository {
  private readonly outbox: OutboxWriter;
  private readonly statements;

  constructor(private readonly sqlite: Database.Database) {
    this.outbox = new OutboxWriter(sqlite);
    const prepare = (source: string) => sqlite.prepare(source);
    this.statements = {
      departmentByCode: prepare('SELECT id, code, name, transfer_target AS transferTarget FROM departments WHERE code = ?'),
      departments: prepare('SELECT id, code, name, transfer_target AS transferTarget FROM departments ORDER BY name'),
      insertDepartment: prepare(
        `INSERT INTO departments (id, code, name, transfer_target, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
      ),
      itemByCode: prepare(`SELECT ${catalogueColumns} FROM catalogue_items WHERE code = ?`),
      itemsBySeq: prepare(`SELECT seq, ${catalogueColumns} FROM catalogue_items WHERE seq IN (SELECT value FROM json_each(?))`),
      insertItem:
        prepare(`INSERT INTO catalogue_items (id, code, kind, name, description, price_minor, currency, discount_percent,
        discount_minor, valid_from, valid_until, eligible_segments, active, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      insertItemSearch: prepare('INSERT INTO catalogue_fts (rowid, name, code, description) VALUES (?, ?, ?, ?)'),
      searchItems: prepare('SELECT rowid FROM catalogue_fts WHERE catalogue_fts MATCH ? LIMIT ?').pluck(),
      articleBySlug: prepare(`SELECT ${articleColumns} FROM knowledge_articles WHERE slug = ?`),
      articlesBySeq: prepare(
        `SELECT seq, ${articleColumns} FROM knowledge_articles WHERE seq IN (SELECT value FROM json_each(?))`,
      ),
      insertArticle: prepare(`INSERT INTO knowledge_articles (id, slug, kind, language, title, body, tags, created_at, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      insertArticleSearch: prepare('INSERT INTO knowledge_fts (rowid, title, tags, body) VALUES (?, ?, ?, ?)'),
      searchArticles: prepare('SELECT rowid FROM knowledge_fts WHERE knowledge_fts MATCH ? LIMIT ?').pluck(),
      allItemsForIndex: prepare('SELECT seq, code, name, description FROM catalogue_items'),
      allArticlesForIndex: prepare('SELECT seq, title, tags, body FROM knowledge_articles'),
      clearItemSearch: prepare('DELETE FROM catalogue_fts'),
      clearArticleSearch: prepare('DELETE FROM knowledge_fts'),
    };
  }

  /** Inserts the department unless its code exists; returns the stored row and whether it was created. */
  ensureDepartment(department: DepartmentRow, now: number): { row: DepartmentRow; created: boolean } {
    const existing = this.statements.departmentByCode.get(department.code) as DepartmentRow | undefined;
    if (existing) return { row: existing, created: false };
    const d = department;
    this.statements.insertDepartment.run(d.id, d.code, d.name, d.transferTarget, now, now);
    this.outbox.append({ entity: 'department', entityId: d.id, operation: 'insert', payload: { ...d, version: 1 } }, now);
    return { row: d, created: true };
  }

  departments(): DepartmentRow[] {
    return this.statements.departments.all() as DepartmentRow[];
  }

  ensureItem(item: CatalogueItem, search: CatalogueSearchDocument, now: number): { row: CatalogueItem; created: boolean } {
    const existing = this.statements.itemByCode.get(item.code) as RawCatalogueItem | undefined;
    if (existing) return { row: toItem(existing), created: false };
    const i = item;
    const seq = this.statements.insertItem.run(
      i.id,
      i.code,
      i.kind,
      i.name,
      i.description,
      i.priceMinor,
      i.currency,
      i.discountPercent,
      i.discountMinor,
      i.validFrom,
      i.validUntil,
      JSON.stringify(i.eligibleSegments),
      i.active ? 1 : 0,
      now,
      now,
    ).lastInsertRowid;
    this.statements.insertItemSearch.run(seq, search.name, search.code, search.description);
    this.outbox.append({ entity: 'catalogue_item', entityId: i.id, operation: 'insert', payload: { ...i, version: 1 } }, now);
    return { row: i, created: true };
  }

  itemByCode(code: string): CatalogueItem | undefined {
    const raw = this.statements.itemByCode.get(code) as RawCatalogueItem | undefined;
    return raw && toItem(raw);
  }

  /**
   * Catalogue items whose folded words start with every token, that are active, valid at `at` and
   * open to `segment` (items with no segment list are open to all). At most `limit`.
   */
  searchItems(
    tokens: readonly string[],
    options: { at: number; segment?: string | null; kind?: CatalogueKind },
    limit: number,
  ): CatalogueItem[] {
    const match = prefixMatch(tokens);
    if (match === undefined) return [];
    const seqs = this.statements.searchItems.all(match, 500) as number[];
    const rows = (this.statements.itemsBySeq.all(JSON.stringify(seqs)) as (RawCatalogueItem & { seq: number })[]).map(
      ({ seq: _seq, ...raw }) => toItem(raw),
    );
    return rows
      .filter((item) => item.active && (options.kind === undefined || item.kind === options.kind))
      .filter(
        (item) =>
          (item.validFrom === null || item.validFrom <= options.at) && (item.validUntil === null || options.at < item.validUntil),
      )
      .filter(
        (item) =>
          item.eligibleSegments.length === 0 ||
          (typeof options.segment === 'string' && item.eligibleSegments.includes(options.segment)),
      )
      .slice(0, limit);
  }

  ensureArticle(
    article: KnowledgeArticle,
    search: KnowledgeSearchDocument,
    now: number,
  ): { row: KnowledgeArticle; created: boolean } {
    const existing = this.statements.articleBySlug.get(article.slug) as RawArticle | undefined;
    if (existing) return { row: toArticle(existing), created: false };
    const a = article;
    const seq = this.statements.insertArticle.run(
      a.id,
      a.slug,
      a.kind,
      a.language,
      a.title,
      a.body,
      JSON.stringify(a.tags),
      now,
      now,
    ).lastInsertRowid;
    this.statements.insertArticleSearch.run(seq, search.title, search.tags, search.body);
    this.outbox.append({ entity: 'knowledge_article', entityId: a.id, operation: 'insert', payload: { ...a, version: 1 } }, now);
    return { row: a, created: true };
  }

  /** Knowledge articles whose folded title, tags or body words start with every token. */
  searchArticles(tokens: readonly string[], limit: number): KnowledgeArticle[] {
    const match = prefixMatch(tokens);
    if (match === undefined) return [];
    const seqs = this.statements.searchArticles.all(match, limit) as number[];
    const bySeq = new Map(
      (this.statements.articlesBySeq.all(JSON.stringify(seqs)) as (RawArticle & { seq: number })[]).map(({ seq, ...raw }) => [
        seq,
        toArticle(raw),
      ]),
    );
    return seqs.flatMap((seq) => bySeq.get(seq) ?? []);
  }

  /** Refills catalogue_fts and knowledge_fts with the given document builders (after a FOLD_VERSION change). */
  rebuildSearch(
    itemDocument: (row: { code: string; name: string; description: string | null }) => CatalogueSearchDocument,
    articleDocument: (row: { title: string; tags: string[]; body: string }) => KnowledgeSearchDocument,
  ): void {
    const s = this.statements;
    this.sqlite
      .transaction(() => {
        s.clearItemSearch.run();
        for (const row of s.allItemsForIndex.all() as { seq: number; code: string; name: string; description: string | null }[]) {
          const doc = itemDocument(row);
          s.insertItemSearch.run(row.seq, doc.name, doc.code, doc.description);
        }
        s.clearArticleSearch.run();
        for (const row of s.allArticlesForIndex.all() as { seq: number; title: string; tags: string; body: string }[]) {
          const doc = articleDocument({ ...row, tags: JSON.parse(row.tags) as string[] });
          s.insertArticleSearch.run(row.seq, doc.title, doc.tags, doc.body);
        }
      })
      .immediate();
  }
}
