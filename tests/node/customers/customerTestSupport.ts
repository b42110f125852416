// Test support for the customer store: a real SQLite file in a temp dir, a CustomerService on it,
// a settable clock and the events it emitted; and a customer with a logged call for the export tests.
import { join } from 'node:path';
import { openDatabase, type AppDatabase } from '../../../db/database.js';
import { CallLogRepository } from '../../../db/repositories/callLog.js';
import { CustomerService } from '../../../electron/core/customers/customerService.js';
import type { Clock, EventSink } from '../../../electron/core/ports.js';
import { MemoryLogger } from '../../../electron/core/log/memoryLogger.js';
import type { EventName, EventPayload } from '../../../electron/shared/ipc/contract.js';
import type { Customer } from '../../../electron/shared/ipc/customers.js';
import { migrationsFolder } from '../../support/paths.js';

export class TestClock implements Clock {
  constructor(public time = Date.UTC(2026, 10, 28, 9, 0, 0)) {}
  now() {
    return this.time;
  }
  setTimeout(callback: () => void, ms: number) {
    const timer = setTimeout(callback, ms);
    return { cancel: () => clearTimeout(timer) };
  }
}

export interface EmittedEvent {
  name: EventName;
  payload: unknown;
}

export interface TestStore {
  database: AppDatabase;
  service: CustomerService;
  clock: TestClock;
  events: EmittedEvent[];
  logger: MemoryLogger;
  count(table: string): number;
  close(): void;
}

export function openTestStore(dir: string, options: { country?: 'TR' | 'RU' | 'US'; alsoEmitTo?: EventSink } = {}): TestStore {
  const database = openDatabase({ path: join(dir, 'agentdesk.db'), migrationsFolder, onDamaged: 'fail' });
  const clock = new TestClock();
  const events: EmittedEvent[] = [];
  const sink: EventSink = {
    emit<K extends EventName>(name: K, payload: EventPayload<K>) {
      events.push({ name, payload });
      options.alsoEmitTo?.emit(name, payload);
    },
  };
  const logger = new MemoryLogger();
  const service = new CustomerService({
    database,
    clock,
    events: sink,
    logger,
    defaultCountry: () => options.country ?? 'TR',
    agent: () => '1001',
  });
  return {
    database,
    service,
    clock,
    events,
    logger,
    count: (table) => (database.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n,
    close: () => database.close(),
  };
}

/**
 * Zeynep İnce with an answered inbound call (`call-1`: INVITE a minute before the clock's now, answered 4 s later,
 * 45.4 s talk) in the call log and a 'sale' call interaction on it — what the CSV and XLSX interaction exports
 * are checked against. `invite` is the call's INVITE time; each test adds its own note interaction.
 */
export async function seedCustomerWithCall(store: TestStore): Promise<{ customer: Customer; invite: number }> {
  const { customer } = await store.service.create({ name: 'Zeynep İnce', phones: [{ number: '0532 123 45 67' }] });
  const invite = store.clock.time - 60_000;
  new CallLogRepository(store.database.sqlite).insert(
    {
      id: 'call-1',
      direction: 'inbound',
      rawCallerId: 'sip:05321234567@pbx',
      e164: '+905321234567',
      displayName: null,
      line: 1,
      inviteAt: invite,
      answerAt: invite + 4_000,
      endAt: invite + 49_400,
      durationMs: 45_400,
      hungUpBy: 'remote',
      sipCode: 200,
      sipReason: 'OK',
      quality: null,
    },
    store.clock.time,
  );
  store.service.addInteraction({
    customerId: customer.id,
    kind: 'call',
    callId: 'call-1',
    direction: 'inbound',
    outcome: 'sale',
  });
  return { customer, invite };
}
