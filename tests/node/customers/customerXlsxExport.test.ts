// XLSX export (and the async CSV export beside it), read back as a spreadsheet reads it: formula text stays a
// plain string cell, naughty strings come back exactly, dates are date cells in UTC; progress, cancel, refusals.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { escapeFormula } from '../../../electron/core/customers/csv/csvWriter.js';
import {
  customerExportColumns,
  ExportError,
  exportCustomers,
  exportInteractions,
  interactionExportColumns,
  xlsxText,
} from '../../../electron/core/customers/customerExport.js';
import { applyImportRows } from '../../../electron/core/customers/customerImport.js';
import type { CustomerFileProgress } from '../../../electron/core/customers/fileProgress.js';
import { main } from '../../../electron/host/cli/agentdesk.js';
import { sharedTestdata } from '../../support/paths.js';
import { useTempDirs } from '../../support/tempDir.js';
import { openTestStore, seedCustomerWithCall, type TestStore } from './customerTestSupport.js';
import { decodeXstring, excelSerialToMs, readXlsx, type XlsxCell } from './xlsxReader.js';

const tempDir = useTempDirs();
let store: TestStore;
let dir: string;

beforeEach(() => {
  dir = tempDir();
  store = openTestStore(dir);
});
afterEach(() => store.close());

const naughty = JSON.parse(readFileSync(join(sharedTestdata, 'naughty-strings', 'blns.json'), 'utf8')) as string[];
const text = (cell: XlsxCell | undefined) => (cell?.value === undefined || cell.value === null ? '' : String(cell.value));
/** Characters XML 1.0 cannot carry at all; none may reach the file raw. */
// eslint-disable-next-line no-control-regex -- looking for control characters is the point
const notXml = /[\0-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe('xlsxText', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+90 532', "'+90 532"],
    ['-5', "'-5"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['\rx', "'_x000D_x"],
    ['a=b', 'a=b'],
    ['satır 1\nsatır 2', 'satır 1\nsatır 2'],
    ['a\r\nb', 'a_x000D_\nb'],
    ['bell\u0007', 'bell_x0007_'],
    ['_x0041_', '_x005F_x0041_'],
    ['\uFFFD', '_xFFFD_'],
    ['constructor', '_x0063_onstructor'],
    ['__proto__', '_x005F__proto__'],
    ['Işık Yıldırım', 'Işık Yıldırım'],
  ])('writes %j as %j', (value, expected) => {
    expect(xlsxText(value)).toBe(expected);
    expect(decodeXstring(xlsxText(value))).toBe(escapeFormula(value));
  });
});

describe('XLSX export', () => {
  it('writes customers as string cells: formulas escaped like the CSV, never evaluated; dates in UTC', async () => {
    const { customer } = await store.service.create({
      name: '=HYPERLINK("http://evil.example","Tıkla")',
      company: '@SUM(A1)',
      city: 'İzmir; Konak',
      phones: [{ number: '0532 123 45 67' }, { number: '0212 234 56 78' }],
      notes: 'satır 1\r\nsatır 2\n-eksi',
    });
    const path = join(dir, 'customers.xlsx');
    const events: CustomerFileProgress[] = [];
    const summary = await exportCustomers(store.service, path, { onProgress: (p) => events.push(p) });
    expect(summary).toEqual({ file: path, format: 'xlsx', rows: 1, cancelled: false });
    expect(events.at(-1)).toEqual({ phase: 'exporting', rowsDone: 1, rowsTotal: 1 });

    const sheet = readXlsx(path);
    expect(sheet.rows[0]!.map(text)).toEqual([...customerExportColumns]);
    const row = Object.fromEntries(customerExportColumns.map((name, i) => [name, sheet.rows[1]![i]]));
    expect(text(row.name)).toBe(`'=HYPERLINK("http://evil.example","Tıkla")`);
    expect(text(row.company)).toBe("'@SUM(A1)");
    expect(text(row.phones)).toBe("'+905321234567 | +902122345678");
    expect(text(row.city)).toBe('İzmir; Konak');
    expect(text(row.notes)).toBe('satır 1\nsatır 2\n-eksi'); // stored without the CR
    expect(text(row.id)).toBe(customer.id);
    // Every text is a shared string; nothing in the sheet is a formula.
    for (const cell of sheet.rows[1]!) if (typeof cell?.value === 'string') expect(cell.type).toBe('s');
    expect(sheet.xml.sheet).not.toMatch(/<f[\s>/]/);
    expect(row.version).toMatchObject({ type: 'n', value: 1 });
    expect(excelSerialToMs(row.created_at!.value as number)).toBe(store.clock.time);
    expect(sheet.xml.styles).toContain('yyyy-mm-dd hh:mm:ss &quot;UTC&quot;');
  });

  it('round-trips every naughty string, and writes nothing XML cannot carry', async () => {
    // Straight into the store (the import would clean them): the export must carry whatever is stored.
    const now = store.clock.time;
    applyImportRows(
      store.service,
      naughty.map((value, i) => ({
        externalId: `N-${i}`,
        fields: { name: `N${i}`, notes: value, city: value.slice(0, 100) },
        phones: [],
      })),
      now,
    );
    const path = join(dir, 'naughty.xlsx');
    expect((await exportCustomers(store.service, path)).rows).toBe(naughty.length);
    const sheet = readXlsx(path);
    expect(notXml.test(sheet.xml.sharedStrings)).toBe(false);
    expect(notXml.test(sheet.xml.sheet)).toBe(false);
    const notes = customerExportColumns.indexOf('notes');
    const city = customerExportColumns.indexOf('city');
    const stored = new Map(
      (
        store.database.sqlite.prepare('SELECT external_id AS id, notes, city FROM customers').all() as {
          id: string;
          notes: string | null;
          city: string | null;
        }[]
      ).map((row) => [row.id, row]),
    );
    let compared = 0;
    for (const row of sheet.rows.slice(1)) {
      const record = stored.get(text(row![0]))!;
      expect(text(row![notes])).toBe(escapeFormula(record.notes ?? ''));
      expect(text(row![city])).toBe(escapeFormula(record.city ?? ''));
      compared++;
    }
    expect(compared).toBe(naughty.length);
    // The library's shared-string table is a plain object; these names once came out as corrupt cells.
    const values = new Set(sheet.rows.slice(1).map((row) => text(row![notes])));
    for (const name of ['constructor', 'hasOwnProperty', '__proto__']) if (naughty.includes(name)) expect(values).toContain(name);
  });

  it('writes interactions with their customer and call, in CSV (with `;` + BOM) and XLSX alike', async () => {
    const { customer, invite } = await seedCustomerWithCall(store);
    store.service.addInteraction({ customerId: customer.id, kind: 'note', notes: '=cmd|" /C calc"!A0' });

    const xlsx = join(dir, 'interactions.xlsx');
    expect(await exportInteractions(store.service, xlsx)).toMatchObject({ format: 'xlsx', rows: 2 });
    const sheet = readXlsx(xlsx);
    expect(sheet.rows[0]!.map(text)).toEqual([...interactionExportColumns]);
    const byName = (row: (XlsxCell | undefined)[]) => Object.fromEntries(interactionExportColumns.map((n, i) => [n, row[i]]));
    const call = byName(sheet.rows[1]!);
    expect(text(call.customer_name)).toBe('Zeynep İnce');
    expect(text(call.phone)).toBe("'+905321234567");
    expect(excelSerialToMs(call.call_started_at!.value as number)).toBe(invite);
    expect(excelSerialToMs(call.call_answered_at!.value as number)).toBe(invite + 4_000);
    expect(excelSerialToMs(call.call_ended_at!.value as number)).toBe(invite + 49_400);
    expect(call.duration_s).toMatchObject({ type: 'n', value: 45 });
    expect(text(call.agent)).toBe('1001');
    const note = byName(sheet.rows[2]!);
    expect(note.notes).toMatchObject({ type: 's', value: `'=cmd|" /C calc"!A0`, formula: false });

    const csv = join(dir, 'interactions.csv');
    expect(await exportInteractions(store.service, csv, { excelTurkish: true })).toEqual({
      file: csv,
      format: 'csv',
      rows: 2,
      cancelled: false,
      delimiter: ';',
      bom: true,
    });
    const content = readFileSync(csv, 'utf8');
    expect(content.startsWith('\ufeffoccurred_at;kind;direction;')).toBe(true);
    expect(content).toContain(`;"'=cmd|"" /C calc""!A0";`);
  });

  it('takes the format from the extension or the option, and refuses `;` + BOM for XLSX', async () => {
    await store.service.create({ name: 'Ayşe' });
    expect((await exportCustomers(store.service, join(dir, 'a.XLSX'))).format).toBe('xlsx');
    const forced = join(dir, 'customers.data');
    expect((await exportCustomers(store.service, forced, { format: 'xlsx' })).format).toBe('xlsx');
    expect(readFileSync(forced).subarray(0, 2).toString()).toBe('PK');
    expect((await exportCustomers(store.service, join(dir, 'b.txt'))).format).toBe('csv');
    await expect(exportCustomers(store.service, join(dir, 'c.xlsx'), { excelTurkish: true })).rejects.toBeInstanceOf(ExportError);
    expect(existsSync(join(dir, 'c.xlsx'))).toBe(false);
  });

  it('cancels between slices: no file is left, and a file of that name is kept', async () => {
    applyImportRows(
      store.service,
      Array.from({ length: 5_000 }, (_, i) => ({ externalId: `C-${i}`, fields: { name: `Müşteri ${i}` }, phones: [] })),
      store.clock.time,
    );
    const path = join(dir, 'big.xlsx');
    writeFileSync(path, 'the previous export');
    const controller = new AbortController();
    // The export reads and converts 2,000 rows before it first yields to the event loop; this runs then.
    setImmediate(() => controller.abort());
    const summary = await exportCustomers(store.service, path, { signal: controller.signal });
    expect(summary).toMatchObject({ cancelled: true, rows: 0 });
    expect(readFileSync(path, 'utf8')).toBe('the previous export');
    expect(existsSync(`${path}.partial`)).toBe(false);
    // Not cancelled: all of them, and the call log could write while it ran (the rows come from a snapshot).
    const full = await exportCustomers(store.service, path);
    expect(full.rows).toBe(5_000);
    expect(readXlsx(path).rows).toHaveLength(5_001);
  });

  it('agentdesk export customers FILE.xlsx and --format', async () => {
    const dataDir = tempDir();
    const run = async (args: string[]) => {
      const writes: string[] = [];
      const original = process.stdout.write.bind(process.stdout);
      process.stdout.write = ((chunk: string) => (writes.push(String(chunk)), true)) as typeof process.stdout.write;
      try {
        return { code: await main(['--data-dir', dataDir, ...args]), stdout: writes.join('') };
      } finally {
        process.stdout.write = original;
        process.exitCode = undefined;
      }
    };
    expect((await run(['seed', 'demo'])).code).toBe(0);
    const xlsx = join(tempDir(), 'customers.xlsx');
    const exported = await run(['export', 'customers', xlsx, '--json']);
    expect(JSON.parse(exported.stdout)).toEqual({ file: xlsx, format: 'xlsx', rows: 30, cancelled: false });
    expect(readXlsx(xlsx).rows).toHaveLength(31);
    const forced = join(tempDir(), 'interactions.out');
    expect((await run(['export', 'interactions', forced, '--format', 'xlsx'])).stdout).toMatch(/\(XLSX\)/);
    expect(readFileSync(forced).subarray(0, 2).toString()).toBe('PK');
  });
});
