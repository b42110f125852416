// RFC 4180 CSV parser that takes text in chunks and hands back complete records. Plain TypeScript (core).
// Quoted fields, doubled quotes, CRLF / LF / CR line ends, line breaks inside quotes, `,` or `;` found
// from the header line. Memory stays bounded: a field longer than `maxFieldLength` or a record with
// more than `maxFields` fields is marked as an error and the rest of it is skipped, not kept.
// Lenient where spreadsheets are (a quote inside an unquoted field is text), strict where data would be
// lost (a quoted field still open at the end of the file is an error).

export type CsvDelimiter = ',' | ';';

export interface CsvRecord {
  fields: string[];
  /** 1-based number of the record, the header being record 1: the spreadsheet's row number. */
  row: number;
  /** 1-based line of the file where the record starts. */
  line: number;
  /** Set when the record could not be read whole; `fields` is then incomplete. */
  error?: string;
  /** With `error`: the 1-based field that caused it, when one did. */
  errorField?: number;
}

export interface CsvParserOptions {
  /** Fixed delimiter; when absent it is detected from the first record (`,` unless `;` is more frequent). */
  delimiter?: CsvDelimiter;
  maxFieldLength?: number;
  maxFields?: number;
}

const QUOTE = 34;
const CR = 13;
const LF = 10;

/** The header line decides the delimiter; it is looked for in at most this much text. */
const DETECTION_WINDOW = 64 * 1024;

export class CsvParser {
  private delimiter: number | undefined;
  private readonly maxFieldLength: number;
  private readonly maxFields: number;
  /** Text received but not yet parsed: only while the delimiter is still unknown. */
  private pending = '';

  private fields: string[] = [];
  private field = '';
  private fieldLength = 0;
  private quoted = false;
  /** Inside a quoted field, the previous character was a quote (end of field, or the first of "" ). */
  private quoteSeen = false;
  /** At the start of a field (a quote here opens a quoted field). */
  private atFieldStart = true;
  /** The last character was a CR, so an LF right after it ends nothing new. */
  private afterCr = false;
  private recordError: string | undefined;
  private recordErrorField: number | undefined;
  private row = 0;
  private line = 1;
  private recordLine = 1;
  /** Anything seen since the last record ended (so an empty last line is not a record). */
  private recordStarted = false;

  constructor(options: CsvParserOptions = {}) {
    this.delimiter = options.delimiter?.charCodeAt(0);
    this.maxFieldLength = options.maxFieldLength ?? 1024 * 1024;
    this.maxFields = options.maxFields ?? 1000;
  }

  /** The delimiter in use (known once the first record has been seen). */
  get detectedDelimiter(): CsvDelimiter | undefined {
    return this.delimiter === undefined ? undefined : (String.fromCharCode(this.delimiter) as CsvDelimiter);
  }

  push(text: string): CsvRecord[] {
    const out: CsvRecord[] = [];
    if (this.delimiter === undefined) {
      this.pending += text;
      const detected = detectDelimiter(this.pending, false);
      if (detected === undefined) return out;
      this.delimiter = detected.charCodeAt(0);
      text = this.pending;
      this.pending = '';
    }
    this.parse(text, out);
    return out;
  }

  /** Call at the end of the input: returns the last record, if any. */
  end(): CsvRecord[] {
    const out: CsvRecord[] = [];
    if (this.delimiter === undefined) {
      this.delimiter = (detectDelimiter(this.pending, true) ?? ',').charCodeAt(0);
      this.parse(this.pending, out);
      this.pending = '';
    }
    if (this.quoted && !this.quoteSeen) {
      this.recordError ??= `a quoted field opened on line ${this.recordLine} is never closed`;
    }
    if (this.recordStarted) {
      this.endField();
      this.finishRecord(out);
    }
    return out;
  }

  private parse(text: string, out: CsvRecord[]): void {
    const delimiter = this.delimiter!;
    const length = text.length;
    let i = 0;
    while (i < length) {
      const c = text.charCodeAt(i);
      if (this.afterCr) {
        this.afterCr = false;
        if (c === LF) {
          i++;
          continue;
        }
      }
      this.recordStarted = true;
      if (this.quoted) {
        if (this.quoteSeen) {
          this.quoteSeen = false;
          if (c === QUOTE) {
            this.append('"');
            i++;
            continue;
          }
          this.quoted = false; // the quote closed the field; this character is handled below
        } else if (c === QUOTE) {
          this.quoteSeen = true;
          i++;
          continue;
        } else {
          // Copy a run of ordinary quoted text at once.
          let j = text.indexOf('"', i);
          if (j === -1) j = length;
          const run = text.slice(i, j);
          this.countLines(run);
          this.append(run);
          i = j;
          continue;
        }
      }
      if (c === delimiter) {
        this.endField();
        i++;
      } else if (c === LF || c === CR) {
        this.endField();
        this.finishRecord(out);
        this.line++;
        this.afterCr = c === CR;
        i++;
      } else if (c === QUOTE && this.atFieldStart) {
        this.quoted = true;
        this.atFieldStart = false;
        i++;
      } else {
        // A run of unquoted text up to the next delimiter, line end or quote.
        let j = i;
        while (j < length) {
          const d = text.charCodeAt(j);
          if (d === delimiter || d === LF || d === CR) break;
          j++;
        }
        this.atFieldStart = false;
        this.append(text.slice(i, j));
        i = j;
      }
    }
  }

  private countLines(run: string): void {
    for (let k = run.indexOf('\n'); k !== -1; k = run.indexOf('\n', k + 1)) this.line++;
    // A lone CR inside quotes is a line end too (old Mac files); CRLF was counted by its LF.
    for (let k = run.indexOf('\r'); k !== -1; k = run.indexOf('\r', k + 1)) if (run.charCodeAt(k + 1) !== LF) this.line++;
  }

  private append(text: string): void {
    if (this.recordError !== undefined) return;
    this.fieldLength += text.length;
    if (this.fieldLength > this.maxFieldLength) {
      this.recordError = `field ${this.fields.length + 1} is longer than ${this.maxFieldLength} characters`;
      this.recordErrorField = this.fields.length + 1;
      this.field = '';
      return;
    }
    this.field += text;
  }

  private endField(): void {
    if (this.recordError === undefined) {
      if (this.fields.length >= this.maxFields) {
        this.recordError = `more than ${this.maxFields} fields`;
      } else {
        this.fields.push(this.field);
      }
    }
    this.field = '';
    this.fieldLength = 0;
    this.quoted = false;
    this.quoteSeen = false;
    this.atFieldStart = true;
  }

  /** Ends the record; its last field was ended by the caller. */
  private finishRecord(out: CsvRecord[]): void {
    this.row++;
    const record: CsvRecord = { fields: this.fields, row: this.row, line: this.recordLine };
    if (this.recordError !== undefined) record.error = this.recordError;
    if (this.recordErrorField !== undefined) record.errorField = this.recordErrorField;
    out.push(record);
    this.fields = [];
    this.recordError = undefined;
    this.recordErrorField = undefined;
    this.recordStarted = false;
    this.recordLine = this.line + 1;
  }
}

/**
 * `;` when the first record has more semicolons than commas outside quotes (Turkish and most
 * continental Excel versions save CSV with `;`), else `,`. Undefined while the first line is not
 * complete (unless `final`).
 */
export function detectDelimiter(text: string, final: boolean): CsvDelimiter | undefined {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  const limit = Math.min(text.length, DETECTION_WINDOW);
  for (let i = 0; i < limit; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) return semicolons > commas ? ';' : ',';
    else if (!quoted && c === ',') commas++;
    else if (!quoted && c === ';') semicolons++;
  }
  if (final || text.length >= DETECTION_WINDOW) return semicolons > commas ? ';' : ',';
  return undefined;
}
