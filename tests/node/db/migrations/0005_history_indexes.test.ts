// Migration 0005_history_indexes: indexes for browsing the catalogue and knowledge base by kind and for finding
// an interaction's tickets, orders and callbacks. Checked by what SQLite plans to do, not only by their names.
import { describe, expect, it } from 'vitest';
import { runMigrations } from '../../../../db/migrate.js';
import { useTempDirs } from '../../../support/tempDir.js';
import { databaseAt, migrationsUpTo } from './migrationSteps.js';

const tempDir = useTempDirs();

describe('migration 0005_history_indexes', () => {
  it('keeps the rows and lets the history and catalogue queries use indexes', () => {
    const dir = tempDir();
    const sqlite = databaseAt(dir, '0004_call_outcomes');
    sqlite.exec(`
      INSERT INTO catalogue_items (id, code, kind, name, created_at, updated_at) VALUES ('p1', 'FIB-100', 'tariff', 'Fiber 100', 1, 1);
      INSERT INTO knowledge_articles (id, slug, kind, language, title, body, created_at, updated_at)
        VALUES ('a1', 'modem-reset', 'procedure', 'tr', 'Modem sıfırlama', 'Adımlar…', 1, 1);
      INSERT INTO interactions (id, kind, occurred_at, created_at) VALUES ('i1', 'call', 1, 1);
      INSERT INTO tickets (id, interaction_id, kind, subject, created_at, updated_at) VALUES ('t1', 'i1', 'complaint', 'Arıza', 1, 1);
    `);
    expect(runMigrations(sqlite, migrationsUpTo(dir, '0005_history_indexes')).applied).toBe(1);
    const plan = (query: string) =>
      (sqlite.prepare(`EXPLAIN QUERY PLAN ${query}`).all() as { detail: string }[]).map((row) => row.detail).join(' | ');
    expect(plan(`SELECT * FROM catalogue_items WHERE kind = 'tariff' ORDER BY name LIMIT 50`)).toMatch(/catalogue_items_kind_name/);
    expect(plan(`SELECT * FROM knowledge_articles WHERE kind = 'faq' ORDER BY title LIMIT 50`)).toMatch(/knowledge_articles_kind_title/);
    for (const table of ['tickets', 'orders', 'callbacks'])
      expect(plan(`SELECT * FROM ${table} WHERE interaction_id IN ('i1', 'i2')`)).toMatch(new RegExp(`${table}_interaction`));
    expect(sqlite.prepare('SELECT subject FROM tickets').pluck().all()).toEqual(['Arıza']);
    sqlite.close();
  });
});
