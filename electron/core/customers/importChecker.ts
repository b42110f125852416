// The customer import's check pass: reads the CSV, checks and cleans every row, normalises its numbers and
// prepares what a new customer needs (id, search document, outbox payload). No database, so it could move to
// a worker thread as it is (measured here: sending its rows across cost the worker about as much as checking
// them, so it runs on the importing thread). Plain Node (core). Rows come out in batches, each entry either a
// checked row or the reason the row is wrong, in file order; customerImport.ts plans and stages them.
import { performance } from 'node:perf_hooks';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { insertPayloadJson, type CustomerFields, type PhoneInput } from '../../../db/repositories/customers.js';
import { newId } from '../../../db/ids.js';
import { customerLimits } from '../../shared/ipc/customers.js';
import { fold } from '../../shared/text/fold.js';
import { normalizeCallerId, type CallerIdResult, type CountryCode } from '../phone/index.js';
import { CsvFileError, readCsvFile, type CsvReader } from './csv/csvFile.js';
import type { CsvDelimiter, CsvRecord } from './csv/csvParser.js';
import { unescapeFormula } from './csv/csvWriter.js';
import {
  accountKey,
  cleanCustomerFields,
  cleanLine,
  customerSearchDocument,
  normalizePhones,
  preview,
  withDefaults,
} from './customerFields.js';
import { importColumns } from './importColumns.js';
import type { CustomerSearchDocument } from '../../../db/repositories/customers.js';

export type ImportColumn = (typeof importColumns)[number];

/** A cell longer than this fails its row (the longest field, notes, allows 4,000 characters). */
export const MAX_CELL_LENGTH = 10_000;

export interface ImportRowError {
  row: number;
  line: number;
  message: string;
}

/** One checked row: what it says about the customer. */
export interface ImportRow {
  externalId: string | null;
  fields: Partial<CustomerFields>;
  phones: PhoneInput[];
}

/** What the row needs if it becomes a new customer, prepared here so the importing thread only stores it. */
export interface PreparedCreate {
  id: string;
  fields: CustomerFields;
  accountKey: string | null;
  search: CustomerSearchDocument;
  outboxId: string;
  outboxPayload: string;
}

export type CheckEntry =
  | { at: { row: number; line: number }; row: ImportRow; create: PreparedCreate }
  | { at: { row: number; line: number }; error: string };

export interface CheckBatch {
  entries: CheckEntry[];
  /** Data rows so far (without the header and blank lines). */
  rows: number;
  bytesDone: number;
}

/** The file as a whole, once every row was read. */
export interface CheckTotals {
  rows: number;
  ignoredColumns: string[];
  delimiter: CsvDelimiter;
  bom: boolean;
  /** Cells starting with = or @: stored as plain text; exports escape them again. */
  formulaCells: number;
  blankLines: number;
}

export interface CheckOptions {
  defaultCountry?: CountryCode | undefined;
  /** The import's time: outbox payloads carry it as createdAt. */
  now: number;
  /** Rows per batch. */
  batchRows?: number;
  /** Give the event loop a turn at least this often (call log, SIP); unset: only when reading the file. */
  yieldEveryMs?: number;
}

const DEFAULT_BATCH_ROWS = 250;

/**
 * Reads and checks `path` batch by batch; returns the file's totals when done. Throws CsvFileError for a file
 * that cannot be read as CSV at all (encoding, binary, no usable header). To stop early, call `return()`: that
 * closes the file (and the result is undefined).
 */
export async function* checkCustomerCsv(
  path: string,
  options: CheckOptions,
): AsyncGenerator<CheckBatch, CheckTotals | undefined> {
  const batchRows = options.batchRows ?? DEFAULT_BATCH_ROWS;
  const normalize = memoizedNormalize(options.defaultCountry);
  const state: { reader?: CsvReader } = {};
  const totals: CheckTotals = { rows: 0, ignoredColumns: [], delimiter: ',', bom: false, formulaCells: 0, blankLines: 0 };
  const externalIds = new Map<string, number>();
  let columns: ColumnMap | undefined;
  let bytesDone = 0;
  let entries: CheckEntry[] = [];
  let lastYield = performance.now();
  for await (const record of readCsvFile(path, { maxFieldLength: MAX_CELL_LENGTH, onBytes: (bytes) => (bytesDone = bytes) }, state)) {
    if (!columns) {
      columns = readHeader(record, path);
      totals.ignoredColumns = columns.ignored;
      continue;
    }
    if (isBlank(record)) {
      totals.blankLines++;
      continue;
    }
    totals.rows++;
    const at = { row: record.row, line: record.line };
    const checked = checkRecord(record, columns, normalize);
    totals.formulaCells += checked.formulaCells;
    if ('message' in checked) {
      entries.push({ at, error: checked.message });
    } else {
      const externalId = checked.row.externalId;
      const earlier = externalId === null ? undefined : externalIds.get(externalId);
      if (earlier !== undefined) {
        entries.push({ at, error: `external_id "${preview(externalId!)}" is also on row ${earlier}` });
      } else {
        if (externalId !== null) externalIds.set(externalId, record.row);
        entries.push({ at, row: checked.row, create: prepareCreate(checked.row, options.now) });
      }
    }
    if (entries.length >= batchRows) {
      yield { entries, rows: totals.rows, bytesDone };
      entries = [];
      // A parsed chunk of the file arrives as many records without a real await in between.
      if (options.yieldEveryMs !== undefined && performance.now() - lastYield > options.yieldEveryMs) {
        await yieldToEventLoop();
        lastYield = performance.now();
      }
    }
  }
  if (!columns) throw new CsvFileError('header', `${path} is empty: the first line must name the columns (${importColumns.join(', ')})`);
  if (entries.length > 0) yield { entries, rows: totals.rows, bytesDone };
  totals.delimiter = state.reader?.delimiter() ?? ',';
  totals.bom = state.reader?.bom() ?? false;
  return totals;
}

/** The new customer a row would make: ids, defaults, search document and outbox payload. */
export function prepareCreate(row: ImportRow, now: number): PreparedCreate {
  const fields = withDefaults(row.fields);
  const id = newId();
  return {
    id,
    fields,
    accountKey: accountKey(fields.accountNumber),
    search: customerSearchDocument(fields),
    outboxId: newId(),
    outboxPayload: insertPayloadJson(fields, id, row.externalId, row.phones, now),
  };
}

type TextField = Exclude<keyof CustomerFields, 'services' | 'marketingConsent' | 'doNotCall'>;

const fieldOfColumn: [ImportColumn, TextField][] = [
  ['name', 'name'],
  ['company', 'company'],
  ['email', 'email'],
  ['address', 'address'],
  ['city', 'city'],
  ['account', 'accountNumber'],
  ['tariff', 'tariff'],
  ['segment', 'segment'],
  ['language', 'language'],
  ['notes', 'notes'],
];

interface ColumnMap {
  index: Map<ImportColumn, number>;
  count: number;
  ignored: string[];
}

function readHeader(record: CsvRecord, path: string): ColumnMap {
  if (record.error) throw new CsvFileError('header', `${path}: the header line cannot be read (${record.error})`);
  const index = new Map<ImportColumn, number>();
  const ignored: string[] = [];
  record.fields.forEach((raw, position) => {
    const name = fold(cleanLine(raw)).replace(/[\s-]+/g, '_');
    if ((importColumns as readonly string[]).includes(name)) {
      const column = name as ImportColumn;
      if (index.has(column)) throw new CsvFileError('header', `${path}: the column "${column}" appears twice in the header`);
      index.set(column, position);
    } else if (name !== '') {
      ignored.push(preview(raw));
    }
  });
  if (!index.has('name')) {
    throw new CsvFileError(
      'header',
      `${path}: the header has no "name" column. The first line must name the columns: ${importColumns.join(', ')}`,
    );
  }
  return { index, count: record.fields.length, ignored };
}

function isBlank(record: CsvRecord): boolean {
  return !record.error && record.fields.every((field) => field.trim() === '');
}

const phoneSeparators = /[|;,\n]+/;
const formulaLike = /^[=@]/;

/** Reads one data row: the cleaned fields and normalised numbers, or the reasons it is wrong. */
function checkRecord(
  record: CsvRecord,
  columns: ColumnMap,
  normalize: PhoneNormalizer,
): ({ row: ImportRow } | { message: string }) & { formulaCells: number } {
  if (record.error) {
    const column = record.errorField === undefined ? undefined : columnAt(columns, record.errorField - 1);
    return { message: column ? `${record.error} (column ${column})` : record.error, formulaCells: 0 };
  }
  if (record.fields.length !== columns.count) {
    return { message: `the row has ${record.fields.length} fields, the header has ${columns.count}`, formulaCells: 0 };
  }
  let formulaCells = 0;
  const cell = (column: ImportColumn): string | undefined => {
    const position = columns.index.get(column);
    if (position === undefined) return undefined;
    const value = unescapeFormula(record.fields[position] ?? '');
    if (formulaLike.test(value)) formulaCells++;
    return value;
  };

  const input: Partial<Record<TextField, string>> = {};
  for (const [column, field] of fieldOfColumn) {
    const value = cell(column);
    if (value !== undefined) input[field] = value;
  }
  const cleaned = cleanCustomerFields(input, true);
  const problems = cleaned.problems.map((problem) => problem.message);

  const numbers: { number: string }[] = [];
  for (const column of ['phone', 'phones'] as const) {
    const value = cell(column);
    if (value === undefined) continue;
    for (const piece of value.split(phoneSeparators)) if (piece.trim() !== '') numbers.push({ number: piece.trim() });
  }
  const phones = normalizePhones(numbers, undefined, 'phone', normalize);
  problems.push(...phones.problems.map((problem) => problem.message));

  const rawExternalId = cell('external_id');
  const externalId = rawExternalId === undefined ? '' : cleanLine(rawExternalId);
  if (externalId.length > customerLimits.externalId)
    problems.push(`external_id is longer than ${customerLimits.externalId} characters`);

  if (problems.length > 0) return { message: problems.join('; '), formulaCells };
  return {
    row: { externalId: externalId === '' ? null : externalId, fields: cleaned.fields, phones: phones.phones },
    formulaCells,
  };
}

type PhoneNormalizer = (number: string) => CallerIdResult;

/** Numbers repeated in a file (a family's landline, a company's switchboard) are read once. */
const MAX_REMEMBERED_NUMBERS = 250_000;

function memoizedNormalize(defaultCountry: CountryCode | undefined): PhoneNormalizer {
  const known = new Map<string, CallerIdResult>();
  return (number) => {
    let result = known.get(number);
    if (result === undefined) {
      result = normalizeCallerId(number, defaultCountry ? { defaultCountry } : {});
      if (known.size < MAX_REMEMBERED_NUMBERS) known.set(number, result);
    }
    return result;
  };
}

function columnAt(columns: ColumnMap, position: number): string | undefined {
  for (const [column, index] of columns.index) if (index === position) return column;
  return undefined;
}
