// Writes CSV that spreadsheets open safely. Plain Node (core).
// Formula injection (OWASP "CSV injection"): a cell starting with = + - @, a tab or a CR is run as a
// formula by Excel/LibreOffice, so it gets a leading apostrophe and is shown as text; the import strips
// that apostrophe again, so an export re-imports unchanged. `;` + BOM is what Turkish Excel opens
// directly (its list separator is `;`, and without a BOM it reads the file as Windows-1254).
import { closeSync, openSync, writeSync } from 'node:fs';
import type { CsvDelimiter } from './csvParser.js';

const formulaStart = /^[=+\-@\t\r]/;

/** `'` before text a spreadsheet would run as a formula (the XLSX export uses the same rule). */
export function escapeFormula(text: string): string {
  return formulaStart.test(text) ? `'${text}` : text;
}

/** One cell: formula-escaped, and quoted when it holds the delimiter, a quote, a line break or edge spaces. */
export function csvCell(value: string | number | boolean | null | undefined, delimiter: CsvDelimiter): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? escapeFormula(value) : String(value);
  const needsQuotes =
    text.includes(delimiter) || text.includes('"') || text.includes('\n') || text.includes('\r') || /^\s|\s$/.test(text);
  return needsQuotes ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(cells: readonly (string | number | boolean | null | undefined)[], delimiter: CsvDelimiter): string {
  return `${cells.map((cell) => csvCell(cell, delimiter)).join(delimiter)}\r\n`;
}

/** Undoes csvCell's formula escape: `'=1+1` → `=1+1` (only before a character that needs it). */
export function unescapeFormula(cell: string): string {
  return cell.length > 1 && cell[0] === "'" && formulaStart.test(cell.slice(1)) ? cell.slice(1) : cell;
}

export interface CsvFormat {
  delimiter: CsvDelimiter;
  /** Start with a UTF-8 byte order mark. */
  bom: boolean;
}

/** The `--excel-tr` format: `;` and a BOM. The default is RFC 4180: `,`, no BOM. */
export const excelTurkish: CsvFormat = { delimiter: ';', bom: true };
export const rfc4180: CsvFormat = { delimiter: ',', bom: false };

/** A CSV file written line by line through a buffer (exports stream rows; they never hold the whole file). */
export class CsvFileWriter {
  private readonly fd: number;
  private buffer: string[] = [];
  private bufferedChars = 0;
  rows = 0;

  constructor(
    path: string,
    private readonly format: CsvFormat,
  ) {
    this.fd = openSync(path, 'w');
    if (format.bom) writeSync(this.fd, '\ufeff');
  }

  write(cells: readonly (string | number | boolean | null | undefined)[]): void {
    const line = csvLine(cells, this.format.delimiter);
    this.buffer.push(line);
    this.bufferedChars += line.length;
    this.rows++;
    if (this.bufferedChars > 256 * 1024) this.flush();
  }

  private flush(): void {
    if (this.buffer.length === 0) return;
    writeSync(this.fd, this.buffer.join(''));
    this.buffer = [];
    this.bufferedChars = 0;
  }

  close(): void {
    try {
      this.flush();
    } finally {
      closeSync(this.fd);
    }
  }
}
