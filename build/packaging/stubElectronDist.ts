// Build time and tests: makes a stand-in for Electron's Linux distribution (the unzipped
// electron-vX-linux-x64.zip) so `electron-builder --dir --linux` can run offline, where Electron
// cannot be downloaded. The "binary" is a shell script carrying a fuse wire, so electron-builder's
// fuse flipping runs for real and the packaged fuses can be read back.
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** @electron/fuses finds the wire right after this marker in the Electron binary. */
export const fuseSentinel = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Fuse wire V1 in the order of @electron/fuses' FuseV1Options (RunAsNode first). */
export const fuseWireOrder = [
  'runAsNode',
  'enableCookieEncryption',
  'enableNodeOptionsEnvironmentVariable',
  'enableNodeCliInspectArguments',
  'enableEmbeddedAsarIntegrityValidation',
  'onlyLoadAppFromAsar',
  'loadBrowserProcessSpecificV8Snapshot',
  'grantFileProtocolExtraPrivileges',
] as const;
export type FuseName = (typeof fuseWireOrder)[number];
/** Electron's shipped defaults, so an unflipped fuse reads back as what Electron would do. */
const electronDefaults: Record<FuseName, boolean> = {
  runAsNode: true,
  enableCookieEncryption: false,
  enableNodeOptionsEnvironmentVariable: true,
  enableNodeCliInspectArguments: true,
  enableEmbeddedAsarIntegrityValidation: false,
  onlyLoadAppFromAsar: false,
  loadBrowserProcessSpecificV8Snapshot: false,
  grantFileProtocolExtraPrivileges: true,
};

/** Writes the stub into `dir` (created) and returns `dir`, ready for electron-builder's `electronDist`. */
export async function makeStubElectronDist(dir: string, electronVersion: string): Promise<string> {
  await mkdir(join(dir, 'resources'), { recursive: true });
  await mkdir(join(dir, 'locales'), { recursive: true });
  const wire = fuseWireOrder.map((name) => (electronDefaults[name] ? '1' : '0')).join('');
  const binary = Buffer.concat([
    Buffer.from('#!/bin/sh\necho "stub Electron for offline packaging tests" >&2\nexit 1\n# '),
    Buffer.from(fuseSentinel),
    Buffer.from([1, fuseWireOrder.length]), // wire version 1, then its length
    Buffer.from(wire),
    Buffer.from('\n'),
  ]);
  await writeFile(join(dir, 'electron'), binary);
  await chmod(join(dir, 'electron'), 0o755);
  await writeFile(join(dir, 'version'), `${electronVersion}\n`);
  await writeFile(join(dir, 'LICENSE'), 'Stub standing in for the MIT-licensed Electron distribution.\n');
  await writeFile(join(dir, 'locales', 'en-US.pak'), '');
  return dir;
}

/** Reads the fuse wire back from a (packaged) binary: fuse name → on/off. */
export async function readFuseWire(binaryPath: string): Promise<Record<FuseName, boolean>> {
  const binary = await readFile(binaryPath);
  const at = binary.indexOf(fuseSentinel);
  if (at < 0) throw new Error(`no fuse wire in ${binaryPath}`);
  const start = at + fuseSentinel.length;
  const length = binary[start + 1] ?? 0;
  const states = {} as Record<FuseName, boolean>;
  fuseWireOrder.forEach((name, index) => {
    if (index >= length) throw new Error(`fuse wire too short for ${name}`);
    const state = String.fromCharCode(binary[start + 2 + index] ?? 0);
    if (state !== '0' && state !== '1') throw new Error(`fuse ${name} has state ${JSON.stringify(state)}`);
    states[name] = state === '1';
  });
  return states;
}
