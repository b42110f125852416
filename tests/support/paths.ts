// Test support: where the checkout's folders are, wherever the repo was cloned.
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const migrationsFolder = join(repoRoot, 'db', 'migrations');
export const cliBundle = join(repoRoot, 'dist', 'cli', 'agentdesk.mjs');
export const rendererDist = join(repoRoot, 'dist', 'renderer');
/** Public test data shipped beside the repo (../shared/testdata); CI lays a copy there too. */
export const sharedTestdata = join(repoRoot, '..', 'shared', 'testdata');
