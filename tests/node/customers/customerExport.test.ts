// CSV export: formula-injection escaping, the Turkish Excel format, and an export that imports back unchanged.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CsvParser } from '../../../electron/core/customers/csv/csvParser.js';
import { csvCell, unescapeFormula } from '../../../electron/core/customers/csv/csvWriter.js';
import {
  exportCustomersCsv,
  exportInteractionsCsv,
  interactionExportColumns,
} from '../../../electron/core/customers/customerExport.js';
import { importCustomersCsv } from '../../../electron/core/customers/customerImport.js';
import { useTempDirs } from '../../support/tempDir.js';
import { openTestStore, seedCustomerWithCall, type TestStore } from './customerTestSupport.js';

const tempDir = useTempDirs();
let store: TestStore;
let dir: string;

beforeEach(() => {
  dir = tempDir();
  store = openTestStore(dir);
});
afterEach(() => store.close());

function parseFile(path: string): string[][] {
  const parser = new CsvParser();
  const text = readFileSync(path, 'utf8').replace(/^\ufeff/, '');
  return [...parser.push(text), ...parser.end()].map((record) => record.fields);
}

describe('csvCell', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+90 532', "'+90 532"],
    ['-5', "'-5"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['\rx', `"'\rx"`],
    ['a=b', 'a=b'],
    ['say "hi"', '"say ""hi"""'],
    ['a,b', '"a,b"'],
    ['line\nbreak', '"line\nbreak"'],
    [' padded ', '" padded "'],
  ])('writes %j as %j', (value, expected) => {
    expect(csvCell(value, ',')).toBe(expected);
  });

  it('quotes for the delimiter in use, writes numbers as they are, and undoes its escape', () => {
    expect(csvCell('a;b', ';')).toBe('"a;b"');
    expect(csvCell('a;b', ',')).toBe('a;b');
    expect(csvCell(-5, ',')).toBe('-5');
    expect(csvCell(null, ',')).toBe('');
    expect(unescapeFormula("'=1+1")).toBe('=1+1');
    expect(unescapeFormula("'plain")).toBe("'plain");
  });
});

describe('exporting', () => {
  it('writes customers with escaped formulas, `;` and a BOM for Turkish Excel', async () => {
    await store.service.create({
      name: '=HYPERLINK("http://evil.example","Tıkla")',
      city: 'İzmir; Konak',
      phones: [{ number: '0532 123 45 67' }, { number: '0212 234 56 78' }],
      notes: 'satır 1\nsatır 2',
    });
    const path = join(dir, 'customers.csv');
    expect(exportCustomersCsv(store.service, path, { excelTurkish: true })).toEqual({
      file: path,
      format: 'csv',
      rows: 1,
      cancelled: false,
      delimiter: ';',
      bom: true,
    });
    const bytes = readFileSync(path);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text).toContain(`;"'=HYPERLINK(""http://evil.example"",""Tıkla"")";`);
    expect(text).toContain(`;'+905321234567 | +902122345678;`);
    expect(text).toContain(';"İzmir; Konak";');
    expect(text.endsWith('\r\n')).toBe(true);
    const [header, row] = parseFile(path);
    expect(header!.slice(0, 4)).toEqual(['external_id', 'name', 'company', 'phones']);
    expect(row![11]).toBe('satır 1\nsatır 2');
  });

  it('exports customers that import back unchanged', async () => {
    await store.service.create({
      name: 'Işık Yıldırım',
      company: '-Minus Ltd',
      city: 'İstanbul',
      accountNumber: 'ACC-1',
      phones: [{ number: '0532 123 45 67' }],
      email: 'isik@example.com',
      notes: '@not a formula',
    });
    await store.service.create({ name: 'Пётр Ёлкин', phones: [{ number: '+7 916 123 45 67' }], language: 'ru' });
    const path = join(dir, 'roundtrip.csv');
    exportCustomersCsv(store.service, path);
    const outbox = store.count('outbox');
    // The export carries no external_id for desk-made customers, so they are matched by phone.
    const summary = await importCustomersCsv(store.service, path, { defaultCountry: 'TR' });
    expect(summary).toMatchObject({ imported: true, created: 0, updated: 0, unchanged: 2 });
    expect(summary.ignoredColumns).toEqual([
      'services',
      'marketing_consent',
      'do_not_call',
      'id',
      'version',
      'created_at',
      'updated_at',
    ]);
    expect(store.count('outbox')).toBe(outbox);
  });

  it('writes interactions with their customer and call', async () => {
    const { customer, invite } = await seedCustomerWithCall(store);
    store.service.addInteraction({ customerId: customer.id, kind: 'note', notes: '=cmd|" /C calc"!A0', outcome: 'Geri arama' });
    const path = join(dir, 'interactions.csv');
    expect(exportInteractionsCsv(store.service, path).rows).toBe(2);
    const [header, call, note] = parseFile(path);
    expect(header).toEqual([...interactionExportColumns]);
    const at = (ms: number) => new Date(ms).toISOString();
    const byColumn = (row: string[] | undefined) => Object.fromEntries(header!.map((name, i) => [name, row![i]]));
    expect(byColumn(call)).toMatchObject({
      kind: 'call',
      direction: 'inbound',
      outcome: 'sale',
      customer_name: 'Zeynep İnce',
      phone: "'+905321234567",
      call_started_at: at(invite),
      call_answered_at: at(invite + 4_000),
      call_ended_at: at(invite + 49_400),
      duration_s: '45',
      call_id: 'call-1',
      agent: '1001',
    });
    expect(byColumn(note)).toMatchObject({
      occurred_at: at(store.clock.time),
      kind: 'note',
      direction: '',
      outcome: 'Geri arama',
      notes: `'=cmd|" /C calc"!A0`,
      customer_external_id: '',
      customer_id: customer.id,
      call_id: '',
      duration_s: '',
    });
  });
});
