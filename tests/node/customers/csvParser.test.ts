// The RFC 4180 parser (electron/core/customers/csv/csvParser.ts): quoting, line ends, chunk boundaries,
// limits, delimiter detection.
import { describe, expect, it } from 'vitest';
import {
  CsvParser,
  detectDelimiter,
  type CsvParserOptions,
  type CsvRecord,
} from '../../../electron/core/customers/csv/csvParser.js';

/** Parses `text` pushed in pieces of `chunk` characters (1 = every possible boundary). */
function parse(text: string, options: CsvParserOptions = {}, chunk = text.length || 1): CsvRecord[] {
  const parser = new CsvParser(options);
  const out: CsvRecord[] = [];
  for (let i = 0; i < text.length; i += chunk) out.push(...parser.push(text.slice(i, i + chunk)));
  out.push(...parser.end());
  return out;
}
const fields = (records: CsvRecord[]) => records.map((r) => r.fields);

describe('CsvParser', () => {
  const sample = 'name,notes,city\r\n"Yılmaz, Ahmet","line one\r\nline ""two""",İzmir\r\nplain,,\r\n"",x,"y"\r\n';
  const expected = [
    ['name', 'notes', 'city'],
    ['Yılmaz, Ahmet', 'line one\r\nline "two"', 'İzmir'],
    ['plain', '', ''],
    ['', 'x', 'y'],
  ];

  it('reads quoted fields, doubled quotes, embedded line breaks and empty fields', () => {
    expect(fields(parse(sample))).toEqual(expected);
  });

  it('gives the same records whatever the chunk boundaries', () => {
    for (const chunk of [1, 2, 3, 5, 7, 16]) expect(fields(parse(sample, {}, chunk)), `chunk ${chunk}`).toEqual(expected);
  });

  it('accepts LF, CRLF and lone CR line ends, with or without a final line end', () => {
    expect(fields(parse('a,b\nc,d'))).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(fields(parse('a,b\r\nc,d\r\n'))).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(fields(parse('a,b\rc,d\r'))).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(fields(parse('a,\n'))).toEqual([['a', '']]);
    expect(fields(parse('a,'))).toEqual([['a', '']]);
  });

  it('numbers records as spreadsheet rows and remembers the line each starts on', () => {
    const records = parse('h1,h2\n"multi\nline",x\n\nlast,y\n');
    expect(records.map(({ row, line }) => [row, line])).toEqual([
      [1, 1],
      [2, 2],
      [3, 4],
      [4, 5],
    ]);
    expect(records[2]!.fields).toEqual(['']); // the blank line is a row of one empty field
  });

  it('is lenient with stray quotes inside unquoted fields and after a closing quote', () => {
    expect(fields(parse('ab"c,5" screen\n"ab"c,d\n'))).toEqual([
      ['ab"c', '5" screen'],
      ['abc', 'd'],
    ]);
  });

  it('marks a quoted field that is never closed', () => {
    const [record] = parse('a,"never closed\nb,c\n');
    expect(record!.error).toMatch(/line 1 is never closed/);
  });

  it('cuts a field over the limit without keeping it, marks that record only, and goes on', () => {
    const huge = 'x'.repeat(100_000);
    const records = parse(`a,b\n"${huge}",1\nok,2\n`, { maxFieldLength: 1000 }, 4096);
    expect(records[1]!.error).toMatch(/field 1 is longer than 1000/);
    expect(records[1]!.errorField).toBe(1);
    expect(records[1]!.fields.join('').length).toBeLessThan(2000);
    expect(records[2]).toEqual({ fields: ['ok', '2'], row: 3, line: 3 });
  });

  it('limits the number of fields in a record', () => {
    const records = parse(`${','.repeat(50)}\nx\n`, { maxFields: 10 });
    expect(records[0]!.error).toMatch(/more than 10 fields/);
    expect(records[1]!.fields).toEqual(['x']);
  });

  it('detects ; from the header line and keeps , inside fields', () => {
    const parser = new CsvParser();
    const records = [...parser.push('name;phones;notes\r\n"Kaya; Ali";0532,0533;"a,b"\r\n'), ...parser.end()];
    expect(parser.detectedDelimiter).toBe(';');
    expect(records[1]!.fields).toEqual(['Kaya; Ali', '0532,0533', 'a,b']);
  });

  it('waits for the whole header line before deciding the delimiter', () => {
    const parser = new CsvParser();
    expect(parser.push('a,b;c;')).toEqual([]);
    expect(parser.detectedDelimiter).toBeUndefined();
    expect(parser.push('d\n1;2;3\n').map((r) => r.fields)).toEqual([
      ['a,b', 'c', 'd'],
      ['1', '2', '3'],
    ]);
  });

  it('reads an empty input as no records', () => {
    expect(parse('')).toEqual([]);
  });
});

describe('detectDelimiter', () => {
  it('counts separators outside quotes in the first line only', () => {
    expect(detectDelimiter('a;b;c\n', false)).toBe(';');
    expect(detectDelimiter('a,b;c\n', false)).toBe(',');
    expect(detectDelimiter('"a;b;c",d\n', false)).toBe(',');
    expect(detectDelimiter('a,b\nc;d;e;f\n', false)).toBe(',');
    expect(detectDelimiter('single', false)).toBeUndefined();
    expect(detectDelimiter('single', true)).toBe(',');
  });
});
