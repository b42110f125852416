// Test support: the built CLI (dist/cli) that host and CLI tests spawn. `npm test` builds it first
// (build/setup.sh); a test run alone rebuilds it only when it is missing or older than the sources, under a lock,
// because a rebuild removes dist/cli (old chunks carry hashes) and would pull it from under a running host.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { cliBundle, repoRoot } from './paths.js';

const sourceFolders = ['electron', 'db'].map((folder) => join(repoRoot, folder));
const lockDir = join(repoRoot, 'dist', '.cli-build-lock');

function newestSourceTime(folder: string): number {
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSourceTime(path));
    else if (/\.(ts|sql|json|ya?ml)$/.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function upToDate(): boolean {
  if (!existsSync(cliBundle)) return false;
  const built = statSync(cliBundle).mtimeMs;
  return sourceFolders.every((folder) => newestSourceTime(folder) <= built);
}

/** Makes sure dist/cli is there and current; waits for another worker's rebuild instead of racing it. */
export function ensureCliBuilt(): void {
  if (upToDate()) return;
  mkdirSync(join(repoRoot, 'dist'), { recursive: true });
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      mkdirSync(lockDir); // atomic: only one worker builds
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`dist/cli is being built by another process for too long (${lockDir})`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    }
  }
  try {
    if (!upToDate()) execFileSync(process.execPath, [join(repoRoot, 'build', 'bundle.mjs'), '--only=cli'], { cwd: repoRoot });
  } finally {
    rmdirSync(lockDir);
  }
}
