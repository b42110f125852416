// Opens the desk's SQLite file: integrity check, WAL, foreign keys, migrations. Plain Node.
// A damaged file is never overwritten or deleted: it is moved aside, and only when the operator agreed
// (`onDamaged: 'move-aside-and-create'`, the CLI's --yes); otherwise opening fails with a clear message.
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { closeSync, existsSync, mkdirSync, openSync, readSync, renameSync } from 'node:fs';
import { dirname } from 'node:path';
import { runMigrations, type MigrationOutcome } from './migrate.js';
import * as schema from './schema/index.js';

export type Schema = typeof schema;
export type Drizzle = BetterSQLite3Database<Schema>;

export interface AppDatabase {
  readonly path: string;
  readonly sqlite: Database.Database;
  readonly db: Drizzle;
  readonly migration: MigrationOutcome;
  /** Where a damaged file was moved before this one was created, if that happened on this open. */
  readonly movedAside: string | undefined;
  close(): void;
}

export interface OpenDatabaseOptions {
  path: string;
  migrationsFolder: string;
  /** What to do with a file that is not a readable, intact SQLite database. */
  onDamaged: 'fail' | 'move-aside-and-create';
  /** Check the whole file (slow on big files) rather than SQLite's quick check. */
  fullIntegrityCheck?: boolean;
  now?: () => Date;
}

/** The file exists but is not an intact SQLite database. Nothing was changed unless `movedTo` says so. */
export class DatabaseDamagedError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
    readonly movedTo?: string,
  ) {
    super(
      movedTo
        ? `The database ${path} is damaged (${reason}). It was moved to ${movedTo}; nothing was deleted.`
        : `The database ${path} is damaged (${reason}). Nothing was changed. ` +
            `Agree to move it aside and start with a fresh database (CLI: --yes); the damaged file is kept.`,
    );
    this.name = 'DatabaseDamagedError';
  }
}

/** The file cannot be read at all (permissions, a folder in its place, a disk error). */
export class DatabaseUnavailableError extends Error {
  constructor(
    readonly path: string,
    reason: string,
  ) {
    super(`Cannot open the database ${path}: ${reason}`);
    this.name = 'DatabaseUnavailableError';
  }
}

export function openDatabase(options: OpenDatabaseOptions): AppDatabase {
  const { path } = options;
  mkdirSync(dirname(path), { recursive: true });
  let movedAside: string | undefined;

  let sqlite: Database.Database | undefined;
  if (existsSync(path)) {
    const verdict = inspect(path, options.fullIntegrityCheck === true);
    if (verdict.kind === 'unavailable') throw new DatabaseUnavailableError(path, verdict.reason);
    if (verdict.kind === 'damaged') {
      if (options.onDamaged === 'fail') throw new DatabaseDamagedError(path, verdict.reason);
      movedAside = moveAside(path, (options.now ?? (() => new Date()))());
    } else {
      sqlite = verdict.sqlite;
    }
  }
  sqlite ??= new Database(path);

  try {
    configure(sqlite);
    const migration = runMigrations(sqlite, options.migrationsFolder);
    const db = drizzle(sqlite, { schema });
    const opened = sqlite;
    return { path, sqlite: opened, db, migration, movedAside, close: () => opened.close() };
  } catch (error) {
    sqlite.close();
    throw error;
  }
}

/** Pragmas every connection gets (architecture §4). */
export function configure(sqlite: Database.Database): void {
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  // A second writer (sync pusher, a worker) must wait, not fail with SQLITE_BUSY at once.
  sqlite.pragma('busy_timeout = 5000');
}

type Verdict =
  | { kind: 'ok'; sqlite: Database.Database }
  | { kind: 'damaged'; reason: string }
  | { kind: 'unavailable'; reason: string };

const damagedCodes = new Set(['SQLITE_NOTADB', 'SQLITE_CORRUPT', 'SQLITE_CORRUPT_INDEX', 'SQLITE_CORRUPT_VTAB']);

const sqliteHeader = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * Reads the 16-byte header without SQLite: opening a foreign file with SQLite and closing it again can
 * delete a `-wal` file beside it, and that file may be the only copy of the operator's last changes.
 */
function headerVerdict(path: string): Verdict | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const head = Buffer.alloc(sqliteHeader.length);
    const read = readSync(fd, head, 0, head.length, 0);
    if (read === 0) return undefined; // an empty file is a new database
    if (read < head.length || !head.equals(sqliteHeader)) return { kind: 'damaged', reason: 'not an SQLite database file' };
    return undefined;
  } catch (error) {
    return { kind: 'unavailable', reason: (error as Error).message };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function inspect(path: string, full: boolean): Verdict {
  const early = headerVerdict(path);
  if (early) return early;
  let sqlite: Database.Database;
  try {
    sqlite = new Database(path, { fileMustExist: true });
  } catch (error) {
    return classify(error);
  }
  try {
    const rows = sqlite.pragma(full ? 'integrity_check(20)' : 'quick_check(20)', { simple: false }) as Record<string, string>[];
    const messages = rows.map((row) => Object.values(row)[0] ?? '');
    if (messages.length === 1 && messages[0] === 'ok') return { kind: 'ok', sqlite };
    sqlite.close();
    return { kind: 'damaged', reason: `integrity check: ${messages.slice(0, 3).join('; ')}` };
  } catch (error) {
    sqlite.close();
    return classify(error);
  }
}

function classify(error: unknown): Verdict {
  const code = (error as { code?: string }).code ?? '';
  const message = error instanceof Error ? error.message : String(error);
  if (damagedCodes.has(code)) return { kind: 'damaged', reason: message };
  return { kind: 'unavailable', reason: message };
}

/** Renames the file and its WAL/SHM companions to `<name>.damaged-<timestamp>`; never deletes. */
function moveAside(path: string, now: Date): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  let target = `${path}.damaged-${stamp}`;
  for (let n = 2; existsSync(target); n++) target = `${path}.damaged-${stamp}-${n}`;
  renameSync(path, target);
  for (const suffix of ['-wal', '-shm']) {
    if (existsSync(path + suffix)) renameSync(path + suffix, target + suffix);
  }
  return target;
}
