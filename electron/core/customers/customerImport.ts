// `agentdesk import customers FILE.csv` (and later the UI's import): the whole file or nothing. Plain Node.
// Pass 1 reads and checks every row without writing (async: the event loop keeps running) and stops
// there if any row is wrong, listing each with its row number and reason. Pass 2 reads the file again
// and applies it in ONE transaction: a failure anywhere rolls back every row. Re-import matches an
// existing customer by external_id, then by phone number, and writes only fields that changed.
import { statSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { appendAudit } from '../../../db/repositories/audit.js';
import { newId } from '../../../db/ids.js';
import type { CustomerFields, PhoneInput } from '../../../db/repositories/customers.js';
import { customerLimits } from '../../shared/ipc/customers.js';
import { fold } from '../../shared/text/fold.js';
import { normalizeCallerId, type CallerIdResult, type CountryCode } from '../phone/index.js';
import {
  accountKey,
  cleanCustomerFields,
  cleanLine,
  customerSearchDocument,
  normalizePhones,
  preview,
} from './customerFields.js';
import { customerChange, withDefaults, type CustomerService } from './customerService.js';
import { CsvFileError, readCsvFile, readCsvFileSync, type CsvReader } from './csv/csvFile.js';
import type { CsvRecord } from './csv/csvParser.js';
import { unescapeFormula } from './csv/csvWriter.js';

/** The columns the import reads; any other header is reported and ignored. */
export { importColumns } from './importColumns.js';
import { importColumns } from './importColumns.js';
export type ImportColumn = (typeof importColumns)[number];

type TextField = Exclude<keyof CustomerFields, 'services' | 'marketingConsent' | 'doNotCall'>;

const fieldOfColumn: Partial<Record<ImportColumn, TextField>> = {
  name: 'name',
  company: 'company',
  email: 'email',
  address: 'address',
  city: 'city',
  account: 'accountNumber',
  tariff: 'tariff',
  segment: 'segment',
  language: 'language',
  notes: 'notes',
};

/** A cell longer than this fails its row (the longest field, notes, allows 4,000 characters). */
export const MAX_CELL_LENGTH = 10_000;
/** Errors listed in the summary; the count covers all of them. */
export const MAX_LISTED_ERRORS = 100;

export interface ImportRowError {
  row: number;
  line: number;
  message: string;
}

export interface ImportProgress {
  phase: 'checking' | 'writing';
  rows: number;
  /** Known while writing (pass 1 counted them). */
  totalRows?: number;
  bytes?: number;
  totalBytes?: number;
}

export interface ImportSummary {
  file: string;
  /** true: every row was imported; false: nothing was (see errors), or it was a dry run. */
  imported: boolean;
  dryRun: boolean;
  /** Data rows, without the header and blank lines. */
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  errorCount: number;
  errors: ImportRowError[];
  ignoredColumns: string[];
  delimiter: ',' | ';';
  bom: boolean;
  /** Cells starting with = or @: stored as plain text; exports escape them again. */
  formulaCells: number;
  blankLines: number;
  durationMs: number;
  message: string;
}

export interface ImportOptions {
  defaultCountry?: CountryCode | undefined;
  /** Check and count what would change, then roll back. */
  dryRun?: boolean;
  onProgress?: (progress: ImportProgress) => void;
  /** Who ran it, for the audit log. */
  actor?: string;
}

interface ColumnMap {
  index: Map<ImportColumn, number>;
  count: number;
  ignored: string[];
}

/** One checked row: what it says about the customer. */
export interface ImportRow {
  externalId: string | null;
  fields: Partial<CustomerFields>;
  phones: PhoneInput[];
}

/** A row that failed while writing: rolls the transaction back. */
class RowFailure extends Error {
  constructor(readonly error: ImportRowError) {
    super(error.message);
  }
}

/** A dry run's way out of the transaction after everything was applied and counted. */
class DryRunRollback extends Error {}

export async function importCustomersCsv(
  service: CustomerService,
  path: string,
  options: ImportOptions = {},
): Promise<ImportSummary> {
  const started = performance.now();
  const totalBytes = statSafe(path);
  const summary: ImportSummary = {
    file: path,
    imported: false,
    dryRun: options.dryRun === true,
    rows: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    errorCount: 0,
    errors: [],
    ignoredColumns: [],
    delimiter: ',',
    bom: false,
    formulaCells: 0,
    blankLines: 0,
    durationMs: 0,
    message: '',
  };
  const addError = (error: ImportRowError) => {
    summary.errorCount++;
    if (summary.errors.length < MAX_LISTED_ERRORS) summary.errors.push(error);
  };
  const progress = throttle(options.onProgress);
  const normalize = memoizedNormalize(options.defaultCountry);

  // Pass 1: check every row, write nothing.
  const state: { reader?: CsvReader } = {};
  let columns: ColumnMap | undefined;
  const externalIds = new Map<string, number>();
  let rows = 0;
  for await (const record of readCsvFile(
    path,
    { maxFieldLength: MAX_CELL_LENGTH, onBytes: (bytes) => progress({ phase: 'checking', rows, bytes, totalBytes }) },
    state,
  )) {
    if (!columns) {
      columns = readHeader(record, path);
      continue;
    }
    if (isBlank(record)) {
      summary.blankLines++;
      continue;
    }
    rows++;
    const checked = checkRecord(record, columns, options.defaultCountry, normalize);
    summary.formulaCells += checked.formulaCells;
    if ('message' in checked) {
      addError({ row: record.row, line: record.line, message: checked.message });
      continue;
    }
    const externalId = checked.row.externalId;
    if (externalId !== null) {
      const earlier = externalIds.get(externalId);
      if (earlier !== undefined)
        addError({
          row: record.row,
          line: record.line,
          message: `external_id "${preview(externalId)}" is also on row ${earlier}`,
        });
      else externalIds.set(externalId, record.row);
    }
  }
  if (!columns)
    throw new CsvFileError('header', `${path} is empty: the first line must name the columns (${importColumns.join(', ')})`);
  summary.rows = rows;
  summary.ignoredColumns = columns.ignored;
  summary.delimiter = state.reader?.delimiter() ?? ',';
  summary.bom = state.reader?.bom() ?? false;
  externalIds.clear();

  if (summary.errorCount === 0) {
    // Pass 2: apply every row in one transaction.
    try {
      writeAll(service, path, columns, options, normalize, summary, (done) =>
        progress({ phase: 'writing', rows: done, totalRows: rows }),
      );
      summary.imported = !summary.dryRun;
    } catch (error) {
      if (error instanceof RowFailure) addError(error.error);
      else if (!(error instanceof DryRunRollback)) throw error;
    }
    if (summary.errorCount > 0) [summary.created, summary.updated, summary.unchanged] = [0, 0, 0];
  }
  progress.flush();
  summary.durationMs = Math.round(performance.now() - started);
  summary.message = describe(summary);

  if (summary.imported) {
    appendAudit(
      service.database.db,
      {
        actor: options.actor ?? 'import',
        action: 'customers.import',
        entity: 'customer',
        details: {
          file: path,
          rows: summary.rows,
          created: summary.created,
          updated: summary.updated,
          unchanged: summary.unchanged,
        },
      },
      service.now(),
    );
    if (summary.created + summary.updated > 0) service.changed('imported', []);
  }
  return summary;
}

function writeAll(
  service: CustomerService,
  path: string,
  columns: ColumnMap,
  options: ImportOptions,
  normalize: PhoneNormalizer,
  summary: ImportSummary,
  onRow: (done: number) => void,
): void {
  const now = service.now();
  service.repository.transaction(() => {
    const counts = applyImportRows(service, checkedRows(path, columns, options.defaultCountry, normalize), now, onRow);
    summary.created = counts.created;
    summary.updated = counts.updated;
    summary.unchanged = counts.unchanged;
    if (options.dryRun) throw new DryRunRollback();
  });
}

/** The file's rows again, checked again (the file may have changed since pass 1: then it fails). */
function* checkedRows(
  path: string,
  columns: ColumnMap,
  defaultCountry: CountryCode | undefined,
  normalize: PhoneNormalizer,
): Generator<ImportRow & { at: Omit<ImportRowError, 'message'> }> {
  let header = true;
  for (const record of readCsvFileSync(path, { maxFieldLength: MAX_CELL_LENGTH })) {
    if (header) {
      header = false;
      continue;
    }
    if (isBlank(record)) continue;
    const checked = checkRecord(record, columns, defaultCountry, normalize);
    if ('message' in checked) throw new RowFailure({ row: record.row, line: record.line, message: checked.message });
    yield { ...checked.row, at: { row: record.row, line: record.line } };
  }
}

export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
}

/**
 * The import's write pass over checked rows; call it inside a transaction (it never commits).
 * A row updates the customer that existed BEFORE the import with its external_id, or else with one of
 * its numbers; otherwise it creates a customer. Two rows of one file are never merged (a repeated
 * external_id is refused in pass 1). Into an empty store nothing can match, so the rows are loaded in
 * bulk with the lookup indexes rebuilt at the end (CustomerRepository.withDeferredIndexes).
 */
export function applyImportRows(
  service: CustomerService,
  rows: Iterable<ImportRow & { at?: Omit<ImportRowError, 'message'> }>,
  now: number,
  onRow?: (done: number) => void,
): ImportCounts {
  const repository = service.repository;
  const counts: ImportCounts = { created: 0, updated: 0, unchanged: 0 };
  let done = 0;
  const count = (outcome: keyof ImportCounts) => {
    counts[outcome]++;
    if (++done % 1000 === 0) onRow?.(done);
  };
  if (repository.isEmpty()) {
    repository.withDeferredIndexes(() => {
      for (const row of rows) count(createCustomer(service, row, now));
    });
  } else {
    const lastSeqBefore = repository.lastSeq();
    for (const row of rows) {
      const outcome = applyRow(service, row, now, lastSeqBefore);
      if (typeof outcome === 'object')
        throw new RowFailure({ row: row.at?.row ?? 0, line: row.at?.line ?? 0, message: outcome.error });
      count(outcome);
    }
  }
  onRow?.(done);
  return counts;
}

function createCustomer(service: CustomerService, row: ImportRow, now: number): 'created' {
  const fields = withDefaults(row.fields);
  service.repository.insert(
    {
      ...fields,
      id: newId(),
      externalId: row.externalId,
      accountKey: accountKey(fields.accountNumber),
      phones: row.phones,
      search: customerSearchDocument(fields),
    },
    now,
  );
  return 'created';
}

/** Creates or updates one customer; returns what happened, or why the row cannot be applied. */
function applyRow(
  service: CustomerService,
  row: ImportRow,
  now: number,
  lastSeqBefore: number,
): keyof ImportCounts | { error: string } {
  const repository = service.repository;
  let id = row.externalId === null ? undefined : repository.idByExternalId(row.externalId);
  if (id === undefined && row.phones.length > 0) {
    const owners = new Set<string>();
    for (const phone of row.phones) for (const owner of repository.idsByE164(phone.e164, 10)) owners.add(owner);
    // Only customers from before this import; one who already has a different CRM id is someone else
    // who shares the number.
    const candidates = repository
      .getMany([...owners])
      .filter((candidate) => candidate.seq <= lastSeqBefore && (row.externalId === null || candidate.externalId === null));
    if (candidates.length > 1) {
      return {
        error: `its phone number belongs to ${candidates.length} customers already; add an external_id column to say which one`,
      };
    }
    id = candidates[0]?.id;
  }
  if (id === undefined) return createCustomer(service, row, now);

  const current = repository.get(id)!;
  const change = customerChange(current, row.fields);
  if (row.externalId !== null && current.externalId === null) change.fields.externalId = row.externalId;
  const known = new Set(repository.phones([id]).map((phone) => phone.e164));
  const added = row.phones.filter((phone) => !known.has(phone.e164));
  if (added.length > 0) change.addPhones = added;
  if (Object.keys(change.fields).length === 0 && added.length === 0) return 'unchanged';
  repository.update(current, change, now);
  return 'updated';
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
  defaultCountry: CountryCode | undefined,
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
  for (const [column, field] of Object.entries(fieldOfColumn) as [ImportColumn, TextField][]) {
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
  const phones = normalizePhones(numbers, defaultCountry, 'phone', normalize);
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

/** Numbers read in pass 1 are read again in pass 2; libphonenumber is the costliest step, so remember them. */
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

function statSafe(path: string): number | undefined {
  try {
    return statSync(path).size;
  } catch {
    return undefined;
  }
}

function describe(summary: ImportSummary): string {
  const counts = `${summary.created} created, ${summary.updated} updated, ${summary.unchanged} unchanged`;
  if (summary.errorCount > 0) {
    return `Nothing was imported: ${summary.errorCount} of ${summary.rows} rows have errors. Fix them and import the whole file again.`;
  }
  if (summary.dryRun) return `Dry run: all ${summary.rows} rows are valid; importing would give ${counts}. Nothing was written.`;
  return `Imported the whole file: ${summary.rows} rows, ${counts}.`;
}

/** Progress at most every 250 ms (and once at the end), so a fast import is not slowed by printing. */
function throttle(callback: ((progress: ImportProgress) => void) | undefined) {
  let last = 0;
  let pending: ImportProgress | undefined;
  const report = (progress: ImportProgress) => {
    if (!callback) return;
    const now = performance.now();
    pending = progress;
    if (now - last >= 250) {
      last = now;
      callback(progress);
      pending = undefined;
    }
  };
  report.flush = () => {
    if (callback && pending) callback(pending);
    pending = undefined;
  };
  return report;
}
