// Test support: apply the real migrations one step at a time, so a test can seed rows in the schema as
// it was before a migration and check them after it.
import Database from 'better-sqlite3';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runMigrations } from '../../../../db/migrate.js';
import { migrationsFolder } from '../../../support/paths.js';

interface Journal {
  entries: { idx: number; tag: string }[];
}

/** The real migrations folder cut after the migration tagged `lastTag`. */
export function migrationsUpTo(tempDir: string, lastTag: string): string {
  const folder = join(tempDir, `migrations-${lastTag}`);
  cpSync(migrationsFolder, folder, { recursive: true });
  const journalPath = join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as Journal;
  const index = journal.entries.findIndex((entry) => entry.tag === lastTag);
  if (index === -1) throw new Error(`no migration ${lastTag}`);
  journal.entries = journal.entries.slice(0, index + 1);
  writeFileSync(journalPath, JSON.stringify(journal));
  return folder;
}

/** A database file migrated up to and including `lastTag`, with foreign keys on as the app runs it. */
export function databaseAt(tempDir: string, lastTag: string): Database.Database {
  const sqlite = new Database(join(tempDir, 'agentdesk.db'));
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  runMigrations(sqlite, migrationsUpTo(tempDir, lastTag));
  return sqlite;
}

export const tables = (sqlite: Database.Database) =>
  sqlite.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).pluck().all() as string[];
