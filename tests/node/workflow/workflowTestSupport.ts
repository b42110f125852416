// Test support for the wrap-up: a real SQLite file in a temp dir seeded with the demo workspace
// (departments, catalogue with promotions, customers with segments and languages), a WrapUpService and a
// CallbackScheduler on it, a manual clock, the events they sent and a stand-in softphone (live calls).
import { join } from 'node:path';
import { openDatabase, type AppDatabase } from '../../../db/database.js';
import { newId } from '../../../db/ids.js';
import { CallLogRepository } from '../../../db/repositories/callLog.js';
import { CatalogueRepository, type CatalogueItem } from '../../../db/repositories/catalogue.js';
import { CustomerService } from '../../../electron/core/customers/customerService.js';
import { seedDemoWorkspace } from '../../../electron/core/customers/demoWorkspace.js';
import { MemoryLogger } from '../../../electron/core/log/memoryLogger.js';
import type { EventSink } from '../../../electron/core/ports.js';
import { CallbackScheduler, type CallbackNotifier } from '../../../electron/core/workflow/callbackScheduler.js';
import { WrapUpService } from '../../../electron/core/workflow/wrapUpService.js';
import type { EventName, EventPayload } from '../../../electron/shared/ipc/contract.js';
import type { OrderLine } from '../../../electron/shared/ipc/wrapUp.js';
import { builtinDispositions, type Disposition } from '../../../electron/shared/workflow.js';
import { ManualClock } from '../../support/manualClock.js';
import { migrationsFolder } from '../../support/paths.js';

export interface Emitted {
  name: EventName;
  payload: unknown;
}

export interface WorkflowDesk {
  database: AppDatabase;
  clock: ManualClock;
  logger: MemoryLogger;
  events: Emitted[];
  customers: CustomerService;
  wrapUp: WrapUpService;
  scheduler: CallbackScheduler;
  /** Calls the stand-in softphone still has, by id. */
  live: Map<string, { number: string | null; displayName: string | null }>;
  /** What onSubmitted was told (seam 2). */
  submitted: { callId: string | null; disposition: string }[];
  notified: string[];
  agent: { id: string };
  dispositions: Disposition[];
  customerId(ref: string): string;
  item(code: string): CatalogueItem;
  /** An order line as the catalogue panel's "Offer" sends it. */
  offer(code: string, quantity?: number, promotionCode?: string): OrderLine;
  /** A finished call in the call log (what SipService writes when a call ends). */
  logCall(e164: string | null, id?: string): string;
  count(table: string): number;
  emitted<K extends EventName>(name: K): EventPayload<K>[];
  /** A second scheduler on the same file, as after a restart. */
  restartScheduler(): CallbackScheduler;
  close(): void;
}

/** Settings a centre might provision: the built-in set plus a form with every field type. */
export const testDispositions: Disposition[] = [
  ...builtinDispositions,
  {
    code: 'survey',
    label: { en: 'Survey done', tr: 'Anket yapıldı', ru: 'Опрос проведён' },
    flags: ['positiveContact'],
    subcodes: [],
    fields: [
      { id: 'score', label: { en: 'Score' }, type: 'number', required: true, min: 1, max: 10 },
      { id: 'visit', label: { en: 'Store visit' }, type: 'date', required: false },
      { id: 'comment', label: { en: 'Comment' }, type: 'text', required: false, maxLength: 20 },
      {
        id: 'topics',
        label: { en: 'Topics' },
        type: 'multiChoice',
        required: false,
        options: [
          { value: 'price', label: { en: 'Price' } },
          { value: 'coverage', label: { en: 'Coverage' } },
        ],
      },
    ],
  },
];

export function openWorkflowDesk(dir: string, options: { notifier?: boolean; dbFile?: string } = {}): WorkflowDesk {
  const database = openDatabase({ path: join(dir, options.dbFile ?? 'agentdesk.db'), migrationsFolder, onDamaged: 'fail' });
  const clock = new ManualClock();
  const logger = new MemoryLogger();
  const events: Emitted[] = [];
  const sink: EventSink = {
    emit(name, payload) {
      events.push({ name, payload });
    },
  };
  const customers = new CustomerService({ database, clock, events: sink, logger, defaultCountry: () => 'TR' });
  seedDemoWorkspace(customers);
  const live = new Map<string, { number: string | null; displayName: string | null }>();
  const submitted: WorkflowDesk['submitted'] = [];
  const notified: string[] = [];
  const agent = { id: '1001' };
  const dispositions = structuredClone(testDispositions);
  const notifier: CallbackNotifier | undefined = options.notifier === false ? undefined : { notify: (c) => notified.push(c.id) };
  const makeScheduler = () => new CallbackScheduler({ database, clock, events: sink, logger, agent: () => agent.id, notifier });
  const scheduler = makeScheduler();
  const wrapUp = new WrapUpService({
    database,
    clock,
    events: sink,
    logger,
    dispositions: () => dispositions,
    agent: () => agent.id,
    deskLanguage: () => 'en',
    defaultCountry: () => 'TR',
    liveCall: (callId) => live.get(callId),
    onSubmitted: (callId, disposition) => submitted.push({ callId, disposition }),
    onCustomersChanged: (ids) => customers.changed('interaction', ids),
    onCallbacksCreated: () => scheduler.reschedule(),
  });
  const catalogue = new CatalogueRepository(database.sqlite);
  const calls = new CallLogRepository(database.sqlite);

  const item = (code: string) => {
    const found = catalogue.itemByCode(code);
    if (!found) throw new Error(`no catalogue item ${code}`);
    return found;
  };
  return {
    database,
    clock,
    logger,
    events,
    customers,
    wrapUp,
    scheduler,
    live,
    submitted,
    notified,
    agent,
    dispositions,
    customerId(ref) {
      const id = customers.repository.idByExternalId(`DEMO-${ref}`);
      if (!id) throw new Error(`no demo customer ${ref}`);
      return id;
    },
    item,
    offer(code, quantity = 1, promotionCode) {
      const found = item(code);
      return {
        catalogueItemId: found.id,
        description: found.name,
        quantity,
        unitPriceMinor: found.priceMinor ?? 0,
        currency: found.currency ?? 'TRY',
        ...(promotionCode ? { promotionId: item(promotionCode).id } : {}),
      };
    },
    logCall(e164, id = newId()) {
      const now = clock.now();
      calls.insert(
        {
          id,
          direction: 'inbound',
          rawCallerId: e164,
          e164,
          displayName: null,
          line: 1,
          inviteAt: now - 120_000,
          answerAt: now - 110_000,
          endAt: now - 5_000,
          durationMs: 105_000,
          hungUpBy: 'remote',
          sipCode: null,
          sipReason: 'completed',
          quality: null,
        },
        now,
      );
      return id;
    },
    count(table) {
      return Number(database.sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get());
    },
    emitted(name) {
      return events.filter((event) => event.name === name).map((event) => event.payload) as never;
    },
    restartScheduler: makeScheduler,
    close() {
      scheduler.stop();
      database.close();
    },
  };
}
