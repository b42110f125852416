// Interactions (calls and notes in a customer's history): insert with outbox, the card's latest, export.
// Plain Node.
import type Database from 'better-sqlite3';
import { OutboxWriter } from './outboxWriter.js';

export interface NewInteraction {
  id: string;
  customerId: string | null;
  callId: string | null;
  kind: 'call' | 'note';
  direction: 'inbound' | 'outbound' | null;
  outcome: string | null;
  notes: string | null;
  agent: string | null;
  occurredAt: number;
}

export interface InteractionRow extends NewInteraction {
  /** From the linked call, when there is one. */
  durationMs: number | null;
  e164: string | null;
}

export interface InteractionExportRow extends InteractionRow {
  outcomeSubcode: string | null;
  customerExternalId: string | null;
  customerName: string | null;
  /** The linked call's times (ms since epoch), when there is a call. */
  callInviteAt: number | null;
  callAnswerAt: number | null;
  callEndAt: number | null;
}

const columns = `i.id, i.customer_id AS customerId, i.call_id AS callId, i.kind, i.direction, i.outcome, i.notes, i.agent,
  i.occurred_at AS occurredAt, c.duration_ms AS durationMs, c.e164`;

export class InteractionRepository {
  private readonly outbox: OutboxWriter;
  private readonly statements;

  constructor(sqlite: Database.Database) {
    this.outbox = new OutboxWriter(sqlite);
    this.statements = {
      insert:
        sqlite.prepare(`INSERT INTO interactions (id, customer_id, call_id, kind, direction, outcome, notes, agent, occurred_at, created_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      latest: sqlite.prepare(`SELECT ${columns} FROM interactions i LEFT JOIN calls c ON c.id = i.call_id
        WHERE i.customer_id = ? ORDER BY i.occurred_at DESC, i.id DESC LIMIT ?`),
      exportRows: sqlite.prepare(`SELECT ${columns}, i.outcome_subcode AS outcomeSubcode,
        cu.external_id AS customerExternalId, cu.name AS customerName,
        c.invite_at AS callInviteAt, c.answer_at AS callAnswerAt, c.end_at AS callEndAt
        FROM interactions i LEFT JOIN calls c ON c.id = i.call_id LEFT JOIN customers cu ON cu.id = i.customer_id
        ORDER BY i.occurred_at, i.id`),
      count: sqlite.prepare('SELECT count(*) FROM interactions').pluck(),
    };
  }

  insert(interaction: NewInteraction, now: number): void {
    const i = interaction;
    this.statements.insert.run(i.id, i.customerId, i.callId, i.kind, i.direction, i.outcome, i.notes, i.agent, i.occurredAt, now);
    this.outbox.append({ entity: 'interaction', entityId: i.id, operation: 'insert', payload: i }, now);
  }

  /** The customer's latest interactions, newest first. */
  latest(customerId: string, limit: number): InteractionRow[] {
    return this.statements.latest.all(customerId, limit) as InteractionRow[];
  }

  count(): number {
    return Number(this.statements.count.get());
  }

  /** Every interaction, oldest first, streamed (CSV/XLSX export). */
  exportRows(): IterableIterator<InteractionExportRow> {
    return this.statements.exportRows.iterate() as IterableIterator<InteractionExportRow>;
  }
}
