// CustomerFileService: the UI's customer import and export. Plain Node (core).
// A page has no file path to give (browser mode has no native dialog), so an import arrives as chunks that are
// written, strictly in order, to a temp file in <dataDir>/transfers and then imported from there; an export (or
// an import's error report) is written there and read back in chunks, or saved with the SaveFileDialog port.
// Paths never come from the page: it names uploads and downloads only by the random ids handed out here.
import { randomUUID } from 'node:crypto';
import { closeSync, copyFileSync, mkdirSync, openSync, readSync, readdirSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { EventPayload } from '../../shared/ipc/contract.js';
import {
  customerFileLimits,
  type Download,
  type ExportFormat,
  type ExportKind,
  type ImportSummaryView,
} from '../../shared/ipc/customerFiles.js';
import { CommandFailure } from '../../shared/ipc/result.js';
import type { Clock, EventSink, Logger } from '../ports.js';
import { CsvFileError } from './csv/csvFile.js';
import { CsvFileWriter, rfc4180 } from './csv/csvWriter.js';
import { ExportError, exportCustomers, exportInteractions } from './customerExport.js';
import { importCustomersCsv, type ImportSummary } from './customerImport.js';
import type { CustomerService } from './customerService.js';
import type { CustomerFileProgress } from './fileProgress.js';

/** Electron's "Save as" (dialog.showSaveDialog), as a port: core never imports electron. */
export interface SaveFileDialog {
  /** The path the operator chose for `suggestedName`, or undefined when they cancelled. */
  choosePath(suggestedName: string, filter: { name: string; extensions: string[] }): Promise<string | undefined>;
}

export interface CustomerFileServiceOptions {
  customers: CustomerService;
  /** Temp files live in `<dataDir>/transfers` (this desk's data dir: same disk, same permissions). */
  dataDir: string;
  events: EventSink;
  logger: Logger;
  clock: Clock;
  /** Electron only; without it customers:downloadSave answers `unavailable`. */
  saveDialog?: SaveFileDialog | undefined;
  /** An upload or download nobody touched for this long is deleted (a closed tab, a lost connection). */
  idleMs?: number;
}

/** Uploads at once: each may hold up to importBytes on disk. */
export const MAX_OPEN_UPLOADS = 2;
/** Downloads kept at once; the oldest goes first. */
export const MAX_KEPT_DOWNLOADS = 8;
const DEFAULT_IDLE_MS = 15 * 60 * 1000;

interface Upload {
  id: string;
  fileName: string;
  path: string;
  bytes: number;
  received: number;
  /** Open while receiving; closed once the import starts. */
  fd: number | undefined;
  importing?: AbortController;
  expiry?: { cancel(): void };
}

interface StoredDownload extends Download {
  path: string;
  expiry?: { cancel(): void };
}

const contentTypes = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

export class CustomerFileService {
  readonly dir: string;
  private readonly uploads = new Map<string, Upload>();
  private readonly downloads = new Map<string, StoredDownload>();
  private importRunning = false;
  private readonly idleMs: number;

  constructor(private readonly options: CustomerFileServiceOptions) {
    this.dir = join(options.dataDir, 'transfers');
    this.idleMs = options.idleMs ?? DEFAULT_IDLE_MS;
    // Left over from a run that stopped mid-transfer: nobody can name them any more (ids live in memory).
    rmSync(this.dir, { recursive: true, force: true });
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
  }

  // ---- import: begin, chunks in order, run (or cancel) ----

  beginUpload(fileName: string, bytes: number): { uploadId: string; chunkBytes: number } {
    if (this.uploads.size >= MAX_OPEN_UPLOADS) {
      throw new CommandFailure('conflict', `${MAX_OPEN_UPLOADS} uploads are open already; finish or cancel one first`);
    }
    const id = randomUUID();
    const path = join(this.dir, `${id}.upload.csv`);
    const fd = openSync(path, 'wx', 0o600);
    const upload: Upload = { id, fileName: displayName(fileName), path, bytes, received: 0, fd };
    this.uploads.set(id, upload);
    this.touch(upload, () => this.dropUpload(upload, 'idle'));
    return { uploadId: id, chunkBytes: customerFileLimits.chunkBytes };
  }

  /** Writes one chunk at `offset`; anything but the next chunk of an upload still receiving is refused. */
  appendChunk(uploadId: string, offset: number, base64: string): { received: number } {
    const upload = this.upload(uploadId);
    if (upload.fd === undefined) throw new CommandFailure('conflict', 'This upload is complete and being imported');
    if (offset !== upload.received) {
      throw new CommandFailure('conflict', `Chunk out of order: expected offset ${upload.received}, got ${offset}`);
    }
    const data = Buffer.from(base64, 'base64');
    if (data.length === 0) throw new CommandFailure('invalid_args', 'An empty chunk');
    if (data.length > customerFileLimits.chunkBytes || upload.received + data.length > upload.bytes) {
      // A client that sends more than it announced is broken or hostile: the upload ends here.
      this.dropUpload(upload, 'oversize');
      throw new CommandFailure('too_large', `The upload is larger than the ${upload.bytes} bytes announced; it was discarded`);
    }
    writeSync(upload.fd, data, 0, data.length, offset);
    upload.received += data.length;
    this.touch(upload, () => this.dropUpload(upload, 'idle'));
    return { received: upload.received };
  }

  /**
   * Imports a complete upload: the whole file or nothing (see customerImport.ts), progress as customers:fileProgress.
   * One import at a time (SQLite has one writer; a second would only wait for the first's write lock).
   */
  async runImport(uploadId: string, dryRun = false): Promise<ImportSummaryView> {
    const upload = this.upload(uploadId);
    if (upload.fd === undefined) throw new CommandFailure('conflict', 'This upload is being imported already');
    if (upload.received !== upload.bytes) {
      throw new CommandFailure('conflict', `The upload is incomplete: ${upload.received} of ${upload.bytes} bytes arrived`);
    }
    if (this.importRunning) throw new CommandFailure('conflict', 'Another import is running; wait for it to finish');
    this.importRunning = true;
    closeSync(upload.fd);
    upload.fd = undefined;
    upload.expiry?.cancel();
    const controller = new AbortController();
    upload.importing = controller;
    const { customers } = this.options;
    try {
      let summary: ImportSummary;
      try {
        summary = await importCustomersCsv(customers, upload.path, {
          defaultCountry: customers.defaultCountry(),
          dryRun,
          signal: controller.signal,
          actor: customers.agent() ?? 'operator',
          onProgress: (progress) => this.progress(upload.id, progress),
        });
      } catch (error) {
        if (!(error instanceof CsvFileError)) throw error;
        return this.refused(upload, error);
      }
      return this.summaryView(upload, summary);
    } finally {
      this.importRunning = false;
      this.dropUpload(upload);
    }
  }

  /** Cancels an upload (its file is deleted) or an import still checking (nothing is written). */
  cancelImport(uploadId: string): { cancelled: boolean } {
    const upload = this.uploads.get(uploadId);
    if (!upload) return { cancelled: false };
    if (upload.importing) {
      // Heard only while the import checks (it yields between rows); the write pass is one synchronous transaction.
      upload.importing.abort();
      return { cancelled: true };
    }
    this.dropUpload(upload, 'cancelled');
    return { cancelled: true };
  }

  // ---- export and downloads ----

  async export(kind: ExportKind, format: ExportFormat, progressId?: string): Promise<Download> {
    const extension = format === 'xlsx' ? 'xlsx' : 'csv';
    const id = randomUUID();
    const path = join(this.dir, `${id}.download.${extension}`);
    const run = kind === 'customers' ? exportCustomers : exportInteractions;
    let rows: number;
    try {
      const summary = await run(this.options.customers, path, {
        format: extension,
        excelTurkish: format === 'csvExcel',
        onProgress: (progress) => {
          if (progressId !== undefined) this.progress(progressId, progress);
        },
      });
      rows = summary.rows;
    } catch (error) {
      rmSync(path, { force: true });
      if (error instanceof ExportError) throw new CommandFailure('too_large', error.message);
      throw error;
    }
    const suffix = format === 'csvExcel' ? '-excel' : '';
    return this.addDownload(id, path, `${kind}-${this.today()}${suffix}.${extension}`, contentTypes[extension], rows);
  }

  readDownload(downloadId: string, offset: number): { data: string; eof: boolean } {
    const download = this.download(downloadId);
    if (offset > download.bytes)
      throw new CommandFailure('invalid_args', `Offset ${offset} is past the end (${download.bytes} bytes)`);
    const length = Math.min(customerFileLimits.chunkBytes, download.bytes - offset);
    const buffer = Buffer.alloc(length);
    const fd = openSync(download.path, 'r');
    let read = 0;
    try {
      while (read < length) {
        const n = readSync(fd, buffer, read, length - read, offset + read);
        if (n === 0) break;
        read += n;
      }
    } finally {
      closeSync(fd);
    }
    this.touch(download, () => this.dropDownload(download));
    return { data: buffer.subarray(0, read).toString('base64'), eof: offset + read >= download.bytes };
  }

  async saveDownload(downloadId: string): Promise<{ saved: boolean }> {
    const download = this.download(downloadId);
    const dialog = this.options.saveDialog;
    if (!dialog) throw new CommandFailure('unavailable', 'No save dialog here: read the file with customers:downloadRead');
    const extension = download.fileName.slice(download.fileName.lastIndexOf('.') + 1);
    const target = await dialog.choosePath(download.fileName, { name: extension.toUpperCase(), extensions: [extension] });
    if (target === undefined) return { saved: false };
    copyFileSync(download.path, target);
    this.options.logger.info('customer file saved', { file: download.fileName, bytes: download.bytes });
    return { saved: true };
  }

  discardDownload(downloadId: string): { discarded: boolean } {
    const download = this.downloads.get(downloadId);
    if (!download) return { discarded: false };
    this.dropDownload(download);
    return { discarded: true };
  }

  /** Deletes every temp file (at shutdown); an import in its check pass stops. */
  close(): void {
    for (const upload of [...this.uploads.values()]) {
      upload.importing?.abort();
      if (!upload.importing) this.dropUpload(upload);
    }
    for (const download of [...this.downloads.values()]) this.dropDownload(download);
  }

  /** Files in the transfers folder now (tests check nothing is left behind). */
  filesOnDisk(): string[] {
    return readdirSync(this.dir);
  }

  // ---- internals ----

  private upload(id: string): Upload {
    const upload = this.uploads.get(id);
    if (!upload) throw new CommandFailure('not_found', 'No such upload (finished, cancelled or expired)');
    return upload;
  }

  private download(id: string): StoredDownload {
    const download = this.downloads.get(id);
    if (!download) throw new CommandFailure('not_found', 'No such download (discarded or expired)');
    return download;
  }

  private dropUpload(upload: Upload, why?: 'idle' | 'oversize' | 'cancelled'): void {
    upload.expiry?.cancel();
    if (upload.fd !== undefined) closeSync(upload.fd);
    upload.fd = undefined;
    rmSync(upload.path, { force: true });
    this.uploads.delete(upload.id);
    if (why) this.options.logger.info('customer upload dropped', { why, received: upload.received, bytes: upload.bytes });
  }

  private dropDownload(download: StoredDownload): void {
    download.expiry?.cancel();
    rmSync(download.path, { force: true });
    this.downloads.delete(download.downloadId);
  }

  private addDownload(id: string, path: string, fileName: string, contentType: string, rows: number): Download {
    while (this.downloads.size >= MAX_KEPT_DOWNLOADS) this.dropDownload(this.downloads.values().next().value!);
    const stored: StoredDownload = { downloadId: id, path, fileName, contentType, bytes: statSync(path).size, rows };
    this.downloads.set(id, stored);
    this.touch(stored, () => this.dropDownload(stored));
    const { path: _path, expiry: _expiry, ...download } = stored;
    return download;
  }

  private touch(item: { expiry?: { cancel(): void } }, expire: () => void): void {
    item.expiry?.cancel();
    item.expiry = this.options.clock.setTimeout(expire, this.idleMs);
  }

  private progress(transferId: string, progress: CustomerFileProgress & { bytesDone?: number; bytesTotal?: number }): void {
    const event: EventPayload<'customers:fileProgress'> = { transferId, phase: progress.phase, rowsDone: progress.rowsDone };
    if (progress.rowsTotal !== undefined) event.rowsTotal = progress.rowsTotal;
    if (progress.bytesDone !== undefined) event.bytesDone = progress.bytesDone;
    if (progress.bytesTotal !== undefined) event.bytesTotal = progress.bytesTotal;
    this.options.events.emit('customers:fileProgress', event);
  }

  private today(): string {
    return new Date(this.options.clock.now()).toISOString().slice(0, 10);
  }

  /** The import's summary for the page: temp paths replaced by the file's name, lists capped, a report of every bad row. */
  private summaryView(upload: Upload, summary: ImportSummary): ImportSummaryView {
    const limits = customerFileLimits;
    const text = (message: string) => cap(message.split(upload.path).join(upload.fileName), limits.errorMessage);
    const view: ImportSummaryView = {
      fileName: upload.fileName,
      imported: summary.imported,
      cancelled: summary.cancelled,
      dryRun: summary.dryRun,
      rows: summary.rows,
      created: summary.created,
      updated: summary.updated,
      unchanged: summary.unchanged,
      errorCount: summary.errorCount,
      errors: summary.errors.slice(0, limits.listedErrors).map((error) => ({ ...error, message: text(error.message) })),
      ignoredColumns: summary.ignoredColumns.slice(0, limits.ignoredColumns).map((column) => cap(column, 200)),
      delimiter: summary.delimiter,
      bom: summary.bom,
      formulaCells: summary.formulaCells,
      durationMs: summary.durationMs,
      message: text(summary.message),
    };
    if (summary.errorCount > 0) view.report = this.errorReport(upload, summary);
    return view;
  }

  private refused(upload: Upload, error: CsvFileError): ImportSummaryView {
    const message = cap(error.message.split(upload.path).join(upload.fileName), customerFileLimits.errorMessage);
    return {
      fileName: upload.fileName,
      imported: false,
      cancelled: false,
      dryRun: false,
      refused: error.problem,
      rows: 0,
      created: 0,
      updated: 0,
      unchanged: 0,
      errorCount: 0,
      errors: [],
      ignoredColumns: [],
      delimiter: ',',
      bom: false,
      formulaCells: 0,
      durationMs: 0,
      message,
    };
  }

  /** The bad rows as a CSV the operator can open next to their file (row, line, reason). */
  private errorReport(upload: Upload, summary: ImportSummary): Download {
    const id = randomUUID();
    const path = join(this.dir, `${id}.download.csv`);
    const writer = new CsvFileWriter(path, rfc4180);
    try {
      writer.write(['row', 'line', 'reason']);
      for (const error of summary.errors)
        writer.write([error.row, error.line, error.message.split(upload.path).join(upload.fileName)]);
      // The import lists the first MAX_LISTED_ERRORS; say so rather than let a short report look complete.
      const unlisted = summary.errorCount - summary.errors.length;
      if (unlisted > 0) writer.write(['', '', `${unlisted} more rows have errors; fix these and import again to see them`]);
    } finally {
      writer.close();
    }
    const base = upload.fileName.replace(/\.[^.]*$/, '');
    return this.addDownload(id, path, `${base}-errors.csv`, contentTypes.csv, summary.errors.length);
  }
}

/** The chosen file's name, for messages and the report's name only: no folders, no controls, capped. */
function displayName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const cleaned = base.replace(/[\p{Cc}\p{Cf}]+/gu, '').trim();
  return cap(cleaned || 'import.csv', customerFileLimits.fileName);
}

function cap(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
