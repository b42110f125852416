// The read side of the customer store behind one asynchronous interface. Plain Node (core).
// Architecture §4: search must never freeze the call controls. Every read the UI waits on goes through
// CustomerQueries, whose arguments and results are plain data (structured-cloneable); the in-process
// implementation below answers from the same connection, and a worker_thread implementation can answer
// from its own read-only connection (WAL lets it read while main writes) without changing any caller.
import type Database from 'better-sqlite3';
import { CustomerRepository, type CustomerRow } from '../../../db/repositories/customers.js';
import { InteractionRepository, type InteractionRow } from '../../../db/repositories/interactions.js';
import { OrderRepository } from '../../../db/repositories/orders.js';
import { TicketRepository } from '../../../db/repositories/tickets.js';
import {
  customerLimits as L,
  type CallerLookup,
  type Customer,
  type CustomerCard,
  type CustomerHit,
} from '../../shared/ipc/customers.js';
import { formatForDisplay } from '../phone/index.js';
import { cap } from './customerFields.js';
import { runSearch, type SearchPlan } from './customerSearch.js';

export interface CustomerQueries {
  search(plan: SearchPlan, limit: number): Promise<CustomerHit[]>;
  card(id: string): Promise<CustomerCard | undefined>;
  lookupCaller(e164: string): Promise<CallerLookup>;
}

/** How much history a card carries: what fits on the card without scrolling through years. */
export const cardLimits = { openTickets: 10, lastOrders: 5, lastInteractions: 10, callerMatches: 5, callerCount: 50 } as const;

/** The repositories the read side needs, on one connection. */
export class CustomerReaders {
  readonly customers: CustomerRepository;
  readonly interactions: InteractionRepository;
  readonly tickets: TicketRepository;
  readonly orders: OrderRepository;

  constructor(sqlite: Database.Database) {
    this.customers = new CustomerRepository(sqlite);
    this.interactions = new InteractionRepository(sqlite);
    this.tickets = new TicketRepository(sqlite);
    this.orders = new OrderRepository(sqlite);
  }

  /**
   * The customer as the contract shows it, with numbers formatted for display. Text is cut to the
   * contract's limits: a record the CRM filled more generously still shows (and never fails the card).
   */
  customer(row: CustomerRow): Customer {
    const { seq: _seq, ...fields } = row;
    const phones = this.customers
      .phones([row.id])
      .slice(0, 100)
      .map((phone) => ({ e164: phone.e164, label: cap(phone.label, L.phoneLabel), display: formatForDisplay(phone.e164) }));
    return {
      ...fields,
      externalId: cap(fields.externalId, L.externalId),
      name: cap(fields.name, L.name) ?? '',
      company: cap(fields.company, L.company),
      segment: cap(fields.segment, L.segment),
      language: cap(fields.language, L.language),
      accountNumber: cap(fields.accountNumber, L.accountNumber),
      tariff: cap(fields.tariff, L.tariff),
      services: fields.services.slice(0, L.services).map((service) => cap(service, L.service) ?? ''),
      address: cap(fields.address, L.address),
      city: cap(fields.city, L.city),
      email: cap(fields.email, L.email),
      notes: cap(fields.notes, L.notes),
      phones,
    };
  }

  card(id: string): CustomerCard | undefined {
    const row = this.customers.get(id);
    return row && this.cardOf(row);
  }

  cardOf(row: CustomerRow): CustomerCard {
    return {
      customer: this.customer(row),
      openTickets: this.tickets.open(row.id, cardLimits.openTickets).map(({ departmentName, ...ticket }) => ({
        ...ticket,
        subject: cap(ticket.subject, 500) ?? '',
        description: cap(ticket.description, L.notes),
        department: cap(departmentName, 200),
      })),
      lastOrders: this.orders.latest(row.id, cardLimits.lastOrders).map((order) => ({
        ...order,
        lines: order.lines.slice(0, 100).map((line) => ({ ...line, description: cap(line.description, 500) ?? '' })),
      })),
      lastInteractions: this.interactions.latest(row.id, cardLimits.lastInteractions).map(interactionSummary),
    };
  }

  /** Everyone with this number: the first few as full cards (most recently updated first), and the count. */
  lookupCaller(e164: string): CallerLookup {
    const ids = this.customers.idsByE164(e164, cardLimits.callerCount);
    const rows = this.customers.getMany(ids).sort((a, b) => b.updatedAt - a.updatedAt || a.seq - b.seq);
    return { e164, total: ids.length, matches: rows.slice(0, cardLimits.callerMatches).map((row) => this.cardOf(row)) };
  }
}

export function interactionSummary(row: InteractionRow): CustomerCard['lastInteractions'][number] {
  return {
    id: row.id,
    kind: row.kind,
    direction: row.direction,
    outcome: cap(row.outcome, 200),
    notes: cap(row.notes, L.notes),
    agent: cap(row.agent, 200),
    occurredAt: row.occurredAt,
    callId: row.callId,
    durationMs: row.durationMs,
  };
}

/** Answers on the caller's connection, synchronously underneath: fine while each query stays in budget. */
export class InProcessCustomerQueries implements CustomerQueries {
  constructor(private readonly readers: CustomerReaders) {}

  search(plan: SearchPlan, limit: number): Promise<CustomerHit[]> {
    return Promise.resolve(runSearch(this.readers.customers, plan, limit));
  }

  card(id: string): Promise<CustomerCard | undefined> {
    return Promise.resolve(this.readers.card(id));
  }

  lookupCaller(e164: string): Promise<CallerLookup> {
    return Promise.resolve(this.readers.lookupCaller(e164));
  }
}
