// DB bootstrap: WAL + foreign keys, migrations, and damaged files that are never overwritten or deleted.
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DatabaseDamagedError, DatabaseUnavailableError, openDatabase } from '../../../db/database.js';
import { migrationsFolder } from '../../support/paths.js';
import { useTempDirs } from '../../support/tempDir.js';

const tempDir = useTempDirs();

describe('openDatabase', () => {
  it('creates a fresh database with WAL, foreign keys and every migration applied', () => {
    const path = join(tempDir(), 'agentdesk.db');
    const database = openDatabase({ path, migrationsFolder, onDamaged: 'fail' });
    try {
      expect(database.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(database.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(database.sqlite.pragma('busy_timeout', { simple: true })).toBe(5000);
      expect(database.migration.applied).toBeGreaterThanOrEqual(1);
      const tables = database.sqlite.prepare(`SELECT name FROM sqlite_master WHERE type='table'`).all() as { name: string }[];
      expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(['outbox', 'audit_log', '__drizzle_migrations']));
    } finally {
      database.close();
    }
  });

  it('reopens without re-applying migrations and keeps the rows', () => {
    const path = join(tempDir(), 'agentdesk.db');
    const first = openDatabase({ path, migrationsFolder, onDamaged: 'fail' });
    first.sqlite.prepare(`INSERT INTO audit_log (id, at, actor, action) VALUES ('a1', 1, 'test', 'x')`).run();
    const version = first.migration.schemaVersion;
    first.close();
    const second = openDatabase({ path, migrationsFolder, onDamaged: 'fail' });
    try {
      expect(second.migration).toEqual({ applied: 0, schemaVersion: version });
      expect(second.sqlite.prepare('SELECT count(*) AS n FROM audit_log').get()).toEqual({ n: 1 });
    } finally {
      second.close();
    }
  });

  it('refuses a file that is not a database and leaves it untouched without consent', () => {
    const dir = tempDir();
    const path = join(dir, 'agentdesk.db');
    const garbage = Buffer.from('this is not an SQLite file, but the operator may still want it back\n'.repeat(200));
    writeFileSync(path, garbage);
    expect(() => openDatabase({ path, migrationsFolder, onDamaged: 'fail' })).toThrow(DatabaseDamagedError);
    expect(() => openDatabase({ path, migrationsFolder, onDamaged: 'fail' })).toThrow(/--yes/);
    expect(readFileSync(path)).toEqual(garbage);
  });

  it('with consent moves a damaged file (and its WAL) aside byte for byte and starts fresh', () => {
    const dir = tempDir();
    const path = join(dir, 'agentdesk.db');
    const garbage = Buffer.from('garbage'.repeat(1000));
    writeFileSync(path, garbage);
    writeFileSync(`${path}-wal`, 'wal bytes');
    const database = openDatabase({ path, migrationsFolder, onDamaged: 'move-aside-and-create', now: () => new Date('2026-01-02T03:04:05Z') });
    try {
      expect(database.movedAside).toBe(`${path}.damaged-2026-01-02T03-04-05-000Z`);
      expect(readFileSync(database.movedAside!)).toEqual(garbage);
      expect(readFileSync(`${database.movedAside!}-wal`, 'utf8')).toBe('wal bytes');
      expect(database.sqlite.prepare('SELECT count(*) AS n FROM outbox').get()).toEqual({ n: 0 });
    } finally {
      database.close();
    }
  });

  it('detects a real SQLite file whose pages were damaged', () => {
    const dir = tempDir();
    const path = join(dir, 'agentdesk.db');
    const healthy = openDatabase({ path, migrationsFolder, onDamaged: 'fail' });
    const insert = healthy.sqlite.prepare(`INSERT INTO audit_log (id, at, actor, action, details) VALUES (?, ?, 'test', 'seed', ?)`);
    healthy.sqlite.transaction(() => {
      for (let i = 0; i < 2000; i++) insert.run(`id-${i}`, i, JSON.stringify({ filler: 'x'.repeat(100) }));
    })();
    healthy.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    healthy.close();
    // Overwrite the middle of the file (b-tree pages) with noise, keeping the header intact.
    const bytes = readFileSync(path);
    for (let i = 8192; i < 8192 + 4096 * 4; i++) bytes[i] = (i * 131) & 0xff;
    writeFileSync(path, bytes);
    const copy = join(dir, 'evidence.db');
    copyFileSync(path, copy);
    expect(() => openDatabase({ path, migrationsFolder, onDamaged: 'fail', fullIntegrityCheck: true })).toThrow(DatabaseDamagedError);
    expect(readFileSync(path)).toEqual(readFileSync(copy));
  });

  it('reports a path it cannot open as unavailable, not damaged, and moves nothing', () => {
    const dir = tempDir();
    const path = join(dir, 'agentdesk.db');
    mkdirSync(path); // a folder where the file should be
    expect(() => openDatabase({ path, migrationsFolder, onDamaged: 'move-aside-and-create' })).toThrow(DatabaseUnavailableError);
    expect(existsSync(path)).toBe(true);
  });

  it('treats an empty (0-byte) file as a new database', () => {
    const path = join(tempDir(), 'agentdesk.db');
    writeFileSync(path, '');
    const database = openDatabase({ path, migrationsFolder, onDamaged: 'fail' });
    expect(database.migration.applied).toBeGreaterThanOrEqual(1);
    database.close();
    expect(new Database(path).prepare(`SELECT count(*) AS n FROM __drizzle_migrations`).get()).toEqual({ n: database.migration.schemaVersion });
  });
});
