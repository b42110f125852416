// Orders and their lines: insert (one outbox row for the order with its lines), a customer's latest.
// Plain Node. Amounts are integers in minor units.
import type Database from 'better-sqlite3';
import { OutboxWriter } from './outboxWriter.js';

export type OrderStatus = 'submitted' | 'fulfilled' | 'cancelled';

export interface NewOrderLine {
  id: string;
  catalogueItemId: string | null;
  promotionId: string | null;
  description: string;
  quantity: number;
  unitPriceMinor: number;
  discountMinor: number;
}

export interface NewOrder {
  id: string;
  customerId: string | null;
  interactionId: string | null;
  status: OrderStatus;
  currency: string;
  lines: NewOrderLine[];
}

export interface OrderRow {
  id: string;
  status: OrderStatus;
  currency: string;
  totalMinor: number;
  createdAt: number;
  lines: { description: string; quantity: number; lineTotalMinor: number }[];
}

export function lineTotal(line: Pick<NewOrderLine, 'quantity' | 'unitPriceMinor' | 'discountMinor'>): number {
  return line.quantity * line.unitPriceMinor - line.discountMinor;
}

export class OrderRepository {
  private readonly outbox: OutboxWriter;
  private readonly statements;

  constructor(private readonly sqlite: Database.Database) {
    this.outbox = new OutboxWriter(sqlite);
    this.statements = {
      insertOrder:
        sqlite.prepare(`INSERT INTO orders (id, customer_id, interaction_id, status, currency, total_minor, created_at, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
      insertLine:
        sqlite.prepare(`INSERT INTO order_lines (id, order_id, position, catalogue_item_id, promotion_id, description, quantity,
        unit_price_minor, discount_minor, line_total_minor) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      latest: sqlite.prepare(`SELECT id, status, currency, total_minor AS totalMinor, created_at AS createdAt FROM orders
        WHERE customer_id = ? ORDER BY created_at DESC, id DESC LIMIT ?`),
      linesOf:
        sqlite.prepare(`SELECT order_id AS orderId, description, quantity, line_total_minor AS lineTotalMinor FROM order_lines
        WHERE order_id IN (SELECT value FROM json_each(?)) ORDER BY order_id, position`),
    };
  }

  /** Inserts the order, its lines and one outbox row, in one transaction (or the caller's). Returns the total. */
  insert(order: NewOrder, now: number): number {
    const total = order.lines.reduce((sum, line) => sum + lineTotal(line), 0);
    this.sqlite
      .transaction(() => {
        this.statements.insertOrder.run(
          order.id,
          order.customerId,
          order.interactionId,
          order.status,
          order.currency,
          total,
          now,
          now,
        );
        order.lines.forEach((line, position) =>
          this.statements.insertLine.run(
            line.id,
            order.id,
            position,
            line.catalogueItemId,
            line.promotionId,
            line.description,
            line.quantity,
            line.unitPriceMinor,
            line.discountMinor,
            lineTotal(line),
          ),
        );
        this.outbox.append(
          { entity: 'order', entityId: order.id, operation: 'insert', payload: { ...order, totalMinor: total, createdAt: now } },
          now,
        );
      })
      .immediate();
    return total;
  }

  /** A customer's latest orders with their lines, newest first. */
  latest(customerId: string, limit: number): OrderRow[] {
    const orders = this.statements.latest.all(customerId, limit) as Omit<OrderRow, 'lines'>[];
    if (orders.length === 0) return [];
    const lines = this.statements.linesOf.all(JSON.stringify(orders.map((o) => o.id))) as (OrderRow['lines'][number] & {
      orderId: string;
    })[];
    return orders.map((order) => ({
      ...order,
      lines: lines.filter((line) => line.orderId === order.id).map(({ orderId: _orderId, ...line }) => line),
    }));
  }
}
