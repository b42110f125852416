// Locates shared/testdata (it sits beside the repository, here and in CI's clone). Node, tests only.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** Absolute path of shared/testdata/<parts…>; throws (fails the test) when it is missing. */
export function sharedTestdata(...parts: string[]): string {
  const path = resolve(repoRoot, '..', 'shared', 'testdata', ...parts);
  if (!existsSync(path)) throw new Error(`shared test data not found: ${path} (shared/ must sit beside the repository)`);
  return path;
}
