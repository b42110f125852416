// Call scripts as imported (call_scripts: one row per key and version) and the catalogue rows their "show"
// steps point at. Plain Node. A new version is inserted active and its older versions are switched off, each
// write with its outbox row: interactions name the script version they followed (script_id), so the centre
// needs the versions too.
import type Database from 'better-sqlite3';
import type { CatalogueItem } from './catalogue.js';
import { OutboxWriter } from './outboxWriter.js';

export interface CallScriptRow {
  id: string;
  key: string;
  version: number;
  name: string;
  language: string;
  /** The validated definition (JSON), checked again by whoever reads it. */
  definition: unknown;
  sourceHash: string;
  active: boolean;
  importedAt: number;
}

/** A catalogue item as a script's show step presents it: the catalogue's own row without its id. */
export type ScriptCatalogueItem = Omit<CatalogueItem, 'id'>;

export interface ScriptArticle {
  slug: string;
  kind: string;
  language: string;
  title: string;
  body: string;
}

type RawScript = Omit<CallScriptRow, 'definition' | 'active'> & { definition: string; active: number };
const scriptColumns =
  'id, key, version, name, language, definition, source_hash AS sourceHash, active, imported_at AS importedAt';
const toRow = (raw: RawScript): CallScriptRow => ({
  ...raw,
  definition: JSON.parse(raw.definition) as unknown,
  active: raw.active === 1,
});

export class CallScriptRepository {
  private readonly outbox: OutboxWriter;
  private readonly statements;

  constructor(private readonly sqlite: Database.Database) {
    this.outbox = new OutboxWriter(sqlite);
    const prepare = (source: string) => sqlite.prepare(source);
    this.statements = {
      byId: prepare(`SELECT ${scriptColumns} FROM call_scripts WHERE id = ?`),
      latest: prepare(`SELECT ${scriptColumns} FROM call_scripts WHERE key = ? ORDER BY version DESC LIMIT 1`),
      active: prepare(`SELECT ${scriptColumns} FROM call_scripts WHERE active = 1 ORDER BY imported_at DESC, key`),
      all: prepare(`SELECT ${scriptColumns} FROM call_scripts ORDER BY key, version DESC`),
      insert: prepare(`INSERT INTO call_scripts (id, key, version, name, language, definition, source_hash, active, imported_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?)`),
      otherActiveVersions: prepare('SELECT id FROM call_scripts WHERE key = ? AND id <> ? AND active = 1').pluck(),
      deactivate: prepare('UPDATE call_scripts SET active = 0 WHERE id = ?'),
      items:
        prepare(`SELECT code, kind, name, description, price_minor AS priceMinor, currency, discount_percent AS discountPercent,
        discount_minor AS discountMinor, valid_from AS validFrom, valid_until AS validUntil, eligible_segments AS eligibleSegments, active
        FROM catalogue_items WHERE code IN (SELECT value FROM json_each(?))`),
      articles: prepare(`SELECT slug, kind, language, title, body FROM knowledge_articles
        WHERE slug IN (SELECT value FROM json_each(?))`),
    };
  }

  /** Runs `work` in one BEGIN IMMEDIATE transaction (a nested call becomes a savepoint). */
  transaction<T>(work: () => T): T {
    return this.sqlite.transaction(work).immediate();
  }

  byId(id: string): CallScriptRow | undefined {
    const raw = this.statements.byId.get(id) as RawScript | undefined;
    return raw && toRow(raw);
  }

  /** The highest version of `key`, active or not. */
  latest(key: string): CallScriptRow | undefined {
    const raw = this.statements.latest.get(key) as RawScript | undefined;
    return raw && toRow(raw);
  }

  /** Scripts offered to new calls, most recently imported first. */
  active(): CallScriptRow[] {
    return (this.statements.active.all() as RawScript[]).map(toRow);
  }

  /** Every version, by key then newest version first. */
  all(): CallScriptRow[] {
    return (this.statements.all.all() as RawScript[]).map(toRow);
  }

  /**
   * Inserts a new active version and switches the key's other versions off (calls that used them keep
   * their script_id). Call inside `transaction`. Returns the ids switched off.
   */
  insertVersion(row: Omit<CallScriptRow, 'active' | 'importedAt'>, now: number): string[] {
    const s = this.statements;
    s.insert.run(row.id, row.key, row.version, row.name, row.language, JSON.stringify(row.definition), row.sourceHash, now);
    this.outbox.append(
      { entity: 'call_script', entityId: row.id, operation: 'insert', payload: { ...row, active: true, importedAt: now } },
      now,
    );
    const older = s.otherActiveVersions.all(row.key, row.id) as string[];
    for (const id of older) {
      s.deactivate.run(id);
      this.outbox.append({ entity: 'call_script', entityId: id, operation: 'update', payload: { active: false } }, now);
    }
    return older;
  }

  catalogueItems(codes: readonly string[]): ScriptCatalogueItem[] {
    if (codes.length === 0) return [];
    return (
      this.statements.items.all(JSON.stringify(codes)) as (Omit<ScriptCatalogueItem, 'eligibleSegments' | 'active'> & {
        eligibleSegments: string;
        active: number;
      })[]
    ).map((raw) => ({ ...raw, eligibleSegments: JSON.parse(raw.eligibleSegments) as string[], active: raw.active === 1 }));
  }

  articles(slugs: readonly string[]): ScriptArticle[] {
    if (slugs.length === 0) return [];
    return this.statements.articles.all(JSON.stringify(slugs)) as ScriptArticle[];
  }
}
