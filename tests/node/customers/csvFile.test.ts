// Reading CSV files (electron/core/customers/csv/csvFile.ts): UTF-8 with/without BOM, and the encodings
// people really send (UTF-16 from Excel's "Unicode text", Windows-1254) refused with a clear message.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CsvFileError,
  firstInvalidUtf8,
  readCsvFile,
  readCsvFileSync,
  Utf8ChunkDecoder,
} from '../../../electron/core/customers/csv/csvFile.js';
import { useTempDirs } from '../../support/tempDir.js';

const tempDir = useTempDirs();

function file(bytes: Buffer | string): string {
  const path = join(tempDir(), 'input.csv');
  writeFileSync(path, bytes);
  return path;
}

async function readAll(path: string) {
  const records = [];
  for await (const record of readCsvFile(path)) records.push(record.fields);
  return records;
}

describe('reading CSV files', () => {
  it('reads UTF-8 with and without a BOM to the same records, in both readers', async () => {
    const text = 'name;city\r\nIşık Yıldırım;İstanbul\r\nПётр Ёлкин;Москва\r\n';
    const withBom = file(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]));
    const expected = [
      ['name', 'city'],
      ['Işık Yıldırım', 'İstanbul'],
      ['Пётр Ёлкин', 'Москва'],
    ];
    expect(await readAll(withBom)).toEqual(expected);
    expect([...readCsvFileSync(withBom)].map((r) => r.fields)).toEqual(expected);
    expect(await readAll(file(text))).toEqual(expected);
  });

  it('refuses UTF-16 (with either byte order mark, or without one) and says so', async () => {
    const text = 'name,city\r\nIşık,İzmir\r\n';
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.from(le);
    be.swap16();
    await expect(readAll(file(le))).rejects.toThrow(/UTF-16 \(little-endian/);
    await expect(readAll(file(be))).rejects.toThrow(/UTF-16 \(big-endian/);
    await expect(readAll(file(Buffer.from(text, 'utf16le')))).rejects.toThrow(/looks like UTF-16 without a byte order mark/);
    expect(() => [...readCsvFileSync(file(le))]).toThrow(CsvFileError);
  });

  it('refuses Windows-1254 text with the byte and line of the first bad byte', async () => {
    // "Şükrü" in Windows-1254: Ş = 0xDE, ü = 0xFC.
    const bytes = Buffer.concat([
      Buffer.from('name,city\nAhmet,Ankara\n'),
      Buffer.from([0xde, 0xfc, 0x6b, 0x72, 0xfc]),
      Buffer.from(',Bursa\n'),
    ]);
    const error = await readAll(file(bytes)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CsvFileError);
    expect((error as CsvFileError).problem).toBe('invalid-utf8');
    expect((error as Error).message).toMatch(/not valid UTF-8 \(byte 24, line 3\).*Windows-1254.*CSV UTF-8/);
  });

  it('refuses a binary file', async () => {
    await expect(readAll(file(Buffer.from('name\nab\u0000cd\n')))).rejects.toThrow(
      /NUL byte at byte 8: it is not a CSV text file/,
    );
  });

  it('says which file cannot be read', async () => {
    await expect(readAll(join(tempDir(), 'missing.csv'))).rejects.toThrow(/Cannot read .*missing\.csv/);
  });

  it('decodes a multi-byte character split across chunks', () => {
    const decoder = new Utf8ChunkDecoder('x.csv');
    const bytes = Buffer.from('ğş');
    expect(
      decoder.decode(bytes.subarray(0, 1)) + decoder.decode(bytes.subarray(1, 3)) + decoder.decode(bytes.subarray(3), true),
    ).toBe('ğş');
  });
});

describe('firstInvalidUtf8', () => {
  it('finds overlong forms, surrogates, stray continuation bytes and bytes above U+10FFFF', () => {
    expect(firstInvalidUtf8(Buffer.from([0x61, 0xc0, 0xaf]))).toBe(1);
    expect(firstInvalidUtf8(Buffer.from([0x61, 0x62, 0xed, 0xa0, 0x80]))).toBe(2);
    expect(firstInvalidUtf8(Buffer.from([0x61, 0x62, 0x63, 0x64, 0x80]))).toBe(4);
    expect(firstInvalidUtf8(Buffer.from([0xf4, 0x90, 0x80, 0x80]))).toBe(0);
    expect(firstInvalidUtf8(Buffer.from([0xe2, 0x82, 0xac, 0xfe]))).toBe(3);
  });
});
