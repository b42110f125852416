// Customer import and export from the UI: a CSV uploaded in chunks, checked and imported with progress; exports
// and import reports read back in chunks. Runs anywhere. Spread into customers.ts's commands and events.
// Chunks go through the ordinary contract on purpose: the same code path in Electron and host mode, every
// message under the bridge's size cap (contract.ts maxMessageBytes), no extra HTTP surface on the host.
import { z } from 'zod';

export const customerFileLimits = {
  /** The largest CSV the UI uploads (about 1.5 million typical rows); the CLI reads files of any size. */
  importBytes: 256 * 1024 * 1024,
  /**
   * Raw bytes per chunk, both ways. As base64 (4/3) inside the JSON envelope that stays well under the bridge's
   * 1 MiB message cap (tests/node/customers/customerFiles.test.ts checks it against maxMessageBytes).
   */
  chunkBytes: 512 * 1024,
  fileName: 255,
  /** Bad rows listed in an import's answer; all of them are in its downloadable report. */
  listedErrors: 100,
  errorMessage: 2000,
  ignoredColumns: 50,
} as const;
const L = customerFileLimits;

/** Ids core hands out for an upload or a download (random UUIDs); the renderer cannot name a file. */
const transferId = z.string().regex(/^[0-9a-f-]{36}$/, 'not a transfer id');
/** A chunk of file bytes, base64 encoded. */
const chunkData = z.base64().max(Math.ceil(L.chunkBytes / 3) * 4);
const offset = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const count = z.number().int().nonnegative();
/** The page's own tag for one export: its customers:fileProgress events carry it, customers:exportCancel names it. */
const exportTag = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

export const exportKinds = ['customers', 'interactions'] as const;
/** `csv`: RFC 4180, `,`, no BOM. `csvExcel`: `;` and a BOM, for Excel with Turkish regional settings. */
export const exportFormats = ['csv', 'csvExcel', 'xlsx'] as const;
export type ExportKind = (typeof exportKinds)[number];
export type ExportFormat = (typeof exportFormats)[number];

/** A file core wrote for the operator (an export, an import report), read with customers:downloadRead. */
export const downloadSchema = z
  .object({
    downloadId: transferId,
    /** A name for the browser's download or the save dialog, e.g. "customers-2026-11-28.csv". */
    fileName: z.string().min(1).max(L.fileName),
    contentType: z.string().max(100),
    bytes: count,
    /** Data rows in it (without the header). */
    rows: count,
  })
  .strict();
export type Download = z.infer<typeof downloadSchema>;

/** customers:export's answer when customers:exportCancel (or the desk shutting down) stopped it: no file is left. */
export const exportCancelledSchema = z.object({ cancelled: z.literal(true) }).strict();
export type ExportOutcome = Download | z.infer<typeof exportCancelledSchema>;

export const importRowErrorSchema = z
  .object({
    /** The spreadsheet row (the header is row 1). */
    row: count,
    /** The file line it starts on (a quoted cell may span lines). */
    line: count,
    message: z.string().max(L.errorMessage),
  })
  .strict();
export type ImportRowErrorView = z.infer<typeof importRowErrorSchema>;

/** Why a whole file was refused before any row was read (see csv/csvFile.ts CsvFileProblem). */
export const importFileProblems = ['unreadable', 'utf16', 'invalid-utf8', 'binary', 'header'] as const;

export const importSummarySchema = z
  .object({
    /** The name of the file the operator chose. */
    fileName: z.string().max(L.fileName),
    /** true: every row was imported. false: nothing was (errors, refused, cancelled), or it was a dry run. */
    imported: z.boolean(),
    cancelled: z.boolean(),
    dryRun: z.boolean(),
    /** The whole file was refused (encoding, binary, header): `message` says why. */
    refused: z.enum(importFileProblems).optional(),
    rows: count,
    created: count,
    updated: count,
    unchanged: count,
    errorCount: count,
    /** The first bad rows; `report` has every one of them. */
    errors: z.array(importRowErrorSchema).max(L.listedErrors),
    ignoredColumns: z.array(z.string().max(200)).max(L.ignoredColumns),
    delimiter: z.enum([',', ';']),
    bom: z.boolean(),
    formulaCells: count,
    durationMs: count,
    /** Core's one-sentence summary in English (the UI builds its own, translated, from the numbers). */
    message: z.string().max(L.errorMessage),
    /** Every bad row as a CSV (row, line, reason), when there were any. */
    report: downloadSchema.optional(),
  })
  .strict();
export type ImportSummaryView = z.infer<typeof importSummarySchema>;

export const customerFileCommands = {
  /** Announces an upload; core makes an empty temp file in its data dir and answers with the upload's id. */
  'customers:importBegin': {
    args: z
      .object({ fileName: z.string().min(1).max(L.fileName), bytes: z.number().int().positive().max(L.importBytes) })
      .strict(),
    result: z.object({ uploadId: transferId, chunkBytes: z.number().int().positive() }).strict(),
  },
  /** One chunk, in order: `offset` must equal the bytes received so far (else conflict, nothing written). */
  'customers:importChunk': {
    args: z.object({ uploadId: transferId, offset, data: chunkData }).strict(),
    result: z.object({ received: count }).strict(),
  },
  /**
   * Imports a complete upload (the whole file or nothing); progress comes as customers:fileProgress with
   * the upload's id. The temp file is removed afterwards, whatever happened.
   */
  'customers:importRun': {
    args: z.object({ uploadId: transferId, dryRun: z.boolean().optional() }).strict(),
    result: importSummarySchema,
  },
  /** Stops an upload (its temp file is removed) or an import still checking (nothing is written). */
  'customers:importCancel': {
    args: z.object({ uploadId: transferId }).strict(),
    result: z.object({ cancelled: z.boolean() }).strict(),
  },
  /**
   * Writes an export into core's data dir; read it with customers:downloadRead or save it with customers:downloadSave.
   * Answers `{ cancelled: true }` instead when customers:exportCancel stopped it (nothing is left on disk).
   */
  'customers:export': {
    args: z
      .object({
        kind: z.enum(exportKinds),
        format: z.enum(exportFormats),
        /**
         * Tags this export's customers:fileProgress events and names it for customers:exportCancel (any id the page
         * chose; not a file name). Unique among running exports.
         */
        progressId: exportTag.optional(),
      })
      .strict(),
    result: z.union([downloadSchema, exportCancelledSchema]),
  },
  /** Stops the running export tagged `progressId`; `cancelled: false` when none runs (unknown, or finished already). */
  'customers:exportCancel': {
    args: z.object({ progressId: exportTag }).strict(),
    result: z.object({ cancelled: z.boolean() }).strict(),
  },
  /** Up to chunkBytes of a download from `offset`; `eof` once the last byte was sent. */
  'customers:downloadRead': {
    args: z.object({ downloadId: transferId, offset }).strict(),
    result: z.object({ data: chunkData, eof: z.boolean() }).strict(),
  },
  /**
   * Electron: asks where to save with the system dialog and copies the download there. `saved: false` when the
   * operator cancelled; `unavailable` where there is no such dialog (browser mode reads it with downloadRead).
   */
  'customers:downloadSave': {
    args: z.object({ downloadId: transferId }).strict(),
    result: z.object({ saved: z.boolean() }).strict(),
  },
  /** The page has the file: core deletes its copy (they also expire on their own). */
  'customers:downloadDiscard': {
    args: z.object({ downloadId: transferId }).strict(),
    result: z.object({ discarded: z.boolean() }).strict(),
  },
} as const;

export const customerFileEvents = {
  /** A long import or export at work, a few times a second: what it is doing and how far it got. */
  'customers:fileProgress': z
    .object({
      /** The upload id of an import, or the progressId the page gave an export. */
      transferId: z.string().max(64),
      phase: z.enum(['checking', 'writing', 'indexing', 'exporting']),
      rowsDone: count,
      /** Unknown while an import is still checking (counting) the file. */
      rowsTotal: count.optional(),
      bytesDone: count.optional(),
      bytesTotal: count.optional(),
    })
    .strict(),
} as const;
