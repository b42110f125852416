// The customer import's staging area: checked rows wait in TEMP tables until the whole file is known to be
// good, then ONE short transaction copies them into the store with SQL alone. Plain Node (better-sqlite3).
//
// Why: the check pass (parsing, cleaning, phone normalisation, folding, outbox payloads) is most of an
// import's time. Writing into TEMP tables takes no lock on the store's file — TEMP is a separate,
// connection-private database — so that pass can run in chunks between other work on the event loop
// while the call log keeps writing. Only `apply` holds the store's write lock, and it only copies rows.
import type Database from 'better-sqlite3';
import {
  BULK_FTS_HASH_BYTES,
  CustomerRepository,
  FTS_HASH_BYTES,
  reversedDigits,
  type CustomerFields,
  type CustomerSearchDocument,
  type PhoneInput,
} from './customers.js';

/** A new customer, ready to copy: every column, its folded search document, its outbox row. */
export interface StagedCreate {
  row: number;
  line: number;
  id: string;
  externalId: string | null;
  fields: CustomerFields;
  accountKey: string | null;
  search: CustomerSearchDocument;
  /** In card order (position = index). */
  phones: PhoneInput[];
  outboxId: string;
  outboxPayload: string;
}

/** Changes to a customer that existed before the import, planned against `baseVersion`. */
export interface StagedUpdate {
  row: number;
  line: number;
  id: string;
  seq: number;
  baseVersion: number;
  externalId: string | null;
  /** Every field after the change (unchanged ones as they were). */
  fields: CustomerFields;
  /** Only when accountNumber changed; otherwise the stored account_key stays. */
  accountKey?: string | null;
  /** Only when a searched field changed. */
  search?: CustomerSearchDocument;
  addPhones: (PhoneInput & { position: number })[];
  outboxId: string;
  outboxPayload: string;
}

/** A staged row the store no longer agrees with (edited or deleted meanwhile, or its external id taken). */
export interface StageConflict {
  row: number;
  line: number;
  reason: 'edited' | 'deleted' | 'external-id-taken' | 'phone-taken';
  externalId?: string | null;
}

export interface StageCounts {
  creates: number;
  updates: number;
}

export type ApplyPhase = 'writing';

/** TEMP's page cache (KiB, negative as PRAGMA cache_size takes it): pages beyond it go to a temp file. */
const STAGE_CACHE_KIB = -64 * 1024;

const customerColumns = `external_id, name, company, segment, language, account_number, account_key, tariff, services,
  address, city, email, notes, marketing_consent, do_not_call`;
const searchColumns = 'fts_name, fts_company, fts_address, fts_city, fts_email, fts_notes';

/**
 * One import's staging tables on `sqlite` (normally a connection of the import's own, so the TEMP tables and
 * the bigger cache go away with it). Call `drop` when done, applied or not.
 */
export class CustomerImportStage {
  private readonly insertCreate: Database.Statement;
  private readonly insertUpdate: Database.Statement;
  private readonly insertPhone: Database.Statement;
  private readonly counts: StageCounts = { creates: 0, updates: 0 };
  /** The seq before the first created customer (set by apply): created customer n has seq base + n. */
  private seqBase = 0;
  /** customer_phones' highest rowid when the stage was opened: a higher one is a number added during the import. */
  private readonly phoneRowidBefore: number;

  constructor(private readonly sqlite: Database.Database) {
    this.phoneRowidBefore = Number(sqlite.prepare('SELECT coalesce(max(rowid), 0) FROM customer_phones').pluck().get());
    sqlite.pragma(`temp.cache_size = ${STAGE_CACHE_KIB}`);
    sqlite.exec(`
      DROP TABLE IF EXISTS temp.customer_import_creates;
      DROP TABLE IF EXISTS temp.customer_import_updates;
      DROP TABLE IF EXISTS temp.customer_import_phones;
      CREATE TEMP TABLE customer_import_creates (
        ordinal INTEGER PRIMARY KEY, row INTEGER NOT NULL, line INTEGER NOT NULL, id TEXT NOT NULL,
        ${customerColumns}, ${searchColumns}, outbox_id TEXT NOT NULL, outbox_payload TEXT NOT NULL);
      CREATE TEMP TABLE customer_import_updates (
        ordinal INTEGER PRIMARY KEY, row INTEGER NOT NULL, line INTEGER NOT NULL, id TEXT NOT NULL, seq INTEGER NOT NULL,
        base_version INTEGER NOT NULL, ${customerColumns}, account_key_changed INTEGER NOT NULL,
        search_changed INTEGER NOT NULL, ${searchColumns}, outbox_id TEXT NOT NULL, outbox_payload TEXT NOT NULL);
      CREATE TEMP TABLE customer_import_phones (
        customer_id TEXT NOT NULL, e164 TEXT NOT NULL, digits_reversed TEXT NOT NULL, label TEXT, position INTEGER NOT NULL);
    `);
    const placeholders = (count: number) => Array.from({ length: count }, () => '?').join(', ');
    this.insertCreate = sqlite.prepare(
      `INSERT INTO temp.customer_import_creates (row, line, id, ${customerColumns}, ${searchColumns}, outbox_id, outbox_payload)
       VALUES (${placeholders(26)})`,
    );
    this.insertUpdate = sqlite.prepare(
      `INSERT INTO temp.customer_import_updates (row, line, id, seq, base_version, ${customerColumns}, account_key_changed,
        search_changed, ${searchColumns}, outbox_id, outbox_payload)
       VALUES (${placeholders(30)})`,
    );
    this.insertPhone = sqlite.prepare(
      `INSERT INTO temp.customer_import_phones (customer_id, e164, digits_reversed, label, position) VALUES (?, ?, ?, ?, ?)`,
    );
  }

  get staged(): StageCounts {
    return { ...this.counts };
  }

  /**
   * Stages a batch of rows in one transaction. It writes only TEMP tables, so it takes no lock on the store;
   * it is synchronous, so nothing else on this connection can run inside it.
   */
  add(creates: readonly StagedCreate[], updates: readonly StagedUpdate[]): void {
    if (creates.length === 0 && updates.length === 0) return;
    this.sqlite.transaction(() => {
      for (const c of creates) {
        const f = c.fields;
        const s = c.search;
        this.insertCreate.run(
          c.row,
          c.line,
          c.id,
          c.externalId,
          f.name,
          f.company,
          f.segment,
          f.language,
          f.accountNumber,
          c.accountKey,
          f.tariff,
          JSON.stringify(f.services),
          f.address,
          f.city,
          f.email,
          f.notes,
          f.marketingConsent ? 1 : 0,
          f.doNotCall ? 1 : 0,
          s.name,
          s.company,
          s.address,
          s.city,
          s.email,
          s.notes,
          c.outboxId,
          c.outboxPayload,
        );
        c.phones.forEach((phone, position) =>
          this.insertPhone.run(c.id, phone.e164, reversedDigits(phone.e164), phone.label, position),
        );
      }
      for (const u of updates) {
        const f = u.fields;
        const s = u.search;
        this.insertUpdate.run(
          u.row,
          u.line,
          u.id,
          u.seq,
          u.baseVersion,
          u.externalId,
          f.name,
          f.company,
          f.segment,
          f.language,
          f.accountNumber,
          u.accountKey ?? null,
          f.tariff,
          JSON.stringify(f.services),
          f.address,
          f.city,
          f.email,
          f.notes,
          f.marketingConsent ? 1 : 0,
          f.doNotCall ? 1 : 0,
          u.accountKey === undefined ? 0 : 1,
          s ? 1 : 0,
          s?.name ?? null,
          s?.company ?? null,
          s?.address ?? null,
          s?.city ?? null,
          s?.email ?? null,
          s?.notes ?? null,
          u.outboxId,
          u.outboxPayload,
        );
        for (const phone of u.addPhones)
          this.insertPhone.run(u.id, phone.e164, reversedDigits(phone.e164), phone.label, phone.position);
      }
    })();
    this.counts.creates += creates.length;
    this.counts.updates += updates.length;
  }

  /**
   * Copies every staged row into the store in ONE transaction (BEGIN IMMEDIATE): customers, numbers,
   * search index, outbox. Creates get the seqs after the highest one at that moment. First it checks that
   * every customer an update was planned against is still at that version; if not, nothing is written and
   * the conflicts are returned. A unique external id taken meanwhile fails the insert and rolls back: the
   * error is thrown (see externalIdConflicts). With `bulk`, the lookup indexes are rebuilt after the load
   * instead of being updated row by row (CustomerRepository.withDeferredIndexes), and the search documents of
   * the created customers are left for fillSearch: the transaction removes the index's state row instead, so
   * an index a crash leaves half-filled is rebuilt at the next start (CustomerService.ensureSearchIndexes).
   */
  apply(now: number, options: { bulk: boolean; onPhase?: (phase: ApplyPhase) => void }): StageConflict[] {
    const sqlite = this.sqlite;
    const repository = new CustomerRepository(sqlite);
    let conflicts: StageConflict[] = [];
    sqlite
      .transaction(() => {
        conflicts = this.versionConflicts();
        if (conflicts.length === 0) conflicts = this.phoneConflicts();
        if (conflicts.length > 0) return;
        options.onPhase?.('writing');
        this.seqBase = repository.lastSeq();
        const load = () => {
          this.applyUpdates(now);
          this.applyCreates(now, !options.bulk);
          this.copyPhones(now);
        };
        if (options.bulk) {
          if (this.counts.creates > 0) sqlite.prepare(`DELETE FROM search_index_state WHERE name = 'customer_fts'`).run();
          repository.withDeferredIndexes(load);
        } else load();
      })
      .immediate();
    return conflicts;
  }

  /**
   * Adds the search documents of created customers `from` < ordinal ≤ `to` after a bulk apply, in one short
   * transaction of its own. A customer someone edited or deleted since the apply is skipped: the edit wrote
   * its own document. Returns how many were added.
   */
  fillSearch(from: number, to: number): number {
    const sqlite = this.sqlite;
    // A literal: FTS5 takes the size as an INTEGER, and better-sqlite3 binds JavaScript numbers as REAL.
    const setHashSize = (bytes: number) =>
      sqlite.exec(`INSERT INTO customer_fts (customer_fts, rank) VALUES ('hashsize', ${Math.trunc(bytes)})`);
    return sqlite
      .transaction(() => {
        // A bigger pending-terms buffer for this batch only: one index segment per batch, not one per MB.
        setHashSize(BULK_FTS_HASH_BYTES);
        const added = sqlite
          .prepare(
            `INSERT INTO customer_fts (rowid, name, company, address, city, email, notes)
             SELECT c.seq, s.fts_name, s.fts_company, s.fts_address, s.fts_city, s.fts_email, s.fts_notes
             FROM temp.customer_import_creates s JOIN customers c ON c.seq = ? + s.ordinal AND c.id = s.id
             WHERE s.ordinal > ? AND s.ordinal <= ? AND c.version = 1 ORDER BY s.ordinal`,
          )
          .run(this.seqBase, from, to).changes;
        setHashSize(FTS_HASH_BYTES);
        return added;
      })
      .immediate();
  }

  private versionConflicts(): StageConflict[] {
    if (this.counts.updates === 0) return [];
    const rows = this.sqlite
      .prepare(
        `SELECT u.row, u.line, c.id IS NULL AS deleted FROM temp.customer_import_updates u
         LEFT JOIN customers c ON c.id = u.id WHERE c.id IS NULL OR c.version <> u.base_version ORDER BY u.ordinal LIMIT 100`,
      )
      .all() as { row: number; line: number; deleted: number }[];
    return rows.map(({ row, line, deleted }) => ({ row, line, reason: deleted ? 'deleted' : 'edited' }));
  }

  /**
   * Rows staged as new customers whose number someone gave to a customer while the import was checking (a
   * new customer typed in on a call, or a number added to one): planned now, that row would have updated
   * that customer, so creating it would make a duplicate. Only owners the row could have matched count —
   * not one with another CRM id, who is someone else sharing the number (the planner skips those too).
   * The numbers added meanwhile are few: they are read first, then the stage is scanned once for them.
   */
  private phoneConflicts(): StageConflict[] {
    if (this.counts.creates === 0) return [];
    const added = this.sqlite
      .prepare(
        `SELECT p.e164 AS e164, c.external_id AS externalId FROM customer_phones p JOIN customers c ON c.id = p.customer_id
         WHERE p.rowid > ?`,
      )
      .all(this.phoneRowidBefore) as { e164: string; externalId: string | null }[];
    if (added.length === 0) return [];
    // One scan of the staged numbers finds the staged customers that have one; one scan of the creates reads them.
    const rows = this.sqlite
      .prepare(
        `WITH added (e164, owner_has_crm_id) AS (
           SELECT value ->> '$.e164', value ->> '$.externalId' IS NOT NULL FROM json_each(?)),
         hits (id, owner_without_crm_id) AS MATERIALIZED (
           SELECT p.customer_id, max(NOT a.owner_has_crm_id) FROM temp.customer_import_phones p
           JOIN added a ON a.e164 = p.e164 GROUP BY p.customer_id)
         SELECT s.row, s.line FROM temp.customer_import_creates s JOIN hits h ON h.id = s.id
         WHERE h.owner_without_crm_id OR s.external_id IS NULL ORDER BY s.row LIMIT 100`,
      )
      .all(JSON.stringify(added)) as { row: number; line: number }[];
    return rows.map(({ row, line }) => ({ row, line, reason: 'phone-taken' }));
  }

  private applyUpdates(now: number): void {
    if (this.counts.updates === 0) return;
    const sqlite = this.sqlite;
    sqlite
      .prepare(
        `UPDATE customers SET external_id = u.external_id, name = u.name, company = u.company, segment = u.segment,
           language = u.language, account_number = u.account_number,
           account_key = CASE WHEN u.account_key_changed THEN u.account_key ELSE customers.account_key END,
           tariff = u.tariff, services = u.services, address = u.address, city = u.city, email = u.email, notes = u.notes,
           marketing_consent = u.marketing_consent, do_not_call = u.do_not_call, updated_at = ?, version = customers.version + 1
         FROM temp.customer_import_updates u WHERE customers.id = u.id`,
      )
      .run(now);
    sqlite.exec('DELETE FROM customer_fts WHERE rowid IN (SELECT seq FROM temp.customer_import_updates WHERE search_changed)');
    sqlite.exec(
      `INSERT INTO customer_fts (rowid, name, company, address, city, email, notes)
       SELECT seq, ${searchColumns} FROM temp.customer_import_updates WHERE search_changed ORDER BY seq`,
    );
    this.copyOutbox('customer_import_updates', 'update', now);
  }

  private applyCreates(now: number, withSearch: boolean): void {
    if (this.counts.creates === 0) return;
    const sqlite = this.sqlite;
    // seq is given, not left to SQLite, so the search index can use it without a join.
    sqlite
      .prepare(
        `INSERT INTO customers (seq, id, ${customerColumns}, created_at, updated_at, version)
         SELECT ? + ordinal, id, ${customerColumns}, ?, ?, 1 FROM temp.customer_import_creates ORDER BY ordinal`,
      )
      .run(this.seqBase, now, now);
    this.copyOutbox('customer_import_creates', 'insert', now);
    if (!withSearch) return;
    sqlite
      .prepare(
        `INSERT INTO customer_fts (rowid, name, company, address, city, email, notes)
         SELECT ? + ordinal, ${searchColumns} FROM temp.customer_import_creates ORDER BY ordinal`,
      )
      .run(this.seqBase);
  }

  private copyPhones(now: number): void {
    // INSERT OR IGNORE: a number the customer got meanwhile is kept once (customer_phones' primary key).
    this.sqlite
      .prepare(
        `INSERT OR IGNORE INTO customer_phones (customer_id, e164, digits_reversed, label, position, created_at)
         SELECT customer_id, e164, digits_reversed, label, position, ? FROM temp.customer_import_phones`,
      )
      .run(now);
  }

  private copyOutbox(table: string, operation: 'insert' | 'update', now: number): void {
    this.sqlite
      .prepare(
        `INSERT INTO outbox (id, entity, entity_id, operation, payload, created_at)
         SELECT outbox_id, 'customer', id, ?, outbox_payload, ? FROM temp.${table} ORDER BY ordinal`,
      )
      .run(operation, now);
  }

  /** Staged rows whose external id another customer has now (after an apply failed on the unique index). */
  externalIdConflicts(): StageConflict[] {
    const rows = this.sqlite
      .prepare(
        `SELECT s.row, s.line, s.external_id AS externalId FROM (
           SELECT row, line, id, external_id FROM temp.customer_import_creates WHERE external_id IS NOT NULL
           UNION ALL
           SELECT row, line, id, external_id FROM temp.customer_import_updates WHERE external_id IS NOT NULL) s
         JOIN customers c ON c.external_id = s.external_id AND c.id <> s.id ORDER BY s.row LIMIT 100`,
      )
      .all() as { row: number; line: number; externalId: string }[];
    return rows.map((row) => ({ ...row, reason: 'external-id-taken' }));
  }

  drop(): void {
    this.sqlite.exec(
      `DROP TABLE IF EXISTS temp.customer_import_creates; DROP TABLE IF EXISTS temp.customer_import_updates;
       DROP TABLE IF EXISTS temp.customer_import_phones;`,
    );
  }
}
