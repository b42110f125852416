// CatalogueService on a real SQLite file with the demo workspace: valid-now and segment filtering driven by a
// settable clock, folding search, exact codes, browsing, ranking, limits, hostile text, and the index upkeep.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../../../db/ids.js';
import { CatalogueRepository, type CatalogueItem } from '../../../db/repositories/catalogue.js';
import { CatalogueService, excerpt } from '../../../electron/core/catalogue/catalogueService.js';
import { catalogueSearchDocument, CustomerService } from '../../../electron/core/customers/customerService.js';
import { seedDemoWorkspace } from '../../../electron/core/customers/demoWorkspace.js';
import { commands } from '../../../electron/shared/ipc/contract.js';
import {
  catalogueItemSchema,
  catalogueSearchResultSchema,
  type CatalogueSearchArgs,
  type CatalogueSearchResult,
} from '../../../electron/shared/ipc/catalogue.js';
import { CommandFailure } from '../../../electron/shared/ipc/result.js';
import { sharedTestdata } from '../../support/paths.js';
import { useTempDirs } from '../../support/tempDir.js';
import { openTestStore, type TestStore } from '../customers/customerTestSupport.js';

const DAY = 24 * 60 * 60 * 1000;
const tempDir = useTempDirs('agentdesk-catalogue-');
const naughtyStrings = JSON.parse(readFileSync(join(sharedTestdata, 'naughty-strings', 'blns.json'), 'utf8')) as string[];

let store: TestStore;
let catalogue: CatalogueService;
/** The clock when the demo was seeded: its validity windows are days relative to that day's midnight (UTC). */
let seededAt: number;

const codes = (result: CatalogueSearchResult) =>
  result.hits.map((hit) => (hit.type === 'item' ? hit.item.code : `#${hit.article.slug}`));
const customer = (ref: string) => store.service.repository.idByExternalId(`DEMO-${ref}`)!;
/** Every answer must pass the contract: the dispatcher would turn a broken one into `internal`. */
const search = (args: CatalogueSearchArgs) => catalogueSearchResultSchema.parse(catalogue.search(args));

beforeEach(() => {
  store = openTestStore(tempDir());
  seedDemoWorkspace(store.service);
  seededAt = store.clock.time;
  catalogue = new CatalogueService({
    sqlite: store.database.sqlite,
    clock: store.clock,
    logger: store.logger,
    customers: store.service.repository,
  });
});
afterEach(() => store.close());

describe('valid now, by the desk clock', () => {
  const midnight = () => seededAt - (seededAt % DAY);

  it('never shows an expired promotion, and shows a running one', () => {
    expect(codes(search({ query: 'yaz kampanyasi' }))).toEqual([]);
    expect(codes(search({ query: 'ilk 3 ay' }))).toEqual(['PRM-ILK3AY-50']);
    // An exact code does not bring an expired item back either.
    expect(codes(search({ query: 'PRM-YAZ-2025' }))).toEqual([]);
  });

  it('lets a promotion appear on its first millisecond and disappear at its (exclusive) end', () => {
    const from = midnight() - 30 * DAY;
    const until = midnight() + 60 * DAY;
    for (const [time, shown] of [
      [from - 1, false],
      [from, true],
      [until - 1, true],
      [until, false],
    ] as const) {
      store.clock.time = time;
      expect(codes(search({ query: 'indirim' })).includes('PRM-ILK3AY-50'), new Date(time).toISOString()).toBe(shown);
      expect(codes(search({ query: '', filter: 'promotion' })).includes('PRM-ILK3AY-50')).toBe(shown);
    }
  });

  it('judges validity at the clock of each search, not of the service creation', () => {
    store.clock.time = midnight() + 61 * DAY;
    expect(codes(search({ query: '', filter: 'promotion' }))).toEqual(['PRM-BIZ-2ART1', 'PRM-SADAKAT-20']);
    store.clock.time = midnight() + 81 * DAY;
    expect(codes(search({ query: '', filter: 'promotion' }))).toEqual(['PRM-SADAKAT-20']);
    expect(search({ query: '' }).at).toBe(store.clock.time);
  });

  it('leaves out inactive items', () => {
    const repository = new CatalogueRepository(store.database.sqlite);
    const item: CatalogueItem = {
      ...baseItem('SRV-RETIRED'),
      name: 'Eski Müzik Paketi',
      active: false,
    };
    repository.ensureItem(item, catalogueSearchDocument(item), store.clock.now());
    expect(codes(search({ query: 'muzik' }))).toEqual(['SRV-MUZIK']);
    expect(catalogue.item('SRV-RETIRED').availableNow).toBe(false);
  });
});

describe("the customer's segment", () => {
  it('offers a VIP customer only what VIPs or everyone may get', () => {
    const vip = customer('0001');
    const result = search({ query: '', filter: 'tariff', customerId: vip });
    expect(codes(result)).toEqual(['TRF-FIBER-100', 'TRF-KONUSKAN-20']);
    expect(result.segment).toBe('vip');
    expect(result.hits.every((hit) => hit.type === 'item' && hit.item.eligible === true)).toBe(true);
    expect(codes(search({ query: '', filter: 'promotion', customerId: vip }))).toEqual(['PRM-SADAKAT-20']);
  });

  it('shows every segment’s items without a customer, saying eligibility is unknown', () => {
    const result = search({ query: '', filter: 'tariff' });
    expect(codes(result)).toEqual(['TRF-BIZ-PRO-50', 'TRF-FIBER-100', 'TRF-GENC-15', 'TRF-KONUSKAN-20']);
    expect(result.segment).toBeUndefined();
    expect(result.hits.map((hit) => hit.type === 'item' && hit.item.eligible)).toEqual([null, null, null, null]);
    const business = result.hits.find((hit) => hit.type === 'item' && hit.item.code === 'TRF-BIZ-PRO-50');
    expect(business?.type === 'item' && business.item.eligibleSegments).toEqual(['business']);
  });

  it('gives a customer without a segment only what everyone may get', () => {
    const card = store.service.repository.get(customer('0002'))!;
    store.database.sqlite.prepare('UPDATE customers SET segment = NULL WHERE id = ?').run(card.id);
    const result = search({ query: '', filter: 'tariff', customerId: card.id });
    expect(result.segment).toBeNull();
    expect(codes(result)).toEqual(['TRF-FIBER-100']);
  });

  it('filters full-text hits too, and says why an item by code may not be offered', () => {
    const youth = customer('0003');
    expect(codes(search({ query: 'tarife paket', customerId: youth }))).not.toContain('TRF-BIZ-PRO-50');
    expect(codes(search({ query: 'business', customerId: youth }))).toEqual([]);
    expect(codes(search({ query: 'business', customerId: customer('0004') }))).toEqual(['PRM-BIZ-2ART1', 'TRF-BIZ-PRO-50']);
    const notForYouth = catalogueItemSchema.parse(catalogue.item('TRF-BIZ-PRO-50', youth));
    expect(notForYouth).toMatchObject({ availableNow: true, eligible: false, eligibleSegments: ['business'] });
    const expired = catalogue.item('PRM-YAZ-2025', youth);
    expect(expired).toMatchObject({ availableNow: false, eligible: true });
    expect(catalogue.item('TRF-BIZ-PRO-50').eligible).toBeNull();
  });

  it('refuses an unknown customer instead of showing everything', () => {
    expect(() => catalogue.search({ query: 'tarife', customerId: 'no-such-customer' })).toThrow(CommandFailure);
    expect(() => catalogue.item('TRF-FIBER-100', 'no-such-customer')).toThrow('No such customer');
  });
});

describe('folding search', () => {
  it.each([
    ['süper konuşkan', 'TRF-KONUSKAN-20'],
    ['SÜPER KONUŞKAN', 'TRF-KONUSKAN-20'],
    ['super konuskan', 'TRF-KONUSKAN-20'],
    ['süper ko', 'TRF-KONUSKAN-20'],
    ['GÜVENLİ İNTERNET', 'SRV-GUVENLI'],
    ['guvenli', 'SRV-GUVENLI'],
    ['akıllı telefon', 'PRD-PHONE-A54'],
    ['AKILLI', 'PRD-PHONE-A54'],
    ['a54', 'PRD-PHONE-A54'],
    ['trf-konuskan-20', 'TRF-KONUSKAN-20'],
    ['TRF-KONUSKAN-20', 'TRF-KONUSKAN-20'],
  ])('%s finds %s first', (query, code) => {
    expect(codes(search({ query }))[0]).toBe(code);
  });

  it('finds articles in Turkish, English and Russian, by title, tag and body words', () => {
    expect(codes(search({ query: 'fatura itirazi' }))[0]).toBe('#fatura-itirazi');
    expect(codes(search({ query: 'ŞİKÂYET' }))).toContain('#fatura-itirazi'); // a tag
    expect(codes(search({ query: 'mnp' }))).toEqual(['#numara-tasima']);
    expect(codes(search({ query: 'Перенос номера' }))).toEqual(['#perenos-nomera']);
    expect(codes(search({ query: 'перен' }))).toEqual(['#perenos-nomera']);
    expect(codes(search({ query: 'паспорт' }))).toEqual(['#perenos-nomera']); // a body word
    expect(codes(search({ query: 'roaming' }))).toEqual(['#roaming-data-abroad', 'SRV-ROAMING-5']);
  });

  it('ranks names that start with the text, then name words, then descriptions; items before articles in a tier', () => {
    const hits = codes(search({ query: 'internet' }));
    // Names with the word (alphabetical), then items whose description has it.
    expect(hits.slice(0, 2)).toEqual(['TRF-FIBER-100', 'SRV-GUVENLI']);
    expect(hits.slice(2)).toEqual(expect.arrayContaining(['TRF-KONUSKAN-20', 'SRV-EK-10', 'SRV-ROAMING-5']));
    const fatura = codes(search({ query: 'fatura' }));
    expect(fatura[0]).toBe('#fatura-itirazi');
    expect(fatura.slice(1)).toEqual(expect.arrayContaining(['SRV-EK-10', 'PRM-ILK3AY-50']));
  });

  it('puts the item with the exact code first, even among many name matches', () => {
    const repository = new CatalogueRepository(store.database.sqlite);
    for (let n = 0; n < 30; n++) {
      const item = { ...baseItem(`SRV-EK-${n + 100}`), name: `Ek ${n + 100} GB` };
      repository.ensureItem(item, catalogueSearchDocument(item), store.clock.now());
    }
    expect(codes(search({ query: 'SRV-EK-10', limit: 5 }))[0]).toBe('SRV-EK-10');
  });

  it('reads a kind named in the text as a kind filter, in Turkish, English and Russian', () => {
    expect(codes(search({ query: 'tarife' }))).toEqual(['TRF-BIZ-PRO-50', 'TRF-FIBER-100', 'TRF-GENC-15', 'TRF-KONUSKAN-20']);
    expect(codes(search({ query: 'TARİFELER', customerId: customer('0001') }))).toEqual(['TRF-FIBER-100', 'TRF-KONUSKAN-20']);
    expect(codes(search({ query: 'tariff 20' }))[0]).toBe('TRF-KONUSKAN-20');
    expect(codes(search({ query: 'тариф фибер' }))).toEqual([]);
    // The running promotions, then what has the word itself (the consent procedure: "Kampanya teklif etmeden önce…").
    expect(codes(search({ query: 'kampanya' }))).toEqual([
      'PRM-BIZ-2ART1',
      'PRM-ILK3AY-50',
      'PRM-SADAKAT-20',
      '#kvkk-pazarlama-izni',
    ]);
    expect(codes(search({ query: 'sss' }))).toEqual(['#voicemail-pin-reset', '#roaming-data-abroad', '#perenos-nomera']);
    // Words that merely start like a kind are searched as typed; a chosen filter is not overridden.
    expect(codes(search({ query: 'tarif' }))).toEqual([]);
    expect(codes(search({ query: 'hizmet', filter: 'product' }))).toEqual([]);
  });

  it('narrows by kind while typing', () => {
    expect(codes(search({ query: 'roaming', filter: 'faq' }))).toEqual(['#roaming-data-abroad']);
    expect(codes(search({ query: 'roaming', filter: 'service' }))).toEqual(['SRV-ROAMING-5']);
    expect(codes(search({ query: 'roaming', filter: 'procedure' }))).toEqual([]);
    // The title match first; "kayıt numarasını" in the billing procedure's body matches the prefix too.
    expect(codes(search({ query: 'numara', filter: 'procedure' }))).toEqual(['#numara-tasima', '#fatura-itirazi']);
  });

  it('browses one kind by name or title without a query, and nothing for "all"', () => {
    expect(search({ query: '   ' }).hits).toEqual([]);
    expect(codes(search({ query: '', filter: 'faq' }))).toEqual([
      // Folded titles: "resetting…", "roaming…", then Cyrillic "как…".
      '#voicemail-pin-reset',
      '#roaming-data-abroad',
      '#perenos-nomera',
    ]);
    expect(codes(search({ query: '', filter: 'procedure' }))).toHaveLength(4);
    expect(codes(search({ query: '', filter: 'service' }))).toEqual(['SRV-EK-10', 'SRV-GUVENLI', 'SRV-MUZIK', 'SRV-ROAMING-5']);
  });

  it('shows a browsed page in folded order, Turkish initials with their Latin letters', () => {
    const repository = new CatalogueRepository(store.database.sqlite);
    for (const name of ['Çağrı Bekletme', 'İkinci Hat', 'Şebeke Güçlendirici', 'Ödeme Hatırlatma']) {
      const item = { ...baseItem(`SRV-${name.length}-${name.charCodeAt(0)}`), name };
      repository.ensureItem(item, catalogueSearchDocument(item), store.clock.now());
    }
    const names = search({ query: '', filter: 'service' }).hits.map((hit) => hit.type === 'item' && hit.item.name);
    expect(names).toEqual([
      'Çağrı Bekletme',
      'Ek 10 GB',
      'Güvenli İnternet',
      'İkinci Hat',
      'Müzik Paketi',
      'Ödeme Hatırlatma',
      'Şebeke Güçlendirici',
      'Yurt Dışı Paketi 5 GB (Roaming)',
    ]);
  });

  it('stops at the limit and says there is more', () => {
    const repository = new CatalogueRepository(store.database.sqlite);
    for (let n = 0; n < 30; n++) {
      const item = { ...baseItem(`PRD-KILIF-${n}`), kind: 'product' as const, name: `Telefon Kılıfı ${n}` };
      repository.ensureItem(item, catalogueSearchDocument(item), store.clock.now());
    }
    const typed = search({ query: 'kilif', limit: 5 });
    expect(typed.hits).toHaveLength(5);
    expect(typed.more).toBe(true);
    const browsed = search({ query: '', filter: 'product', limit: 10 });
    expect(browsed.hits).toHaveLength(10);
    expect(browsed.more).toBe(true);
    expect(search({ query: 'modem' }).more).toBe(false);
    // Newly inserted items are searchable at once: ensureItem writes the folded index row in the same transaction.
    expect(codes(search({ query: 'kılıfı 29' }))).toEqual(['PRD-KILIF-29']);
  });
});

describe('hostile text', () => {
  it('treats FTS5 syntax as plain words', () => {
    expect(codes(search({ query: 'fatura' }))).toContain('#fatura-itirazi');
    expect(codes(search({ query: 'roaming' }))).toContain('#roaming-data-abroad');
    // Raw FTS would answer both articles for OR, and everything but roaming for NOT.
    expect(codes(search({ query: 'fatura OR roaming' }))).toEqual([]);
    expect(codes(search({ query: 'NEAR(fatura roaming)' }))).toEqual([]);
    expect(codes(search({ query: 'title:fatura' }))).toEqual([]);
    expect(codes(search({ query: 'fatura NOT roaming' }))).toEqual([]);
    expect(codes(search({ query: '"fatura' }))).toContain('#fatura-itirazi');
    expect(codes(search({ query: '-fatura*' }))).toContain('#fatura-itirazi');
    expect(codes(search({ query: '^fatura' }))).toContain('#fatura-itirazi');
    expect(codes(search({ query: '{title} : fatura' }))).toEqual([]);
  });

  it('answers every naughty string within the contract, without throwing', () => {
    for (const text of naughtyStrings) {
      const query = text.slice(0, 200);
      for (const filter of ['all', 'tariff', 'faq'] as const) {
        const result = search({ query, filter, customerId: customer('0001') });
        expect(result.hits.length).toBeLessThanOrEqual(20);
      }
    }
    expect(store.logger.lines.filter((line) => line.level === 'error')).toEqual([]);
  });

  it('refuses over-long queries and unknown filters at the contract', () => {
    const args = commands['catalogue:search'].args;
    expect(args.safeParse({ query: 'x'.repeat(200) }).success).toBe(true);
    expect(args.safeParse({ query: 'x'.repeat(201) }).success).toBe(false);
    expect(args.safeParse({ query: 'x', filter: 'everything' }).success).toBe(false);
    expect(args.safeParse({ query: 'x', limit: 51 }).success).toBe(false);
    expect(args.safeParse({ query: 'x', sql: '1=1' }).success).toBe(false);
    expect(commands['catalogue:item'].args.safeParse({ code: '' }).success).toBe(false);
    expect(commands['knowledge:article'].args.safeParse({ slug: 's'.repeat(129) }).success).toBe(false);
  });

  it('looks codes and slugs up exactly, hostile or not', () => {
    expect(() => catalogue.item("TRF-FIBER-100' OR '1'='1")).toThrow('No catalogue item has this code');
    expect(() => catalogue.article('%')).toThrow('No knowledge article has this name');
    expect(catalogue.item(' TRF-FIBER-100 ').code).toBe('TRF-FIBER-100');
  });
});

describe('articles', () => {
  it('returns the whole body as stored (plain text with its line breaks), and an excerpt in lists', () => {
    const article = catalogue.article('fatura-itirazi');
    expect(article.body.split('\n')).toHaveLength(4);
    expect(article.tags).toEqual(['fatura', 'itiraz', 'şikâyet']);
    const hit = search({ query: 'fatura itirazi' }).hits[0];
    expect(hit?.type === 'article' && hit.article.excerpt.startsWith('1. Müşterinin kimliğini doğrulayın')).toBe(true);
    expect(hit?.type === 'article' && hit.article.excerpt.includes('\n')).toBe(false);
  });

  it('cuts excerpts at a word, never inside a surrogate pair', () => {
    const long = `${'kelime '.repeat(60)}son`;
    const cut = excerpt(long);
    expect(cut.length).toBeLessThanOrEqual(240);
    expect(cut.endsWith('kelime…')).toBe(true);
    const emoji = excerpt('🙂'.repeat(300));
    expect(emoji.length).toBeLessThanOrEqual(240);
    expect(/[\uD800-\uDBFF]…$/.test(emoji)).toBe(false);
  });
});

describe('index upkeep', () => {
  it('rebuilds the catalogue and knowledge indexes when their fold version is missing', () => {
    const { sqlite } = store.database;
    sqlite.exec(
      "DELETE FROM catalogue_fts; DELETE FROM knowledge_fts; DELETE FROM search_index_state WHERE name <> 'customer_fts'",
    );
    expect(search({ query: 'fiber' }).hits).toEqual([]);
    // What start-up does: CustomerService.ensureSearchIndexes refills them from the tables.
    new CustomerService({
      database: store.database,
      clock: store.clock,
      events: { emit: () => {} },
      logger: store.logger,
      defaultCountry: () => 'TR',
    });
    expect(codes(search({ query: 'fiber' }))).toEqual(['TRF-FIBER-100', 'PRD-MODEM-AX3000']);
    expect(codes(search({ query: 'перенос' }))).toEqual(['#perenos-nomera']);
  });
});

function baseItem(code: string): CatalogueItem {
  return {
    id: newId(),
    code,
    kind: 'service',
    name: code,
    description: null,
    priceMinor: 1000,
    currency: 'TRY',
    discountPercent: null,
    discountMinor: null,
    validFrom: null,
    validUntil: null,
    eligibleSegments: [],
    active: true,
  };
}
