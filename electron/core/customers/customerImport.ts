// `agentdesk import customers FILE.csv` and the UI's import: the whole file or nothing. Plain Node (core).
//
// How to call (CLI, UI handler, tests):
//   const controller = new AbortController();            // optional: a Cancel button calls controller.abort()
//   const summary = await importCustomersCsv(service, path, {
//     defaultCountry: 'TR',                               // numbers written without +CC
//     onProgress: (p) => send(p),                         // {phase:'checking'|'writing'|'indexing', rowsDone, rowsTotal?,
//                                                         //  bytesDone?, bytesTotal?}; ≤ ~10 calls/s + a final one
//     signal: controller.signal,                          // abort while checking → nothing written, summary.cancelled
//     actor: 'ui',                                        // audit log
//   });
//   summary.imported / summary.cancelled / summary.errors[] / summary.message (one sentence for the user)
// Bad rows never throw: they come back in summary.errors. It throws CsvFileError for a file that cannot be
// read as CSV at all (encoding, binary, no header) — show error.message. One import at a time per store.
//
// How it runs (README "Import"): ONE pass reads and checks every row (importChecker.ts), decides what each does
// (create, update by external_id then by phone, unchanged) and stages the result in TEMP tables of a connection
// of its own — no lock on the store, the event loop yielded every few ms, cancellable. Any bad row: the stage is dropped
// and nothing is written; every bad row is listed. Otherwise ONE short transaction copies the stage into the
// store with SQL alone (db/repositories/customerImportStage.ts): either every row lands or none does.
import { statSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type Database from 'better-sqlite3';
import { appendAudit } from '../../../db/repositories/audit.js';
import {
  CustomerImportStage,
  type StageConflict,
  type StagedCreate,
  type StagedUpdate,
} from '../../../db/repositories/customerImportStage.js';
import { CustomerRepository, type CustomerFields } from '../../../db/repositories/customers.js';
import { recordIndexBuilt } from '../../../db/repositories/searchIndexState.js';
import { openWorkConnection } from '../../../db/repositories/sideConnections.js';
import { newId } from '../../../db/ids.js';
import { FOLD_VERSION } from '../../shared/text/fold.js';
import type { CountryCode } from '../phone/index.js';
import { preview } from './customerFields.js';
import { customerChange, type CustomerService } from './customerService.js';
import { throttleProgress, type CustomerFileProgress } from './fileProgress.js';
import {
  checkCustomerCsv,
  prepareCreate,
  type CheckTotals,
  type ImportRow,
  type ImportRowError,
  type PreparedCreate,
} from './importChecker.js';

export { importColumns } from './importColumns.js';
export { MAX_CELL_LENGTH, type ImportColumn, type ImportRow, type ImportRowError } from './importChecker.js';

/** Errors listed in the summary; the count covers all of them. */
export const MAX_LISTED_ERRORS = 100;

/** Progress of an import: rows (rowsTotal known once pass 1 has counted them) and, while checking, bytes read. */
export interface ImportProgress extends CustomerFileProgress {
  phase: 'checking' | 'writing' | 'indexing';
  bytesDone?: number;
  bytesTotal?: number;
}

export interface ImportSummary {
  file: string;
  /** true: every row was imported; false: nothing was (see errors, cancelled), or it was a dry run. */
  imported: boolean;
  /** The signal aborted it before anything was written. */
  cancelled: boolean;
  dryRun: boolean;
  /** Data rows, without the header and blank lines. */
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  errorCount: number;
  errors: ImportRowError[];
  ignoredColumns: string[];
  delimiter: ',' | ';';
  bom: boolean;
  /** Cells starting with = or @: stored as plain text; exports escape them again. */
  formulaCells: number;
  blankLines: number;
  /**
   * Set when the customers were imported but adding their search documents failed: search misses them until
   * the next start rebuilds the index (the caller lookup by number has them).
   */
  searchIndexIncomplete?: boolean;
  searchIndexError?: string;
  durationMs: number;
  message: string;
}

export interface ImportOptions {
  defaultCountry?: CountryCode | undefined;
  /** Check every row and count what would change; write nothing. */
  dryRun?: boolean;
  /** Throttled: at most ~10 calls a second, every phase change, and one final call. */
  onProgress?: (progress: ImportProgress) => void;
  /** Cancels the import while it checks the file (nothing is written): resolves with `cancelled: true`. */
  signal?: AbortSignal;
  /** Who ran it, for the audit log. */
  actor?: string;
  /**
   * Every bad row as it is found (the check's in file order, then conflicts met while writing), where the
   * summary lists only the first MAX_LISTED_ERRORS: the UI streams them into its downloadable report.
   * Called synchronously; keep it cheap.
   */
  onRowError?: (error: ImportRowError) => void;
}

/** Rows staged per TEMP-table transaction. */
const STAGE_BATCH_ROWS = 250;
/** Search documents per transaction after a bulk load (~50 ms each here). */
const SEARCH_BATCH_ROWS = 10_000;
/** The pass gives the event loop a turn at least this often (call log, caller lookup, SIP). */
const YIELD_EVERY_MS = 10;

/** Thrown when an import into the same store is still running. */
export class ImportBusyError extends Error {
  constructor() {
    super('Another import into this store is running; wait for it to finish.');
    this.name = 'ImportBusyError';
  }
}

/** Stores with an import running: a second one would plan against rows the first has not written yet. */
const importing = new WeakSet<object>();

export async function importCustomersCsv(
  service: CustomerService,
  path: string,
  options: ImportOptions = {},
): Promise<ImportSummary> {
  const started = performance.now();
  const totalBytes = statSafe(path);
  const summary: ImportSummary = {
    file: path,
    imported: false,
    cancelled: false,
    dryRun: options.dryRun === true,
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
    blankLines: 0,
    durationMs: 0,
    message: '',
  };
  const addError = (error: ImportRowError) => {
    options.onRowError?.(error);
    summary.errorCount++;
    if (summary.errors.length < MAX_LISTED_ERRORS) summary.errors.push(error);
  };
  const progress = throttleProgress(options.onProgress);
  const finish = () => {
    progress.flush();
    summary.durationMs = Math.round(performance.now() - started);
    summary.message = describe(summary);
    return summary;
  };
  if (options.signal?.aborted) {
    summary.cancelled = true;
    return finish();
  }

  const store = service.database.sqlite;
  if (importing.has(store)) throw new ImportBusyError();
  importing.add(store);
  let job: ImportJob | undefined;
  try {
    job = openImportJob(store, summary.dryRun);
    const now = service.now();
    const planner = new ImportPlanner(job.repository, job.stage, now);
    await yieldToEventLoop(); // opening the connection and preparing statements was one slice already

    // The one pass: every row checked, planned and staged. Nothing touches the store's tables.
    const batches = checkCustomerCsv(path, { defaultCountry: options.defaultCountry, now, yieldEveryMs: YIELD_EVERY_MS });
    let totals: CheckTotals | undefined;
    let lastYield = performance.now();
    for (;;) {
      const next = await batches.next();
      if (next.done) {
        totals = next.value;
        break;
      }
      if (options.signal?.aborted) break;
      const batch = next.value;
      for (const entry of batch.entries) {
        const problem = 'error' in entry ? entry.error : planner.plan(entry.row, entry.at, entry.create);
        if (problem === undefined) continue;
        addError({ ...entry.at, message: problem });
        planner.stopStaging();
      }
      progress({ phase: 'checking', rowsDone: batch.rows, bytesDone: batch.bytesDone, bytesTotal: totalBytes });
      if (performance.now() - lastYield > YIELD_EVERY_MS) {
        await yieldToEventLoop();
        lastYield = performance.now();
      }
    }
    if (!totals) {
      await batches.return(undefined); // closes the file
      summary.cancelled = true;
      return finish();
    }
    Object.assign(summary, {
      rows: totals.rows,
      ignoredColumns: totals.ignoredColumns,
      delimiter: totals.delimiter,
      bom: totals.bom,
      formulaCells: totals.formulaCells,
      blankLines: totals.blankLines,
    });
    const rows = totals.rows;
    if (summary.errorCount > 0) return finish();
    planner.flush();
    Object.assign(summary, planner.counts);
    if (summary.dryRun) return finish();

    // The one short transaction: copy the stage into the store.
    // The copy is one synchronous transaction: it reports as each part starts, and once when done.
    const conflicts = job.apply(now, planner, (phase) => progress({ phase, rowsDone: 0, rowsTotal: rows }));
    if (conflicts.length > 0) {
      for (const conflict of conflicts) addError({ row: conflict.row, line: conflict.line, message: conflictMessage(conflict) });
      Object.assign(summary, { created: 0, updated: 0, unchanged: 0 });
      return finish();
    }
    summary.imported = true;
    // A bulk load leaves the new customers' search documents out of the copy: they go in now, in short
    // transactions with the event loop's turns between them (search finds them batch by batch; the caller
    // lookup by number had them at once).
    if (job.searchPending()) {
      const created = planner.counts.created;
      try {
        await job.fillSearch(now, (rowsDone) => progress({ phase: 'indexing', rowsDone, rowsTotal: created }));
      } catch (error) {
        // The customers are in; the index state row stays removed, so the next start rebuilds the index.
        summary.searchIndexIncomplete = true;
        summary.searchIndexError = (error as Error).message;
      }
    }
    progress({ phase: 'indexing', rowsDone: rows, rowsTotal: rows });
  } finally {
    job?.close();
    importing.delete(store);
  }
  finish();

  appendAudit(
    service.database.db,
    {
      actor: options.actor ?? 'import',
      action: 'customers.import',
      entity: 'customer',
      details: {
        file: path,
        rows: summary.rows,
        created: summary.created,
        updated: summary.updated,
        unchanged: summary.unchanged,
      },
    },
    service.now(),
  );
  if (summary.created + summary.updated > 0) service.changed('imported', []);
  return summary;
}

function conflictMessage(conflict: StageConflict): string {
  switch (conflict.reason) {
    case 'edited':
      return 'the customer this row updates was edited by someone else during the import; import the file again';
    case 'deleted':
      return 'the customer this row updates was deleted during the import; import the file again';
    case 'phone-taken':
      return 'a customer with its phone number was added during the import, so this row would now update that customer; import the file again';
    case 'external-id-taken':
      return `another customer got external_id "${preview(conflict.externalId ?? '')}" during the import; import the file again`;
  }
}

/** The import's own connection and stage (none for a dry run: it only plans and counts). */
interface ImportJob {
  repository: CustomerRepository;
  stage: CustomerImportStage | undefined;
  /** Copies the stage into the store in one transaction; returns conflicts instead when it cannot. */
  apply(now: number, planner: ImportPlanner, onPhase: (phase: 'writing') => void): StageConflict[];
  /** After a bulk apply: the created customers' search documents are still to be added (fillSearch). */
  searchPending(): boolean;
  fillSearch(now: number, onProgress: (rowsDone: number) => void): Promise<void>;
  close(): void;
}

function openImportJob(store: Database.Database, dryRun: boolean): ImportJob {
  // A file database gets a second connection: its TEMP tables, bigger cache and (on a crash) leftovers
  // are its own and vanish when it closes. An in-memory one (tests) can only use its own connection.
  const sqlite = store.memory ? store : openWorkConnection(store.name);
  const repository = new CustomerRepository(sqlite);
  const stage = dryRun ? undefined : new CustomerImportStage(sqlite);
  let pendingSearch = 0;
  return {
    repository,
    stage,
    apply(now, planner, onPhase) {
      if (!stage) return [];
      try {
        const bulk = planner.bulk();
        const conflicts = stage.apply(now, { bulk, onPhase });
        if (conflicts.length === 0 && bulk) pendingSearch = planner.counts.created;
        return conflicts;
      } catch (error) {
        if ((error as { code?: string }).code !== 'SQLITE_CONSTRAINT_UNIQUE') throw error;
        const conflicts = stage.externalIdConflicts();
        if (conflicts.length === 0) throw error;
        return conflicts;
      } finally {
        // The load's WAL frames go into the database file now, at the import's expense, rather than on the
        // next small commit (a call-log row) that happens to cross the auto-checkpoint threshold.
        sqlite.pragma('wal_checkpoint(PASSIVE)');
      }
    },
    searchPending: () => pendingSearch > 0,
    async fillSearch(now, onProgress) {
      if (!stage) return;
      onProgress(0);
      for (let done = 0; done < pendingSearch; done += SEARCH_BATCH_ROWS) {
        await yieldToEventLoop();
        stage.fillSearch(done, done + SEARCH_BATCH_ROWS);
        onProgress(Math.min(pendingSearch, done + SEARCH_BATCH_ROWS));
      }
      recordIndexBuilt(sqlite, 'customer_fts', FOLD_VERSION, now);
      pendingSearch = 0;
    },
    close() {
      stage?.drop();
      if (sqlite !== store) sqlite.close();
    },
  };
}

/**
 * Decides, row by row, what each row does to the store as it was when the import started, and stages it.
 * A row updates the customer with its external_id, or else the one customer with one of its numbers (not one
 * that has another external id); otherwise it creates a customer. Two rows of one file never change the same
 * customer: the second is an error (they would overwrite each other).
 */
class ImportPlanner {
  readonly counts: ImportCounts = { created: 0, updated: 0, unchanged: 0 };
  private creates: StagedCreate[] = [];
  private updates: StagedUpdate[] = [];
  private staging: boolean;
  private readonly emptyStore: boolean;
  private readonly customersBefore: number;
  /** Customers some row already matched: id → that row, and the external id the customer will have. */
  private readonly claimed = new Map<string, { row: number; externalId: string | null }>();

  constructor(
    private readonly repository: CustomerRepository,
    private readonly stage: CustomerImportStage | undefined,
    private readonly now: number,
  ) {
    this.staging = stage !== undefined;
    this.customersBefore = repository.count();
    this.emptyStore = this.customersBefore === 0;
  }

  /** Load in bulk (lookup indexes rebuilt after) when the import creates more customers than the store holds. */
  bulk(): boolean {
    return this.emptyStore || this.counts.created > this.customersBefore;
  }

  /** After the first bad row nothing will be applied: keep checking and planning, stop writing the stage. */
  stopStaging(): void {
    this.staging = false;
    this.creates = [];
    this.updates = [];
  }

  /** Plans one checked row; returns why it cannot be applied, if it cannot. */
  plan(row: ImportRow, at: { row: number; line: number }, prepared?: PreparedCreate): string | undefined {
    const target = this.emptyStore ? undefined : this.match(row);
    if (typeof target === 'string') return target;
    if (target === undefined) this.planCreate(row, at, prepared ?? prepareCreate(row, this.now));
    else this.planUpdate(row, at, target);
    if (this.creates.length + this.updates.length >= STAGE_BATCH_ROWS) this.flush();
    return undefined;
  }

  flush(): void {
    if (this.staging) this.stage?.add(this.creates, this.updates);
    this.creates = [];
    this.updates = [];
  }

  /** The customer this row updates (its id), none (undefined), or why it is ambiguous. */
  private match(row: ImportRow): { id: string } | string | undefined {
    const repository = this.repository;
    let id = row.externalId === null ? undefined : repository.idByExternalId(row.externalId);
    if (id === undefined && row.phones.length > 0) {
      const owners = new Set<string>();
      for (const phone of row.phones) for (const owner of repository.idsByE164(phone.e164, 10)) owners.add(owner);
      // A customer who already has (or will have, from an earlier row) a different CRM id is someone else
      // who shares the number.
      const candidates =
        owners.size === 0
          ? []
          : repository.getMany([...owners]).filter((candidate) => {
              const externalId = this.claimed.get(candidate.id)?.externalId ?? candidate.externalId;
              return row.externalId === null || externalId === null;
            });
      if (candidates.length > 1) {
        return `its phone number belongs to ${candidates.length} customers already; add an external_id column to say which one`;
      }
      id = candidates[0]?.id;
    }
    if (id === undefined) return undefined;
    const earlier = this.claimed.get(id);
    if (earlier !== undefined) {
      return `it matches the same customer as row ${earlier.row}; give the rows their external_id to tell them apart`;
    }
    return { id };
  }

  private planCreate(row: ImportRow, at: { row: number; line: number }, prepared: PreparedCreate): void {
    this.counts.created++;
    if (!this.staging) return;
    this.creates.push({
      row: at.row,
      line: at.line,
      id: prepared.id,
      externalId: row.externalId,
      fields: prepared.fields,
      accountKey: prepared.accountKey,
      search: prepared.search,
      phones: row.phones,
      outboxId: prepared.outboxId,
      outboxPayload: prepared.outboxPayload,
    });
  }

  private planUpdate(row: ImportRow, at: { row: number; line: number }, target: { id: string }): void {
    const repository = this.repository;
    const current = repository.get(target.id)!;
    const change = customerChange(current, row.fields);
    if (row.externalId !== null && current.externalId === null) change.fields.externalId = row.externalId;
    this.claimed.set(current.id, { row: at.row, externalId: change.fields.externalId ?? current.externalId });
    const known = repository.phones([current.id]);
    const knownNumbers = new Set(known.map((phone) => phone.e164));
    const added = row.phones.filter((phone) => !knownNumbers.has(phone.e164));
    if (Object.keys(change.fields).length === 0 && added.length === 0) {
      this.counts.unchanged++;
      return;
    }
    this.counts.updated++;
    if (!this.staging) return;
    // The outbox payload CustomerRepository.update would write: the changed fields, and the resulting list of
    // numbers when numbers were added.
    const changes: Record<string, unknown> = { ...change.fields };
    let position = known.reduce((highest, phone) => Math.max(highest, phone.position), -1);
    const addPhones = added.map((phone) => ({ ...phone, position: ++position }));
    if (added.length > 0) changes.phones = [...known, ...addPhones].map(({ e164, label }) => ({ e164, label }));
    const { externalId: newExternalId, ...fieldChanges } = change.fields;
    this.updates.push({
      ...at,
      id: current.id,
      seq: current.seq,
      baseVersion: current.version,
      externalId: newExternalId === undefined ? current.externalId : newExternalId,
      fields: { ...pickFields(current), ...fieldChanges },
      ...(change.accountKey === undefined ? {} : { accountKey: change.accountKey }),
      ...(change.search === undefined ? {} : { search: change.search }),
      addPhones,
      outboxId: newId(),
      outboxPayload: JSON.stringify({ baseVersion: current.version, changes }),
    });
  }
}

function pickFields(row: CustomerFields): CustomerFields {
  return {
    name: row.name,
    company: row.company,
    segment: row.segment,
    language: row.language,
    accountNumber: row.accountNumber,
    tariff: row.tariff,
    services: row.services,
    address: row.address,
    city: row.city,
    email: row.email,
    notes: row.notes,
    marketingConsent: row.marketingConsent,
    doNotCall: row.doNotCall,
  };
}

export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
}

/**
 * The import's plan-and-write over rows already checked (cleaned fields, E.164 numbers), synchronously, on the
 * store's own connection: stages every row, then copies the stage in one transaction. Throws for a row that
 * cannot be applied (nothing is written then). For benchmarks and callers that hold rows in memory; files go
 * through importCustomersCsv.
 */
export function applyImportRows(
  service: CustomerService,
  rows: Iterable<ImportRow & { at?: Omit<ImportRowError, 'message'> }>,
  now: number,
  onRow?: (done: number) => void,
): ImportCounts {
  const sqlite = service.database.sqlite;
  const stage = new CustomerImportStage(sqlite);
  try {
    const planner = new ImportPlanner(new CustomerRepository(sqlite), stage, now);
    let done = 0;
    for (const row of rows) {
      const at = row.at ?? { row: done + 2, line: done + 2 };
      const problem = planner.plan(row, at);
      if (problem !== undefined) throw new Error(`row ${at.row}: ${problem}`);
      if (++done % 1000 === 0) onRow?.(done);
    }
    planner.flush();
    const bulk = planner.bulk();
    const conflicts = stage.apply(now, { bulk });
    if (conflicts.length > 0) throw new Error(`row ${conflicts[0]!.row}: ${conflictMessage(conflicts[0]!)}`);
    if (bulk && planner.counts.created > 0) {
      for (let filled = 0; filled < planner.counts.created; filled += SEARCH_BATCH_ROWS)
        stage.fillSearch(filled, filled + SEARCH_BATCH_ROWS);
      recordIndexBuilt(sqlite, 'customer_fts', FOLD_VERSION, now);
    }
    onRow?.(done);
    return planner.counts;
  } finally {
    stage.drop();
  }
}

function statSafe(path: string): number | undefined {
  try {
    return statSync(path).size;
  } catch {
    return undefined;
  }
}

function describe(summary: ImportSummary): string {
  const counts = `${summary.created} created, ${summary.updated} updated, ${summary.unchanged} unchanged`;
  if (summary.cancelled) return 'Import cancelled: nothing was imported.';
  if (summary.errorCount > 0) {
    return `Nothing was imported: ${summary.errorCount} of ${summary.rows} rows have errors. Fix them and import the whole file again.`;
  }
  if (summary.dryRun) return `Dry run: all ${summary.rows} rows are valid; importing would give ${counts}. Nothing was written.`;
  const imported = `Imported the whole file: ${summary.rows} rows, ${counts}.`;
  if (summary.searchIndexIncomplete)
    return `${imported} Search finds the new customers after the next start (their search index could not be written now).`;
  return imported;
}
