// Reads a CSV file as records, streaming: UTF-8 with or without BOM, anything else refused with a
// message the person who saved the file can act on. Plain Node (core). Two readers over the same
// decoder and parser: an async one (checks a file without blocking the event loop) and a sync one
// (used inside a write transaction, which better-sqlite3 cannot span across awaits).
import { closeSync, createReadStream, openSync, readSync } from 'node:fs';
import { CsvParser, type CsvParserOptions, type CsvRecord } from './csvParser.js';

export type CsvFileProblem = 'unreadable' | 'utf16' | 'invalid-utf8' | 'binary' | 'header';

/** The file as a whole cannot be read as UTF-8 CSV; nothing was imported. */
export class CsvFileError extends Error {
  constructor(
    readonly problem: CsvFileProblem,
    message: string,
  ) {
    super(message);
    this.name = 'CsvFileError';
  }
}

const CHUNK_BYTES = 1024 * 1024;

const saveAsUtf8 = 'Save it as "CSV UTF-8" (Excel: File → Save As → CSV UTF-8) and import again.';

/** Decodes UTF-8 chunk by chunk; strips a BOM; throws CsvFileError for UTF-16, binary or invalid bytes. */
export class Utf8ChunkDecoder {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  private bytesBefore = 0;
  private linesBefore = 1;
  private first = true;
  /** The file started with a UTF-8 byte order mark (Excel's "CSV UTF-8" writes one). */
  bom = false;

  constructor(private readonly name: string) {}

  decode(chunk: Uint8Array, final = false): string {
    if (this.first && chunk.length > 0) {
      this.first = false;
      this.checkStart(chunk);
    }
    const nul = chunk.indexOf(0);
    if (nul !== -1) {
      throw new CsvFileError(
        'binary',
        `${this.name} contains a NUL byte at byte ${this.bytesBefore + nul + 1}: it is not a CSV text file. ${saveAsUtf8}`,
      );
    }
    let text: string;
    try {
      text = this.decoder.decode(chunk, { stream: !final });
    } catch {
      const at = firstInvalidUtf8(chunk);
      const line = this.linesBefore + countByte(chunk.subarray(0, at), 10);
      throw new CsvFileError(
        'invalid-utf8',
        `${this.name} is not valid UTF-8 (byte ${this.bytesBefore + at + 1}, line ${line}). It may have been saved as ` +
          `Windows-1254 / ISO-8859-9 (Turkish) or Windows-1251 (Russian). ${saveAsUtf8}`,
      );
    }
    this.bytesBefore += chunk.length;
    this.linesBefore += countByte(chunk, 10);
    return text;
  }

  private checkStart(chunk: Uint8Array): void {
    const [b0, b1, b2] = [chunk[0], chunk[1], chunk[2]];
    if ((b0 === 0xff && b1 === 0xfe) || (b0 === 0xfe && b1 === 0xff)) {
      const order = b0 === 0xff ? 'little-endian' : 'big-endian';
      throw new CsvFileError(
        'utf16',
        `${this.name} is UTF-16 (${order}, it starts with a UTF-16 byte order mark), not UTF-8. ${saveAsUtf8}`,
      );
    }
    if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) this.bom = true;
    // UTF-16 without a BOM: ASCII text with a zero byte beside every character.
    const head = chunk.subarray(0, 64);
    const zeros = countByte(head, 0);
    if (head.length >= 4 && zeros >= head.length / 4) {
      throw new CsvFileError(
        'utf16',
        `${this.name} looks like UTF-16 without a byte order mark (every other byte is zero), not UTF-8. ${saveAsUtf8}`,
      );
    }
  }
}

function countByte(bytes: Uint8Array, value: number): number {
  let n = 0;
  for (let i = bytes.indexOf(value); i !== -1; i = bytes.indexOf(value, i + 1)) n++;
  return n;
}

/**
 * Offset of the first byte that is not part of a well-formed UTF-8 sequence (overlong forms,
 * surrogates and code points above U+10FFFF included). Continuation bytes at the very start belong to
 * a sequence begun in the previous chunk and are skipped.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length && i < 3 && (bytes[i]! & 0xc0) === 0x80) i++;
  while (i < bytes.length) {
    const b = bytes[i]!;
    let need: number;
    let min: number;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    if (i + need >= bytes.length) return i; // cut by the end of the input
    let code = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k]!;
      if ((c & 0xc0) !== 0x80) return i;
      code = (code << 6) | (c & 0x3f);
    }
    if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return i;
    i += need + 1;
  }
  return Math.max(0, bytes.length - 1);
}

export interface CsvReadOptions extends CsvParserOptions {
  /** Called after each chunk with the bytes read so far. */
  onBytes?: (bytesRead: number) => void;
}

export interface CsvReader {
  /** The delimiter found in the header line (after the first record). */
  delimiter(): ',' | ';' | undefined;
  bom(): boolean;
}

/** Reads records without blocking: for checking a file before anything is written. */
export async function* readCsvFile(
  path: string,
  options: CsvReadOptions = {},
  state?: { reader?: CsvReader },
): AsyncGenerator<CsvRecord> {
  const decoder = new Utf8ChunkDecoder(path);
  const parser = new CsvParser(options);
  if (state) state.reader = { delimiter: () => parser.detectedDelimiter, bom: () => decoder.bom };
  let bytes = 0;
  let stream;
  try {
    stream = createReadStream(path, { highWaterMark: CHUNK_BYTES });
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      yield* parser.push(decoder.decode(chunk));
      options.onBytes?.(bytes);
    }
  } catch (error) {
    if (error instanceof CsvFileError) throw error;
    throw new CsvFileError('unreadable', `Cannot read ${path}: ${(error as Error).message}`);
  } finally {
    stream?.destroy();
  }
  yield* parser.push(decoder.decode(new Uint8Array(0), true));
  yield* parser.end();
}

/** Reads records synchronously: for the write pass inside one transaction. */
export function* readCsvFileSync(path: string, options: CsvReadOptions = {}): Generator<CsvRecord> {
  const decoder = new Utf8ChunkDecoder(path);
  const parser = new CsvParser(options);
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    throw new CsvFileError('unreadable', `Cannot read ${path}: ${(error as Error).message}`);
  }
  try {
    const buffer = Buffer.alloc(CHUNK_BYTES);
    let bytes = 0;
    for (;;) {
      const read = readSync(fd, buffer, 0, buffer.length, null);
      if (read === 0) break;
      bytes += read;
      yield* parser.push(decoder.decode(buffer.subarray(0, read)));
      options.onBytes?.(bytes);
    }
    yield* parser.push(decoder.decode(new Uint8Array(0), true));
    yield* parser.end();
  } finally {
    closeSync(fd);
  }
}
