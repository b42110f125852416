// Runs pending drizzle-kit migrations safely. Plain Node (better-sqlite3).
// Architecture §4: foreign keys OFF -> all pending migrations in ONE immediate transaction ->
// PRAGMA foreign_key_check -> commit -> foreign keys ON. A migration that leaves a dangling reference
// rolls back whole, so the file is never left half-migrated. Uses drizzle's own bookkeeping table
// (`__drizzle_migrations`, same columns and rules), so drizzle-kit and this runner agree on what ran.
import type Database from 'better-sqlite3';
import { readMigrationFiles } from 'drizzle-orm/migrator';

export const migrationsTable = '__drizzle_migrations';

export class MigrationError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MigrationError';
  }
}

export interface MigrationOutcome {
  applied: number;
  /** Number of migrations recorded in the database after the run. */
  schemaVersion: number;
}

export function pendingMigrationCount(sqlite: Database.Database, migrationsFolder: string): number {
  const migrations = readMigrationFiles({ migrationsFolder });
  const last = lastAppliedMillis(sqlite);
  return migrations.filter((m) => last === undefined || last < m.folderMillis).length;
}

export function schemaVersion(sqlite: Database.Database): number {
  if (!hasMigrationsTable(sqlite)) return 0;
  return (sqlite.prepare(`SELECT count(*) AS n FROM "${migrationsTable}"`).get() as { n: number }).n;
}

export function runMigrations(sqlite: Database.Database, migrationsFolder: string): MigrationOutcome {
  let migrations;
  try {
    migrations = readMigrationFiles({ migrationsFolder });
  } catch (error) {
    throw new MigrationError(`Cannot read migrations in ${migrationsFolder}: ${(error as Error).message}`, { cause: error });
  }
  const last = lastAppliedMillis(sqlite);
  const pending = migrations.filter((m) => last === undefined || last < m.folderMillis);
  if (pending.length === 0) return { applied: 0, schemaVersion: schemaVersion(sqlite) };

  // PRAGMA foreign_keys is a no-op inside a transaction, so it is switched around it.
  sqlite.pragma('foreign_keys = OFF');
  try {
    const apply = sqlite.transaction(() => {
      sqlite.exec(
        `CREATE TABLE IF NOT EXISTS "${migrationsTable}" (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at numeric)`,
      );
      const record = sqlite.prepare(`INSERT INTO "${migrationsTable}" ("hash", "created_at") VALUES (?, ?)`);
      for (const migration of pending) {
        for (const statement of migration.sql) {
          if (statement.trim() !== '') sqlite.exec(statement);
        }
        record.run(migration.hash, migration.folderMillis);
      }
      const violations = sqlite.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[];
      if (violations.length > 0) {
        const first = violations[0]!;
        throw new MigrationError(
          `Migration left ${violations.length} broken reference(s), e.g. ${first.table} row ${first.rowid} -> ${first.parent}; rolled back`,
        );
      }
    });
    apply.immediate();
  } finally {
    sqlite.pragma('foreign_keys = ON');
  }
  return { applied: pending.length, schemaVersion: schemaVersion(sqlite) };
}

function hasMigrationsTable(sqlite: Database.Database): boolean {
  return sqlite.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(migrationsTable) !== undefined;
}

function lastAppliedMillis(sqlite: Database.Database): number | undefined {
  if (!hasMigrationsTable(sqlite)) return undefined;
  const row = sqlite.prepare(`SELECT created_at FROM "${migrationsTable}" ORDER BY created_at DESC LIMIT 1`).get() as
    | { created_at: number | string }
    | undefined;
  return row === undefined ? undefined : Number(row.created_at);
}
