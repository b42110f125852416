// CustomerFileService: the UI's customer import and export. Plain Node (core).
// A page has no file path to give (browser mode has no native dialog), so an import arrives as chunks that are
// written, strictly in order, to a temp file in <dataDir>/transfers and then imported from there; an export (or
// an import's error report, streamed there row by row while the import runs) is written there and read back in
// chunks, or saved with the SaveFileDialog port. A running export stops on customers:exportCancel.
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
  type ExportOutcome,
  type ImportSummaryView,
} from '../../shared/ipc/customerFiles.js';
import { CommandFailure } from '../../shared/ipc/result.js';
import type { Clock, EventSink, Logger } from '../ports.js';
import { CsvFileError } from './csv/csvFile.js';
import { CsvFileWriter, rfc4180 } from './csv/csvWriter.js';
import { ExportError, exportCustomers, exportInteractions } from './customerExport.js';
import { importCustomersCsv, type ImportRowError, type ImportSummary } from './customerImport.js';
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
  /** Running exports by the page's tag (or a random id when it gave none), to stop them. */
  private readonly exports = new Map<string, AbortController>();
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
    const reportId = randomUUID();
    const report = new ErrorReportFile(
      join(this.dir, `${reportId}.download.csv`),
      (message) => message.split(upload.path).join(upload.fileName),
      this.options.logger,
    );
    let reportHandedOut = false;
    try {
      let summary: ImportSummary;
      try {
        summary = await importCustomersCsv(customers, upload.path, {
          defaultCountry: customers.defaultCountry(),
          dryRun,
          signal: controller.signal,
          actor: customers.agent() ?? 'operator',
          onProgress: (progress) => this.progress(upload.id, progress),
          onRowError: (error) => report.add(error),
        });
      } catch (error) {
        if (!(error instanceof CsvFileError)) throw error;
        return this.refused(upload, error);
      }
      const view = this.summaryView(upload, summary);
      // A cancelled import stopped mid-file: its report would be short, so there is none.
      if (summary.errorCount > 0 && !summary.cancelled && report.finish(summary.errorCount)) {
        const base = upload.fileName.replace(/\.[^.]*$/, '');
        view.report = this.addDownload(reportId, report.path, `${base}-errors.csv`, contentTypes.csv, report.rows);
        reportHandedOut = true;
      }
      return view;
    } finally {
      if (!reportHandedOut) report.discard();
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

  /** Writes an export (progress tagged `progressId`); `{ cancelled: true }` when cancelExport(progressId) stopped it. */
  async export(kind: ExportKind, format: ExportFormat, progressId?: string): Promise<ExportOutcome> {
    const extension = format === 'xlsx' ? 'xlsx' : 'csv';
    const id = randomUUID();
    const path = join(this.dir, `${id}.download.${extension}`);
    const run = kind === 'customers' ? exportCustomers : exportInteractions;
    // Without a tag the page cannot cancel it, but close() still can.
    const tag = progressId ?? id;
    if (this.exports.has(tag)) throw new CommandFailure('conflict', `An export tagged ${tag} is running already`);
    const controller = new AbortController();
    this.exports.set(tag, controller);
    let rows: number;
    try {
      const summary = await run(this.options.customers, path, {
        format: extension,
        excelTurkish: format === 'csvExcel',
        signal: controller.signal,
        onProgress: (progress) => {
          if (progressId !== undefined) this.progress(progressId, progress);
        },
      });
      // A cancel that came after the last row was written still wins: the operator was told it was cancelled.
      if (summary.cancelled || controller.signal.aborted) {
        rmSync(path, { force: true });
        this.options.logger.info('customer export cancelled', { kind, format });
        return { cancelled: true };
      }
      rows = summary.rows;
    } catch (error) {
      rmSync(path, { force: true });
      if (error instanceof ExportError) throw new CommandFailure('too_large', error.message);
      throw error;
    } finally {
      this.exports.delete(tag);
    }
    const suffix = format === 'csvExcel' ? '-excel' : '';
    return this.addDownload(id, path, `${kind}-${this.today()}${suffix}.${extension}`, contentTypes[extension], rows);
  }

  /** Stops the export tagged `progressId`; its customers:export answers `{ cancelled: true }` and leaves no file. */
  cancelExport(progressId: string): { cancelled: boolean } {
    const running = this.exports.get(progressId);
    if (!running || running.signal.aborted) return { cancelled: false };
    running.abort();
    return { cancelled: true };
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

  /** Deletes every temp file (at shutdown); an import in its check pass and every export stop. */
  close(): void {
    for (const running of this.exports.values()) running.abort();
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

  /** The desk's local date: an operator exporting at 01:00 in Istanbul expects today's date, not UTC's yesterday. */
  private today(): string {
    const now = new Date(this.options.clock.now());
    const two = (value: number) => String(value).padStart(2, '0');
    return `${now.getFullYear()}-${two(now.getMonth() + 1)}-${two(now.getDate())}`;
  }

  /** The import's summary for the page: temp paths replaced by the file's name, lists capped (the report has them all). */
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
}

/**
 * An import's bad rows as a CSV the operator can open next to their file (row, line, reason), written as the import
 * finds them: every one of them, however many, through CsvFileWriter's small buffer (memory stays flat). The file is
 * created with the first bad row; a write failure (a full disk) ends the report, not the import.
 */
class ErrorReportFile {
  private writer: CsvFileWriter | undefined;
  private broken = false;
  /** Bad rows written so far (without the header). */
  rows = 0;

  constructor(
    readonly path: string,
    private readonly reason: (message: string) => string,
    private readonly logger: Logger,
  ) {}

  add(error: ImportRowError): void {
    if (this.broken) return;
    try {
      if (!this.writer) {
        this.writer = new CsvFileWriter(this.path, rfc4180);
        this.writer.write(['row', 'line', 'reason']);
      }
      this.writer.write([error.row, error.line, this.reason(error.message)]);
      this.rows++;
    } catch (failure) {
      this.broken = true;
      this.logger.warn('import error report could not be written', { error: String(failure) });
      this.discard();
    }
  }

  /** Closes the file; true when it holds all `errorCount` bad rows (else the caller discards it). */
  finish(errorCount: number): boolean {
    if (this.broken || !this.writer) return false;
    try {
      this.writer.close();
    } catch (failure) {
      this.broken = true;
      this.logger.warn('import error report could not be written', { error: String(failure) });
      return false;
    } finally {
      this.writer = undefined;
    }
    if (this.rows === errorCount) return true;
    this.logger.warn('import error report is short; not offered', { rows: this.rows, errorCount });
    return false;
  }

  /** Closes and deletes the file, whatever state it is in. */
  discard(): void {
    try {
      this.writer?.close();
    } catch {
      // Deleting it anyway: a report that could not be written is not kept.
    }
    this.writer = undefined;
    rmSync(this.path, { force: true });
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
