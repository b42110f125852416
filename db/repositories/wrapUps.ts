// Wrap-up queries: drafts (saved on every change, revision-checked), the filed interaction with its
// disposition, custom fields and script run, callbacks, and the reference rows a submit checks against
// (call log, departments, catalogue items). Plain Node (better-sqlite3 prepared statements).
// Every business write adds its outbox row; the caller runs a submit's writes in one transaction.
import type Database from 'better-sqlite3';
import { OutboxWriter } from './outboxWriter.js';

export interface DraftRow {
  id: string;
  callId: string | null;
  customerId: string | null;
  agent: string;
  /** The JSON text as stored; the caller parses and checks it. */
  content: string;
  revision: number;
  openedAt: number;
  updatedAt: number;
}

export interface DraftListRow extends DraftRow {
  customerName: string | null;
}

export interface FiledInteraction {
  id: string;
  customerId: string | null;
  callId: string | null;
  kind: 'call' | 'note';
  direction: 'inbound' | 'outbound' | null;
  outcome: string | null;
  outcomeSubcode: string | null;
  customFields: Record<string, unknown>;
  scriptId: string | null;
  scriptRun: unknown;
  notes: string | null;
  agent: string;
  occurredAt: number;
}

export type CallbackStatus = 'scheduled' | 'notified' | 'done' | 'cancelled';

export interface NewCallback {
  id: string;
  customerId: string | null;
  interactionId: string | null;
  callId: string | null;
  e164: string;
  dueAt: number;
  assignee: string | null;
  createdBy: string;
  note: string | null;
}

export interface CallbackRow extends NewCallback {
  status: CallbackStatus;
  customerName: string | null;
  createdAt: number;
  updatedAt: number;
  version: number;
}

export interface LoggedCall {
  id: string;
  direction: 'inbound' | 'outbound';
  e164: string | null;
  displayName: string | null;
  inviteAt: number;
}

export interface CustomerBrief {
  id: string;
  name: string;
  segment: string | null;
  language: string | null;
  firstPhone: string | null;
}

export interface CatalogueTerms {
  id: string;
  kind: 'tariff' | 'service' | 'product' | 'promotion';
  name: string;
  priceMinor: number | null;
  currency: string | null;
  discountPercent: number | null;
  discountMinor: number | null;
  validFrom: number | null;
  validUntil: number | null;
  eligibleSegments: string[];
  active: boolean;
}

export interface DepartmentRef {
  id: string;
  code: string;
  name: string;
  transferTarget: string | null;
}

type RawTerms = Omit<CatalogueTerms, 'eligibleSegments' | 'active'> & { eligibleSegments: string; active: number };
const toTerms = (row: RawTerms): CatalogueTerms => ({
  ...row,
  eligibleSegments: JSON.parse(row.eligibleSegments) as string[],
  active: row.active === 1,
});

const draftColumns = `d.id, d.call_id AS callId, d.customer_id AS customerId, d.agent, d.content, d.revision,
  d.opened_at AS openedAt, d.updated_at AS updatedAt`;
const callbackColumns = `cb.id, cb.customer_id AS customerId, cb.interaction_id AS interactionId, cb.call_id AS callId, cb.e164,
  cb.due_at AS dueAt, cb.assignee, cb.created_by AS createdBy, cb.note, cb.status, cb.created_at AS createdAt,
  cb.updated_at AS updatedAt, cb.version, cu.name AS customerName`;

export class WrapUpRepository {
  private readonly outbox: OutboxWriter;
  private readonly statements;

  constructor(readonly sqlite: Database.Database) {
    this.outbox = new OutboxWriter(sqlite);
    const prepare = (source: string) => sqlite.prepare(source);
    this.statements = {
      draftById: prepare(`SELECT ${draftColumns} FROM wrap_up_drafts d WHERE d.id = ?`),
      draftByCall: prepare(`SELECT ${draftColumns} FROM wrap_up_drafts d WHERE d.call_id = ?`),
      looseDraft: prepare(`SELECT ${draftColumns} FROM wrap_up_drafts d WHERE d.call_id IS NULL AND d.agent = ?
        AND d.customer_id IS ? ORDER BY d.updated_at DESC, d.id DESC LIMIT 1`),
      draftsOf: prepare(`SELECT ${draftColumns}, cu.name AS customerName FROM wrap_up_drafts d
        LEFT JOIN customers cu ON cu.id = d.customer_id WHERE d.agent = ? ORDER BY d.updated_at DESC, d.id DESC LIMIT ?`),
      insertDraft: prepare(`INSERT INTO wrap_up_drafts (id, call_id, customer_id, agent, content, revision, opened_at, updated_at)
        VALUES (?, ?, ?, ?, ?, 0, ?, ?)`),
      // The revision check and the write are one statement: two windows cannot both win.
      saveDraft: prepare(`UPDATE wrap_up_drafts SET content = ?, customer_id = coalesce(?, customer_id), revision = revision + 1,
        updated_at = ? WHERE id = ? AND revision = ?`),
      setDraftCustomer: prepare('UPDATE wrap_up_drafts SET customer_id = ? WHERE id = ? AND customer_id IS NULL'),
      deleteDraft: prepare('DELETE FROM wrap_up_drafts WHERE id = ?'),
      // A wrap-up files a call as kind 'call'; a card note typed during the call is kind 'note' and does not count.
      callFiled: prepare("SELECT 1 FROM interactions WHERE call_id = ? AND kind = 'call' LIMIT 1").pluck(),
      insertInteraction: prepare(`INSERT INTO interactions (id, customer_id, call_id, kind, direction, outcome, outcome_subcode,
        custom_fields, script_id, script_run, notes, agent, occurred_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      insertCallback:
        prepare(`INSERT INTO callbacks (id, customer_id, interaction_id, call_id, e164, due_at, assignee, created_by,
        note, status, created_at, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'scheduled', ?, ?, 1)`),
      callbackById: prepare(`SELECT ${callbackColumns} FROM callbacks cb LEFT JOIN customers cu ON cu.id = cb.customer_id
        WHERE cb.id = ?`),
      // Uses the partial index callbacks_due (status IN ('scheduled', 'notified')).
      dueCallbacks: prepare(`SELECT ${callbackColumns} FROM callbacks cb LEFT JOIN customers cu ON cu.id = cb.customer_id
        WHERE cb.status IN ('scheduled', 'notified') AND cb.status = 'scheduled' AND cb.due_at <= ?
        AND (cb.assignee IS NULL OR cb.assignee = ?) ORDER BY cb.due_at, cb.id LIMIT ?`),
      nextDueAt: prepare(`SELECT min(due_at) FROM callbacks WHERE status IN ('scheduled', 'notified') AND status = 'scheduled'
        AND (assignee IS NULL OR assignee = ?)`).pluck(),
      openCallbacks: prepare(`SELECT ${callbackColumns} FROM callbacks cb LEFT JOIN customers cu ON cu.id = cb.customer_id
        WHERE cb.status IN ('scheduled', 'notified')
        AND ((? = 1 AND cb.assignee = ?) OR (? = 1 AND cb.assignee IS NULL))
        ORDER BY cb.due_at, cb.id LIMIT ?`),
      setCallbackStatus: prepare(`UPDATE callbacks SET status = ?, updated_at = ?, version = version + 1
        WHERE id = ? AND version = ?`),
      callById: prepare(`SELECT id, direction, e164, display_name AS displayName, invite_at AS inviteAt FROM calls WHERE id = ?`),
      customerBrief: prepare(`SELECT c.id, c.name, c.segment, c.language,
        (SELECT e164 FROM customer_phones p WHERE p.customer_id = c.id ORDER BY position, e164 LIMIT 1) AS firstPhone
        FROM customers c WHERE c.id = ?`),
      catalogueTerms: prepare(`SELECT id, kind, name, price_minor AS priceMinor, currency, discount_percent AS discountPercent,
        discount_minor AS discountMinor, valid_from AS validFrom, valid_until AS validUntil, eligible_segments AS eligibleSegments,
        active FROM catalogue_items WHERE id IN (SELECT value FROM json_each(?))`),
      promotions: prepare(`SELECT id, kind, name, price_minor AS priceMinor, currency, discount_percent AS discountPercent,
        discount_minor AS discountMinor, valid_from AS validFrom, valid_until AS validUntil, eligible_segments AS eligibleSegments,
        active FROM catalogue_items WHERE kind = 'promotion' AND active = 1 ORDER BY name, code LIMIT 500`),
      departmentByCode: prepare('SELECT id, code, name, transfer_target AS transferTarget FROM departments WHERE code = ?'),
      departments: prepare('SELECT id, code, name, transfer_target AS transferTarget FROM departments ORDER BY name, code'),
    };
  }

  /** Runs `work` in one BEGIN IMMEDIATE transaction (a nested call becomes a savepoint). */
  transaction<T>(work: () => T): T {
    return this.sqlite.transaction(work).immediate();
  }

  draftById(id: string): DraftRow | undefined {
    return this.statements.draftById.get(id) as DraftRow | undefined;
  }

  draftByCall(callId: string): DraftRow | undefined {
    return this.statements.draftByCall.get(callId) as DraftRow | undefined;
  }

  /** The agent's latest draft without a call, for this customer (or for none). */
  looseDraft(agent: string, customerId: string | null): DraftRow | undefined {
    return this.statements.looseDraft.get(agent, customerId) as DraftRow | undefined;
  }

  draftsOf(agent: string, limit: number): DraftListRow[] {
    return this.statements.draftsOf.all(agent, limit) as DraftListRow[];
  }

  insertDraft(draft: Omit<DraftRow, 'revision' | 'updatedAt'>): void {
    const d = draft;
    this.statements.insertDraft.run(d.id, d.callId, d.customerId, d.agent, d.content, d.openedAt, d.openedAt);
  }

  /** Writes the content if the stored revision is still `expectedRevision`; returns false when it is not. */
  saveDraft(id: string, expectedRevision: number, content: string, customerId: string | null, now: number): boolean {
    return this.statements.saveDraft.run(content, customerId, now, id, expectedRevision).changes === 1;
  }

  /** Ties a draft to its customer once known (the caller card's link); a customer already set is kept. */
  setDraftCustomer(id: string, customerId: string): void {
    this.statements.setDraftCustomer.run(customerId, id);
  }

  deleteDraft(id: string): boolean {
    return this.statements.deleteDraft.run(id).changes === 1;
  }

  /** Whether the call already has its filed wrap-up (an interaction of kind 'call' pointing at it). */
  callFiled(callId: string): boolean {
    return this.statements.callFiled.get(callId) !== undefined;
  }

  insertInteraction(interaction: FiledInteraction, now: number): void {
    const i = interaction;
    this.statements.insertInteraction.run(
      i.id,
      i.customerId,
      i.callId,
      i.kind,
      i.direction,
      i.outcome,
      i.outcomeSubcode,
      JSON.stringify(i.customFields),
      i.scriptId,
      i.scriptRun === undefined || i.scriptRun === null ? null : JSON.stringify(i.scriptRun),
      i.notes,
      i.agent,
      i.occurredAt,
      now,
    );
    this.outbox.append({ entity: 'interaction', entityId: i.id, operation: 'insert', payload: { ...i, createdAt: now } }, now);
  }

  insertCallback(callback: NewCallback, now: number): void {
    const c = callback;
    this.statements.insertCallback.run(
      c.id,
      c.customerId,
      c.interactionId,
      c.callId,
      c.e164,
      c.dueAt,
      c.assignee,
      c.createdBy,
      c.note,
      now,
      now,
    );
    this.outbox.append(
      {
        entity: 'callback',
        entityId: c.id,
        operation: 'insert',
        payload: { ...c, status: 'scheduled', createdAt: now, version: 1 },
      },
      now,
    );
  }

  callbackById(id: string): CallbackRow | undefined {
    return this.statements.callbackById.get(id) as CallbackRow | undefined;
  }

  /** Scheduled callbacks due by `now` that `agent` may make (theirs or anyone's), oldest first. */
  dueCallbacks(agent: string, now: number, limit: number): CallbackRow[] {
    return this.statements.dueCallbacks.all(now, agent, limit) as CallbackRow[];
  }

  /** When the next scheduled callback for `agent` (or anyone) is due; undefined when none is. */
  nextDueAt(agent: string): number | undefined {
    const at = this.statements.nextDueAt.get(agent) as number | null;
    return at ?? undefined;
  }

  /** Callbacks still to make (scheduled or notified), soonest first. */
  openCallbacks(agent: string, scope: { mine: boolean; anyone: boolean }, limit: number): CallbackRow[] {
    return this.statements.openCallbacks.all(scope.mine ? 1 : 0, agent, scope.anyone ? 1 : 0, limit) as CallbackRow[];
  }

  /**
   * Moves a callback to `status` if it is still at `current.version`, with its outbox row as a field-level
   * change against that version. Returns false when someone changed it first.
   */
  setCallbackStatus(current: Pick<CallbackRow, 'id' | 'version'>, status: CallbackStatus, now: number): boolean {
    if (this.statements.setCallbackStatus.run(status, now, current.id, current.version).changes !== 1) return false;
    this.outbox.append(
      {
        entity: 'callback',
        entityId: current.id,
        operation: 'update',
        payload: { baseVersion: current.version, changes: { status, updatedAt: now } },
      },
      now,
    );
    return true;
  }

  loggedCall(id: string): LoggedCall | undefined {
    return this.statements.callById.get(id) as LoggedCall | undefined;
  }

  customerBrief(id: string): CustomerBrief | undefined {
    return this.statements.customerBrief.get(id) as CustomerBrief | undefined;
  }

  /** Catalogue items by id, with what a price and an eligibility check need. */
  catalogueTerms(ids: readonly string[]): Map<string, CatalogueTerms> {
    if (ids.length === 0) return new Map();
    const rows = this.statements.catalogueTerms.all(JSON.stringify([...new Set(ids)])) as RawTerms[];
    return new Map(rows.map((row) => [row.id, toTerms(row)]));
  }

  /** Active promotions (the caller checks validity and segment at its moment). */
  promotions(): CatalogueTerms[] {
    return (this.statements.promotions.all() as RawTerms[]).map(toTerms);
  }

  departmentByCode(code: string): DepartmentRef | undefined {
    return this.statements.departmentByCode.get(code) as DepartmentRef | undefined;
  }

  departments(): DepartmentRef[] {
    return this.statements.departments.all() as DepartmentRef[];
  }
}
