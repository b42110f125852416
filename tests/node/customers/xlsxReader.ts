// Test support: reads back the XLSX files the export writes, with node:zlib only — a ZIP central-directory
// walk, then the sheet's cells as a spreadsheet would see them. Plain Node (tests).
// It decodes what Excel decodes (XML entities, then ECMA-376 `_xHHHH_` escapes in strings) and keeps what a
// test must be able to check: each cell's type (`s` shared string, `n` number, `b`, `str`…) and whether it
// carries a formula (<f>).
import { readFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';

/** The files inside a ZIP archive, by name (stored and deflated entries; what fflate writes). */
export function unzip(path: string): Map<string, Buffer> {
  const zip = readFileSync(path);
  const endOfCentralDirectory = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (endOfCentralDirectory < 0) throw new Error(`${path} is not a ZIP file`);
  const entries = zip.readUInt16LE(endOfCentralDirectory + 10);
  let at = zip.readUInt32LE(endOfCentralDirectory + 16);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < entries; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error('bad central directory entry');
    const method = zip.readUInt16LE(at + 10);
    const compressedSize = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const localHeader = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const dataStart = localHeader + 30 + zip.readUInt16LE(localHeader + 26) + zip.readUInt16LE(localHeader + 28);
    const data = zip.subarray(dataStart, dataStart + compressedSize);
    if (method === 0) files.set(name, Buffer.from(data));
    else if (method === 8) files.set(name, inflateRawSync(data));
    else throw new Error(`unsupported compression ${method} for ${name}`);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return files;
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function xmlText(raw: string): string {
  return raw.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g, (_, entity: string) =>
    entity.startsWith('#x')
      ? String.fromCodePoint(parseInt(entity.slice(2), 16))
      : entity.startsWith('#')
        ? String.fromCodePoint(parseInt(entity.slice(1), 10))
        : entities[entity]!,
  );
}

/** What Excel does with `_xHHHH_` in string items: the UTF-16 code unit HHHH. */
export function decodeXstring(text: string): string {
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

export interface XlsxCell {
  /** The `t` attribute: `s` shared string, `str` formula string, `b`, `e`, `inlineStr`; `n` when absent. */
  type: string;
  /** Text for strings (decoded), the number for numbers, null when the cell is empty. */
  value: string | number | boolean | null;
  formula: boolean;
  style: number | undefined;
}

export interface XlsxSheet {
  /** rows[r][c]; cells the file leaves out are undefined. */
  rows: (XlsxCell | undefined)[][];
  /** The raw XML parts, for checks on the markup itself. */
  xml: { sheet: string; sharedStrings: string; styles: string };
}

function columnIndex(reference: string): number {
  let index = 0;
  for (const letter of /^[A-Z]+/.exec(reference)![0]) index = index * 26 + (letter.charCodeAt(0) - 64);
  return index - 1;
}

/** The first worksheet of an XLSX file. */
export function readXlsx(path: string): XlsxSheet {
  const files = unzip(path);
  const text = (name: string) => files.get(name)?.toString('utf8') ?? '';
  const sharedStringsXml = text('xl/sharedStrings.xml');
  const sheet = text('xl/worksheets/sheet1.xml');
  const shared = [...sharedStringsXml.matchAll(/<si>([\s\S]*?)<\/si>/g)].map((match) =>
    [...match[1]!.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>|<t(?:\s[^>]*)?\/>/g)]
      .map((t) => decodeXstring(xmlText(t[1] ?? '')))
      .join(''),
  );
  const rows: (XlsxCell | undefined)[][] = [];
  for (const row of sheet.matchAll(/<row\b[^>]*\br="(\d+)"[^>]*?(?:\/>|>([\s\S]*?)<\/row>)/g)) {
    const cells: (XlsxCell | undefined)[] = [];
    for (const cell of (row[2] ?? '').matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const attributes = cell[1]!;
      const reference = /\br="([A-Z]+\d+)"/.exec(attributes)![1]!;
      const type = /\bt="(\w+)"/.exec(attributes)?.[1] ?? 'n';
      const style = /\bs="(\d+)"/.exec(attributes)?.[1];
      const body = cell[2] ?? '';
      const raw = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
      let value: XlsxCell['value'] = null;
      if (raw !== undefined) {
        if (type === 's') value = shared[Number(raw)] ?? null;
        else if (type === 'b') value = raw === '1';
        else if (type === 'n') value = Number(raw);
        else value = decodeXstring(xmlText(raw));
      }
      cells[columnIndex(reference)] = {
        type,
        value,
        formula: /<f[\s>/]/.test(body),
        style: style === undefined ? undefined : Number(style),
      };
    }
    rows[Number(row[1]) - 1] = cells;
  }
  return { rows, xml: { sheet, sharedStrings: sharedStringsXml, styles: text('xl/styles.xml') } };
}

/** A date cell's value (Excel's 1900 serial, as write-excel-file writes it) as ms since the epoch, UTC. */
export function excelSerialToMs(serial: number): number {
  return Math.round((serial - 25569) * 86_400_000);
}
