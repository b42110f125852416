// Loading descriptors from .bin and hex-text files, and the errors for bad files (vitest, Node, temp dir).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HidDescriptorError } from '../../../electron/core/hid/hidDescriptorError.js';
import { parseHexDescriptorText, readDescriptorFile } from '../../../electron/core/hid/readDescriptorFile.js';
import { loadDescriptor } from './hidTestData.js';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'agentdesk-hid-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function fileWith(name: string, content: string | Uint8Array): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

async function errorOf(promise: Promise<unknown>): Promise<HidDescriptorError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof HidDescriptorError) return error;
    throw error;
  }
  throw new Error('expected a HidDescriptorError');
}

describe('readDescriptorFile', () => {
  it('accepts C-style, comma-separated hex with 0x and line breaks', async () => {
    const path = await fileWith('c-array.hex', '0x05, 0x0B, 0x09, 0x05,\r\n0xA1,0x01,\n 0xc0 \n');
    expect([...(await readDescriptorFile(path))]).toEqual([0x05, 0x0b, 0x09, 0x05, 0xa1, 0x01, 0xc0]);
  });

  it('accepts continuous hex runs (xxd -p) and sniffs text when the extension says nothing', async () => {
    const path = await fileWith('descriptor', '050b0905a101\nc0\n');
    expect([...(await readDescriptorFile(path))]).toEqual([0x05, 0x0b, 0x09, 0x05, 0xa1, 0x01, 0xc0]);
  });

  it('reads a binary copy without an extension as raw bytes', async () => {
    const bytes = loadDescriptor('047f-c053');
    expect(await readDescriptorFile(await fileWith('report_descriptor', bytes))).toEqual(bytes);
  });

  it('names the line and column of a bad token', async () => {
    const path = await fileWith('bad.hex', '05 0b\n09 zz\n');
    const error = await errorOf(readDescriptorFile(path));
    expect(error.code).toBe('file');
    expect(error.message).toMatch(/bad\.hex:2:4: "zz" is not a hex byte/);
  });

  it('refuses 0x tokens wider than a byte and odd-length runs', () => {
    expect(() => parseHexDescriptorText('0x0501')).toThrow(/more than one byte/);
    expect(() => parseHexDescriptorText('050b0')).toThrow(/odd number/);
  });

  it('refuses missing files, directories, empty files and oversized descriptors', async () => {
    expect((await errorOf(readDescriptorFile(join(dir, 'missing.bin')))).message).toMatch(/ENOENT/);
    await mkdir(join(dir, 'folder.bin'));
    expect((await errorOf(readDescriptorFile(join(dir, 'folder.bin')))).message).toMatch(/not a regular file/);
    expect((await errorOf(readDescriptorFile(await fileWith('empty.bin', new Uint8Array(0))))).code).toBe('empty');
    expect((await errorOf(readDescriptorFile(await fileWith('blank.hex', ' \n')))).code).toBe('empty');
    expect((await errorOf(readDescriptorFile(await fileWith('big.bin', new Uint8Array(4097))))).code).toBe('too-large');
    expect((await errorOf(readDescriptorFile(await fileWith('big.hex', '00 '.repeat(4097))))).code).toBe('too-large');
    expect((await errorOf(readDescriptorFile(await fileWith('huge.bin', new Uint8Array(40_000))))).code).toBe('too-large');
  });
});
