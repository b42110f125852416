// Benchmark of `agentdesk import customers FILE.csv` end to end: a generated CSV of 1,000,000 customers
// (1.3 numbers each, typed as people type them) imported into an empty store — both passes, phone
// normalisation, search index and outbox — then the same file again (every row matched, nothing changed).
// While each import runs, a timer stands in for the call log (it writes a call row every 50 ms on the
// same connection, as main does during a call) and records how long it waited: the lock and event-loop
// figures of the customers README. Plain Node script, not a test (architecture §6):
// `node --import tsx tests/bench/importBench.ts`. BENCH_IMPORT_ROWS=100000 runs it smaller;
// BENCH_REIMPORT=0 skips the second import.
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../../db/database.js';
import { CallLogRepository } from '../../db/repositories/callLog.js';
import { newId } from '../../db/ids.js';
import { csvLine } from '../../electron/core/customers/csv/csvWriter.js';
import { importCustomersCsv, type ImportProgress } from '../../electron/core/customers/customerImport.js';
import { CustomerService } from '../../electron/core/customers/customerService.js';
import { MemoryLogger } from '../../electron/core/log/memoryLogger.js';
import { systemClock } from '../../electron/core/ports.js';
import { migrationsFolder } from '../support/paths.js';
import { percentile } from '../support/stats.js';
import { generate } from './benchCustomers.js';

const rows = Number(process.env.BENCH_IMPORT_ROWS ?? 1_000_000);
const reimport = process.env.BENCH_REIMPORT !== '0';

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const perSecond = (count: number, ms: number) => Math.round(count / (ms / 1000)).toLocaleString('en');
const size = (path: string) => {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
};

function writeCsv(file: string): void {
  const chunk: string[] = [
    csvLine(['external_id', 'name', 'company', 'phones', 'email', 'address', 'city', 'account', 'segment', 'language'], ';'),
  ];
  writeFileSync(file, '\ufeff');
  for (let i = 0; i < rows; i++) {
    const c = generate(i);
    // Numbers as people type them: national format for Turkish ones, international for the others.
    const phones = c.phones
      .map((p) => (p.startsWith('+90') ? `0${p.slice(3, 6)} ${p.slice(6, 9)} ${p.slice(9, 11)} ${p.slice(11)}` : p))
      .join(' | ');
    chunk.push(
      csvLine([c.externalId, c.name, c.company, phones, c.email, c.address, c.city, c.accountNumber, c.segment, c.language], ';'),
    );
    if (chunk.length === 10_000) writeFileSync(file, chunk.splice(0).join(''), { flag: 'a' });
  }
  writeFileSync(file, chunk.join(''), { flag: 'a' });
}

async function timedImport(label: string, service: CustomerService, file: string, database: ReturnType<typeof openDatabase>) {
  // The call log's stand-in: a call row every 50 ms, on the same connection, timed from when it was due.
  const calls = new CallLogRepository(database.sqlite);
  const waits: number[] = [];
  let due = performance.now() + 50;
  let failures = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    try {
      database.sqlite
        .transaction(() =>
          calls.insert(
            {
              id: newId(),
              direction: 'inbound',
              rawCallerId: 'sip:bench@pbx',
              e164: '+905321234567',
              displayName: null,
              line: 1,
              inviteAt: Date.now(),
              answerAt: null,
              endAt: Date.now(),
              durationMs: 0,
              hungUpBy: 'remote',
              sipCode: 487,
              sipReason: 'bench',
              quality: null,
            },
            Date.now(),
          ),
        )
        .immediate();
    } catch {
      failures++;
    }
    waits.push(performance.now() - due);
    due = now + 50;
  }, 50);

  // Wall and CPU time of this thread at each phase change: the machine may be shared, CPU time is not.
  const cpuMs = () => {
    const usage = process.cpuUsage();
    return (usage.user + usage.system) / 1000;
  };
  const phases = new Map<ImportProgress['phase'], { wall: number; cpu: number }>();
  const started = performance.now();
  const cpuStarted = cpuMs();
  const summary = await importCustomersCsv(service, file, {
    defaultCountry: 'TR',
    onProgress: (p) => {
      if (!phases.has(p.phase)) phases.set(p.phase, { wall: performance.now() - started, cpu: cpuMs() - cpuStarted });
    },
  });
  const total = performance.now() - started;
  const totalCpu = cpuMs() - cpuStarted;
  // Let a call-log write that fell due during the last synchronous stretch run, so its wait is counted.
  await new Promise((resolve) => setTimeout(resolve, 60));
  clearInterval(timer);
  if (!summary.imported) throw new Error(`import failed: ${summary.message} ${JSON.stringify(summary.errors.slice(0, 3))}`);
  const entries = [...phases.entries()];
  const split = entries
    .map(([phase, at], i) => {
      const next = entries[i + 1]?.[1] ?? { wall: total, cpu: totalCpu };
      return `${phase} ${seconds(next.wall - at.wall)} (CPU ${seconds(next.cpu - at.cpu)})`;
    })
    .join(', ');
  console.log(
    `${label}: ${summary.rows.toLocaleString('en')} rows (${summary.created.toLocaleString('en')} created, ${summary.updated.toLocaleString('en')} updated, ` +
      `${summary.unchanged.toLocaleString('en')} unchanged) in ${seconds(total)} = ${perSecond(summary.rows, total)} rows/s ` +
      `(target ≥ 50,000); ${perSecond(summary.rows, totalCpu)} rows per CPU-second of this thread; ${split}`,
  );
  console.log(
    `  a call row every 50 ms on the same connection meanwhile: ${waits.length} written, ${failures} failed; waited p50 ${waits.length ? percentile(waits, 50).toFixed(0) : '–'} ms, ` +
      `p99 ${waits.length ? percentile(waits, 99).toFixed(0) : '–'} ms, max ${waits.length ? Math.max(...waits).toFixed(0) : '–'} ms`,
  );
}

const dir = mkdtempSync(join(tmpdir(), 'agentdesk-import-bench-'));
try {
  const file = join(dir, 'customers.csv');
  const t0 = performance.now();
  writeCsv(file);
  console.log(
    `CSV import — ${rows.toLocaleString('en')} generated customers, ${mb(size(file))} (written in ${seconds(performance.now() - t0)}), ` +
      `node ${process.version}, load average ${loadavg()
        .map((n) => n.toFixed(1))
        .join(' ')} on ${cpus().length} CPUs`,
  );
  const path = join(dir, 'agentdesk.db');
  const database = openDatabase({ path, migrationsFolder, onDamaged: 'fail' });
  const service = new CustomerService({
    database,
    clock: systemClock,
    events: { emit: () => {} },
    logger: new MemoryLogger(),
    defaultCountry: () => 'TR',
  });
  await timedImport('first import into an empty store', service, file, database);
  console.log(
    `database size: ${mb(size(path))} (+ WAL ${mb(size(`${path}-wal`))}); peak RSS ${mb(process.resourceUsage().maxRSS * 1024)}`,
  );
  if (reimport) await timedImport('the same file again', service, file, database);
  database.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
