// Test support for the customer store: a real SQLite file in a temp dir, a CustomerService on it,
// a settable clock and the events it emitted.
import { join } from 'node:path';
import { openDatabase, type AppDatabase } from '../../../db/database.js';
import { CustomerService } from '../../../electron/core/customers/customerService.js';
import type { Clock, EventSink } from '../../../electron/core/ports.js';
import { MemoryLogger } from '../../../electron/core/log/memoryLogger.js';
import type { EventName, EventPayload } from '../../../electron/shared/ipc/contract.js';
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
