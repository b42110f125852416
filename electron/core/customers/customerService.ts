// CustomerService: the customer store as core uses it — caller card, search, create/edit, notes, and
// keeping the folded search indexes current. Plain Node (core). Reads go through CustomerQueries
// (movable to a worker); writes go through the repositories, each with its outbox row, one transaction.
import { performance } from 'node:perf_hooks';
import type { AppDatabase } from '../../../db/database.js';
import { newId } from '../../../db/ids.js';
import { CatalogueRepository } from '../../../db/repositories/catalogue.js';
import type { CustomerChange, CustomerFields, CustomerRow } from '../../../db/repositories/customers.js';
import { indexFoldVersion, recordIndexBuilt } from '../../../db/repositories/searchIndexState.js';
import type { EventPayload } from '../../shared/ipc/contract.js';
import type {
  CallerLookup,
  CreateCustomerArgs,
  CustomerChangeReason,
  CustomerCard,
  CustomerHit,
  UpdateCustomerArgs,
} from '../../shared/ipc/customers.js';
import { customerLimits } from '../../shared/ipc/customers.js';
import { CommandFailure } from '../../shared/ipc/result.js';
import { FOLD_VERSION, searchTokens } from '../../shared/text/fold.js';
import type { CountryCode } from '../phone/index.js';
import type { Clock, EventSink, Logger } from '../ports.js';
import {
  accountKey,
  cleanCustomerFields,
  cleanMultiline,
  customerSearchDocument,
  normalizePhones,
  withDefaults,
  type FieldProblem,
} from './customerFields.js';
import { CustomerReaders, InProcessCustomerQueries, interactionSummary, type CustomerQueries } from './customerQueries.js';
import { planSearch } from './customerSearch.js';

export interface CustomerServiceOptions {
  /** The open database: `sqlite` for the repositories, `db` (drizzle) for the audit log. */
  database: Pick<AppDatabase, 'sqlite' | 'db'>;
  clock: Clock;
  events: EventSink;
  logger: Logger;
  /** Country for numbers typed without a country code (a setting; read on every use). */
  defaultCountry: () => CountryCode | undefined;
  /** Who is editing, for interactions and the audit trail (the operator's SIP user). */
  agent?: () => string | null;
  /** Where reads run; by default on this connection. */
  queries?: CustomerQueries;
}

/** A search slower than this is logged: it means the budget (LIMITs, prefix indexes) no longer holds. */
export const SEARCH_BUDGET_MS = 20;

export interface NewInteractionInput {
  customerId: string | null;
  callId?: string | null;
  kind: 'call' | 'note';
  direction?: 'inbound' | 'outbound' | null;
  outcome?: string | null;
  notes?: string | null;
  occurredAt?: number;
}

export class CustomerService {
  readonly readers: CustomerReaders;
  readonly queries: CustomerQueries;
  private readonly options: CustomerServiceOptions;
  private searches = 0;
  private readonly changeListeners = new Set<(change: EventPayload<'customers:changed'>) => void>();

  constructor(options: CustomerServiceOptions) {
    this.options = options;
    this.readers = new CustomerReaders(options.database.sqlite);
    this.queries = options.queries ?? new InProcessCustomerQueries(this.readers);
    this.ensureSearchIndexes();
  }

  get repository() {
    return this.readers.customers;
  }

  get database(): Pick<AppDatabase, 'sqlite' | 'db'> {
    return this.options.database;
  }

  now(): number {
    return this.options.clock.now();
  }

  agent(): string | null {
    return this.options.agent?.() ?? null;
  }

  defaultCountry(): CountryCode | undefined {
    return this.options.defaultCountry();
  }

  async search(query: string, limit = 20): Promise<CustomerHit[]> {
    const started = performance.now();
    const plan = planSearch(query, { defaultCountry: this.defaultCountry() });
    const hits = await this.queries.search(plan, Math.min(Math.max(1, limit), customerLimits.searchResults));
    const took = performance.now() - started;
    // The process's first search also pays for loading phone metadata and compiling; it is not a budget breach.
    if (took > SEARCH_BUDGET_MS && this.searches++ > 0)
      this.options.logger.warn('customer search over budget', { ms: Math.round(took), terms: plan.tokens.length });
    return hits;
  }

  async card(id: string): Promise<CustomerCard> {
    const card = await this.queries.card(id);
    if (!card) throw new CommandFailure('not_found', 'No such customer');
    return card;
  }

  /** The ringing call's card(s): main calls this with the E.164 number before or with the ringing event. */
  lookupCaller(e164: string): Promise<CallerLookup> {
    return this.queries.lookupCaller(e164);
  }

  async create(args: CreateCustomerArgs): Promise<CustomerCard> {
    const { phones: phoneInputs, ...input } = args;
    const cleaned = cleanCustomerFields(input, true);
    const phones = normalizePhones(phoneInputs ?? [], this.defaultCountry());
    failOnProblems([...cleaned.problems, ...phones.problems]);
    const fields = withDefaults(cleaned.fields);
    const id = newId();
    const now = this.options.clock.now();
    this.repository.transaction(() =>
      this.repository.insert(
        {
          ...fields,
          id,
          externalId: null,
          accountKey: accountKey(fields.accountNumber),
          phones: phones.phones,
          search: customerSearchDocument(fields),
        },
        now,
      ),
    );
    this.changed('created', [id]);
    return this.card(id);
  }

  /**
   * Applies the fields that really changed, as field-level changes made against `expectedVersion`.
   * A customer changed since the form was loaded answers `conflict` (the UI reloads and shows it).
   */
  async update(args: UpdateCustomerArgs): Promise<CustomerCard> {
    const cleaned = cleanCustomerFields(args.changes, false);
    const phones = args.phones ? normalizePhones(args.phones, this.defaultCountry()) : undefined;
    failOnProblems([...cleaned.problems, ...(phones?.problems ?? [])]);
    const now = this.options.clock.now();
    const changedAny = this.repository.transaction(() => {
      const current = this.repository.get(args.id);
      if (!current) throw new CommandFailure('not_found', 'No such customer');
      if (current.version !== args.expectedVersion) {
        throw new CommandFailure(
          'conflict',
          `The customer was changed (version ${current.version}, the form has ${args.expectedVersion}); reload it`,
        );
      }
      const change = customerChange(current, cleaned.fields);
      if (phones) {
        const existing = this.repository.phones([current.id]).map(({ e164, label }) => ({ e164, label }));
        if (JSON.stringify(existing) !== JSON.stringify(phones.phones)) change.replacePhones = phones.phones;
      }
      if (Object.keys(change.fields).length === 0 && !change.replacePhones) return false;
      this.repository.update(current, change, now);
      return true;
    });
    if (changedAny) this.changed('updated', [args.id]);
    return this.card(args.id);
  }

  /** Adds a note (or a call outcome) to a customer's history; open cards update through `customers:changed`. */
  addInteraction(input: NewInteractionInput): CustomerCard['lastInteractions'][number] {
    if (input.customerId !== null && !this.repository.get(input.customerId))
      throw new CommandFailure('not_found', 'No such customer');
    const now = this.options.clock.now();
    const notes =
      input.notes === null || input.notes === undefined ? null : cleanMultiline(input.notes).slice(0, customerLimits.notes);
    const interaction = {
      id: newId(),
      customerId: input.customerId,
      callId: input.callId ?? null,
      kind: input.kind,
      direction: input.direction ?? null,
      outcome: input.outcome ?? null,
      notes: notes === '' ? null : notes,
      agent: this.agent(),
      occurredAt: input.occurredAt ?? now,
    };
    try {
      this.repository.transaction(() => this.readers.interactions.insert(interaction, now));
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_FOREIGNKEY')
        throw new CommandFailure('not_found', 'No such call');
      throw error;
    }
    if (input.customerId !== null) this.changed('interaction', [input.customerId]);
    return interactionSummary({ ...interaction, durationMs: null, e164: null });
  }

  /**
   * Tells open cards and lists to refresh (at most 100 ids; more means "refresh everything"). Whatever writes a
   * customer's history outside this class (a wrap-up filing a ticket or an order) calls it after its transaction,
   * so the caller card of a live call shows it at once.
   */
  changed(reason: CustomerChangeReason, customerIds: readonly string[]): void {
    const change = { reason, customerIds: customerIds.length > 100 ? [] : [...customerIds] };
    this.options.events.emit('customers:changed', change);
    for (const listener of [...this.changeListeners]) {
      try {
        listener(change);
      } catch (error) {
        // A listener's failure must not undo a write that has been committed.
        this.options.logger.error('customers:changed listener failed', { error: String(error) });
      }
    }
  }

  /** Core's own subscribers to customers:changed (the live caller cards); returns the unsubscribe. */
  onChanged(listener: (change: EventPayload<'customers:changed'>) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  /**
   * The FTS indexes hold text folded by this build's rules. A new database (state row missing) or a
   * build with new folding rules (FOLD_VERSION) refills them from the tables, once, at start-up.
   */
  ensureSearchIndexes(): void {
    const { database, clock, logger } = this.options;
    const { sqlite } = database;
    if (indexFoldVersion(sqlite, 'customer_fts') !== FOLD_VERSION) {
      const started = performance.now();
      const rows = this.repository.rebuildSearch(customerSearchDocument);
      recordIndexBuilt(sqlite, 'customer_fts', FOLD_VERSION, clock.now());
      if (rows > 0)
        logger.info('customer search index rebuilt', {
          rows,
          ms: Math.round(performance.now() - started),
          foldVersion: FOLD_VERSION,
        });
    }
    if (
      indexFoldVersion(sqlite, 'catalogue_fts') !== FOLD_VERSION ||
      indexFoldVersion(sqlite, 'knowledge_fts') !== FOLD_VERSION
    ) {
      new CatalogueRepository(sqlite).rebuildSearch(catalogueSearchDocument, articleSearchDocument);
      recordIndexBuilt(sqlite, 'catalogue_fts', FOLD_VERSION, clock.now());
      recordIndexBuilt(sqlite, 'knowledge_fts', FOLD_VERSION, clock.now());
    }
  }
}

export const catalogueSearchDocument = (item: { code: string; name: string; description: string | null }) => ({
  name: searchTokens(item.name).join(' '),
  code: searchTokens(item.code).join(' '),
  description: searchTokens(item.description).join(' '),
});

export const articleSearchDocument = (article: { title: string; tags: string[]; body: string }) => ({
  title: searchTokens(article.title).join(' '),
  tags: searchTokens(article.tags.join(' ')).join(' '),
  body: searchTokens(article.body).join(' '),
});

function failOnProblems(problems: FieldProblem[]): void {
  if (problems.length === 0) return;
  throw new CommandFailure(
    'invalid_args',
    problems.map((problem) => problem.message).join('; '),
    problems.map((problem) => ({ path: problem.field, message: problem.message })),
  );
}

const searchedFields = new Set<keyof CustomerFields>(['name', 'company', 'address', 'city', 'email', 'notes']);

/** Only the fields whose value differs from the stored record, plus what follows from them. */
export function customerChange(current: CustomerRow, fields: Partial<CustomerFields>): CustomerChange {
  const changed: Partial<CustomerFields> = {};
  for (const [name, value] of Object.entries(fields) as [keyof CustomerFields, CustomerFields[keyof CustomerFields]][]) {
    if (JSON.stringify(current[name]) !== JSON.stringify(value)) (changed as Record<string, unknown>)[name] = value;
  }
  const change: CustomerChange = { fields: changed };
  if ('accountNumber' in changed) change.accountKey = accountKey(changed.accountNumber ?? null);
  if (Object.keys(changed).some((name) => searchedFields.has(name as keyof CustomerFields))) {
    change.search = customerSearchDocument({ ...current, ...changed });
  }
  return change;
}
