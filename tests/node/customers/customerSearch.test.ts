// Search-as-you-type over a real database: folding, phone numbers in any format, account numbers,
// the order of hits, and hostile text that must stay a literal.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planSearch } from '../../../electron/core/customers/customerSearch.js';
import { sharedTestdata } from '../../support/paths.js';
import { useTempDirs } from '../../support/tempDir.js';
import { openTestStore, type TestStore } from './customerTestSupport.js';

const tempDir = useTempDirs();
let store: TestStore;
const ids: Record<string, string> = {};

beforeAll(async () => {
  store = openTestStore(tempDir());
  const people = [
    { key: 'isik', name: 'Işık Yıldırım', city: 'İstanbul', accountNumber: 'ACC-100001', phones: [{ number: '0532 123 45 67' }] },
    {
      key: 'ismail',
      name: 'İsmail Çağlar',
      city: 'Ankara',
      accountNumber: 'ACC-100002',
      phones: [{ number: '+90 533 765 43 21' }],
    },
    { key: 'elkin', name: 'Пётр Ёлкин', city: 'Москва', phones: [{ number: '+7 916 123-45-67' }] },
    { key: 'elkina', name: 'Анна Елкина', city: 'Москва', phones: [{ number: '+7 926 234 56 78' }] },
    { key: 'maisky', name: 'Андрей Майский', company: 'ООО «Северный Ветер»', phones: [] },
    { key: 'misky', name: 'Андрей Маиский', phones: [] },
    {
      key: 'gokhan',
      name: 'Gökhan Öztürk',
      company: 'Anadolu Lojistik A.Ş.',
      email: 'gokhan.ozturk@anadolu.example',
      address: 'Organize Sanayi Bölgesi 3. Cad.',
      city: 'İstanbul',
      phones: [{ number: '0216 345 67 89' }],
    },
    { key: 'kaya1', name: 'Mehmet Ali Kaya', city: 'Antalya', phones: [{ number: '0242 345 67 89' }] },
    { key: 'kaya2', name: 'Fatma Kaya', city: 'Antalya', phones: [{ number: '0242 345 67 89' }], notes: 'Kayak yapmayı sever' },
    { key: 'kayak', name: 'Ali Kayaköy', city: 'Muğla', phones: [] },
    { key: 'quote', name: 'The "OR" Company', company: 'NEAR col: -minus *star', phones: [] },
  ];
  for (const { key, ...person } of people) ids[key] = (await store.service.create(person)).customer.id;
});
afterAll(() => store.close());

const names = async (query: string, limit?: number) => (await store.service.search(query, limit)).map((hit) => hit.name);

describe('customer search', () => {
  it('finds Işık however it is typed (ışık, IŞIK, isik, İŞIK, isi)', async () => {
    for (const query of ['ışık', 'IŞIK', 'isik', 'Isik', 'İŞIK', 'isi', 'yildirim', 'YILDIRIM']) {
      expect(await names(query), query).toContain('Işık Yıldırım');
    }
  });

  it('folds ё to е but keeps й apart from и', async () => {
    expect(await names('ёлкин')).toEqual(expect.arrayContaining(['Пётр Ёлкин', 'Анна Елкина']));
    expect(await names('ЕЛКИН')).toEqual(expect.arrayContaining(['Пётр Ёлкин', 'Анна Елкина']));
    expect(await names('майский')).toEqual(['Андрей Майский']);
    expect(await names('маиский')).toEqual(['Андрей Маиский']);
  });

  it('searches company, address, city, e-mail and notes, names first', async () => {
    expect(await names('lojistik')).toEqual(['Gökhan Öztürk']);
    expect(await names('organize sanayi')).toEqual(['Gökhan Öztürk']);
    expect(await names('anadolu.example')).toEqual(['Gökhan Öztürk']);
    expect(await names('mugla')).toEqual(['Ali Kayaköy']);
    const kaya = await store.service.search('kaya');
    // Name matches (the name starting with the query first), then the note that mentions "Kayak".
    expect(kaya.map((h) => [h.name, h.match])).toEqual([
      ['Ali Kayaköy', 'name'],
      ['Fatma Kaya', 'name'],
      ['Mehmet Ali Kaya', 'name'],
    ]);
    expect((await store.service.search('kayak')).map((h) => [h.name, h.match])).toEqual([
      ['Ali Kayaköy', 'name'],
      ['Fatma Kaya', 'text'],
    ]);
  });

  it('puts names that start with the query before names that merely contain the word', async () => {
    expect((await names('ali'))[0]).toBe('Ali Kayaköy');
    expect(await names('ali')).toContain('Mehmet Ali Kaya');
  });

  it('finds a phone number in any format, exact matches first', async () => {
    for (const query of [
      '05321234567',
      '0532 123 45 67',
      '+90 532 123 45 67',
      '(0532) 123-45-67',
      '905321234567',
      '+905321234567',
      '0090 532 123 4567',
    ]) {
      const hits = await store.service.search(query);
      expect(hits[0], query).toMatchObject({ id: ids.isik, match: 'phone', phones: ['+905321234567'] });
    }
    expect((await store.service.search('+7 916 123 45 67'))[0]).toMatchObject({ id: ids.elkin, match: 'phone' });
  });

  it('finds partial numbers by their start (national or international) and by their last digits', async () => {
    expect((await store.service.search('0532 12')).map((h) => [h.id, h.match])).toEqual([[ids.isik, 'phonePartial']]);
    expect((await store.service.search('+90 533')).map((h) => h.id)).toEqual([ids.ismail]);
    expect((await store.service.search('45 67')).map((h) => h.id)).toEqual(expect.arrayContaining([ids.isik, ids.elkin]));
    expect((await store.service.search('4321')).map((h) => h.id)).toEqual([ids.ismail]);
    expect((await store.service.search('٤٣٢١')).map((h) => h.id)).toEqual([ids.ismail]); // Arabic-Indic digits
    expect((await store.service.search('０５３２ １２')).map((h) => h.id)).toEqual([ids.isik]); // full-width
  });

  it('answers a shared number with everyone who has it', async () => {
    const hits = await store.service.search('0242 345 67 89');
    expect(hits.map((h) => h.id).sort()).toEqual([ids.kaya1, ids.kaya2].sort());
    expect(hits.every((h) => h.match === 'phone')).toBe(true);
  });

  it('finds account numbers exactly and by prefix, in any spelling', async () => {
    expect((await store.service.search('ACC-100002'))[0]).toMatchObject({ id: ids.ismail, match: 'account' });
    expect((await store.service.search('acc 100002'))[0]).toMatchObject({ id: ids.ismail, match: 'account' });
    expect((await store.service.search('ACC-1000')).map((h) => [h.id, h.match])).toEqual([
      [ids.isik, 'accountPrefix'],
      [ids.ismail, 'accountPrefix'],
    ]);
  });

  it('respects the limit', async () => {
    expect(await store.service.search('a', 2)).toHaveLength(2);
  });

  it.each([
    '"',
    '""',
    '"OR"',
    'OR',
    'AND',
    'NOT',
    'NEAR',
    'NEAR(a b)',
    'col:',
    'name:işık',
    '{name}:x',
    '-',
    '-minus',
    '*',
    '*star',
    '^',
    '^a',
    "'",
    '(',
    ')',
    '\\',
    '%',
    '_',
    '',
  ])('treats %j as literal text or finds nothing, without an error', async (query) => {
    await expect(store.service.search(query)).resolves.toBeInstanceOf(Array);
  });

  it('finds operator words literally', async () => {
    // "or" is a word prefix like any other: the name first, then "Organize" in an address.
    expect(await names('"OR"')).toEqual(['The "OR" Company', 'Gökhan Öztürk']);
    expect(await names('NEAR col:')).toEqual(['The "OR" Company']);
    expect(await names('-minus')).toEqual(['The "OR" Company']);
    expect(await names('*')).toEqual([]);
  });

  it('survives every naughty string as a query', async () => {
    const strings = JSON.parse(readFileSync(join(sharedTestdata, 'naughty-strings', 'blns.json'), 'utf8')) as string[];
    for (const query of strings) {
      await expect(store.service.search(query.slice(0, 200)), JSON.stringify(query)).resolves.toBeInstanceOf(Array);
    }
  });
});

describe('planSearch', () => {
  it('reads the query as words, a phone number, an account number and a CRM id as it fits', () => {
    expect(planSearch('0532 123 45 67', { defaultCountry: 'TR' })).toMatchObject({
      exactPhone: '+905321234567',
      phonePrefix: '+905321234567',
      phoneSuffix: '5321234567',
    });
    expect(planSearch('Ahmet Yılmaz', { defaultCountry: 'TR' })).toEqual({ tokens: ['ahmet', 'yilmaz'], folded: 'ahmet yilmaz' });
    expect(planSearch('ACC-12', {})).toMatchObject({ accountKey: 'acc12', externalId: 'ACC-12' });
    expect(planSearch('12', { defaultCountry: 'TR' }).phonePrefix).toBeUndefined();
    expect(planSearch('   ', {})).toEqual({ tokens: [], folded: '' });
  });
});
