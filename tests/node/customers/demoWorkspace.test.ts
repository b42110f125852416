// `seed demo`: a working demo desk (Turkish, Russian and English customers, catalogue, knowledge base),
// created once and left alone on the second run.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CatalogueRepository } from '../../../db/repositories/catalogue.js';
import { seedDemoWorkspace } from '../../../electron/core/customers/demoWorkspace.js';
import { searchTokens } from '../../../electron/shared/text/fold.js';
import { useTempDirs } from '../../support/tempDir.js';
import { openTestStore, type TestStore } from './customerTestSupport.js';

const tempDir = useTempDirs();
let store: TestStore;

beforeEach(() => {
  store = openTestStore(tempDir());
});
afterEach(() => store.close());

const tables = [
  'customers',
  'customer_phones',
  'departments',
  'catalogue_items',
  'knowledge_articles',
  'calls',
  'interactions',
  'tickets',
  'orders',
  'order_lines',
  'outbox',
  'audit_log',
];
const counts = () => Object.fromEntries(tables.map((table) => [table, store.count(table)]));

describe('the demo workspace', () => {
  it('is created once; a second run adds nothing', () => {
    const first = seedDemoWorkspace(store.service);
    expect(first.created).toMatchObject({ departments: 5, catalogueItems: 15, articles: 7, customers: 30 });
    expect(first.created.interactions).toBeGreaterThan(5);
    expect(first.created.tickets).toBeGreaterThanOrEqual(3);
    expect(first.created.orders).toBeGreaterThanOrEqual(2);
    const after = counts();
    // Every business row has its outbox row (customers, departments, items, articles, calls, interactions, tickets, orders).
    const written = [
      'customers',
      'departments',
      'catalogue_items',
      'knowledge_articles',
      'calls',
      'interactions',
      'tickets',
      'orders',
    ].reduce((sum, table) => sum + after[table]!, 0);
    expect(after.outbox).toBe(written);

    const second = seedDemoWorkspace(store.service);
    expect(Object.values(second.created).every((n) => n === 0)).toBe(true);
    expect(second.existing).toEqual({ departments: 5, catalogueItems: 15, articles: 7, customers: 30 });
    expect(counts()).toEqual(after);
  });

  it('gives a console that works: Turkish and Russian names are found, a shared line offers a chooser', async () => {
    seedDemoWorkspace(store.service);
    expect((await store.service.search('isik')).map((h) => h.name)).toEqual(
      expect.arrayContaining(['Işık Yıldırım', 'Ilgaz Işıklı', 'Kemal Işık']),
    );
    expect((await store.service.search('ёлкин')).map((h) => h.name)).toEqual(
      expect.arrayContaining(['Пётр Ёлкин', 'Анна Ёлкина']),
    );
    expect((await store.service.search('майский')).map((h) => h.name)).toEqual(['Андрей Майский']);
    const shared = await store.service.lookupCaller('+902423456789');
    expect(shared.total).toBe(2);
    const vip = await store.service.lookupCaller('+905321234567');
    expect(vip.matches[0]).toMatchObject({
      customer: { name: 'Işık Yıldırım', segment: 'vip', marketingConsent: true, doNotCall: false, tariff: 'TRF-KONUSKAN-20' },
      openTickets: [{ kind: 'complaint', department: 'Fatura ve Ödeme' }],
      lastOrders: [{ lines: [{ description: 'Müzik Paketi' }] }],
    });
    expect(vip.matches[0]!.lastInteractions.map((i) => i.outcome)).toEqual(['Bilgi verildi', 'Satış']);
    expect((await store.service.search('0555 333 44 55'))[0]).toMatchObject({ name: 'Şule Doğan', doNotCall: true });
  });

  it('offers only valid promotions the segment may get, found with the same folding', () => {
    seedDemoWorkspace(store.service);
    const catalogue = new CatalogueRepository(store.database.sqlite);
    const at = store.clock.now();
    const promotions = (segment: string) =>
      catalogue.searchItems(searchTokens('indirim'), { at, segment, kind: 'promotion' }, 10).map((item) => item.code);
    expect(promotions('consumer')).toEqual(['PRM-ILK3AY-50']);
    expect(promotions('vip')).toEqual(['PRM-SADAKAT-20']);
    expect(promotions('business')).toEqual([]);
    expect(catalogue.searchItems(searchTokens('YAZ KAMPANYASI'), { at, segment: 'consumer' }, 10)).toEqual([]); // expired
    expect(
      catalogue.searchItems(searchTokens('ınternet'), { at, segment: 'youth', kind: 'tariff' }, 10).map((item) => item.code),
    ).toEqual(['TRF-GENC-15', 'TRF-FIBER-100']);
    expect(catalogue.searchArticles(searchTokens('FATURA İTİRAZI'), 5).map((a) => a.slug)).toEqual(['fatura-itirazi']);
    expect(catalogue.searchArticles(searchTokens('перенести'), 5).map((a) => a.slug)).toEqual(['perenos-nomera']);
    expect(catalogue.searchArticles(searchTokens('roaming'), 5).map((a) => a.slug)).toEqual(['roaming-data-abroad']);
  });
});
