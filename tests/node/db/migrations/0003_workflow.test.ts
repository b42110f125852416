// Migration 0003_workflow: agent state log, call scripts, wrap-up drafts, callbacks, and the wrap-up columns
// on interactions. Interactions stored before it keep their data and gain empty wrap-up columns.
import { describe, expect, it } from 'vitest';
import { runMigrations } from '../../../../db/migrate.js';
import { useTempDirs } from '../../../support/tempDir.js';
import { databaseAt, migrationsUpTo, tables } from './migrationSteps.js';

const tempDir = useTempDirs();

describe('migration 0003_workflow', () => {
  it('keeps existing interactions and adds the workflow tables', () => {
    const dir = tempDir();
    const sqlite = databaseAt(dir, '0002_search_index');
    sqlite.exec(`
      INSERT INTO customers (id, name, created_at, updated_at) VALUES ('c1', 'Işık Yıldırım', 1, 1);
      INSERT INTO calls (id, direction, invite_at, created_at) VALUES ('call1', 'inbound', 10, 10);
      INSERT INTO interactions (id, customer_id, call_id, kind, outcome, notes, occurred_at, created_at)
        VALUES ('i1', 'c1', 'call1', 'call', 'sale', 'Tarife değişti', 20, 20);
    `);
    expect(runMigrations(sqlite, migrationsUpTo(dir, '0003_workflow')).applied).toBe(1);
    expect(tables(sqlite)).toEqual(
      expect.arrayContaining(['agent_state_events', 'call_scripts', 'wrap_up_drafts', 'callbacks']),
    );
    expect(sqlite.prepare('SELECT * FROM interactions').all()).toEqual([
      expect.objectContaining({
        id: 'i1',
        outcome: 'sale',
        notes: 'Tarife değişti',
        outcome_subcode: null,
        custom_fields: null,
        script_id: null,
        script_run: null,
      }),
    ]);
    sqlite.close();
  });

  it('enforces what the workflow relies on: one draft per call, one row per script version, callback links', () => {
    const sqlite = databaseAt(tempDir(), '0003_workflow');
    sqlite.exec(`INSERT INTO customers (id, name, created_at, updated_at) VALUES ('c1', 'Ali', 1, 1);`);
    // A draft may name a call that is not logged yet (the call row is written when the call ends) …
    const draft = sqlite.prepare(
      `INSERT INTO wrap_up_drafts (id, call_id, customer_id, agent, content, opened_at, updated_at)
       VALUES (?, ?, 'c1', '1001', '{}', 1, 1)`,
    );
    draft.run('d1', 'call-not-yet-logged');
    // … but never two drafts for one call; drafts without a call (back office) are many.
    expect(() => draft.run('d2', 'call-not-yet-logged')).toThrow(/UNIQUE/);
    draft.run('d3', null);
    draft.run('d4', null);

    const script = sqlite.prepare(
      `INSERT INTO call_scripts (id, key, version, name, language, definition, source_hash, imported_at)
       VALUES (?, 'inbound-service', ?, 'Inbound', 'tr', '{}', 'h', 1)`,
    );
    script.run('s1', 1);
    script.run('s2', 2);
    expect(() => script.run('s3', 2)).toThrow(/UNIQUE/);
    expect(sqlite.prepare('SELECT active FROM call_scripts WHERE id = ?').pluck().get('s1')).toBe(1);

    const callback = sqlite.prepare(
      `INSERT INTO callbacks (id, customer_id, call_id, e164, due_at, created_by, created_at, updated_at)
       VALUES (?, ?, ?, '+905321234567', 100, '1001', 1, 1)`,
    );
    expect(() => callback.run('cb1', 'c1', 'no-such-call')).toThrow(/FOREIGN KEY/);
    callback.run('cb2', 'c1', null);
    expect(sqlite.prepare('SELECT status, version FROM callbacks').get()).toEqual({ status: 'scheduled', version: 1 });
    // Deleting the customer keeps the callback (it may still be worked) but unlinks it.
    sqlite.exec(`DELETE FROM customers WHERE id = 'c1'`);
    expect(sqlite.prepare('SELECT customer_id FROM callbacks').pluck().get()).toBeNull();
    expect(sqlite.prepare('SELECT customer_id FROM wrap_up_drafts WHERE id = ?').pluck().get('d1')).toBeNull();
    sqlite.close();
  });
});
