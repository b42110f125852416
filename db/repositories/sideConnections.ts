// Extra connections on the desk's SQLite file for long jobs (export, import), beside the main one. Plain Node.
// A job on a connection of its own can stream rows across awaits (better-sqlite3 refuses any other statement
// on a connection while an iterator is open on it, which would break the call log), keeps its TEMP tables and
// bigger page cache to itself, and gives them back by closing. WAL lets a reader keep one consistent snapshot
// while the main connection goes on writing.
import Database from 'better-sqlite3';
import { configure } from '../database.js';

export function openReadConnection(path: string): Database.Database {
  const sqlite = new Database(path, { readonly: true, fileMustExist: true });
  sqlite.pragma('busy_timeout = 5000');
  return sqlite;
}

/** A read-write connection with the same settings as the main one (WAL, foreign keys, busy_timeout). */
export function openWorkConnection(path: string): Database.Database {
  const sqlite = new Database(path, { fileMustExist: true });
  try {
    configure(sqlite);
  } catch (error) {
    sqlite.close();
    throw error;
  }
  return sqlite;
}

/**
 * Runs `read` on a read-only connection inside one read transaction (a snapshot: rows committed by
 * others meanwhile are not seen), then closes it.
 */
export async function withReadSnapshot<T>(path: string, read: (sqlite: Database.Database) => Promise<T>): Promise<T> {
  const sqlite = openReadConnection(path);
  try {
    sqlite.exec('BEGIN');
    return await read(sqlite);
  } finally {
    if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
    sqlite.close();
  }
}
