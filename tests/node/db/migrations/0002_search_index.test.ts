// Migration 0002_search_index: the folded FTS5 tables. Customers stored before it become searchable on the
// first start after it (core rebuilds an index that has no state row), and the index behaves as designed.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../db/database.js';
import { runMigrations } from '../../../../db/migrate.js';
import { CustomerService } from '../../../../electron/core/customers/customerService.js';
import { MemoryLogger } from '../../../../electron/core/log/memoryLogger.js';
import { systemClock } from '../../../../electron/core/ports.js';
import { migrationsFolder } from '../../../support/paths.js';
import { useTempDirs } from '../../../support/tempDir.js';
import { databaseAt, migrationsUpTo, tables } from './migrationSteps.js';

const tempDir = useTempDirs();

describe('migration 0002_search_index', () => {
  it('adds the FTS5 tables; customers stored before it are indexed on the next start', async () => {
    const dir = tempDir();
    const sqlite = databaseAt(dir, '0001_customer_store');
    sqlite.exec(`
      INSERT INTO customers (id, name, city, created_at, updated_at) VALUES ('c1', 'Işık Yıldırım', 'İstanbul', 1, 1);
      INSERT INTO customers (id, name, city, created_at, updated_at) VALUES ('c2', 'Пётр Ёлкин', 'Москва', 1, 1);
      INSERT INTO catalogue_items (id, code, kind, name, created_at, updated_at) VALUES ('p1', 'TRF-1', 'tariff', 'Süper Konuşkan', 1, 1);
    `);
    expect(runMigrations(sqlite, migrationsUpTo(dir, '0002_search_index')).applied).toBe(1);
    expect(tables(sqlite)).toEqual(expect.arrayContaining(['customer_fts', 'catalogue_fts', 'knowledge_fts']));
    expect(sqlite.prepare('SELECT count(*) FROM customers').pluck().get()).toBe(2);
    expect(sqlite.prepare('SELECT count(*) FROM customer_fts').pluck().get()).toBe(0);
    expect(sqlite.prepare('SELECT count(*) FROM search_index_state').pluck().get()).toBe(0);
    sqlite.close();

    const database = openDatabase({ path: join(dir, 'agentdesk.db'), migrationsFolder, onDamaged: 'fail' });
    const service = new CustomerService({
      database,
      clock: systemClock,
      events: { emit: () => {} },
      logger: new MemoryLogger(),
      defaultCountry: () => 'TR',
    });
    expect((await service.search('isik')).map((hit) => hit.id)).toEqual(['c1']);
    expect((await service.search('ёлкин')).map((hit) => hit.id)).toEqual(['c2']);
    expect(database.sqlite.prepare('SELECT name, fold_version FROM search_index_state ORDER BY name').all()).toEqual([
      { name: 'catalogue_fts', fold_version: 1 },
      { name: 'customer_fts', fold_version: 1 },
      { name: 'knowledge_fts', fold_version: 1 },
    ]);
    expect(
      database.sqlite.prepare(`SELECT rowid FROM catalogue_fts WHERE catalogue_fts MATCH '"konuskan"*'`).pluck().all(),
    ).toEqual([1]);
    database.close();
  });

  it('stores no copy of the text (contentless), deletes by rowid, and keeps й apart from и', () => {
    const sqlite = databaseAt(tempDir(), '0002_search_index');
    const insert = sqlite.prepare(
      'INSERT INTO customer_fts (rowid, name, company, address, city, email, notes) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    insert.run(1, 'майский', '', '', '', '', '');
    insert.run(2, 'маиский', '', '', '', '', '');
    const find = (match: string) =>
      sqlite.prepare('SELECT rowid FROM customer_fts WHERE customer_fts MATCH ?').pluck().all(match);
    expect(find('"май"*')).toEqual([1]);
    expect(find('"маи"*')).toEqual([2]);
    expect(sqlite.prepare('SELECT name FROM customer_fts WHERE rowid = 1').pluck().get()).toBeNull();
    sqlite.prepare('DELETE FROM customer_fts WHERE rowid = ?').run(1);
    expect(find('"м"*')).toEqual([2]);
    expect(() => find('"a b"')).toThrow(/phrase queries are not supported/); // why ftsQuery never builds phrases
    sqlite.close();
  });
});
