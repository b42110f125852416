// Test helper (vitest, Node): where the real headset descriptors live and how to load them.
// They stay in ../shared/testdata beside the repo (CI clones the repo next to a copy of shared/).
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
export const hidDescriptorDir = resolve(repoRoot, '../shared/testdata/hid-descriptors');

/** Device names without extension, e.g. "0b0e-0307", for every .bin in the test data. */
export function listDescriptorNames(): string[] {
  return readdirSync(hidDescriptorDir)
    .filter((file) => file.endsWith('.bin'))
    .map((file) => file.slice(0, -'.bin'.length))
    .sort();
}

export function loadDescriptor(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(hidDescriptorDir, `${name}.bin`)));
}

/** Bytes from a hex string such as "05 0b 09 05", for hand-written descriptors and reports. */
export function hexBytes(text: string): Uint8Array {
  const tokens = text.trim().split(/\s+/).filter(Boolean);
  return Uint8Array.from(tokens.map((token) => Number.parseInt(token, 16)));
}
