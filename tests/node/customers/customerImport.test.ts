// `import customers FILE.csv` end to end on real files and a real database: the whole file or nothing,
// re-import by external_id then phone, bad files and bad rows, naughty strings.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CsvFileError } from '../../../electron/core/customers/csv/csvFile.js';
import { csvLine } from '../../../electron/core/customers/csv/csvWriter.js';
import { importCustomersCsv, type ImportProgress } from '../../../electron/core/customers/customerImport.js';
import { sharedTestdata } from '../../support/paths.js';
import { useTempDirs } from '../../support/tempDir.js';
import { openTestStore, type TestStore } from './customerTestSupport.js';

const tempDir = useTempDirs();
let store: TestStore;
let dir: string;

beforeEach(() => {
  dir = tempDir();
  store = openTestStore(dir);
});
afterEach(() => store.close());

function csv(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}
const bom = '\ufeff';
const run = (path: string, options: Parameters<typeof importCustomersCsv>[2] = {}) =>
  importCustomersCsv(store.service, path, { defaultCountry: 'TR', ...options });
const snapshot = () => ({
  customers: store.count('customers'),
  phones: store.count('customer_phones'),
  outbox: store.count('outbox'),
  fts: store.count('customer_fts'),
});

const turkishExcel =
  bom +
  'external_id;name;company;phones;email;address;city;account;tariff;segment;language;notes;favourite colour\r\n' +
  'CRM-1;Işık Yıldırım;;0532 123 45 67 | 0212 234 56 78;isik@example.com;"Bağdat Cad. No: 145; Kadıköy";İstanbul;ACC-1;TRF-20;vip;TR;"Fatura tarihi ayın 15’i\r\nolsun";mavi\r\n' +
  'CRM-2;Пётр Ёлкин;ООО «Ветер»;+7 916 123-45-67;;;Москва;ACC-2;;consumer;ru;;\r\n' +
  '\r\n' +
  'CRM-3;John Smith;Smith Logistics Ltd;+44 20 7946 0958;;221 Baker Street;London;;;business;en-GB;;\r\n';

describe('importing customers', () => {
  it('imports a Turkish-Excel file (BOM, `;`, quoted `;` and line breaks) in one go', async () => {
    const events: ImportProgress['phase'][] = [];
    const summary = await run(csv('customers.csv', turkishExcel), { onProgress: (p) => events.push(p.phase) });
    expect(summary).toMatchObject({
      imported: true,
      rows: 3,
      created: 3,
      updated: 0,
      unchanged: 0,
      errorCount: 0,
      delimiter: ';',
      bom: true,
      blankLines: 1,
      ignoredColumns: ['favourite colour'],
      message: 'Imported the whole file: 3 rows, 3 created, 0 updated, 0 unchanged.',
    });
    expect(events).toContain('writing');
    const [isik] = await store.service.search('0532 123 45 67');
    const card = await store.service.card(isik!.id);
    expect(card.customer).toMatchObject({
      externalId: 'CRM-1',
      address: 'Bağdat Cad. No: 145; Kadıköy',
      notes: 'Fatura tarihi ayın 15’i\nolsun',
      language: 'tr',
      phones: [{ e164: '+905321234567' }, { e164: '+902122345678' }],
    });
    expect((await store.service.search('ёлкин'))[0]).toMatchObject({ externalId: 'CRM-2', phones: ['+79161234567'] });
    expect((await store.service.search('smith'))[0]).toMatchObject({ externalId: 'CRM-3', phones: ['+442079460958'] });
    // One outbox row per customer written, one audit entry, one event.
    expect(store.count('outbox')).toBe(3);
    expect(store.database.sqlite.prepare(`SELECT action, actor FROM audit_log`).all()).toEqual([
      { action: 'customers.import', actor: 'import' },
    ]);
    expect(store.events).toEqual([{ name: 'customers:changed', payload: { reason: 'imported', customerIds: [] } }]);
  });

  it('re-imports the same file as unchanged, writing nothing', async () => {
    const path = csv('customers.csv', turkishExcel);
    await run(path);
    const before = snapshot();
    const again = await run(path);
    expect(again).toMatchObject({ imported: true, created: 0, updated: 0, unchanged: 3 });
    expect(snapshot()).toEqual(before);
  });

  it('updates by external_id, then by phone, with field-level outbox changes', async () => {
    await run(csv('first.csv', turkishExcel));
    const outboxBefore = store.count('outbox');
    const second = await run(
      csv(
        'second.csv',
        'external_id,name,phone,city\n' +
          'CRM-1,Işık Yıldırım,0532 123 45 67,İzmir\n' + // by external_id: city changes
          ',Пётр Ёлкин,+7 916 123 45 67,Санкт-Петербург\n' + // by phone (no id in the row)
          'CRM-9,Yeni Müşteri,0533 765 43 21,Ankara\n',
      ),
    );
    expect(second).toMatchObject({ imported: true, created: 1, updated: 2, unchanged: 0 });
    const changes = (
      store.database.sqlite
        .prepare('SELECT payload FROM outbox WHERE seq > ? AND operation = ? ORDER BY seq')
        .all(outboxBefore, 'update') as { payload: string }[]
    ).map((row) => JSON.parse(row.payload) as unknown);
    expect(changes).toEqual([
      { baseVersion: 1, changes: { city: 'İzmir' } },
      { baseVersion: 1, changes: { city: 'Санкт-Петербург' } },
    ]);
    expect((await store.service.search('ёлкин'))[0]).toMatchObject({ externalId: 'CRM-2', city: 'Санкт-Петербург' });
  });

  it('adopts the CRM id of a customer found by phone, but never merges two different CRM ids', async () => {
    const own = await store.service.create({ name: 'Ayşe Gül', phones: [{ number: '0544 111 22 33' }] });
    const summary = await run(
      csv('a.csv', 'external_id,name,phone\nCRM-7,Ayşe Gül Şahin,0544 111 22 33\nCRM-8,Başka Biri,0544 111 22 33\n'),
    );
    expect(summary).toMatchObject({ imported: true, created: 1, updated: 1 });
    expect((await store.service.card(own.customer.id)).customer).toMatchObject({
      externalId: 'CRM-7',
      name: 'Ayşe Gül Şahin',
      version: 2,
    });
    expect((await store.service.search('başka'))[0]).toMatchObject({ externalId: 'CRM-8', phones: ['+905441112233'] });
  });

  it('never merges two rows of one file: they match only customers from before the import', async () => {
    await store.service.create({ name: 'Önceden Var', phones: [{ number: '0532 999 88 77' }] });
    const summary = await run(
      csv('family.csv', 'name,phone\nAnne,0212 234 56 78\nBaba,0212 234 56 78\nÖnceden Var Güncel,0532 999 88 77\n'),
    );
    expect(summary).toMatchObject({ imported: true, created: 2, updated: 1 });
    expect((await store.service.lookupCaller('+902122345678')).total).toBe(2);
  });

  it('loads a first import into an empty store in bulk and leaves every index in place', async () => {
    const indexes = () =>
      store.database.sqlite
        .prepare(
          `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('customers', 'customer_phones') ORDER BY name`,
        )
        .all();
    const before = indexes();
    expect(before).toHaveLength(6);
    await run(csv('dry.csv', turkishExcel), { dryRun: true }); // rolled back, indexes included
    expect(indexes()).toEqual(before);
    await run(csv('customers.csv', turkishExcel));
    expect(indexes()).toEqual(before);
    expect(store.database.sqlite.prepare(`SELECT v FROM customer_fts_config WHERE k = 'hashsize'`).pluck().get()).toBe(
      1024 * 1024,
    );
    expect(
      store.database.sqlite
        .prepare('EXPLAIN QUERY PLAN SELECT customer_id FROM customer_phones WHERE e164 = ?')
        .all('+905321234567'),
    ).toEqual([expect.objectContaining({ detail: expect.stringMatching(/USING INDEX customer_phones_e164/) })]);
    expect((await store.service.lookupCaller('+905321234567')).matches[0]!.customer.externalId).toBe('CRM-1');
  });

  it('imports nothing when any row is wrong, and lists every bad row with its number and reason', async () => {
    await run(csv('first.csv', turkishExcel));
    const before = snapshot();
    const summary = await run(
      csv(
        'bad.csv',
        'external_id,name,phone,email,language\n' +
          'CRM-1,Changed Name,,,\n' +
          ',,0532 000 00 00,x@y,\n' + // no name
          'CRM-5,Kötü Numara,0532 12,,\n' +
          'CRM-6,Kötü Posta,,not-an-address,\n' +
          'CRM-7,Ragged\n' +
          'CRM-1,Twice,,,\n' +
          'CRM-8,Dil,,,türkçe\n' +
          'CRM-9,"never closed,,,,\n',
      ),
    );
    expect(summary.imported).toBe(false);
    expect(summary.message).toMatch(/^Nothing was imported: 7 of 8 rows have errors/);
    expect(summary.errors).toEqual([
      { row: 3, line: 3, message: 'name is empty' },
      { row: 4, line: 4, message: '"0532 12" is not a valid phone number (invalid-number)' },
      { row: 5, line: 5, message: '"not-an-address" is not an e-mail address' },
      { row: 6, line: 6, message: 'the row has 2 fields, the header has 5' },
      { row: 7, line: 7, message: 'external_id "CRM-1" is also on row 2' },
      { row: 8, line: 8, message: '"türkçe" is not a language code such as tr, en or ru' },
      { row: 9, line: 9, message: 'a quoted field opened on line 9 is never closed' },
    ]);
    expect(snapshot()).toEqual(before);
    expect((await store.service.search('CRM-1'))[0]!.name).toBe('Işık Yıldırım');
  });

  it('rolls back rows already written when a later row fails while writing', async () => {
    await store.service.create({ name: 'Mehmet Ali Kaya', phones: [{ number: '0242 345 67 89' }] });
    await store.service.create({ name: 'Fatma Kaya', phones: [{ number: '0242 345 67 89' }] });
    const before = snapshot();
    const summary = await run(
      csv('late.csv', 'name,phone\nİlk Satır,0533 111 11 11\nİkinci Satır,0533 222 22 22\nKim Bu,0242 345 67 89\n'),
    );
    expect(summary).toMatchObject({ imported: false, created: 0, errorCount: 1 });
    expect(summary.errors[0]).toEqual({
      row: 4,
      line: 4,
      message: 'its phone number belongs to 2 customers already; add an external_id column to say which one',
    });
    expect(snapshot()).toEqual(before);
    expect(await store.service.search('ilk satır')).toEqual([]);
  });

  it('fails the row with a 10 MB cell without holding it, naming the column', async () => {
    const huge = 'ş'.repeat(10 * 1024 * 1024);
    const summary = await run(csv('huge.csv', `name,notes\nNormal,ok\nBig,"${huge}"\nAfter,ok\n`));
    expect(summary.imported).toBe(false);
    expect(summary.errors).toEqual([{ row: 3, line: 3, message: 'field 2 is longer than 10000 characters (column notes)' }]);
    expect(store.count('customers')).toBe(0);
  });

  it('stores formula cells as text and counts them; an escaped export cell comes back unescaped', async () => {
    const summary = await run(csv('formula.csv', 'name,company,notes\n=HYPERLINK("http://evil.example"),@SUM(A1),\'=1+1\n'));
    expect(summary).toMatchObject({ imported: true, formulaCells: 3 });
    const [hit] = await store.service.search('hyperlink');
    expect((await store.service.card(hit!.id)).customer).toMatchObject({
      name: '=HYPERLINK("http://evil.example")',
      company: '@SUM(A1)',
      notes: '=1+1',
    });
  });

  it('checks without writing on a dry run, and says what would happen', async () => {
    const summary = await run(csv('dry.csv', turkishExcel), { dryRun: true });
    expect(summary).toMatchObject({ imported: false, dryRun: true, created: 3, errorCount: 0 });
    expect(summary.message).toMatch(/^Dry run: all 3 rows are valid; importing would give 3 created/);
    expect(snapshot()).toEqual({ customers: 0, phones: 0, outbox: 0, fts: 0 });
  });

  it('refuses files it cannot read as UTF-8 CSV, before writing anything', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('name\r\nIşık\r\n', 'utf16le')]);
    await expect(run(csv('utf16.csv', utf16))).rejects.toMatchObject({ problem: 'utf16' });
    const cp1254 = Buffer.concat([Buffer.from('name\n'), Buffer.from([0xde, 0xfc, 0x6b, 0x72, 0xfc, 0x0a])]);
    await expect(run(csv('cp1254.csv', cp1254))).rejects.toMatchObject({
      problem: 'invalid-utf8',
      message: expect.stringMatching(/line 2/),
    });
    await expect(run(csv('empty.csv', ''))).rejects.toThrow(/is empty: the first line must name the columns/);
    await expect(run(csv('noname.csv', 'external_id,phone\nX,0532 123 45 67\n'))).rejects.toThrow(/has no "name" column/);
    await expect(run(csv('twice.csv', 'name,Name\na,b\n'))).rejects.toThrow(/"name" appears twice/);
    await expect(run(join(dir, 'missing.csv'))).rejects.toBeInstanceOf(CsvFileError);
    expect(snapshot()).toEqual({ customers: 0, phones: 0, outbox: 0, fts: 0 });
  });

  it('imports every naughty string as a name and a note, as plain text that search survives', async () => {
    const strings = JSON.parse(readFileSync(join(sharedTestdata, 'naughty-strings', 'blns.json'), 'utf8')) as string[];
    const lines = [csvLine(['external_id', 'name', 'notes', 'city'], ',')];
    strings.forEach((text, i) => lines.push(csvLine([`N-${i}`, `N${i} ${text.slice(0, 150)}`, text, text.slice(0, 100)], ',')));
    const summary = await run(csv('naughty.csv', lines.join('')));
    expect(summary.errors).toEqual([]);
    expect(summary).toMatchObject({ imported: true, created: strings.length });
    // Bidi overrides and other invisible controls never reach a stored name.
    const names = store.database.sqlite.prepare('SELECT name FROM customers').pluck().all() as string[];
    expect(names.filter((name) => /[\u202a-\u202e\u2066-\u2069\u200b\ufeff\p{Cc}]/u.test(name))).toEqual([]);
    for (const text of strings) await expect(store.service.search(text.slice(0, 200))).resolves.toBeInstanceOf(Array);
    expect((await store.service.search('N123'))[0]!.externalId).toBe('N-123');
  });
});
