// A long import next to the rest of the desk: the call log keeps writing while the file is checked and staged
// (nothing is lost, the only stall is the final copy), a failed import never takes the call log with it, an
// edit made meanwhile fails the import instead of being overwritten, and cancel leaves nothing behind.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DatabaseCallLog } from '../../../electron/core/app/callLogStore.js';
import { csvLine } from '../../../electron/core/customers/csv/csvWriter.js';
import {
  ImportBusyError,
  importCustomersCsv,
  type ImportProgress,
  type ImportSummary,
} from '../../../electron/core/customers/customerImport.js';
import { indexFoldVersion } from '../../../db/repositories/searchIndexState.js';
import { FOLD_VERSION } from '../../../electron/shared/text/fold.js';
import { useTempDirs } from '../../support/tempDir.js';
import { openTestStore, type TestStore } from './customerTestSupport.js';

const tempDir = useTempDirs();
let store: TestStore;
let dir: string;

beforeEach(() => {
  dir = tempDir();
  store = openTestStore(dir);
});
afterEach(() => store.close());

/** A CSV of `rows` valid customers with Turkish mobile numbers, as a CRM export would have them. */
function customersCsv(name: string, rows: number, lastLine?: string): string {
  const lines = [csvLine(['external_id', 'name', 'phones', 'city', 'notes'], ',')];
  for (let i = 0; i < rows; i++) {
    const number = `0532 ${String(1_000_000 + i).slice(1, 4)} ${String(i % 100).padStart(2, '0')} ${String((i * 7) % 100).padStart(2, '0')}`;
    lines.push(csvLine([`CRM-${i}`, `Müşteri ${i} Yılmaz`, number, 'İstanbul', `Not ${i}`], ','));
  }
  if (lastLine !== undefined) lines.push(`${lastLine}\r\n`);
  const path = join(dir, name);
  writeFileSync(path, lines.join(''));
  return path;
}

/**
 * Stands in for main during calls: every `everyMs` a finished call goes through the real DatabaseCallLog,
 * on the store's own connection. Records when each write was due and when it was done.
 */
function callLogWriter(everyMs: number) {
  const callLog = new DatabaseCallLog(store.database, store.logger);
  const writes: { due: number; done: number }[] = [];
  let due = performance.now() + everyMs;
  let n = 0;
  const timer = setInterval(() => {
    const at = Date.now();
    callLog.record({
      id: `bench-call-${++n}`,
      sipCallId: `sip-${n}`,
      direction: 'inbound',
      line: 1,
      rawCallerId: 'sip:+905551112233@pbx',
      remoteNumber: '+905551112233',
      displayName: '',
      invitedAt: at - 1000,
      endedAt: at,
      durationMs: 0,
      hungUpBy: 'remote',
      endReason: 'missed',
    });
    const done = performance.now();
    writes.push({ due, done });
    due = done + everyMs;
  }, everyMs);
  return {
    writes,
    /** Lets a timer that is due run once more, then stops. */
    async stop() {
      await new Promise((resolve) => setTimeout(resolve, everyMs * 2));
      clearInterval(timer);
    },
  };
}

async function timedImport(path: string, onProgress?: (p: ImportProgress) => void) {
  const phases: { phase: ImportProgress['phase']; at: number; rowsDone: number }[] = [];
  const started = performance.now();
  const summary = await importCustomersCsv(store.service, path, {
    defaultCountry: 'TR',
    onProgress: (p) => {
      phases.push({ phase: p.phase, at: performance.now(), rowsDone: p.rowsDone });
      onProgress?.(p);
    },
  });
  return { summary, started, ended: performance.now(), phases };
}

const calls = () => store.count('calls');
/** A distinct Istanbul landline per row: +90 212 5xx xx xx. */
const istanbulNumber = (i: number) => `+90 212 5${String(i).padStart(6, '0')}`;

describe('a long import beside the call log', () => {
  it('never holds the call log up for longer than its final copy, and loses no call', async () => {
    const path = customersCsv('big.csv', 6_000);
    const writer = callLogWriter(5);
    const run = await timedImport(path);
    await writer.stop();

    expect(run.summary).toMatchObject({ imported: true, created: 6_000 });
    // Not lost: every call written during the import is in the table, and none failed.
    expect(calls()).toBe(writer.writes.length);
    expect(store.logger.lines.filter((line) => line.level === 'error')).toEqual([]);

    // The copy is the span from the 'writing' report (sent as its transaction begins) to the first 'indexing'
    // one (sent once it committed; the search documents of a first import follow in batches of their own).
    const copyStart = run.phases.find((p) => p.phase === 'writing')!.at;
    const copyEnd = run.phases.find((p) => p.phase === 'indexing')!.at;
    const copyMs = copyEnd - copyStart;
    const during = writer.writes.filter((w) => w.done > run.started && w.due < run.ended);
    const waits = during.map((w) => w.done - w.due);
    // While the file was checked and staged — most of the import — the call log kept writing (at least one
    // call per second: the bounds below are generous on purpose — they tell "never blocked" from "blocked for the
    // whole import", and must hold on a loaded CI machine)…
    const whileChecking = during.filter((w) => w.done < copyStart);
    expect(whileChecking.length).toBeGreaterThan((copyStart - run.started) / 1_000);
    expect(copyMs).toBeLessThan((run.ended - run.started) * 0.4);
    // …and no call waited longer than the copy plus X = 2.5 s. X covers a loaded 2-core CI machine, where the
    // scheduler alone takes a few hundred ms from a process; on a quiet one the waits while checking stay
    // around the 10 ms slice (importBench.ts prints them).
    const longest = Math.max(...waits);
    expect(longest).toBeLessThanOrEqual(copyMs + 2_500);
    const longestWhileChecking = Math.max(...whileChecking.map((w) => w.done - w.due));
    expect(longestWhileChecking).toBeLessThan(2_500);
    console.info(
      `import of 6,000 rows: ${(run.ended - run.started).toFixed(0)} ms, copy ${copyMs.toFixed(0)} ms; ` +
        `${during.length} call-log writes meanwhile (${whileChecking.length} while checking), longest wait ${longest.toFixed(0)} ms (${longestWhileChecking.toFixed(0)} ms while checking)`,
    );
  });

  it('keeps the calls written during an import that fails', async () => {
    const path = customersCsv('bad-last-row.csv', 3_000, 'CRM-X,,0532 000 00 00,,');
    const writer = callLogWriter(5);
    const run = await timedImport(path);
    await writer.stop();
    expect(run.summary).toMatchObject({ imported: false, errorCount: 1 });
    expect(run.summary.errors[0]).toMatchObject({ row: 3_002, message: 'name is empty' });
    expect(store.count('customers')).toBe(0);
    expect(store.count('outbox')).toBe(calls()); // the calls' outbox rows, nothing of the import
    expect(calls()).toBe(writer.writes.length);
    expect(writer.writes.length).toBeGreaterThan(0);
  });

  it('fails, writing nothing, when a customer it updates is edited meanwhile', async () => {
    await importCustomersCsv(store.service, customersCsv('first.csv', 3), { defaultCountry: 'TR' });
    const [first] = await store.service.search('CRM-0');
    // The same customers again with a new city, then enough rows that the check reports progress.
    const lines = [csvLine(['external_id', 'name', 'city'], ',')];
    lines.push(csvLine(['CRM-0', 'Müşteri 0 Yılmaz', 'Ankara'], ','));
    for (let i = 1; i < 10_000; i++) lines.push(csvLine([`NEW-${i}`, `Yeni ${i}`, 'İzmir'], ','));
    const path = join(dir, 'second.csv');
    writeFileSync(path, lines.join(''));
    const before = { customers: store.count('customers'), outbox: store.count('outbox') };
    let edited = false;
    const run = await timedImport(path, (p) => {
      if (p.phase === 'checking' && p.rowsDone > 0 && !edited) {
        edited = true;
        void store.service.update({ id: first!.id, expectedVersion: 1, changes: { notes: 'an operator typed this meanwhile' } });
      }
    });
    expect(edited).toBe(true);
    expect(run.summary).toMatchObject({ imported: false, created: 0, updated: 0 });
    expect(run.summary.errors).toEqual([
      {
        row: 2,
        line: 2,
        message: 'the customer this row updates was edited by someone else during the import; import the file again',
      },
    ]);
    expect({ customers: store.count('customers'), outbox: store.count('outbox') }).toEqual({
      customers: before.customers,
      outbox: before.outbox + 1, // the operator's edit, kept
    });
    expect((await store.service.card(first!.id)).customer).toMatchObject({
      city: 'İstanbul',
      notes: 'an operator typed this meanwhile',
    });
  });

  it('fails cleanly when another customer takes one of its external ids meanwhile', async () => {
    const path = customersCsv('ids.csv', 10_000);
    let created = false;
    const run = await timedImport(path, (p) => {
      if (p.phase === 'checking' && p.rowsDone > 0 && !created) {
        created = true;
        store.database.sqlite
          .prepare(
            `INSERT INTO customers (id, external_id, name, created_at, updated_at) VALUES ('someone-else', 'CRM-1', 'Başkası', 0, 0)`,
          )
          .run();
      }
    });
    expect(created).toBe(true);
    expect(run.summary.imported).toBe(false);
    expect(run.summary.errors).toEqual([
      { row: 3, line: 3, message: 'another customer got external_id "CRM-1" during the import; import the file again' },
    ]);
    expect(store.count('customers')).toBe(1);
    expect(store.count('customer_fts')).toBe(0);
  });

  it('fails instead of creating a duplicate when an operator adds a customer with one of its numbers meanwhile', async () => {
    await importCustomersCsv(store.service, customersCsv('first.csv', 1), { defaultCountry: 'TR' }); // not a bulk load
    const path = join(dir, 'numbers.csv');
    const lines = [csvLine(['name', 'phones'], ',')];
    for (let i = 0; i < 40_000; i++) lines.push(csvLine([`Kayıt ${i}`, istanbulNumber(i)], ','));
    writeFileSync(path, lines.join(''));
    let added = false;
    const run = await timedImport(path, (p) => {
      // The check is past row 5,002 (line 5,002) when someone calls from its number and the operator saves them
      // as a new customer.
      if (p.phase === 'checking' && p.rowsDone > 10_000 && !added) {
        added = true;
        void store.service.create({ name: 'Telefonda Kaydedilen', phones: [{ number: istanbulNumber(5_000) }] });
      }
    });
    expect(added).toBe(true);
    expect(run.summary).toMatchObject({ imported: false, created: 0 });
    expect(run.summary.errors).toEqual([
      {
        row: 5_002,
        line: 5_002,
        message:
          'a customer with its phone number was added during the import, so this row would now update that customer; import the file again',
      },
    ]);
    expect(store.count('customers')).toBe(2);
    // Imported again, the row updates the customer the operator made instead of creating a second one.
    const again = await importCustomersCsv(store.service, path, { defaultCountry: 'TR' });
    expect(again).toMatchObject({ imported: true, created: 39_999, updated: 1 });
    expect(store.count('customers')).toBe(40_001);
  });

  it('still creates a row whose number a customer with another CRM id got meanwhile (a shared line)', async () => {
    await importCustomersCsv(store.service, customersCsv('first.csv', 1), { defaultCountry: 'TR' });
    const path = join(dir, 'shared.csv');
    const lines = [csvLine(['external_id', 'name', 'phones'], ',')];
    for (let i = 0; i < 40_000; i++) lines.push(csvLine([`NEW-${i}`, `Kayıt ${i}`, istanbulNumber(i)], ','));
    writeFileSync(path, lines.join(''));
    let added = false;
    const run = await timedImport(path, (p) => {
      if (p.phase === 'checking' && p.rowsDone > 0 && !added) {
        added = true;
        void store.service
          .create({ name: 'Aynı Hat', phones: [{ number: istanbulNumber(9_000) }] })
          .then(() =>
            store.database.sqlite.prepare(`UPDATE customers SET external_id = 'OTHER-1' WHERE name = 'Aynı Hat'`).run(),
          );
      }
    });
    expect(added).toBe(true);
    expect(run.summary).toMatchObject({ imported: true, created: 40_000 });
  });

  it('cancels while checking: nothing written, and the next import runs', async () => {
    const path = customersCsv('cancel.csv', 10_000);
    const controller = new AbortController();
    const summary = await importCustomersCsv(store.service, path, {
      defaultCountry: 'TR',
      signal: controller.signal,
      onProgress: (p) => {
        if (p.phase === 'checking' && p.rowsDone > 0) controller.abort();
      },
    });
    expect(summary).toMatchObject({
      imported: false,
      cancelled: true,
      created: 0,
      message: 'Import cancelled: nothing was imported.',
    });
    expect(store.count('customers')).toBe(0);
    expect(store.count('outbox')).toBe(0);
    const again = await importCustomersCsv(store.service, path, { defaultCountry: 'TR' });
    expect(again).toMatchObject({ imported: true, created: 10_000 });
  });

  it('fills the search index of a bulk load in batches after the copy; an edit made meanwhile keeps its words', async () => {
    const path = customersCsv('bulk.csv', 20_001);
    const seen: { stateDuringFill: number | undefined; edited: boolean } = { stateDuringFill: -1, edited: false };
    const run = await timedImport(path, (p) => {
      // Sent once the copy has committed, before the first batch of search documents.
      if (p.phase === 'indexing' && p.rowsDone === 0 && !seen.edited) {
        seen.edited = true;
        // The copy removed the index's state row: a crash now would rebuild the index at the next start.
        seen.stateDuringFill = indexFoldVersion(store.database.sqlite, 'customer_fts');
        const last = store.database.sqlite
          .prepare(`SELECT id FROM customers WHERE external_id = 'CRM-20000'`)
          .pluck()
          .get() as string;
        void store.service.update({ id: last, expectedVersion: 1, changes: { name: 'Düzeltilmiş İsim' } });
      }
    });
    expect(run.summary).toMatchObject({ imported: true, created: 20_001 });
    expect(seen).toEqual({ stateDuringFill: undefined, edited: true });
    expect(indexFoldVersion(store.database.sqlite, 'customer_fts')).toBe(FOLD_VERSION);
    expect(store.count('customer_fts')).toBe(20_001);
    expect((await store.service.search('düzeltilmiş'))[0]).toMatchObject({ externalId: 'CRM-20000' });
    expect(await store.service.search('Müşteri 20000')).toEqual([]);
    expect((await store.service.search('Müşteri 19999'))[0]).toMatchObject({ externalId: 'CRM-19999' });
  });

  it('runs one import at a time per store', async () => {
    const path = customersCsv('one.csv', 2_000);
    const first = importCustomersCsv(store.service, path, { defaultCountry: 'TR' });
    await expect(importCustomersCsv(store.service, path, { defaultCountry: 'TR' })).rejects.toBeInstanceOf(ImportBusyError);
    const summary: ImportSummary = await first;
    expect(summary.imported).toBe(true);
  });
});
