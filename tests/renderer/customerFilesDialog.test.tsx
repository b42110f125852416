// The "Import and export customers" dialog against a fake desk that keeps what it is sent: the chosen file goes
// over in ordered base64 chunks that reassemble byte for byte; core's progress events drive the bar (cancellable
// while sending and checking, not while writing); the outcome is text (counts, bad rows, the report to download,
// a refused file, a cancel); an export is read back in chunks and handed to the browser as a download, or cancelled
// while core writes it (its button, Escape, or closing the dialog).
// vitest + happy-dom.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ImportSummaryView } from '../../electron/shared/ipc/customerFiles.js';
import { fail, ok, type Result } from '../../electron/shared/ipc/result.js';
import { AgentDeskApp } from '../../renderer/src/components/AgentDeskApp.js';
import { allByName, bodyText, button, byName, click, mount, settle, unmountAll } from './support/dom.js';
import { createFakeDesk, type FakeDesk } from './support/fakeDesk.js';
import { act } from 'react';

const at = Date.UTC(2026, 10, 28, 9, 0, 0);
const uploadId = '0190f0a0-0000-7000-8000-000000000001';
const downloadId = '0190f0a0-0000-7000-8000-000000000002';
const chunkBytes = 64 * 1024;

let desk: FakeDesk;
/** Chunks the fake core received, in the order they came. */
let received: { offset: number; bytes: Uint8Array }[];
let finishImport: (summary: Result<ImportSummaryView>) => void;
let downloaded: Blob[];

function summary(overrides: Partial<ImportSummaryView> = {}): ImportSummaryView {
  return {
    fileName: 'müşteriler.csv',
    imported: true,
    cancelled: false,
    dryRun: false,
    rows: 1250,
    created: 1200,
    updated: 40,
    unchanged: 10,
    errorCount: 0,
    errors: [],
    ignoredColumns: [],
    delimiter: ';',
    bom: true,
    formulaCells: 0,
    durationMs: 900,
    message: 'Imported the whole file: 1250 rows, 1200 created, 40 updated, 10 unchanged.',
    ...overrides,
  };
}

beforeEach(async () => {
  localStorage.clear();
  received = [];
  downloaded = [];
  desk = createFakeDesk();
  desk.override('sip:status', () => ok({ state: 'registered', dnd: false, at }));
  desk.override('calls:list', () => ok([]));
  desk.override('customers:importBegin', () => ok({ uploadId, chunkBytes }));
  desk.override('customers:importChunk', (args) => {
    const { offset, data } = args as { offset: number; data: string };
    const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
    received.push({ offset, bytes });
    return ok({ received: offset + bytes.length });
  });
  desk.override('customers:importRun', () => new Promise((resolve) => (finishImport = resolve)));
  desk.override('customers:importCancel', () => ok({ cancelled: true }));
  vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
    downloaded.push(blob as Blob);
    return 'blob:agentdesk/test';
  });
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
  await mount(<AgentDeskApp bridge={desk.bridge} preferredLanguages={['en']} />);
  await settle();
  await click(button('Import / export…'));
});

afterEach(() => {
  unmountAll();
  vi.restoreAllMocks();
});

const dialog = () => byName('dialog', 'Import and export customers');
const progressBar = () => dialog().querySelector('progress');
const sent = (name: string) => desk.calls.filter((c) => c.name === name).map((c) => c.args);

/** Picks a file in the dialog's file field, as the browser's file chooser would. */
async function chooseFile(file: File) {
  const input = byName<HTMLInputElement>('input', 'CSV file');
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  await act(async () => {
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await settle();
}

/** A CSV of about 150 KB with Turkish and Russian letters: three chunks of 64 KiB. */
function crmCsv(): File {
  const rows = ['external_id;name;phone'];
  for (let i = 0; i < 2500; i++) rows.push(`CRM-${i};Işık Yılmaz Ёлкин ${i};+90 532 ${String(1_000_000 + i).slice(-7)}`);
  return new File([`\ufeff${rows.join('\r\n')}\r\n`], 'müşteriler.csv', { type: 'text/csv' });
}

describe('importing customers from the dialog', () => {
  it('sends the file in ordered chunks, shows core’s progress, and the outcome as text', async () => {
    expect(button('Import').disabled).toBe(true);
    const file = crmCsv();
    await chooseFile(file);
    await click(button('Import'));

    expect(sent('customers:importBegin')).toEqual([{ fileName: 'müşteriler.csv', bytes: file.size }]);
    expect(received.map((chunk) => chunk.offset)).toEqual([0, chunkBytes, 2 * chunkBytes]);
    const joined = new Uint8Array(await file.arrayBuffer());
    const reassembled = new Uint8Array(received.reduce((n, chunk) => n + chunk.bytes.length, 0));
    for (const chunk of received) reassembled.set(chunk.bytes, chunk.offset);
    expect(reassembled).toEqual(joined);
    expect(sent('customers:importRun')).toEqual([{ uploadId }]);

    desk.emit('customers:fileProgress', {
      transferId: uploadId,
      phase: 'checking',
      rowsDone: 1234,
      bytesDone: 60_000,
      bytesTotal: 150_000,
    });
    await settle();
    expect(progressBar()?.getAttribute('value')).toBe('60000');
    expect(progressBar()?.getAttribute('max')).toBe('150000');
    expect(byName('progress', 'Checking the rows… 1,234 checked')).toBeTruthy();
    expect(button('Cancel').disabled).toBe(false);
    // Another transfer's progress is not ours.
    desk.emit('customers:fileProgress', { transferId: 'export-x', phase: 'exporting', rowsDone: 5, rowsTotal: 9 });
    await settle();
    expect(byName('progress', 'Checking the rows… 1,234 checked')).toBeTruthy();

    desk.emit('customers:fileProgress', { transferId: uploadId, phase: 'writing', rowsDone: 1000, rowsTotal: 1250 });
    await settle();
    expect(byName('progress', 'Writing… 1,000 of 1,250 rows')).toBeTruthy();
    expect(button('Cancel').disabled).toBe(true);
    expect(bodyText()).toContain('can no longer be cancelled');

    await act(async () => finishImport(ok(summary({ formulaCells: 2, ignoredColumns: ['favourite colour'] }))));
    await settle();
    expect(dialog().querySelector('progress')).toBeNull();
    const text = bodyText();
    expect(text).toContain('Imported the whole file “müşteriler.csv”: 1,250 rows — 1,200 created, 40 updated, 10 unchanged.');
    expect(text).toContain('2 cells start with = or @; they were stored as plain text.');
    expect(text).toContain('Columns ignored: favourite colour');
  });

  it('lists the first bad rows as text and downloads the error report', async () => {
    await chooseFile(crmCsv());
    await click(button('Import'));
    const errors = Array.from({ length: 100 }, (_, i) => ({
      row: i + 2,
      line: i + 2,
      message: `phone "<img src=x>${i}" is not a phone number`,
    }));
    const report = {
      downloadId,
      fileName: 'müşteriler-errors.csv',
      contentType: 'text/csv; charset=utf-8',
      bytes: 31,
      rows: 100,
    };
    desk.override('customers:downloadRead', () => ok({ data: btoa('row,line,reason\r\n2,2,bad phone\r\n'), eof: true }));
    await act(async () =>
      finishImport(ok(summary({ imported: false, created: 0, updated: 0, unchanged: 0, errorCount: 250, errors, report }))),
    );
    await settle();
    const text = bodyText();
    expect(text).toContain('Nothing was imported: 250 of 1,250 rows have errors. Fix them and import the whole file again.');
    expect(text).toContain('The first 100 of 250 rows with errors:');
    const table = dialog().querySelector('table')!;
    expect(table.querySelectorAll('tbody tr')).toHaveLength(100);
    expect(table.querySelector('tbody td')?.textContent).toBe('2');
    expect(table.querySelector('img')).toBeNull();

    await click(button('Download the error report'));
    expect(sent('customers:downloadRead')).toEqual([{ downloadId, offset: 0 }]);
    expect(downloaded).toHaveLength(1);
    expect(await downloaded[0]!.text()).toBe('row,line,reason\r\n2,2,bad phone\r\n');
    // The report stays in core for another download.
    expect(sent('customers:downloadDiscard')).toEqual([]);
  });

  it('cancels while core checks the rows, and while the file is still being sent', async () => {
    await chooseFile(crmCsv());
    await click(button('Import'));
    desk.emit('customers:fileProgress', { transferId: uploadId, phase: 'checking', rowsDone: 10 });
    await settle();
    expect(progressBar()?.hasAttribute('value')).toBe(false);
    await click(button('Cancel'));
    expect(sent('customers:importCancel')).toEqual([{ uploadId }]);
    await act(async () => finishImport(ok(summary({ imported: false, cancelled: true, created: 0, updated: 0, unchanged: 0 }))));
    await settle();
    expect(bodyText()).toContain('Import cancelled: nothing was imported.');

    // Now a slow line: the second chunk waits; Cancel stops the upload and tells core to drop it.
    let releaseChunk: () => void = () => undefined;
    desk.override('customers:importChunk', (args) => {
      const { offset, data } = args as { offset: number; data: string };
      const length = atob(data).length;
      return offset === 0
        ? ok({ received: length })
        : new Promise((resolve) => (releaseChunk = () => resolve(ok({ received: offset + length }))));
    });
    const runsBefore = sent('customers:importRun').length;
    await click(button('Import'));
    expect(byName('progress', /^Sending the file… \d+%$/)).toBeTruthy();
    await click(button('Cancel'));
    await act(async () => releaseChunk());
    await settle();
    expect(sent('customers:importCancel')).toEqual([{ uploadId }, { uploadId }]);
    expect(sent('customers:importRun')).toHaveLength(runsBefore);
    expect(dialog().querySelector('progress')).toBeNull();
    expect(button('Import').disabled).toBe(false);
  });

  it('says why a file was refused, and runs a check-only import when asked', async () => {
    await chooseFile(crmCsv());
    await click(byName('input', 'Only check the file, import nothing'));
    await click(button('Check the file'));
    expect(sent('customers:importRun')).toEqual([{ uploadId, dryRun: true }]);
    await act(async () =>
      finishImport(
        ok(
          summary({
            imported: false,
            refused: 'utf16',
            rows: 0,
            created: 0,
            updated: 0,
            unchanged: 0,
            message: 'müşteriler.csv is UTF-16',
          }),
        ),
      ),
    );
    await settle();
    expect(bodyText()).toContain(
      '“müşteriler.csv” cannot be imported: it is saved as UTF-16. Save it as “CSV UTF-8” and import it again.',
    );
    expect(bodyText()).toContain('Details: müşteriler.csv is UTF-16');
  });

  it('shows a failed upload as an error, in the operator’s language', async () => {
    desk.override('customers:importBegin', () => fail('conflict', '2 uploads are open already'));
    await chooseFile(crmCsv());
    await click(button('Import'));
    expect(byName('section', 'Import customers from a CSV file').querySelector('[role="alert"]')?.textContent).toBe(
      'Someone else changed this at the same time. Reload and try again.',
    );
  });
});

describe('exporting from the dialog', () => {
  it('exports the chosen kind and format, reads it back in chunks and hands it to the browser', async () => {
    const content = new Uint8Array(100_000).map((_, i) => i % 251);
    const chunk = 40_000;
    desk.override('customers:export', () =>
      ok({
        downloadId,
        fileName: 'interactions-2026-11-28.xlsx',
        contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        bytes: content.length,
        rows: 3,
      }),
    );
    desk.override('customers:downloadRead', (args) => {
      const { offset } = args as { offset: number };
      const part = content.subarray(offset, offset + chunk);
      return ok({ data: btoa(String.fromCharCode(...part)), eof: offset + part.length >= content.length });
    });
    desk.override('customers:downloadDiscard', () => ok({ discarded: true }));

    await click(byName('input', 'Calls and notes'));
    await click(byName('input', 'Excel workbook (XLSX)'));
    await click(button('Export'));
    const [args] = sent('customers:export') as { kind: string; format: string; progressId: string }[];
    expect(args).toMatchObject({ kind: 'interactions', format: 'xlsx' });
    expect(args!.progressId).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
    expect(sent('customers:downloadRead')).toEqual([
      { downloadId, offset: 0 },
      { downloadId, offset: 40_000 },
      { downloadId, offset: 80_000 },
    ]);
    expect(downloaded).toHaveLength(1);
    expect(downloaded[0]!.type).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(new Uint8Array(await downloaded[0]!.arrayBuffer())).toEqual(content);
    expect(sent('customers:downloadDiscard')).toEqual([{ downloadId }]);
    expect(bodyText()).toContain('Exported 3 rows to interactions-2026-11-28.xlsx.');
  });

  it('shows the export’s progress while core writes it', async () => {
    let finish: (value: Result<unknown>) => void = () => undefined;
    desk.override('customers:export', () => new Promise((resolve) => (finish = resolve)));
    await click(button('Export'));
    const { progressId } = (sent('customers:export') as { progressId: string }[])[0]!;
    desk.emit('customers:fileProgress', { transferId: progressId, phase: 'exporting', rowsDone: 2000, rowsTotal: 8000 });
    await settle();
    expect(byName('progress', 'Exporting… 2,000 of 8,000 rows').getAttribute('value')).toBe('2000');
    await act(async () => finish(fail('too_large', 'too many rows for one sheet')));
    await settle();
    expect(byName('section', 'Export').querySelector('[role="alert"]')?.textContent).toBe('The data is too large to send.');
  });

  /** An export that core answers only when the test says, and that honours customers:exportCancel as core does. */
  function slowExport(): { progressId: () => string; finish: (value: Result<unknown>) => void } {
    let finish: (value: Result<unknown>) => void = () => undefined;
    desk.override('customers:export', () => new Promise((resolve) => (finish = resolve)));
    desk.override('customers:exportCancel', () => {
      finish(ok({ cancelled: true }));
      return ok({ cancelled: true });
    });
    return {
      progressId: () => (sent('customers:export') as { progressId: string }[])[0]!.progressId,
      finish: (value) => finish(value),
    };
  }

  it('cancels a running export with its button, says so, and gives focus back to Export', async () => {
    const exporting = slowExport();
    expect(allByName('button', 'Cancel the export')).toEqual([]);
    await click(button('Export'));
    desk.emit('customers:fileProgress', { transferId: exporting.progressId(), phase: 'exporting', rowsDone: 2000, rowsTotal: 8000 });
    await settle();
    const cancel = button('Cancel the export');
    expect(cancel.getAttribute('aria-keyshortcuts')).toBe('Escape');
    expect(button('Export').disabled).toBe(true);

    await click(cancel);
    expect(sent('customers:exportCancel')).toEqual([{ progressId: exporting.progressId() }]);
    const section = byName('section', 'Export');
    expect(section.querySelector('progress')).toBeNull();
    expect(section.querySelector('[role="status"]')?.textContent).toBe('Export cancelled: no file was written.');
    expect(allByName('button', 'Cancel the export')).toEqual([]);
    expect(document.activeElement).toBe(button('Export'));
    expect(button('Export').disabled).toBe(false);
    expect(sent('customers:downloadRead')).toEqual([]);
  });

  it('cancels a running export on Escape and keeps the dialog open; Escape does nothing more once it stopped', async () => {
    const exporting = slowExport();
    await click(button('Export'));
    const escape = async () => {
      const event = new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true });
      await act(async () => {
        (document.activeElement ?? document.body).dispatchEvent(event);
      });
      await settle();
      return event;
    };
    // The <dialog>'s own Escape (close) is the keydown's default action: prevented, so the dialog stays.
    expect((await escape()).defaultPrevented).toBe(true);
    expect(sent('customers:exportCancel')).toEqual([{ progressId: exporting.progressId() }]);
    expect(dialog().hasAttribute('open')).toBe(true);
    expect(bodyText()).toContain('Export cancelled: no file was written.');
    expect((await escape()).defaultPrevented).toBe(false);
    expect(sent('customers:exportCancel')).toHaveLength(1);
  });

  it('shows a finished export when the cancel came too late, and stops a running export when the dialog closes', async () => {
    let finish: (value: Result<unknown>) => void = () => undefined;
    desk.override('customers:export', () => new Promise((resolve) => (finish = resolve)));
    desk.override('customers:exportCancel', () => ok({ cancelled: false }));
    desk.override('customers:downloadRead', () => ok({ data: btoa('external_id,name\r\n'), eof: true }));
    desk.override('customers:downloadDiscard', () => ok({ discarded: true }));
    await click(button('Export'));
    await click(button('Cancel the export'));
    expect(button('Cancel the export').disabled).toBe(true);
    const file = { downloadId, fileName: 'customers-2026-11-28.csv', contentType: 'text/csv; charset=utf-8', bytes: 18, rows: 0 };
    await act(async () => finish(ok(file)));
    await settle();
    expect(bodyText()).toContain('Exported 0 rows to customers-2026-11-28.csv.');
    expect(downloaded).toHaveLength(1);

    await click(button('Export'));
    const { progressId } = (sent('customers:export') as { progressId: string }[])[1]!;
    await click(button('Close'));
    expect(allByName('dialog', 'Import and export customers')).toEqual([]);
    expect(sent('customers:exportCancel').at(-1)).toEqual({ progressId });
  });
});
