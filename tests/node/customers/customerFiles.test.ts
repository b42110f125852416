// The UI's import and export through the contract: a CSV uploaded in chunks into <dataDir>/transfers, imported with
// progress events, the summary and error report (every bad row, not only the listed ones) read back in chunks;
// exports in three formats, and cancelled by their tag; and what must leave nothing behind — chunks out of order,
// more bytes than announced, cancel while uploading, checking or exporting, idle uploads. A real SQLite store, the
// real dispatcher (zod on every command), real files.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CustomerFileService, type SaveFileDialog } from '../../../electron/core/customers/customerFileService.js';
import { customerHandlers } from '../../../electron/core/customers/customerHandlers.js';
import { createDispatcher, type CommandHandlers, type Dispatch } from '../../../electron/core/ipc/dispatcher.js';
import { systemClock, type Clock } from '../../../electron/core/ports.js';
import { maxMessageBytes, type EventPayload } from '../../../electron/shared/ipc/contract.js';
import {
  customerFileLimits,
  type Download,
  type ExportOutcome,
  type ImportSummaryView,
} from '../../../electron/shared/ipc/customerFiles.js';
import type { Result } from '../../../electron/shared/ipc/result.js';
import { useTempDirs } from '../../support/tempDir.js';
import { RecordingEventSink } from '../sip/support/recordingEventSink.js';
import { openTestStore, type TestStore } from './customerTestSupport.js';

const tempDir = useTempDirs();
/** Real timers, but a fixed local noon on 2026-03-14, so exported file names do not depend on the day the tests run. */
const exportDay = new Date(2026, 2, 14, 12, 0, 0).getTime();
const exportDayClock: Clock = { now: () => exportDay, setTimeout: (callback, ms) => systemClock.setTimeout(callback, ms) };
let dir: string;
let store: TestStore;
let ui: RecordingEventSink;
let files: CustomerFileService;
let dispatch: Dispatch;
let savedTo: string | undefined;

function start(options: { idleMs?: number; saveDialog?: SaveFileDialog } = {}) {
  files = new CustomerFileService({
    customers: store.service,
    dataDir: dir,
    events: ui,
    logger: store.logger,
    clock: exportDayClock,
    ...options,
  });
  dispatch = createDispatcher(customerHandlers(store.service, undefined, files) as CommandHandlers, store.logger);
}

beforeEach(() => {
  dir = tempDir();
  ui = new RecordingEventSink();
  store = openTestStore(dir, { alsoEmitTo: ui });
  savedTo = undefined;
  start();
});

afterEach(() => {
  files.close();
  expect(ui.contractViolations).toEqual([]);
  store.close();
});

async function call<T>(name: string, args: unknown): Promise<T> {
  const result = (await dispatch(name, args)) as Result<T>;
  if (!result.ok)
    throw Object.assign(new Error(`${name}: ${result.error.code} ${result.error.message}`), { code: result.error.code });
  return result.value;
}
async function failure(name: string, args: unknown): Promise<string> {
  const result = await dispatch(name, args);
  return result.ok ? 'ok' : result.error.code;
}

/** What the dialog does with a File: begin, then every chunk in order. */
async function upload(bytes: Buffer, fileName = 'crm.csv'): Promise<string> {
  const { uploadId, chunkBytes } = await call<{ uploadId: string; chunkBytes: number }>('customers:importBegin', {
    fileName,
    bytes: bytes.length,
  });
  for (let offset = 0; offset < bytes.length; offset += chunkBytes) {
    const data = bytes.subarray(offset, offset + chunkBytes).toString('base64');
    await call('customers:importChunk', { uploadId, offset, data });
  }
  return uploadId;
}

async function download(file: Download): Promise<Buffer> {
  const parts: Buffer[] = [];
  for (let offset = 0; ;) {
    const chunk = await call<{ data: string; eof: boolean }>('customers:downloadRead', { downloadId: file.downloadId, offset });
    const bytes = Buffer.from(chunk.data, 'base64');
    parts.push(bytes);
    offset += bytes.length;
    if (chunk.eof) break;
  }
  return Buffer.concat(parts);
}

/** A CRM file of `count` customers with Turkish names and numbers (about 75 bytes a row). */
function crmFile(count: number): Buffer {
  const lines = ['external_id,name,company,phone,city'];
  for (let i = 0; i < count; i++) {
    lines.push(`CRM-${i},Müşteri ${i} Yıldırım,Şirket ${i % 50} A.Ş.,+90 532 ${String(1_000_000 + i).slice(-7)},İstanbul`);
  }
  return Buffer.from(`${lines.join('\r\n')}\r\n`);
}

/** `count` rows of which every other one (the even ones, from the first) has a phone number too short to be one. */
function halfBadFile(count: number): Buffer {
  const lines = ['external_id,name,phone'];
  for (let i = 0; i < count; i++) {
    const phone = i % 2 === 0 ? `12${i % 10}` : `+90 532 ${String(1_000_000 + i).slice(-7)}`;
    lines.push(`BAD-${i},Müşteri ${i},${phone}`);
  }
  return Buffer.from(`${lines.join('\r\n')}\r\n`);
}

/** Calls `then` once, from inside the event sink, on the first event `when` picks (the operator reacting to the UI). */
function onFirstEvent(when: (payload: EventPayload<'customers:fileProgress'>) => boolean, then: () => void): void {
  const emit = ui.emit.bind(ui);
  let done = false;
  ui.emit = (name, payload) => {
    emit(name, payload);
    if (done || name !== 'customers:fileProgress' || !when(payload as EventPayload<'customers:fileProgress'>)) return;
    done = true;
    then();
  };
}

const progressOf = (transferId: string) => ui.all('customers:fileProgress', (p) => p.transferId === transferId);
const outboxRows = () => store.count('outbox');

describe('importing from the UI', () => {
  it('sizes chunks so a chunk command and a chunk answer both fit the bridge’s message cap', () => {
    const data = Buffer.alloc(customerFileLimits.chunkBytes, 0xff).toString('base64');
    const invoke = JSON.stringify({
      t: 'invoke',
      id: Number.MAX_SAFE_INTEGER,
      name: 'customers:importChunk',
      args: { uploadId: '01234567-89ab-cdef-0123-456789abcdef', offset: customerFileLimits.importBytes, data },
    });
    const answer = JSON.stringify({
      t: 'result',
      id: Number.MAX_SAFE_INTEGER,
      result: { ok: true, value: { data, eof: false } },
    });
    expect(Buffer.byteLength(invoke)).toBeLessThan(maxMessageBytes);
    expect(Buffer.byteLength(answer)).toBeLessThan(maxMessageBytes);
  });

  it('imports a file sent in several chunks, with checking and writing progress, and removes the upload', async () => {
    const csv = crmFile(20_000);
    expect(csv.length).toBeGreaterThan(2 * customerFileLimits.chunkBytes);
    const uploadId = await upload(csv, 'C:\\Users\\operator\\Desktop\\crm‮vsc.csv');
    expect(files.filesOnDisk()).toEqual([`${uploadId}.upload.csv`]);
    expect(readFileSync(join(files.dir, `${uploadId}.upload.csv`)).equals(csv)).toBe(true);

    const summary = await call<ImportSummaryView>('customers:importRun', { uploadId });
    expect(summary).toMatchObject({
      fileName: 'crmvsc.csv',
      imported: true,
      cancelled: false,
      rows: 20_000,
      created: 20_000,
      errorCount: 0,
      errors: [],
    });
    expect(summary.report).toBeUndefined();
    expect(store.count('customers')).toBe(20_000);
    const phases = progressOf(uploadId).map((p) => p.phase);
    expect(phases).toContain('checking');
    expect(phases).toContain('writing');
    expect(progressOf(uploadId).at(-1)).toMatchObject({ rowsDone: 20_000, rowsTotal: 20_000 });
    expect(files.filesOnDisk()).toEqual([]);
    expect(await failure('customers:importRun', { uploadId })).toBe('not_found');
  });

  it('refuses a chunk out of order without writing it, and will not import an incomplete upload', async () => {
    const csv = crmFile(10_000);
    const { uploadId, chunkBytes } = await call<{ uploadId: string; chunkBytes: number }>('customers:importBegin', {
      fileName: 'crm.csv',
      bytes: csv.length,
    });
    const second = csv.subarray(chunkBytes, 2 * chunkBytes).toString('base64');
    expect(await failure('customers:importChunk', { uploadId, offset: chunkBytes, data: second })).toBe('conflict');
    expect(readFileSync(join(files.dir, `${uploadId}.upload.csv`)).length).toBe(0);
    await call('customers:importChunk', { uploadId, offset: 0, data: csv.subarray(0, chunkBytes).toString('base64') });
    // The first chunk again (a retry after a lost answer) is out of order too.
    const again = await failure('customers:importChunk', {
      uploadId,
      offset: 0,
      data: csv.subarray(0, chunkBytes).toString('base64'),
    });
    expect(again).toBe('conflict');

    expect(await failure('customers:importRun', { uploadId })).toBe('conflict');
    expect(store.count('customers')).toBe(0);
    expect(await call('customers:importCancel', { uploadId })).toEqual({ cancelled: true });
    expect(files.filesOnDisk()).toEqual([]);
    expect(await failure('customers:importChunk', { uploadId, offset: chunkBytes, data: second })).toBe('not_found');
  });

  it('discards an upload that sends more than it announced, and refuses oversize or malformed input unread', async () => {
    const { uploadId } = await call<{ uploadId: string }>('customers:importBegin', { fileName: 'crm.csv', bytes: 10 });
    const data = Buffer.from('external_id,name\n1,Ali\n').toString('base64');
    expect(await failure('customers:importChunk', { uploadId, offset: 0, data })).toBe('too_large');
    expect(files.filesOnDisk()).toEqual([]);
    expect(await failure('customers:importRun', { uploadId })).toBe('not_found');

    expect(await failure('customers:importBegin', { fileName: 'big.csv', bytes: customerFileLimits.importBytes + 1 })).toBe(
      'invalid_args',
    );
    const open = await call<{ uploadId: string }>('customers:importBegin', { fileName: 'crm.csv', bytes: 100 });
    const tooLong = 'A'.repeat(Math.ceil(customerFileLimits.chunkBytes / 3) * 4 + 4);
    expect(await failure('customers:importChunk', { uploadId: open.uploadId, offset: 0, data: tooLong })).toBe('invalid_args');
    expect(await failure('customers:importChunk', { uploadId: open.uploadId, offset: 0, data: 'not base64!' })).toBe(
      'invalid_args',
    );
    expect(await failure('customers:importChunk', { uploadId: '../../agentdesk.db', offset: 0, data: 'QQ==' })).toBe(
      'invalid_args',
    );
    expect(await failure('customers:importChunk', { uploadId: open.uploadId, offset: -1, data: 'QQ==' })).toBe('invalid_args');
    expect(readFileSync(join(files.dir, `${open.uploadId}.upload.csv`)).length).toBe(0);

    // Two uploads at most may hold disk space at once.
    await call('customers:importBegin', { fileName: 'second.csv', bytes: 100 });
    expect(await failure('customers:importBegin', { fileName: 'third.csv', bytes: 100 })).toBe('conflict');
  });

  it('cancels during the check pass: nothing is written, not even an outbox row, and the upload is gone', async () => {
    const uploadId = await upload(crmFile(30_000));
    const outboxBefore = outboxRows();
    const cancels: Promise<Result<unknown>>[] = [];
    // The operator presses Cancel as soon as the progress bar shows the check running.
    const stopOnFirstCheck: typeof ui.emit = (name, payload) => {
      if (
        name === 'customers:fileProgress' &&
        (payload as EventPayload<'customers:fileProgress'>).phase === 'checking' &&
        cancels.length === 0
      )
        cancels.push(dispatch('customers:importCancel', { uploadId }));
    };
    const emit = ui.emit.bind(ui);
    ui.emit = (name, payload) => {
      emit(name, payload);
      stopOnFirstCheck(name, payload);
    };
    const summary = await call<ImportSummaryView>('customers:importRun', { uploadId });
    expect(await cancels[0]).toEqual({ ok: true, value: { cancelled: true } });
    expect(summary).toMatchObject({ imported: false, cancelled: true, created: 0, updated: 0 });
    expect(progressOf(uploadId).map((p) => p.phase)).not.toContain('writing');
    expect(store.count('customers')).toBe(0);
    expect(outboxRows()).toBe(outboxBefore);
    expect(files.filesOnDisk()).toEqual([]);
  });

  it('lists bad rows with their row numbers, imports none of the file, and offers the report as a download', async () => {
    const csv = Buffer.from(
      'external_id,name,phone,email\n' +
        'A-1,Ayşe Demir,0532 123 45 67,ayse@example.com\n' +
        'A-2,Mehmet Öz,12,\n' +
        'A-3,,0533 222 11 00,\n' +
        'A-1,Tekrar,0534 000 00 00,\n',
    );
    const summary = await call<ImportSummaryView>('customers:importRun', { uploadId: await upload(csv, 'müşteriler.csv') });
    expect(summary).toMatchObject({ imported: false, rows: 4, errorCount: 3 });
    expect(summary.errors.map((e) => e.row)).toEqual([3, 4, 5]);
    expect(summary.errors.every((e) => !e.message.includes(files.dir))).toBe(true);
    expect(store.count('customers')).toBe(0);

    const report = summary.report!;
    expect(report).toMatchObject({ fileName: 'müşteriler-errors.csv', rows: 3, contentType: 'text/csv; charset=utf-8' });
    const text = (await download(report)).toString('utf8');
    const lines = text.trim().split(/\r?\n/);
    expect(lines[0]).toBe('row,line,reason');
    expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual(['3', '4', '5']);
    expect(lines[3]).toContain('row 2');
  });

  it('writes every bad row into the report, not only the ones the summary lists', async () => {
    const summary = await call<ImportSummaryView>('customers:importRun', {
      uploadId: await upload(halfBadFile(500), 'kampanya.csv'),
    });
    expect(summary).toMatchObject({ imported: false, rows: 500, errorCount: 250 });
    expect(summary.errors).toHaveLength(customerFileLimits.listedErrors);
    expect(store.count('customers')).toBe(0);

    const report = summary.report!;
    expect(report).toMatchObject({ fileName: 'kampanya-errors.csv', rows: 250 });
    const text = (await download(report)).toString('utf8');
    expect(text).not.toContain('more rows');
    expect(text).not.toContain(files.dir);
    const lines = text.split('\r\n');
    expect(lines.pop()).toBe('');
    expect(lines[0]).toBe('row,line,reason');
    expect(lines).toHaveLength(251);
    // Data row i is file row and line i + 2 (the header is 1); the bad ones are i = 0, 2, 4, …
    const expected = Array.from({ length: 250 }, (_, k) => `${2 * k + 2},${2 * k + 2},`);
    expect(lines.slice(1).map((line) => line.slice(0, line.indexOf(',', line.indexOf(',') + 1) + 1))).toEqual(expected);
    expect(lines.slice(1).every((line) => line.split(',').slice(2).join(',').length > 0)).toBe(true);
    // The listed errors are the report's first 100 rows, word for word.
    expect(summary.errors.map((e) => `${e.row},${e.line}`)).toEqual(expected.slice(0, 100).map((row) => row.slice(0, -1)));
    expect(files.filesOnDisk()).toEqual([`${report.downloadId}.download.csv`]);
  });

  it('leaves no report behind when an import with bad rows is cancelled while checking', async () => {
    const uploadId = await upload(halfBadFile(100_000));
    let filesAtCancel: string[] = [];
    const cancels: Promise<Result<unknown>>[] = [];
    onFirstEvent(
      (p) => p.transferId === uploadId && p.phase === 'checking' && p.rowsDone > 0,
      () => {
        filesAtCancel = files.filesOnDisk();
        cancels.push(dispatch('customers:importCancel', { uploadId }));
      },
    );
    const summary = await call<ImportSummaryView>('customers:importRun', { uploadId });
    expect(await cancels[0]).toEqual({ ok: true, value: { cancelled: true } });
    // The report was being written when the operator cancelled…
    expect(filesAtCancel.filter((name) => name.endsWith('.download.csv'))).toHaveLength(1);
    expect(summary).toMatchObject({ cancelled: true, imported: false });
    expect(summary.errorCount).toBeGreaterThan(0);
    // …and a cancelled check has no report: it would be short.
    expect(summary.report).toBeUndefined();
    expect(files.filesOnDisk()).toEqual([]);
  });

  it('answers a file that is no CSV at all with the reason and the file’s own name, not the temp path', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('external_id,name\r\n1,Ali\r\n', 'utf16le')]);
    const summary = await call<ImportSummaryView>('customers:importRun', { uploadId: await upload(utf16, 'excel.csv') });
    expect(summary).toMatchObject({ imported: false, refused: 'utf16', rows: 0 });
    expect(summary.message).not.toContain(files.dir);
    expect(files.filesOnDisk()).toEqual([]);
  });

  it('drops an upload nobody finished after the idle time, and clears leftovers of an earlier run at start', async () => {
    files.close();
    mkdirSync(join(dir, 'transfers'), { recursive: true });
    writeFileSync(join(dir, 'transfers', 'left-over.upload.csv'), 'x');
    start({ idleMs: 50 });
    expect(files.filesOnDisk()).toEqual([]);
    const { uploadId } = await call<{ uploadId: string }>('customers:importBegin', { fileName: 'crm.csv', bytes: 100 });
    expect(files.filesOnDisk()).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(files.filesOnDisk()).toEqual([]);
    expect(await failure('customers:importChunk', { uploadId, offset: 0, data: 'QQ==' })).toBe('not_found');
  });
});

describe('exporting from the UI', () => {
  beforeEach(async () => {
    const summary = await call<ImportSummaryView>('customers:importRun', { uploadId: await upload(crmFile(500)) });
    expect(summary.imported).toBe(true);
  });

  it('writes CSV, CSV for Turkish Excel and XLSX; the page reads each back in chunks; a CSV imports back unchanged', async () => {
    const csv = await call<Download>('customers:export', { kind: 'customers', format: 'csv', progressId: 'export-1' });
    expect(csv).toMatchObject({ fileName: 'customers-2026-03-14.csv', rows: 500, contentType: 'text/csv; charset=utf-8' });
    const csvBytes = await download(csv);
    expect(csvBytes.length).toBe(csv.bytes);
    expect(csvBytes.toString('utf8').split('\n')[0]).toMatch(/^external_id,name,company,phones/);
    expect(progressOf('export-1').at(-1)).toMatchObject({ phase: 'exporting', rowsDone: 500 });

    const excel = await call<Download>('customers:export', { kind: 'customers', format: 'csvExcel' });
    const excelBytes = await download(excel);
    expect([...excelBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(excelBytes.toString('utf8').split('\n')[0]).toContain('external_id;name;');
    expect(excel.fileName).toBe('customers-2026-03-14-excel.csv');

    const xlsx = await call<Download>('customers:export', { kind: 'interactions', format: 'xlsx' });
    const xlsxBytes = await download(xlsx);
    expect(xlsxBytes.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(xlsx.contentType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');

    // What the operator downloaded goes back in as it is: nothing to change.
    const back = await call<ImportSummaryView>('customers:importRun', { uploadId: await upload(excelBytes, excel.fileName) });
    expect(back).toMatchObject({ imported: true, rows: 500, created: 0, updated: 0, unchanged: 500, errorCount: 0 });
  });

  it('deletes a discarded download, refuses reads past its end, and saves through the dialog port where there is one', async () => {
    const file = await call<Download>('customers:export', { kind: 'customers', format: 'csv' });
    expect(await failure('customers:downloadRead', { downloadId: file.downloadId, offset: file.bytes + 1 })).toBe('invalid_args');
    expect(await failure('customers:downloadSave', { downloadId: file.downloadId })).toBe('unavailable');
    expect(await call('customers:downloadDiscard', { downloadId: file.downloadId })).toEqual({ discarded: true });
    expect(await failure('customers:downloadRead', { downloadId: file.downloadId, offset: 0 })).toBe('not_found');
    expect(files.filesOnDisk()).toEqual([]);

    const chosen = join(tempDir(), 'kayıt.csv');
    let answer: string | undefined = chosen;
    const asked: { name: string; extensions: string[] }[] = [];
    files.close();
    start({
      saveDialog: {
        async choosePath(suggestedName, filter) {
          asked.push(filter);
          savedTo = answer;
          expect(suggestedName).toMatch(/^customers-\d{4}-\d{2}-\d{2}\.csv$/);
          return answer;
        },
      },
    });
    const again = await call<Download>('customers:export', { kind: 'customers', format: 'csv' });
    expect(await call('customers:downloadSave', { downloadId: again.downloadId })).toEqual({ saved: true });
    expect(savedTo).toBe(chosen);
    expect(readFileSync(chosen).length).toBe(again.bytes);
    expect(asked).toEqual([{ name: 'CSV', extensions: ['csv'] }]);
    answer = undefined;
    expect(await call('customers:downloadSave', { downloadId: again.downloadId })).toEqual({ saved: false });
    expect(existsSync(join(files.dir, `${again.downloadId}.download.csv`))).toBe(true);
  });

  it('cancels a running export by its tag: no download is left, and the export answers cancelled', async () => {
    const more = await call<ImportSummaryView>('customers:importRun', { uploadId: await upload(crmFile(10_000)) });
    expect(more).toMatchObject({ imported: true, created: 9_500 });
    const cancels: Promise<Result<unknown>>[] = [];
    // The operator presses Cancel as soon as the progress bar appears.
    onFirstEvent(
      (p) => p.transferId === 'export-9' && p.phase === 'exporting',
      () => cancels.push(dispatch('customers:exportCancel', { progressId: 'export-9' })),
    );
    const outcome = await call<ExportOutcome>('customers:export', { kind: 'customers', format: 'csv', progressId: 'export-9' });
    expect(await cancels[0]).toEqual({ ok: true, value: { cancelled: true } });
    expect(outcome).toEqual({ cancelled: true });
    // It stopped after its first slice of rows, not after writing them all.
    expect(progressOf('export-9').at(-1)!.rowsDone).toBeLessThan(10_000);
    expect(files.filesOnDisk()).toEqual([]);

    // Nothing runs under that tag any more, or under one never used; the next export is whole.
    expect(await call('customers:exportCancel', { progressId: 'export-9' })).toEqual({ cancelled: false });
    expect(await call('customers:exportCancel', { progressId: 'no-such-export' })).toEqual({ cancelled: false });
    expect(await failure('customers:exportCancel', { progressId: '../x' })).toBe('invalid_args');
    const whole = await call<Download>('customers:export', { kind: 'customers', format: 'csv', progressId: 'export-9' });
    expect(whole.rows).toBe(10_000);
    expect(files.filesOnDisk()).toEqual([`${whole.downloadId}.download.csv`]);
  });

  it('refuses a second export under a running export’s tag, and close() stops a running export', async () => {
    const first = dispatch('customers:export', { kind: 'interactions', format: 'csv', progressId: 'same' });
    expect(await failure('customers:export', { kind: 'customers', format: 'csv', progressId: 'same' })).toBe('conflict');
    expect((await first).ok).toBe(true);

    const running = call<ExportOutcome>('customers:export', { kind: 'customers', format: 'csvExcel' });
    files.close();
    expect(await running).toEqual({ cancelled: true });
    expect(files.filesOnDisk()).toEqual([]);
  });
});
