// `npm run bench`: runs every tests/bench/*Bench.ts in turn (with tsx) and prints their figures.
// Benchmarks report; they never fail on time (CI does not gate on wall-clock numbers).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const only = process.argv[2];
const benches = readdirSync(new URL('../tests/bench', import.meta.url))
  .filter((name) => name.endsWith('Bench.ts') && (!only || name.includes(only)))
  .sort();
let failed = 0;
for (const name of benches) {
  console.log(`\n== ${name}`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', `tests/bench/${name}`], { cwd: root, stdio: 'inherit' });
  if (run.status !== 0) failed++;
}
process.exit(failed === 0 ? 0 : 1);
