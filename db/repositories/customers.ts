// Customer queries: records, phone numbers, the folded search index, and every write's outbox row.
// Plain Node (better-sqlite3 prepared statements: this is the hot path of caller lookup, search and
// import). The caller folds text (electron/shared/text/fold.ts) and normalises numbers; this file only
// stores and finds. Writes that touch several rows run inside `transaction` (BEGIN IMMEDIATE).
import type Database from 'better-sqlite3';
import { prefixMatch } from '../search/ftsQuery.js';
import { OutboxWriter } from './outboxWriter.js';

/** The fields of a customer that people edit (UI, import, CRM). */
export interface CustomerFields {
  name: string;
  company: string | null;
  segment: string | null;
  language: string | null;
  accountNumber: string | null;
  tariff: string | null;
  services: string[];
  address: string | null;
  city: string | null;
  email: string | null;
  notes: string | null;
  marketingConsent: boolean;
  doNotCall: boolean;
}
export type CustomerField = keyof CustomerFields;

export const customerFieldNames = [
  'name',
  'company',
  'segment',
  'language',
  'accountNumber',
  'tariff',
  'services',
  'address',
  'city',
  'email',
  'notes',
  'marketingConsent',
  'doNotCall',
] as const satisfies readonly CustomerField[];

export interface CustomerRow extends CustomerFields {
  seq: number;
  id: string;
  externalId: string | null;
  createdAt: number;
  updatedAt: number;
  version: number;
}

export interface PhoneInput {
  e164: string;
  label: string | null;
}
export interface PhoneRow extends PhoneInput {
  customerId: string;
  position: number;
}

/**
 * The folded text the index stores, one space-separated token string per column (see searchTokens in
 * electron/shared/text/fold.ts). Produced by the caller so this file never depends on the rules.
 */
export interface CustomerSearchDocument {
  name: string;
  company: string;
  address: string;
  city: string;
  email: string;
  notes: string;
}

export interface NewCustomer extends CustomerFields {
  id: string;
  externalId: string | null;
  /** accountNumber folded and stripped of punctuation (exact / prefix account search). */
  accountKey: string | null;
  phones: PhoneInput[];
  search: CustomerSearchDocument;
}

export interface CustomerChange {
  /** Only the fields that changed, with their new values. */
  fields: Partial<CustomerFields> & { externalId?: string | null };
  /** New value of account_key when accountNumber changed. */
  accountKey?: string | null;
  /** Numbers to add (already normalised); existing numbers are kept. */
  addPhones?: PhoneInput[];
  /** When given, the customer's numbers become exactly these (in this order). */
  replacePhones?: PhoneInput[];
  /** The new search document, when a searched field changed. */
  search?: CustomerSearchDocument;
}

/** Columns of customer_fts, in order. Column filters may only name these. */
export const customerSearchColumns = ['name', 'company', 'address', 'city', 'email', 'notes'] as const;
export type CustomerSearchColumn = (typeof customerSearchColumns)[number];

const columnOf: Record<CustomerField | 'externalId' | 'accountKey', string> = {
  name: 'name',
  company: 'company',
  segment: 'segment',
  language: 'language',
  accountNumber: 'account_number',
  accountKey: 'account_key',
  tariff: 'tariff',
  services: 'services',
  address: 'address',
  city: 'city',
  email: 'email',
  notes: 'notes',
  marketingConsent: 'marketing_consent',
  doNotCall: 'do_not_call',
  externalId: 'external_id',
};

const selectColumns = `seq, id, external_id AS externalId, name, company, segment, language,
  account_number AS accountNumber, tariff, services, address, city, email, notes,
  marketing_consent AS marketingConsent, do_not_call AS doNotCall,
  created_at AS createdAt, updated_at AS updatedAt, version`;

type RawCustomer = Omit<CustomerRow, 'services' | 'marketingConsent' | 'doNotCall'> & {
  services: string;
  marketingConsent: number;
  doNotCall: number;
};

function toCustomer(raw: RawCustomer): CustomerRow {
  return {
    ...raw,
    services: parseStringArray(raw.services),
    marketingConsent: raw.marketingConsent === 1,
    doNotCall: raw.doNotCall === 1,
  };
}

function parseStringArray(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
  } catch {
    return [];
  }
}

/** The reversed digits of an E.164 number: "+905321234567" → "765432123509". */
export function reversedDigits(e164: string): string {
  let out = '';
  for (let i = e164.length - 1; i >= 0; i--) {
    const c = e164.charCodeAt(i);
    if (c >= 48 && c <= 57) out += e164[i];
  }
  return out;
}

/** Upper bound of a prefix range on a BINARY-collated text index: nothing valid sorts after U+10FFFF. */
const rangeEnd = (prefix: string) => `${prefix}\u{10FFFF}`;

/** Binds a list as one parameter: `IN (SELECT value FROM json_each(?))`. */
const jsonList = (values: readonly (string | number)[]) => JSON.stringify(values);

export class CustomerRepository {
  private readonly outbox: OutboxWriter;
  private readonly statements;
  private readonly updateStatements = new Map<string, Database.Statement>();

  constructor(readonly sqlite: Database.Database) {
    this.outbox = new OutboxWriter(sqlite);
    const prepare = (source: string) => sqlite.prepare(source);
    this.statements = {
      insertCustomer: prepare(`INSERT INTO customers (id, external_id, name, company, segment, language, account_number,
        account_key, tariff, services, address, city, email, notes, marketing_consent, do_not_call, created_at, updated_at, version)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`),
      insertPhone:
        prepare(`INSERT OR IGNORE INTO customer_phones (customer_id, e164, digits_reversed, label, position, created_at)
        VALUES (?, ?, ?, ?, ?, ?)`),
      deletePhones: prepare('DELETE FROM customer_phones WHERE customer_id = ?'),
      maxPhonePosition: prepare('SELECT coalesce(max(position), -1) AS p FROM customer_phones WHERE customer_id = ?').pluck(),
      insertSearch: prepare(
        `INSERT INTO customer_fts (rowid, name, company, address, city, email, notes) VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ),
      deleteSearch: prepare('DELETE FROM customer_fts WHERE rowid = ?'),
      clearSearch: prepare('DELETE FROM customer_fts'),
      byId: prepare(`SELECT ${selectColumns} FROM customers WHERE id = ?`),
      byIds: prepare(`SELECT ${selectColumns} FROM customers WHERE id IN (SELECT value FROM json_each(?))`),
      bySeqs: prepare(`SELECT ${selectColumns} FROM customers WHERE seq IN (SELECT value FROM json_each(?))`),
      namesBySeqs: prepare(`SELECT seq, id, name FROM customers WHERE seq IN (SELECT value FROM json_each(?))`),
      idByExternalId: prepare('SELECT id FROM customers WHERE external_id = ?').pluck(),
      phonesOf: prepare(`SELECT customer_id AS customerId, e164, label, position FROM customer_phones
        WHERE customer_id IN (SELECT value FROM json_each(?)) ORDER BY customer_id, position, e164`),
      idsByE164: prepare('SELECT customer_id FROM customer_phones WHERE e164 = ? LIMIT ?').pluck(),
      idsByE164Prefix: prepare('SELECT DISTINCT customer_id FROM customer_phones WHERE e164 >= ? AND e164 < ? LIMIT ?').pluck(),
      idsByReversedPrefix: prepare(
        'SELECT DISTINCT customer_id FROM customer_phones WHERE digits_reversed >= ? AND digits_reversed < ? LIMIT ?',
      ).pluck(),
      idsByAccountKey: prepare('SELECT id FROM customers WHERE account_key = ? LIMIT ?').pluck(),
      idsByAccountKeyPrefix: prepare('SELECT id FROM customers WHERE account_key >= ? AND account_key < ? LIMIT ?').pluck(),
      searchSeqs: prepare('SELECT rowid FROM customer_fts WHERE customer_fts MATCH ? LIMIT ?').pluck(),
      count: prepare('SELECT count(*) FROM customers').pluck(),
      anyCustomer: prepare('SELECT 1 FROM customers LIMIT 1').pluck(),
      lastSeq: prepare('SELECT coalesce(max(seq), 0) FROM customers').pluck(),
      pageForIndex: prepare(
        'SELECT seq, name, company, address, city, email, notes FROM customers WHERE seq > ? ORDER BY seq LIMIT ?',
      ),
      exportRows: prepare(`SELECT ${selectColumns},
        (SELECT group_concat(e164, ' | ') FROM (SELECT e164 FROM customer_phones p WHERE p.customer_id = c.id ORDER BY position, e164)) AS phones
        FROM customers c ORDER BY seq`),
    };
  }

  /** Runs `work` in one BEGIN IMMEDIATE transaction (a nested call becomes a savepoint). */
  transaction<T>(work: () => T): T {
    return this.sqlite.transaction(work).immediate();
  }

  /** Inserts a customer, its numbers, its search document and its outbox row; returns its seq. */
  insert(customer: NewCustomer, now: number): number {
    const s = this.statements;
    const seq = Number(
      s.insertCustomer.run(
        customer.id,
        customer.externalId,
        customer.name,
        customer.company,
        customer.segment,
        customer.language,
        customer.accountNumber,
        customer.accountKey,
        customer.tariff,
        JSON.stringify(customer.services),
        customer.address,
        customer.city,
        customer.email,
        customer.notes,
        customer.marketingConsent ? 1 : 0,
        customer.doNotCall ? 1 : 0,
        now,
        now,
      ).lastInsertRowid,
    );
    customer.phones.forEach((phone, position) => {
      s.insertPhone.run(customer.id, phone.e164, reversedDigits(phone.e164), phone.label, position, now);
    });
    this.writeSearch(seq, customer.search);
    this.outbox.append(
      { entity: 'customer', entityId: customer.id, operation: 'insert', payload: insertPayload(customer, now) },
      now,
    );
    return seq;
  }

  /** The highest seq so far: rows inserted later have a higher one. */
  lastSeq(): number {
    return Number(this.statements.lastSeq.get());
  }

  /** True when the store has no customer yet (a first import may then load in bulk). */
  isEmpty(): boolean {
    return this.statements.anyCustomer.get() === undefined;
  }

  /**
   * Runs a large load with the secondary indexes that only lookups need (external id, account key,
   * phone number, reversed digits) dropped, and rebuilds them from their own stored DDL afterwards:
   * one sorted build instead of a random insert per row. The caller must not look customers up inside
   * `work` (the lookups would scan) and must already have ruled out duplicate external ids (the unique
   * index is re-created at the end; a duplicate would fail it and roll the whole load back).
   * FTS5 keeps a larger in-memory buffer during the load, so it writes fewer, larger segments.
   * Must run inside a transaction: the indexes are back (or never gone) when it commits.
   */
  withDeferredIndexes<T>(work: () => T): T {
    if (!this.sqlite.inTransaction) throw new Error('withDeferredIndexes must run inside a transaction');
    const definitions = deferrableIndexes.map((name) => {
      const sql = this.sqlite.prepare(`SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?`).pluck().get(name) as
        string | undefined;
      if (sql === undefined) throw new Error(`index ${name} is missing`);
      return sql;
    });
    for (const name of deferrableIndexes) this.sqlite.exec(`DROP INDEX "${name}"`);
    this.sqlite.exec(`INSERT INTO customer_fts (customer_fts, rank) VALUES ('hashsize', ${BULK_FTS_HASH_BYTES})`);
    // A bigger page cache while loading: fewer spills of dirty pages, and the index sorter works in memory.
    const cacheSize = this.sqlite.pragma('cache_size', { simple: true }) as number;
    this.sqlite.pragma(`cache_size = ${BULK_CACHE_KIB}`);
    try {
      const result = work();
      this.sqlite.exec(`INSERT INTO customer_fts (customer_fts, rank) VALUES ('hashsize', ${FTS_HASH_BYTES})`);
      for (const sql of definitions) this.sqlite.exec(sql);
      return result;
    } finally {
      this.sqlite.pragma(`cache_size = ${cacheSize}`);
    }
  }

  /**
   * Applies field-level changes made against `baseVersion` and records them in the outbox as such
   * (`{baseVersion, changes}`), so the centre can merge field by field. Returns the new version.
   * The caller has checked the version it expected; this method re-checks it in the same statement.
   */
  update(current: Pick<CustomerRow, 'id' | 'seq' | 'version'>, change: CustomerChange, now: number): number {
    const { fields } = change;
    const names = Object.keys(fields).filter((name) => name in columnOf) as (keyof typeof columnOf)[];
    const setValues = names.map((name) => toColumnValue(name, fields[name as keyof CustomerChange['fields']]));
    const sets = names.map((name) => `${columnOf[name]} = ?`);
    if (change.accountKey !== undefined) {
      sets.push('account_key = ?');
      setValues.push(change.accountKey);
    }
    const key = sets.join(',');
    let statement = this.updateStatements.get(key);
    if (!statement) {
      statement = this.sqlite.prepare(
        `UPDATE customers SET ${sets.map((set) => `${set}, `).join('')}updated_at = ?, version = version + 1 WHERE id = ? AND version = ?`,
      );
      this.updateStatements.set(key, statement);
    }
    const result = statement.run(...setValues, now, current.id, current.version);
    if (result.changes !== 1) throw new Error(`customer ${current.id} changed since version ${current.version}`);

    const phoneChanges = this.writePhones(current.id, change, now);
    if (change.search) this.writeSearch(current.seq, change.search, true);
    const changes: Record<string, unknown> = { ...fields };
    if (phoneChanges) changes.phones = phoneChanges;
    this.outbox.append(
      { entity: 'customer', entityId: current.id, operation: 'update', payload: { baseVersion: current.version, changes } },
      now,
    );
    return current.version + 1;
  }

  /** Adds or replaces numbers; returns the resulting list when it changed, for the outbox payload. */
  private writePhones(customerId: string, change: CustomerChange, now: number): PhoneInput[] | undefined {
    const s = this.statements;
    if (change.replacePhones) {
      s.deletePhones.run(customerId);
      change.replacePhones.forEach((phone, position) =>
        s.insertPhone.run(customerId, phone.e164, reversedDigits(phone.e164), phone.label, position, now),
      );
    } else if (change.addPhones && change.addPhones.length > 0) {
      let position = Number(s.maxPhonePosition.get(customerId)) + 1;
      for (const phone of change.addPhones) {
        s.insertPhone.run(customerId, phone.e164, reversedDigits(phone.e164), phone.label, position++, now);
      }
    } else {
      return undefined;
    }
    return this.phones([customerId]).map(({ e164, label }) => ({ e164, label }));
  }

  private writeSearch(seq: number, search: CustomerSearchDocument, replace = false): void {
    const s = this.statements;
    if (replace) s.deleteSearch.run(seq);
    s.insertSearch.run(seq, search.name, search.company, search.address, search.city, search.email, search.notes);
  }

  get(id: string): CustomerRow | undefined {
    const raw = this.statements.byId.get(id) as RawCustomer | undefined;
    return raw && toCustomer(raw);
  }

  /** Customers by id, in the order of `ids` (unknown ids are skipped). */
  getMany(ids: readonly string[]): CustomerRow[] {
    if (ids.length === 0) return [];
    const rows = new Map((this.statements.byIds.all(jsonList(ids)) as RawCustomer[]).map((raw) => [raw.id, toCustomer(raw)]));
    return ids.flatMap((id) => rows.get(id) ?? []);
  }

  /** Customers by seq (search index rowids), in the order of `seqs`. */
  getManyBySeq(seqs: readonly number[]): CustomerRow[] {
    if (seqs.length === 0) return [];
    const rows = new Map((this.statements.bySeqs.all(jsonList(seqs)) as RawCustomer[]).map((raw) => [raw.seq, toCustomer(raw)]));
    return seqs.flatMap((seq) => rows.get(seq) ?? []);
  }

  /** Just enough to rank search candidates: id and name by seq, in the order of `seqs`. */
  namesBySeq(seqs: readonly number[]): { seq: number; id: string; name: string }[] {
    if (seqs.length === 0) return [];
    const rows = new Map(
      (this.statements.namesBySeqs.all(jsonList(seqs)) as { seq: number; id: string; name: string }[]).map((row) => [
        row.seq,
        row,
      ]),
    );
    return seqs.flatMap((seq) => rows.get(seq) ?? []);
  }

  idByExternalId(externalId: string): string | undefined {
    return this.statements.idByExternalId.get(externalId) as string | undefined;
  }

  /** Numbers of these customers, in card order. */
  phones(customerIds: readonly string[]): PhoneRow[] {
    if (customerIds.length === 0) return [];
    return this.statements.phonesOf.all(jsonList(customerIds)) as PhoneRow[];
  }

  /** Who owns this exact number (caller lookup): at most `limit` customer ids. */
  idsByE164(e164: string, limit: number): string[] {
    return this.statements.idsByE164.all(e164, limit) as string[];
  }

  /** Numbers starting with this E.164 prefix ("+90532…"). */
  idsByE164Prefix(prefix: string, limit: number): string[] {
    return this.statements.idsByE164Prefix.all(prefix, rangeEnd(prefix), limit) as string[];
  }

  /** Numbers ending with these digits ("4567"). */
  idsByDigitsSuffix(digits: string, limit: number): string[] {
    const reversed = reversedDigits(digits);
    return this.statements.idsByReversedPrefix.all(reversed, rangeEnd(reversed), limit) as string[];
  }

  idsByAccountKey(accountKey: string, limit: number): string[] {
    return this.statements.idsByAccountKey.all(accountKey, limit) as string[];
  }

  idsByAccountKeyPrefix(prefix: string, limit: number): string[] {
    return this.statements.idsByAccountKeyPrefix.all(prefix, rangeEnd(prefix), limit) as string[];
  }

  /**
   * Customers whose folded words start with every token (optionally only in `columns`), in index
   * order, at most `limit`. Tokens are quoted by prefixMatch; nothing the operator typed is syntax.
   */
  searchSeqs(tokens: readonly string[], limit: number, columns?: readonly CustomerSearchColumn[]): number[] {
    const match = prefixMatch(tokens, columns);
    if (match === undefined) return [];
    return this.statements.searchSeqs.all(match, limit) as number[];
  }

  count(): number {
    return Number(this.statements.count.get());
  }

  /** Refills customer_fts from the customers table with `document` (after a FOLD_VERSION change). */
  rebuildSearch(
    document: (row: Pick<CustomerRow, 'name' | 'company' | 'address' | 'city' | 'email' | 'notes'>) => CustomerSearchDocument,
  ): number {
    const s = this.statements;
    let rows = 0;
    this.transaction(() => {
      s.clearSearch.run();
      // In pages: better-sqlite3 cannot write while a statement on the same connection is iterating.
      for (let after = 0; ;) {
        const page = s.pageForIndex.all(after, 10_000) as Pick<
          CustomerRow,
          'seq' | 'name' | 'company' | 'address' | 'city' | 'email' | 'notes'
        >[];
        if (page.length === 0) break;
        for (const row of page) this.writeSearch(row.seq, document(row));
        rows += page.length;
        after = page.at(-1)!.seq;
      }
    });
    return rows;
  }

  /** Every customer with its numbers joined by " | ", in creation order, streamed (CSV export). */
  *exportRows(): Generator<CustomerRow & { phones: string }> {
    for (const raw of this.statements.exportRows.iterate() as IterableIterator<RawCustomer & { phones: string | null }>) {
      yield { ...toCustomer(raw), phones: raw.phones ?? '' };
    }
  }
}

/** Secondary indexes a bulk load may rebuild afterwards (withDeferredIndexes); never the ones keys rely on. */
const deferrableIndexes = [
  'customers_external_id_unique',
  'customers_account_key',
  'customer_phones_e164',
  'customer_phones_digits_reversed',
];
/** FTS5's pending-terms buffer during a bulk load (default 1 MB): fewer segment flushes and merges. */
export const BULK_FTS_HASH_BYTES = 16 * 1024 * 1024;
export const FTS_HASH_BYTES = 1024 * 1024;
/** Page cache during a bulk load, in KiB as PRAGMA cache_size takes it (negative); given back after. */
const BULK_CACHE_KIB = -64 * 1024;

/**
 * The outbox payload of a new customer: every field that has a value (null, empty lists and false
 * flags are the defaults and are left out, which halves the outbox of a large import).
 */
export function insertPayload(
  customer: Pick<NewCustomer, 'id' | 'externalId' | 'phones' | CustomerField>,
  now: number,
): Record<string, unknown> {
  const payload: Record<string, unknown> = { id: customer.id };
  if (customer.externalId !== null) payload.externalId = customer.externalId;
  for (const field of customerFieldNames) {
    const value = customer[field];
    if (value === null || value === false || (Array.isArray(value) && value.length === 0)) continue;
    payload[field] = value;
  }
  payload.phones = customer.phones.map((phone) => (phone.label === null ? { e164: phone.e164 } : phone));
  payload.version = 1;
  payload.createdAt = now;
  return payload;
}

/**
 * JSON.stringify(insertPayload(…)) without building the object first: the same text, character for character
 * (a test checks), at a third of the cost — it is written once per row of a large import.
 */
export function insertPayloadJson(
  fields: CustomerFields,
  id: string,
  externalId: string | null,
  phones: readonly PhoneInput[],
  now: number,
): string {
  let json = '{"id":' + JSON.stringify(id);
  if (externalId !== null) json += ',"externalId":' + JSON.stringify(externalId);
  for (const field of customerFieldNames) {
    const value = fields[field];
    if (value === null || value === false || (Array.isArray(value) && value.length === 0)) continue;
    json += ',"' + field + '":' + JSON.stringify(value);
  }
  json += ',"phones":[';
  for (let i = 0; i < phones.length; i++) {
    const phone = phones[i]!;
    if (i > 0) json += ',';
    json += phone.label === null ? '{"e164":' + JSON.stringify(phone.e164) + '}' : JSON.stringify(phone);
  }
  return json + '],"version":1,"createdAt":' + JSON.stringify(now) + '}';
}

function toColumnValue(name: string, value: unknown): unknown {
  if (name === 'services') return JSON.stringify(value ?? []);
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value ?? null;
}
