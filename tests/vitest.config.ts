// vitest projects: node (core, db, shared, security, host, CLI), renderer (React units in happy-dom),
// browser (Playwright + Debian Chromium against the real host). Run from the repo root.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('..', import.meta.url));

export default defineConfig({
  root,
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'node', include: ['tests/node/**/*.test.ts'], environment: 'node', testTimeout: 20_000 },
      },
      {
        extends: true,
        test: {
          name: 'renderer',
          include: ['tests/renderer/**/*.test.{ts,tsx}'],
          environment: 'happy-dom',
          testTimeout: 20_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          environment: 'node',
          testTimeout: 90_000,
          hookTimeout: 90_000,
          // Chromium, the host and Kamailio share 2 cores: one file at a time (and npm test runs this project
          // after the others, not beside them).
          fileParallelism: false,
        },
      },
    ],
  },
});
