// Migration 0001_customer_store: the customer store's tables arrive next to existing rows, and their keys,
// uniqueness and foreign keys hold.
import { describe, expect, it } from 'vitest';
import { runMigrations } from '../../../../db/migrate.js';
import { migrationsFolder } from '../../../support/paths.js';
import { useTempDirs } from '../../../support/tempDir.js';
import { databaseAt, migrationsUpTo, tables } from './migrationSteps.js';

const tempDir = useTempDirs();

describe('migration 0001_customer_store', () => {
  it('keeps the outbox and audit rows written before it', () => {
    const dir = tempDir();
    const sqlite = databaseAt(dir, '0000_foundation');
    sqlite
      .prepare(
        `INSERT INTO outbox (id, entity, entity_id, operation, payload, created_at) VALUES ('o1', 'setting', 's1', 'update', '{"a":1}', 5)`,
      )
      .run();
    sqlite.prepare(`INSERT INTO audit_log (id, at, actor, action) VALUES ('a1', 6, 'operator', 'settings.set')`).run();

    expect(runMigrations(sqlite, migrationsUpTo(dir, '0001_customer_store')).applied).toBe(1);
    expect(sqlite.prepare('SELECT id, payload, sent_at FROM outbox').all()).toEqual([
      { id: 'o1', payload: '{"a":1}', sent_at: null },
    ]);
    expect(sqlite.prepare('SELECT id, action FROM audit_log').all()).toEqual([{ id: 'a1', action: 'settings.set' }]);
    expect(tables(sqlite)).toEqual(
      expect.arrayContaining([
        'customers',
        'customer_phones',
        'calls',
        'interactions',
        'tickets',
        'departments',
        'orders',
        'order_lines',
        'catalogue_items',
        'knowledge_articles',
        'search_index_state',
      ]),
    );
    sqlite.close();
  });

  it('accepts a customer with phones, calls, history, tickets and orders, and enforces keys and references', () => {
    const sqlite = databaseAt(tempDir(), '0001_customer_store');
    sqlite.exec(`
      INSERT INTO customers (id, external_id, name, created_at, updated_at) VALUES ('c1', 'CRM-1', 'Işık Yıldırım', 1, 1);
      INSERT INTO customer_phones (customer_id, e164, digits_reversed, created_at) VALUES ('c1', '+905321234567', '765432123509', 1);
      INSERT INTO calls (id, direction, e164, invite_at, created_at) VALUES ('k1', 'inbound', '+905321234567', 1, 1);
      INSERT INTO interactions (id, customer_id, call_id, kind, outcome, occurred_at, created_at) VALUES ('i1', 'c1', 'k1', 'call', 'Satış', 1, 1);
      INSERT INTO departments (id, code, name, created_at, updated_at) VALUES ('d1', 'billing', 'Fatura', 1, 1);
      INSERT INTO tickets (id, customer_id, kind, department_id, subject, created_at, updated_at) VALUES ('t1', 'c1', 'complaint', 'd1', 'x', 1, 1);
      INSERT INTO catalogue_items (id, code, kind, name, created_at, updated_at) VALUES ('p1', 'TRF-1', 'tariff', 'Tarife', 1, 1);
      INSERT INTO orders (id, customer_id, currency, total_minor, created_at, updated_at) VALUES ('r1', 'c1', 'TRY', 100, 1, 1);
      INSERT INTO order_lines (id, order_id, position, catalogue_item_id, description, quantity, unit_price_minor, line_total_minor) VALUES ('l1', 'r1', 0, 'p1', 'Tarife', 1, 100, 100);
      INSERT INTO knowledge_articles (id, slug, kind, language, title, body, created_at, updated_at) VALUES ('a1', 'x', 'faq', 'tr', 'Başlık', 'Metin', 1, 1);
    `);
    const customer = sqlite.prepare('SELECT seq, services, marketing_consent, do_not_call, version FROM customers').get();
    expect(customer).toEqual({ seq: 1, services: '[]', marketing_consent: 0, do_not_call: 0, version: 1 });

    expect(() =>
      sqlite.exec(`INSERT INTO customers (id, external_id, name, created_at, updated_at) VALUES ('c2', 'CRM-1', 'Twin', 1, 1)`),
    ).toThrow(/UNIQUE/);
    expect(() =>
      sqlite.exec(
        `INSERT INTO customer_phones (customer_id, e164, digits_reversed, created_at) VALUES ('c1', '+905321234567', 'x', 1)`,
      ),
    ).toThrow(/UNIQUE|PRIMARY/);
    expect(() =>
      sqlite.exec(`INSERT INTO customer_phones (customer_id, e164, digits_reversed, created_at) VALUES ('nobody', '+1', '1', 1)`),
    ).toThrow(/FOREIGN KEY/);
    expect(() =>
      sqlite.exec(
        `INSERT INTO order_lines (id, order_id, position, description, quantity, unit_price_minor, line_total_minor) VALUES ('l2', 'none', 0, 'x', 1, 1, 1)`,
      ),
    ).toThrow(/FOREIGN KEY/);

    // Deleting a customer takes its numbers with it and keeps its history as facts without an owner.
    sqlite.exec(`DELETE FROM customers WHERE id = 'c1'`);
    expect(sqlite.prepare('SELECT count(*) FROM customer_phones').pluck().get()).toBe(0);
    expect(sqlite.prepare('SELECT customer_id, call_id FROM interactions').get()).toEqual({ customer_id: null, call_id: 'k1' });
    expect(sqlite.prepare('SELECT customer_id FROM orders').pluck().get()).toBeNull();
    expect(sqlite.pragma('foreign_key_check')).toEqual([]);
    sqlite.close();
  });

  it('is part of the shipped migrations', () => {
    const sqlite = databaseAt(tempDir(), '0001_customer_store');
    expect(runMigrations(sqlite, migrationsFolder).applied).toBeGreaterThanOrEqual(1);
    sqlite.close();
  });
});
