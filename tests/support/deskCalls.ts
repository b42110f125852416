// Test support: the call log rows of a desk whose host runs in another process, read from its SQLite file with a
// read-only connection of the test's own (opened and closed per read, so the host's writes are never blocked).
import { join } from 'node:path';
import Database from 'better-sqlite3';

export type CallRow = Record<string, unknown>;

/** The desk's `calls` rows, oldest first: the given columns, optionally filtered (`where` is the test's own SQL). */
export function readCallRows(dataDir: string, columns: readonly string[], where = ''): CallRow[] {
  const db = new Database(join(dataDir, 'agentdesk.db'), { readonly: true, fileMustExist: true });
  try {
    return db.prepare(`select ${columns.join(', ')} from calls ${where} order by invite_at`).all() as CallRow[];
  } finally {
    db.close();
  }
}
