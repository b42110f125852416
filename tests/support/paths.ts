// Test support: where the checkout's folders are, wherever the repo was cloned.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// No `new URL(…)` here: under happy-dom the global URL is the DOM's, which node:url does not accept.
export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const migrationsFolder = join(repoRoot, 'db', 'migrations');
export const cliBundle = join(repoRoot, 'dist', 'cli', 'agentdesk.mjs');
export const rendererDist = join(repoRoot, 'dist', 'renderer');
/** Public test data shipped beside the repo (../shared/testdata); CI lays a copy there too. */
export const sharedTestdata = join(repoRoot, '..', 'shared', 'testdata');
