// Tickets (complaints, requests, questions for a department): insert with outbox, a customer's open ones.
// Plain Node.
import type Database from 'better-sqlite3';
import { OutboxWriter } from './outboxWriter.js';

export type TicketKind = 'complaint' | 'request' | 'question';
export type TicketStatus = 'open' | 'in_progress' | 'resolved' | 'closed';
export type TicketPriority = 'low' | 'normal' | 'high' | 'urgent';

export interface NewTicket {
  id: string;
  customerId: string | null;
  interactionId: string | null;
  callId: string | null;
  kind: TicketKind;
  departmentId: string | null;
  status: TicketStatus;
  priority: TicketPriority;
  subject: string;
  description: string | null;
}

export interface TicketRow {
  id: string;
  kind: TicketKind;
  status: TicketStatus;
  priority: TicketPriority;
  subject: string;
  description: string | null;
  departmentName: string | null;
  createdAt: number;
}

export class TicketRepository {
  private readonly outbox: OutboxWriter;
  private readonly statements;

  constructor(sqlite: Database.Database) {
    this.outbox = new OutboxWriter(sqlite);
    this.statements = {
      insert:
        sqlite.prepare(`INSERT INTO tickets (id, customer_id, interaction_id, call_id, kind, department_id, status, priority,
        subject, description, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      open: sqlite.prepare(`SELECT t.id, t.kind, t.status, t.priority, t.subject, t.description, d.name AS departmentName,
        t.created_at AS createdAt FROM tickets t LEFT JOIN departments d ON d.id = t.department_id
        WHERE t.customer_id = ? AND t.status IN ('open', 'in_progress') ORDER BY t.created_at DESC, t.id DESC LIMIT ?`),
    };
  }

  insert(ticket: NewTicket, now: number): void {
    const t = ticket;
    this.statements.insert.run(
      t.id,
      t.customerId,
      t.interactionId,
      t.callId,
      t.kind,
      t.departmentId,
      t.status,
      t.priority,
      t.subject,
      t.description,
      now,
      now,
    );
    this.outbox.append({ entity: 'ticket', entityId: t.id, operation: 'insert', payload: { ...t, createdAt: now } }, now);
  }

  /** Open and in-progress tickets of a customer, newest first. */
  open(customerId: string, limit: number): TicketRow[] {
    return this.statements.open.all(customerId, limit) as TicketRow[];
  }
}
