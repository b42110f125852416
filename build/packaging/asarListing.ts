// Build time and tests: reads the file list and files of an app.asar without Electron, to check what
// an installer will ship. Format: a Chromium Pickle holding a JSON header, then the file bytes.
import { readFile } from 'node:fs/promises';

interface AsarEntry {
  files?: Record<string, AsarEntry>;
  offset?: string;
  size?: number;
  unpacked?: boolean;
  link?: string;
}

export interface AsarFile {
  /** Path inside the archive, with a leading slash: `/dist/main/main.cjs`. */
  path: string;
  size: number;
  /** Stored in app.asar.unpacked next to the archive rather than inside it. */
  unpacked: boolean;
  link: boolean;
}

export interface AsarArchive {
  files: AsarFile[];
  /** The bytes of a file stored inside the archive. */
  read(path: string): Buffer;
}

export async function openAsar(asarPath: string): Promise<AsarArchive> {
  const archive = await readFile(asarPath);
  // Pickle 1 (8 bytes) holds the size of pickle 2; pickle 2 = payload size, string length, JSON.
  const headerPickleSize = archive.readUInt32LE(4);
  const jsonLength = archive.readUInt32LE(12);
  const header = JSON.parse(archive.subarray(16, 16 + jsonLength).toString('utf8')) as AsarEntry;
  const dataStart = 8 + headerPickleSize;

  const files: AsarFile[] = [];
  const entries = new Map<string, AsarEntry>();
  const walk = (entry: AsarEntry, path: string) => {
    if (entry.files) {
      for (const [name, child] of Object.entries(entry.files)) walk(child, `${path}/${name}`);
      return;
    }
    entries.set(path, entry);
    files.push({ path, size: entry.size ?? 0, unpacked: entry.unpacked === true, link: entry.link !== undefined });
  };
  walk(header, '');

  return {
    files,
    read(path) {
      const entry = entries.get(path);
      if (!entry || entry.unpacked || entry.offset === undefined) throw new Error(`${path} is not stored inside ${asarPath}`);
      const start = dataStart + Number(entry.offset);
      return archive.subarray(start, start + (entry.size ?? 0));
    },
  };
}
