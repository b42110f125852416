// Which FOLD_VERSION each folded FTS5 index was built with (search_index_state). Plain Node.
import type Database from 'better-sqlite3';

export type SearchIndexName = 'customer_fts' | 'catalogue_fts' | 'knowledge_fts';

export function indexFoldVersion(sqlite: Database.Database, name: SearchIndexName): number | undefined {
  return sqlite.prepare('SELECT fold_version FROM search_index_state WHERE name = ?').pluck().get(name) as number | undefined;
}

export function recordIndexBuilt(sqlite: Database.Database, name: SearchIndexName, foldVersion: number, now: number): void {
  sqlite
    .prepare(
      `INSERT INTO search_index_state (name, fold_version, rebuilt_at) VALUES (?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET fold_version = excluded.fold_version, rebuilt_at = excluded.rebuilt_at`,
    )
    .run(name, foldVersion, now);
}
