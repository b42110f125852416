// Read-only queries behind a customer's history: a page of interactions with their call and script, and the
// tickets, orders (with lines) and callbacks filed with them. Plain Node.
// Budget: one range of interactions_customer (customer, time) with a LIMIT, then lookups by primary key and
// by the customer indexes of tickets / orders / callbacks, restricted to the page's interaction ids.
import type Database from 'better-sqlite3';
import type { OrderStatus } from './orders.js';
import type { TicketKind, TicketPriority, TicketStatus } from './tickets.js';

export interface HistoryInteractionRow {
  id: string;
  kind: 'call' | 'note';
  direction: 'inbound' | 'outbound' | null;
  outcome: string | null;
  outcomeSubcode: string | null;
  scriptId: string | null;
  /** JSON text as stored (the SCRIPTS part of the wrap-up); parsed by core. */
  scriptRun: string | null;
  /** JSON text as stored (the disposition's custom fields, and `_`-keys such as the timeout's mark); parsed by core. */
  customFields: string | null;
  notes: string | null;
  agent: string | null;
  occurredAt: number;
  callId: string | null;
  callDirection: 'inbound' | 'outbound' | null;
  callE164: string | null;
  callInviteAt: number | null;
  callAnswerAt: number | null;
  callEndAt: number | null;
  callDurationMs: number | null;
}

export interface HistoryScriptRow {
  id: string;
  name: string;
  version: number;
  /** JSON text of the validated script definition. */
  definition: string;
}

export interface HistoryTicketRow {
  id: string;
  interactionId: string;
  kind: TicketKind;
  status: TicketStatus;
  priority: TicketPriority;
  subject: string;
  department: string | null;
  createdAt: number;
}

export interface HistoryOrderRow {
  id: string;
  interactionId: string;
  status: OrderStatus;
  currency: string;
  totalMinor: number;
  createdAt: number;
}

export interface HistoryOrderLineRow {
  orderId: string;
  description: string;
  quantity: number;
  unitPriceMinor: number;
  discountMinor: number;
  lineTotalMinor: number;
}

export interface HistoryCallbackRow {
  id: string;
  interactionId: string;
  dueAt: number;
  assignee: string | null;
  status: 'scheduled' | 'notified' | 'done' | 'cancelled';
  note: string | null;
}

const interactionColumns = `i.id, i.kind, i.direction, i.outcome, i.outcome_subcode AS outcomeSubcode, i.script_id AS scriptId,
  i.script_run AS scriptRun, i.custom_fields AS customFields, i.notes, i.agent, i.occurred_at AS occurredAt, c.id AS callId, c.direction AS callDirection,
  c.e164 AS callE164, c.invite_at AS callInviteAt, c.answer_at AS callAnswerAt, c.end_at AS callEndAt,
  c.duration_ms AS callDurationMs`;

/** The page's interaction ids as a JSON list, matched with json_each (one statement whatever the page size). */
const inPage = (column: string) => `${column} IN (SELECT value FROM json_each(@ids))`;

export class CustomerHistoryRepository {
  private readonly statements;

  constructor(sqlite: Database.Database) {
    const prepare = (source: string) => sqlite.prepare(source);
    this.statements = {
      newest: prepare(`SELECT ${interactionColumns} FROM interactions i LEFT JOIN calls c ON c.id = i.call_id
        WHERE i.customer_id = @customerId ORDER BY i.occurred_at DESC, i.id DESC LIMIT @limit`),
      // (occurred_at, id) < (before): the same time with a smaller id still belongs to the next page.
      older: prepare(`SELECT ${interactionColumns} FROM interactions i LEFT JOIN calls c ON c.id = i.call_id
        WHERE i.customer_id = @customerId AND i.occurred_at <= @beforeAt AND (i.occurred_at < @beforeAt OR i.id < @beforeId)
        ORDER BY i.occurred_at DESC, i.id DESC LIMIT @limit`),
      scripts: prepare(`SELECT id, name, version, definition FROM call_scripts WHERE id IN (SELECT value FROM json_each(?))`),
      tickets: prepare(`SELECT t.id, t.interaction_id AS interactionId, t.kind, t.status, t.priority, t.subject,
        d.name AS department, t.created_at AS createdAt
        FROM tickets t LEFT JOIN departments d ON d.id = t.department_id
        WHERE t.customer_id = @customerId AND ${inPage('t.interaction_id')} ORDER BY t.created_at, t.id`),
      orders: prepare(`SELECT id, interaction_id AS interactionId, status, currency, total_minor AS totalMinor,
        created_at AS createdAt FROM orders
        WHERE customer_id = @customerId AND ${inPage('interaction_id')} ORDER BY created_at, id`),
      orderLines: prepare(`SELECT order_id AS orderId, description, quantity, unit_price_minor AS unitPriceMinor,
        discount_minor AS discountMinor, line_total_minor AS lineTotalMinor FROM order_lines
        WHERE order_id IN (SELECT value FROM json_each(?)) ORDER BY order_id, position`),
      callbacks: prepare(`SELECT id, interaction_id AS interactionId, due_at AS dueAt, assignee, status, note FROM callbacks
        WHERE customer_id = @customerId AND ${inPage('interaction_id')} ORDER BY due_at, id`),
    };
  }

  /** The customer's interactions, newest first, strictly older than `before` when given; at most `limit`. */
  interactions(
    customerId: string,
    before: { occurredAt: number; id: string } | undefined,
    limit: number,
  ): HistoryInteractionRow[] {
    return (
      before === undefined
        ? this.statements.newest.all({ customerId, limit })
        : this.statements.older.all({ customerId, beforeAt: before.occurredAt, beforeId: before.id, limit })
    ) as HistoryInteractionRow[];
  }

  scripts(ids: readonly string[]): HistoryScriptRow[] {
    return ids.length === 0 ? [] : (this.statements.scripts.all(JSON.stringify(ids)) as HistoryScriptRow[]);
  }

  /**
   * Tickets, orders (with lines) and callbacks the customer has that were filed with one of `interactionIds`.
   * Looked up through the customer indexes: a wrap-up files them under the interaction's customer.
   */
  filedWith(
    customerId: string,
    interactionIds: readonly string[],
  ): { tickets: HistoryTicketRow[]; orders: HistoryOrderRow[]; lines: HistoryOrderLineRow[]; callbacks: HistoryCallbackRow[] } {
    if (interactionIds.length === 0) return { tickets: [], orders: [], lines: [], callbacks: [] };
    const parameters = { customerId, ids: JSON.stringify(interactionIds) };
    const orders = this.statements.orders.all(parameters) as HistoryOrderRow[];
    return {
      tickets: this.statements.tickets.all(parameters) as HistoryTicketRow[],
      orders,
      lines:
        orders.length === 0
          ? []
          : (this.statements.orderLines.all(JSON.stringify(orders.map((order) => order.id))) as HistoryOrderLineRow[]),
      callbacks: this.statements.callbacks.all(parameters) as HistoryCallbackRow[],
    };
  }
}
