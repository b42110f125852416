// The migration runner: FK off -> one immediate transaction -> foreign_key_check -> FK on.
import Database from 'better-sqlite3';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MigrationError, runMigrations, schemaVersion } from '../../../db/migrate.js';
import { migrationsFolder } from '../../support/paths.js';
import { useTempDirs } from '../../support/tempDir.js';

const tempDir = useTempDirs();

/** A copy of the real migrations plus extra ones, as drizzle-kit would write them. */
function migrationsWith(extra: { tag: string; sql: string }[]): string {
  const folder = join(tempDir(), 'migrations');
  cpSync(migrationsFolder, folder, { recursive: true });
  const journalPath = join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { idx: number; when: number; tag: string; breakpoints: boolean; version: string }[] };
  let when = Math.max(...journal.entries.map((e) => e.when));
  for (const migration of extra) {
    when += 1000;
    journal.entries.push({ idx: journal.entries.length, version: '6', when, tag: migration.tag, breakpoints: true });
    writeFileSync(join(folder, `${migration.tag}.sql`), migration.sql);
  }
  writeFileSync(journalPath, JSON.stringify(journal));
  return folder;
}

describe('runMigrations', () => {
  it('applies each migration once and counts the schema version', () => {
    const sqlite = new Database(':memory:');
    const first = runMigrations(sqlite, migrationsFolder);
    expect(first.applied).toBe(first.schemaVersion);
    expect(runMigrations(sqlite, migrationsFolder)).toEqual({ applied: 0, schemaVersion: first.schemaVersion });
  });

  it('rolls back every pending migration when one leaves a broken foreign key', () => {
    const sqlite = new Database(':memory:');
    runMigrations(sqlite, migrationsFolder);
    const before = schemaVersion(sqlite);
    const folder = migrationsWith([
      { tag: '9001_parent', sql: 'CREATE TABLE parent (id text PRIMARY KEY);' },
      {
        tag: '9002_child',
        sql: 'CREATE TABLE child (id text PRIMARY KEY, parent_id text REFERENCES parent(id));\n--> statement-breakpoint\nINSERT INTO child VALUES (\'c1\', \'missing\');',
      },
    ]);
    expect(() => runMigrations(sqlite, folder)).toThrow(MigrationError);
    expect(schemaVersion(sqlite)).toBe(before);
    expect(sqlite.prepare(`SELECT name FROM sqlite_master WHERE name IN ('parent','child')`).all()).toEqual([]);
    expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('lets a migration rebuild a referenced table (FK off during the run) when references stay intact', () => {
    const sqlite = new Database(':memory:');
    sqlite.pragma('foreign_keys = ON');
    runMigrations(sqlite, migrationsFolder);
    const folder = migrationsWith([
      { tag: '9001_tables', sql: "CREATE TABLE parent (id text PRIMARY KEY);\n--> statement-breakpoint\nCREATE TABLE child (id text PRIMARY KEY, parent_id text REFERENCES parent(id));\n--> statement-breakpoint\nINSERT INTO parent VALUES ('p1');\n--> statement-breakpoint\nINSERT INTO child VALUES ('c1', 'p1');" },
      // SQLite's documented table-rebuild: with FK on, DROP TABLE parent would fail or cascade.
      { tag: '9002_rebuild', sql: "CREATE TABLE __new_parent (id text PRIMARY KEY, name text);\n--> statement-breakpoint\nINSERT INTO __new_parent (id) SELECT id FROM parent;\n--> statement-breakpoint\nDROP TABLE parent;\n--> statement-breakpoint\nALTER TABLE __new_parent RENAME TO parent;" },
    ]);
    const outcome = runMigrations(sqlite, folder);
    expect(outcome.applied).toBe(2);
    expect(sqlite.prepare('SELECT parent_id FROM child').get()).toEqual({ parent_id: 'p1' });
  });

  it('names the folder when the migrations cannot be read', () => {
    const sqlite = new Database(':memory:');
    const empty = tempDir();
    mkdirSync(join(empty, 'nothing'));
    expect(() => runMigrations(sqlite, join(empty, 'nothing'))).toThrow(/Cannot read migrations in .*nothing/);
  });
});

describe('migration 0000_foundation', () => {
  it('accepts outbox and audit rows and enforces a unique outbox id', () => {
    const sqlite = new Database(':memory:');
    runMigrations(sqlite, migrationsFolder);
    const insert = sqlite.prepare(`INSERT INTO outbox (id, entity, entity_id, operation, payload, created_at) VALUES (?, 'customer', 'c1', 'insert', '{}', 1)`);
    insert.run('0190-a');
    expect(() => insert.run('0190-a')).toThrow(/UNIQUE/);
    const row = sqlite.prepare('SELECT seq, attempts, sent_at FROM outbox').get();
    expect(row).toEqual({ seq: 1, attempts: 0, sent_at: null });
  });
});
