// Benchmark of the customer store at call-centre scale: 1,000,000 generated customers with 1.3 phone
// numbers each, written through the import's write path (search index and outbox included), then caller
// lookup and search-as-you-type timed in a fresh process that has only opened the file (its RSS is what
// a host with that database open costs). Also a CSV import end to end, both passes.
// Plain Node script, not a test (architecture §6): `node --import tsx tests/bench/customerBench.ts`.
// BENCH_CUSTOMERS=100000 runs it smaller; BENCH_CSV_ROWS (default 100,000) sizes the CSV import;
// BENCH_SEARCH_NAMES (default 2,000) the search phase.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../../db/database.js';
import { csvLine } from '../../electron/core/customers/csv/csvWriter.js';
import { applyImportRows, importCustomersCsv, type ImportRow } from '../../electron/core/customers/customerImport.js';
import { CustomerService } from '../../electron/core/customers/customerService.js';
import { MemoryLogger } from '../../electron/core/log/memoryLogger.js';
import { systemClock } from '../../electron/core/ports.js';
import { migrationsFolder } from '../support/paths.js';
import { percentile } from '../support/stats.js';
import { generate, importRowOf, pick, random } from './benchCustomers.js';

const customers = Number(process.env.BENCH_CUSTOMERS ?? 1_000_000);
const csvRows = Number(process.env.BENCH_CSV_ROWS ?? 100_000);
/** Names typed letter by letter in the search phase (12 searches each); 0 skips the query phase. */
const searchNames = Number(process.env.BENCH_SEARCH_NAMES ?? 2_000);
const self = fileURLToPath(import.meta.url);

// ---------------------------------------------------------------------------------------------------
// Phase 1 (this process): write the customers; phase 2 (a child process): open and query.

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const ms = (value: number) => `${value.toFixed(2)} ms`;
const fileSize = (path: string) => {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
};

async function writePhase(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'agentdesk-bench-'));
  const path = join(dir, 'agentdesk.db');
  try {
    const database = openDatabase({ path, migrationsFolder, onDamaged: 'fail' });
    const service = new CustomerService({
      database,
      clock: systemClock,
      events: { emit: () => {} },
      logger: new MemoryLogger(),
      defaultCountry: () => 'TR',
    });
    console.log(
      `customer store — ${customers.toLocaleString('en')} customers, node ${process.version}, SQLite ${String(database.sqlite.prepare('SELECT sqlite_version()').pluck().get())}`,
    );

    // The import's write path (customerImport.ts applyImportRows) over rows as the check hands them over
    // (cleaned fields, E.164 numbers): plan, stage, then ONE transaction; a first import into an empty
    // store, so the bulk path (lookup indexes rebuilt at the end, inside the timing). Generating the rows
    // is not timed.
    const batchSize = 10_000;
    let phoneCount = 0;
    const sampleNumbers: string[] = [];
    const sampleNames: string[] = [];
    const timed = { ms: 0 };
    function* rows(): Generator<ImportRow> {
      for (let start = 0; start < customers; start += batchSize) {
        const pause = performance.now();
        const batch: ImportRow[] = [];
        for (let i = start; i < Math.min(customers, start + batchSize); i++) {
          const c = generate(i);
          phoneCount += c.phones.length;
          if (random() < 20_000 / customers) sampleNumbers.push(pick(c.phones));
          if (random() < searchNames / customers) sampleNames.push(c.name);
          batch.push(importRowOf(c));
        }
        timed.ms -= performance.now() - pause; // generation is not import time
        yield* batch;
      }
    }
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    // It stages every row (TEMP tables, no lock on the store) and copies them in one transaction of its own.
    const counts = applyImportRows(service, rows(), Date.now(), (done) => {
      if (done % 200_000 === 0 && done > 0) process.stderr.write(`  … ${done.toLocaleString('en')} staged\n`);
    });
    const writeMs = performance.now() - started + timed.ms;
    const cpu = process.cpuUsage(cpuStarted);
    const cpuMs = (cpu.user + cpu.system) / 1000 + timed.ms; // generation time is subtracted as if it were CPU-bound
    if (counts.created !== customers) throw new Error(`created ${counts.created} of ${customers}`);
    const t0 = performance.now();
    database.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const checkpointMs = performance.now() - t0;
    database.close();

    console.log(
      `import (write path: stage, one copy transaction, search index in batches; outbox included): ${customers.toLocaleString('en')} customers, ${phoneCount.toLocaleString('en')} numbers ` +
        `(${(phoneCount / customers).toFixed(2)} per customer) in ${(writeMs / 1000).toFixed(1)} s = ${Math.round(customers / (writeMs / 1000)).toLocaleString('en')} rows/s ` +
        `(target ≥ 50,000); ${Math.round(customers / (cpuMs / 1000)).toLocaleString('en')} rows per CPU-second; checkpoint ${(checkpointMs / 1000).toFixed(1)} s; ` +
        `load average ${loadavg()
          .map((n) => n.toFixed(1))
          .join(' ')} on ${cpus().length} CPUs`,
    );
    console.log(`database size: ${mb(fileSize(path))} (+ WAL ${mb(fileSize(`${path}-wal`))})`);

    const samples = join(dir, 'samples.json');
    writeFileSync(samples, JSON.stringify({ numbers: sampleNumbers, names: sampleNames }));
    if (searchNames > 0) {
      const child = spawnSync(process.execPath, ['--import', 'tsx', self, '--query', path, samples], {
        stdio: ['ignore', 'inherit', 'inherit'],
      });
      if (child.status !== 0) throw new Error(`query phase failed (${child.status})`);
    }

    await csvPhase(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function csvPhase(dir: string): Promise<void> {
  if (csvRows <= 0) return;
  const file = join(dir, 'customers.csv');
  const lines = [
    csvLine(['external_id', 'name', 'company', 'phones', 'email', 'address', 'city', 'account', 'segment', 'language'], ';'),
  ];
  for (let i = 0; i < csvRows; i++) {
    const c = generate(10_000_000 + i);
    // Numbers as people type them: national format for Turkish ones.
    const phones = c.phones
      .map((p) => (p.startsWith('+90') ? `0${p.slice(3, 6)} ${p.slice(6, 9)} ${p.slice(9, 11)} ${p.slice(11)}` : p))
      .join(' | ');
    lines.push(
      csvLine([c.externalId, c.name, c.company, phones, c.email, c.address, c.city, c.accountNumber, c.segment, c.language], ';'),
    );
  }
  writeFileSync(file, `\ufeff${lines.join('')}`);
  const database = openDatabase({ path: join(dir, 'csv.db'), migrationsFolder, onDamaged: 'fail' });
  const service = new CustomerService({
    database,
    clock: systemClock,
    events: { emit: () => {} },
    logger: new MemoryLogger(),
    defaultCountry: () => 'TR',
  });
  const t0 = performance.now();
  const summary = await importCustomersCsv(service, file, { defaultCountry: 'TR' });
  const seconds = (performance.now() - t0) / 1000;
  database.close();
  if (!summary.imported) throw new Error(`CSV import failed: ${summary.message} ${JSON.stringify(summary.errors.slice(0, 3))}`);
  console.log(
    `CSV import end to end (${mb(fileSize(file))}, check pass + write pass with phone normalisation): ${csvRows.toLocaleString('en')} rows in ${seconds.toFixed(1)} s = ` +
      `${Math.round(csvRows / seconds).toLocaleString('en')} rows/s`,
  );
}

async function queryPhase(path: string, samplesFile: string): Promise<void> {
  const { readFileSync } = await import('node:fs');
  const samples = JSON.parse(readFileSync(samplesFile, 'utf8')) as { numbers: string[]; names: string[] };
  const rssModules = process.memoryUsage().rss; // code loaded (tsx adds ~40 MB over the bundled host), no database yet
  const database = openDatabase({ path, migrationsFolder, onDamaged: 'fail' });
  const service = new CustomerService({
    database,
    clock: systemClock,
    events: { emit: () => {} },
    logger: new MemoryLogger(),
    defaultCountry: () => 'TR',
  });
  const rssOpen = process.memoryUsage().rss;

  const time = async (run: () => Promise<unknown> | unknown) => {
    const t0 = performance.now();
    await run();
    return performance.now() - t0;
  };
  const report = (label: string, times: number[], target?: string) =>
    console.log(
      `${label.padEnd(44)} n=${String(times.length).padStart(5)}  p50 ${ms(percentile(times, 50))}  p95 ${ms(percentile(times, 95))}  p99 ${ms(percentile(times, 99))}  max ${ms(Math.max(...times))}${target ? `  (target ${target})` : ''}`,
    );

  // Warm-up: compile, load phone metadata, touch the indexes' top pages (as the first ring would).
  for (const number of samples.numbers.slice(0, 200)) await service.lookupCaller(number);
  for (const name of samples.names.slice(0, 50)) await service.search(name.slice(0, 3));

  const numbers = samples.numbers.slice(200);
  const lookups: number[] = [];
  let found = 0;
  for (const number of numbers) {
    lookups.push(
      await time(async () => {
        if ((await service.lookupCaller(number)).total > 0) found++;
      }),
    );
  }
  report('caller lookup by E.164 (full card)', lookups, 'p99 ≤ 1 ms');
  const raw: number[] = [];
  for (const number of numbers) raw.push(await time(() => service.repository.idsByE164(number, 50)));
  report('caller lookup by E.164 (index only: who has it)', raw);
  if (found !== numbers.length) throw new Error(`only ${found} of ${numbers.length} numbers were found`);
  const unknown: number[] = [];
  for (let i = 0; i < 2000; i++) unknown.push(await time(() => service.lookupCaller(`+90850${String(1_000_000 + i)}`)));
  report('caller lookup, unknown number', unknown);

  // Search-as-you-type: the operator types a name letter by letter (first word, then the second).
  const byLength = new Map<number, number[]>();
  const all: number[] = [];
  for (const name of samples.names) {
    const [first, second] = name.split(' ');
    for (let length = 1; length <= 6; length++) {
      for (const query of [first!.slice(0, length), `${first} ${second!.slice(0, length)}`]) {
        const took = await time(() => service.search(query, 20));
        const key = query.includes(' ') ? 10 + length : length;
        const list = byLength.get(key) ?? [];
        list.push(took);
        byLength.set(key, list);
        if (length <= 4) all.push(took);
      }
    }
  }
  for (const length of [1, 2, 3, 4, 5, 6])
    report(`search "${'x'.repeat(length)}" (first name, ${length} letter${length > 1 ? 's' : ''})`, byLength.get(length)!);
  for (const length of [1, 2, 3, 4, 5, 6])
    report(`search "first ${'x'.repeat(length)}" (+ surname prefix)`, byLength.get(10 + length)!);
  report('search-as-you-type, 1–4 letter prefixes, all', all, 'p95 ≤ 20 ms');

  const full: number[] = [];
  for (const name of samples.names.slice(0, 1000)) full.push(await time(() => service.search(name, 20)));
  report('search full name', full);
  const phones: number[] = [];
  for (const number of samples.numbers.slice(0, 1000)) {
    const national = number.startsWith('+90') ? `0${number.slice(3, 6)} ${number.slice(6, 9)} ${number.slice(9)}` : number;
    phones.push(await time(() => service.search(national.slice(0, 8), 20)));
    phones.push(await time(() => service.search(national, 20)));
    phones.push(await time(() => service.search(number.slice(-4), 20)));
  }
  report('search phone (start / whole / last 4 digits)', phones);
  const hostile: number[] = [];
  for (const query of ['"', 'OR', 'NEAR(a b)', 'col:x', '-', '*', '^a', '""*', "a'b", 'e', 'ш', 'ı']) {
    for (let i = 0; i < 20; i++) hostile.push(await time(() => service.search(query, 20)));
  }
  report('search hostile / single-letter text', hostile);

  const rss = process.memoryUsage().rss;
  console.log(
    `process RSS with the database open: ${mb(rssOpen)} after opening, ${mb(rss)} after the queries (target ≤ 200 MB); ` +
      `${mb(rssModules)} of it is the code, before the database was opened`,
  );
  database.close();
}

if (process.argv[2] === '--query') await queryPhase(process.argv[3]!, process.argv[4]!);
else await writePhase();
