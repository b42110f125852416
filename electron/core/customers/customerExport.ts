// `agentdesk export customers|interactions FILE.csv|FILE.xlsx` and the UI's export. Plain Node (core).
//
// How to call (CLI, UI handler, tests):
//   const summary = await exportCustomers(service, path, {   // or exportInteractions(service, path, …)
//     format: 'xlsx',                     // optional: 'csv' | 'xlsx'; default from the extension (.xlsx → xlsx)
//     excelTurkish: true,                 // CSV only: `;` + BOM for Excel with Turkish regional settings
//     onProgress: (p) => send(p),         // {phase:'exporting', rowsDone, rowsTotal}; ≤ ~10 calls/s + a final one
//     signal: controller.signal,          // abort → no file is left behind, summary.cancelled
//   });
//   summary: {file, format, rows, cancelled, delimiter?, bom?}
// The file appears only when complete (written beside it, then renamed): an existing file of that name is
// replaced only by a whole export. Rows are read from their own read-only connection in one snapshot, so the
// main connection stays free for the call log and caller lookup, and the event loop is yielded every few
// thousand rows. exportCustomersCsv / exportInteractionsCsv are the older synchronous CSV-only forms.
//
// Customer columns use the import's header names first, so a CSV export imports back (the extra columns are
// reported and ignored). Every text cell is formula-escaped (see csv/csvWriter.ts and xlsxText below).
import { renameSync, rmSync } from 'node:fs';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type Database from 'better-sqlite3';
import writeXlsxFile from 'write-excel-file/node';
import { CustomerRepository, type CustomerRow } from '../../../db/repositories/customers.js';
import { InteractionRepository, type InteractionExportRow } from '../../../db/repositories/interactions.js';
import { withReadSnapshot } from '../../../db/repositories/sideConnections.js';
import { importColumns } from './importColumns.js';
import type { CustomerService } from './customerService.js';
import { CsvFileWriter, escapeFormula, excelTurkish, rfc4180, type CsvFormat } from './csv/csvWriter.js';
import { throttleProgress, type CustomerFileProgress } from './fileProgress.js';

export type ExportFormat = 'csv' | 'xlsx';

export interface ExportOptions {
  /** Default: from the file name (`.xlsx` → xlsx, anything else → csv). */
  format?: ExportFormat;
  /** CSV only: `;` and a BOM, for Excel with Turkish (or most continental) regional settings. */
  excelTurkish?: boolean;
  /** Throttled: at most ~10 calls a second, and one final call. */
  onProgress?: (progress: CustomerFileProgress) => void;
  /** Stops the export; nothing is left at `path` (an existing file there is kept). */
  signal?: AbortSignal;
}

export interface ExportSummary {
  file: string;
  format: ExportFormat;
  rows: number;
  /** The signal stopped it; no file was written. */
  cancelled: boolean;
  /** CSV only. */
  delimiter?: ',' | ';';
  bom?: boolean;
}

/** The export refuses, with this message, what it cannot write (too many rows for one XLSX sheet). */
export class ExportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExportError';
  }
}

/** One sheet has at most 1,048,576 rows in Excel (and LibreOffice); the header takes one. */
export const MAX_XLSX_ROWS = 1_048_575;
/**
 * write-excel-file builds the whole workbook in memory (every cell an object, the sheet's XML one string):
 * 200,000 customers took 1.1 GB and 27 s of CPU here, against 3 s for CSV. Beyond this many data rows the
 * export asks for CSV instead of loading the desk's main process that much.
 */
export const MAX_XLSX_EXPORT_ROWS = 100_000;
/** Rows between two yields to the event loop (and two progress reports). */
const ROWS_PER_SLICE = 2_000;

export function exportFormatOf(path: string, format?: ExportFormat): ExportFormat {
  return format ?? (/\.xlsx$/i.test(path) ? 'xlsx' : 'csv');
}

/** A typed cell: text, a number, or a moment (CSV: ISO 8601 UTC; XLSX: a date cell shown in UTC). */
type Cell = string | number | Date | null;

interface ExportTable<Row> {
  sheet: string;
  columns: readonly string[];
  count(sqlite: Database.Database): number;
  rows(sqlite: Database.Database): Iterable<Row>;
  cells(row: Row): Cell[];
}

const moment = (ms: number | null) => (ms === null ? null : new Date(ms));

/**
 * The import's columns first (without the single `phone`: `phones` carries them all), so an export imports
 * back unchanged; then what only the desk knows.
 */
export const customerExportColumns = [
  ...importColumns.filter((column) => column !== 'phone'),
  'services',
  'marketing_consent',
  'do_not_call',
  'id',
  'version',
  'created_at',
  'updated_at',
] as const;

const customerTable: ExportTable<CustomerRow & { phones: string }> = {
  sheet: 'Customers',
  columns: customerExportColumns,
  count: (sqlite) => new CustomerRepository(sqlite).count(),
  rows: (sqlite) => new CustomerRepository(sqlite).exportRows(),
  cells: (c) => [
    c.externalId,
    c.name,
    c.company,
    c.phones,
    c.email,
    c.address,
    c.city,
    c.accountNumber,
    c.tariff,
    c.segment,
    c.language,
    c.notes,
    c.services.join(' | '),
    c.marketingConsent ? 'yes' : 'no',
    c.doNotCall ? 'yes' : 'no',
    c.id,
    c.version,
    moment(c.createdAt),
    moment(c.updatedAt),
  ],
};

/** One row per interaction: its customer, the call's direction, times and duration, outcome, notes, agent. */
export const interactionExportColumns = [
  'occurred_at',
  'kind',
  'direction',
  'outcome',
  'outcome_subcode',
  'notes',
  'agent',
  'customer_external_id',
  'customer_name',
  'phone',
  'call_started_at',
  'call_answered_at',
  'call_ended_at',
  'duration_s',
  'customer_id',
  'call_id',
  'id',
] as const;

const interactionTable: ExportTable<InteractionExportRow> = {
  sheet: 'Interactions',
  columns: interactionExportColumns,
  count: (sqlite) => new InteractionRepository(sqlite).count(),
  rows: (sqlite) => new InteractionRepository(sqlite).exportRows(),
  cells: (i) => [
    moment(i.occurredAt),
    i.kind,
    i.direction,
    i.outcome,
    i.outcomeSubcode,
    i.notes,
    i.agent,
    i.customerExternalId,
    i.customerName,
    i.e164,
    moment(i.callInviteAt),
    moment(i.callAnswerAt),
    moment(i.callEndAt),
    i.durationMs === null ? null : Math.round(i.durationMs / 1000),
    i.customerId,
    i.callId,
    i.id,
  ],
};

export function exportCustomers(service: CustomerService, path: string, options: ExportOptions = {}): Promise<ExportSummary> {
  return exportTable(service, customerTable, path, options);
}

export function exportInteractions(service: CustomerService, path: string, options: ExportOptions = {}): Promise<ExportSummary> {
  return exportTable(service, interactionTable, path, options);
}

async function exportTable<Row>(
  service: CustomerService,
  table: ExportTable<Row>,
  path: string,
  options: ExportOptions,
): Promise<ExportSummary> {
  const format = exportFormatOf(path, options.format);
  if (format === 'xlsx' && options.excelTurkish)
    throw new ExportError('The `;` + BOM option is for CSV files; an XLSX file opens in Excel with any regional settings.');
  const progress = throttleProgress(options.onProgress);
  const partial = `${path}.partial`;
  const csvFormat = options.excelTurkish ? excelTurkish : rfc4180;
  const summary: ExportSummary = { file: path, format, rows: 0, cancelled: false };
  if (format === 'csv') Object.assign(summary, { delimiter: csvFormat.delimiter, bom: csvFormat.bom });

  let written = false;
  try {
    written = await readSnapshot(service.database.sqlite, async (sqlite, mayYield) => {
      const rowsTotal = table.count(sqlite);
      if (format === 'xlsx' && rowsTotal > MAX_XLSX_EXPORT_ROWS) {
        throw new ExportError(
          `${rowsTotal.toLocaleString('en')} rows are too many for one XLSX file here (at most ` +
            `${MAX_XLSX_EXPORT_ROWS.toLocaleString('en')}): export to CSV instead.`,
        );
      }
      progress({ phase: 'exporting', rowsDone: 0, rowsTotal });
      const sink = format === 'csv' ? csvSink(partial, csvFormat) : xlsxSink(partial, table);
      try {
        sink.add(table.columns);
        let rowsDone = 0;
        for (const row of table.rows(sqlite)) {
          sink.add(table.cells(row));
          if (++rowsDone % ROWS_PER_SLICE === 0) {
            progress({ phase: 'exporting', rowsDone, rowsTotal });
            if (mayYield) await yieldToEventLoop();
            if (options.signal?.aborted) return false;
          }
        }
        summary.rows = rowsDone;
        if (options.signal?.aborted) return false;
        await sink.finish();
        progress({ phase: 'exporting', rowsDone, rowsTotal });
        return true;
      } finally {
        sink.close();
      }
    });
  } finally {
    progress.flush();
    if (written) renameSync(partial, path);
    else rmSync(partial, { force: true });
  }
  if (!written) Object.assign(summary, { cancelled: true, rows: 0 });
  return summary;
}

/**
 * Runs `read` on a snapshot of the store: a read-only connection of its own on the same file (so it may yield
 * between rows), or, for an in-memory database that no second connection can open, the store's connection
 * without yielding.
 */
function readSnapshot<T>(
  main: Database.Database,
  read: (sqlite: Database.Database, mayYield: boolean) => Promise<T>,
): Promise<T> {
  if (main.memory) return read(main, false);
  return withReadSnapshot(main.name, (sqlite) => read(sqlite, true));
}

interface Sink {
  add(cells: readonly Cell[]): void;
  /** Writes what is still held (XLSX: the whole workbook). */
  finish(): Promise<void>;
  /** Releases the file handle; safe after finish and after a failure. */
  close(): void;
}

const csvText = (cell: Cell) => (cell instanceof Date ? cell.toISOString() : cell);

function csvSink(path: string, format: CsvFormat): Sink {
  const writer = new CsvFileWriter(path, format);
  let closed = false;
  return {
    add: (cells) => writer.write(cells.map(csvText)),
    finish: async () => {
      closed = true;
      writer.close();
    },
    close: () => {
      if (!closed) writer.close();
      closed = true;
    },
  };
}

/** Date cells as Excel shows them, with the zone said: the desk stores UTC and so does the export. */
const XLSX_DATE_FORMAT = 'yyyy-mm-dd hh:mm:ss "UTC"';

function xlsxSink<Row>(path: string, table: ExportTable<Row>): Sink {
  const sheetRows: (string | number | Date | null)[][] = [];
  return {
    add: (cells) => sheetRows.push(cells.map((cell) => (typeof cell === 'string' ? xlsxText(cell) : cell))),
    finish: async () => {
      await writeXlsxFile(sheetRows, {
        sheet: table.sheet,
        stickyRowsCount: 1,
        dateFormat: XLSX_DATE_FORMAT,
        columns: table.columns.map((column) => ({ width: Math.max(12, column.length + 2) })),
      }).toFile(path);
    },
    close: () => {
      sheetRows.length = 0;
    },
  };
}

/**
 * One text cell of an XLSX export.
 *
 * Formulas: write-excel-file writes every string as a shared-string cell (`t="s"`); Excel, LibreOffice and
 * Google Sheets show those as text and never evaluate them — only an `<f>` element is a formula. So opening
 * the file is safe without any escape. It stops being safe the moment a person edits such a cell (F2, Enter:
 * Excel parses the typed text again, and `=HYPERLINK(…)` becomes a live formula), or saves the sheet as CSV
 * (the text goes out raw and runs in the next spreadsheet that opens it). So the cells the CSV export escapes
 * (starting with = + - @, tab or CR) get the same leading `'` here: the values of both exports are the same,
 * an edited cell stays text (Excel reads a typed leading `'` as "this is text"), and our import strips the
 * `'` again. Other cells are written exactly as stored.
 *
 * Characters XML cannot carry: XML 1.0 forbids most C0 controls, XML parsers turn CR into LF, and
 * write-excel-file silently deletes those plus U+007F–U+009F (except U+0085), U+FDD0–U+FDEF and U+FFFD–U+FFFF.
 * Spreadsheet text has its own escape for them (ECMA-376 Part 1, §22.4.2.4 ST_Xstring: `_xHHHH_` is the UTF-16
 * code unit HHHH; Excel writes CR as `_x000D_`), which Excel and LibreOffice decode. A literal `_x0041_` in our
 * data would be decoded too, so its `_` is escaped as `_x005F_`, as Excel does.
 *
 * write-excel-file 4.1.1 keys its shared-string table on a plain object, so a cell that is exactly the name of
 * an Object.prototype member (`constructor`, `toString`, `__proto__`, …) comes out as a corrupt cell
 * (`<v>function Object() { [native code] }</v>`). Escaping its first character (`_x0063_onstructor`) gives
 * a different key and the same text once decoded.
 */
export function xlsxText(value: string): string {
  const text = escapeFormula(value).replace(xmlUnsafe, (match) => {
    if (match.startsWith('_')) return `_x005F_${match.slice(1)}`;
    let out = '';
    for (let i = 0; i < match.length; i++) out += codeUnitEscape(match.charCodeAt(i));
    return out;
  });
  return text in Object.prototype ? codeUnitEscape(text.charCodeAt(0)) + text.slice(1) : text;
}

const codeUnitEscape = (unit: number) => `_x${unit.toString(16).toUpperCase().padStart(4, '0')}_`;

/**
 * What xlsxText escapes: a literal `_xHHHH_`; C0 controls but tab and LF; DEL and C1 controls but NEL; the
 * non-characters U+FDD0–U+FDEF and U+FFFE/U+FFFF, U+FFFD; the non-characters at the end of every astral plane;
 * and lone surrogates.
 */
const xmlUnsafe =
  // eslint-disable-next-line no-control-regex -- finding the control characters XML cannot carry is the point
  /_x[0-9A-Fa-f]{4}_|[\0-\x08\x0B\x0C\x0D\x0E-\x1F\x7F-\x84\x86-\x9F\uFDD0-\uFDEF\uFFFD-\uFFFF]|[\uD83F\uD87F\uD8BF\uD8FF\uD93F\uD97F\uD9BF\uD9FF\uDA3F\uDA7F\uDABF\uDAFF\uDB3F\uDB7F\uDBBF\uDBFF][\uDFFE\uDFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

// The synchronous CSV-only exports of the first version, kept for callers that cannot await.

export function exportCustomersCsv(service: CustomerService, path: string, options: { excelTurkish?: boolean } = {}) {
  return exportCsvSync(service, customerTable, path, options);
}

export function exportInteractionsCsv(service: CustomerService, path: string, options: { excelTurkish?: boolean } = {}) {
  return exportCsvSync(service, interactionTable, path, options);
}

function exportCsvSync<Row>(
  service: CustomerService,
  table: ExportTable<Row>,
  path: string,
  options: { excelTurkish?: boolean },
): ExportSummary {
  const format = options.excelTurkish ? excelTurkish : rfc4180;
  const writer = new CsvFileWriter(path, format);
  try {
    writer.write(table.columns);
    for (const row of table.rows(service.database.sqlite)) writer.write(table.cells(row).map(csvText));
  } finally {
    writer.close();
  }
  return { file: path, format: 'csv', rows: writer.rows - 1, cancelled: false, delimiter: format.delimiter, bom: format.bom };
}
