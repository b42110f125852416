// Loads a HID report descriptor from disk for `agentdesk hid describe FILE` (plain Node).
// Accepts the raw bytes (.bin, as read from /sys/class/hidraw/hidrawN/device/report_descriptor) or a hex
// dump (.hex/.txt: bytes separated by spaces, commas or newlines, with or without 0x, or runs like `050b0905`).
import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { HidDescriptorError } from './hidDescriptorError.js';
import { MAX_DESCRIPTOR_BYTES } from './hidItems.js';

/** Room for MAX_DESCRIPTOR_BYTES written as "0x05, " with line breaks. */
const MAX_HEX_TEXT_BYTES = MAX_DESCRIPTOR_BYTES * 8;

export async function readDescriptorFile(path: string): Promise<Uint8Array> {
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new HidDescriptorError('file', `${path} is not a regular file`);
    size = info.size;
  } catch (error) {
    if (error instanceof HidDescriptorError) throw error;
    throw new HidDescriptorError('file', `Cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  // Refuse only what cannot hold a descriptor in either form (sysfs itself reports report_descriptor as
  // 4096 bytes, whatever its real length); the byte count is checked once the content is decoded.
  if (size > MAX_HEX_TEXT_BYTES) {
    throw new HidDescriptorError('too-large', `${path} has ${size} bytes; a descriptor is at most ${MAX_DESCRIPTOR_BYTES}`);
  }
  let content: Uint8Array;
  try {
    content = new Uint8Array(await readFile(path));
  } catch (error) {
    throw new HidDescriptorError('file', `Cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  const extension = extname(path).toLowerCase();
  const isText = extension === '.hex' || extension === '.txt' || (extension !== '.bin' && looksLikeHexText(content));
  const bytes = isText ? parseHexDescriptorText(new TextDecoder().decode(content), path) : content;
  if (bytes.length === 0) throw new HidDescriptorError('empty', `${path} holds no descriptor bytes`);
  if (bytes.length > MAX_DESCRIPTOR_BYTES) {
    throw new HidDescriptorError(
      'too-large',
      `${path} holds ${bytes.length} descriptor bytes; the limit is ${MAX_DESCRIPTOR_BYTES}`,
    );
  }
  return bytes;
}

/** Parses a hex dump of a descriptor. `source` names the file in error messages. */
export function parseHexDescriptorText(text: string, source = 'hex text'): Uint8Array {
  const bytes: number[] = [];
  const lines = text.split(/\r?\n/);
  for (const [lineIndex, line] of lines.entries()) {
    for (const match of line.matchAll(/[^\s,]+/g)) {
      const token = match[0];
      const where = `${source}:${lineIndex + 1}:${(match.index ?? 0) + 1}`;
      const prefixed = /^0x/i.test(token);
      const digits = prefixed ? token.slice(2) : token;
      if (!/^[0-9a-f]+$/i.test(digits)) {
        throw new HidDescriptorError('file', `${where}: "${token.slice(0, 20)}" is not a hex byte`);
      }
      if (prefixed && digits.length > 2) {
        throw new HidDescriptorError('file', `${where}: "${token.slice(0, 20)}" is more than one byte`);
      }
      if (!prefixed && digits.length > 2 && digits.length % 2 === 1) {
        throw new HidDescriptorError('file', `${where}: "${token.slice(0, 20)}" has an odd number of hex digits`);
      }
      for (let i = 0; i < digits.length; i += 2) bytes.push(Number.parseInt(digits.slice(i, i + 2), 16));
    }
  }
  return Uint8Array.from(bytes);
}

function looksLikeHexText(content: Uint8Array): boolean {
  // A real descriptor starts with an item prefix such as 0x05 or 0x06, never with printable text.
  for (const byte of content) {
    const printable = byte === 0x09 || byte === 0x0a || byte === 0x0d || (byte >= 0x20 && byte < 0x7f);
    if (!printable) return false;
  }
  return content.length > 0;
}
