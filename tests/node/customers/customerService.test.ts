// The customer commands through the real dispatcher and contract: caller card, create/edit with
// field-level outbox changes, notes, conflicts, and the outbox row every write adds.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../../../db/ids.js';
import { CallLogRepository } from '../../../db/repositories/callLog.js';
import { OrderRepository } from '../../../db/repositories/orders.js';
import { TicketRepository } from '../../../db/repositories/tickets.js';
import { customerHandlers } from '../../../electron/core/customers/customerHandlers.js';
import { CustomerService } from '../../../electron/core/customers/customerService.js';
import { createDispatcher, type CommandHandlers, type Dispatch } from '../../../electron/core/ipc/dispatcher.js';
import type { CallerLookup, CustomerCard } from '../../../electron/shared/ipc/customers.js';
import { useTempDirs } from '../../support/tempDir.js';
import { openTestStore, type TestStore } from './customerTestSupport.js';

const tempDir = useTempDirs();
let store: TestStore;
let dispatch: Dispatch;

beforeEach(() => {
  store = openTestStore(tempDir());
  dispatch = createDispatcher(customerHandlers(store.service) as CommandHandlers, store.logger);
});
afterEach(() => store.close());

async function call<T>(name: string, args: unknown): Promise<T> {
  const result = await dispatch(name, args);
  if (!result.ok) throw new Error(`${name} failed: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

function outbox() {
  return (
    store.database.sqlite.prepare('SELECT entity, entity_id AS entityId, operation, payload FROM outbox ORDER BY seq').all() as {
      entity: string;
      entityId: string;
      operation: string;
      payload: string;
    }[]
  ).map((row) => ({ ...row, payload: JSON.parse(row.payload) as Record<string, unknown> }));
}

describe('customers:create', () => {
  it('creates a customer prefilled with the ringing number, with its outbox row and a changed event', async () => {
    const card = await call<CustomerCard>('customers:create', {
      name: '  Ayşe \u202eGül\u202c  Şahin ',
      phones: [{ number: '0544 111 22 33', label: 'mobile' }],
      segment: 'youth',
    });
    expect(card.customer).toMatchObject({
      name: 'Ayşe Gül Şahin',
      segment: 'youth',
      version: 1,
      externalId: null,
      phones: [{ e164: '+905441112233', label: 'mobile', display: '+90 544 111 22 33' }],
    });
    expect(card).toMatchObject({ openTickets: [], lastOrders: [], lastInteractions: [] });
    expect(outbox()).toEqual([
      expect.objectContaining({
        entity: 'customer',
        entityId: card.customer.id,
        operation: 'insert',
        payload: expect.objectContaining({
          name: 'Ayşe Gül Şahin',
          phones: [{ e164: '+905441112233', label: 'mobile' }],
          version: 1,
        }),
      }),
    ]);
    expect(store.events).toEqual([
      { name: 'customers:changed', payload: { reason: 'created', customerIds: [card.customer.id] } },
    ]);
  });

  it('refuses an invalid number or e-mail with field details and writes nothing', async () => {
    const result = await dispatch('customers:create', { name: 'X', phones: [{ number: '0532 12' }], email: 'not an address' });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_args' } });
    if (result.ok) return;
    expect(result.error.details).toEqual([
      { path: 'email', message: expect.stringMatching(/not an e-mail address/) },
      { path: 'phones.0', message: expect.stringMatching(/not a valid phone number \(invalid-number\)/) },
    ]);
    expect(store.count('customers')).toBe(0);
    expect(store.count('outbox')).toBe(0);
  });

  it('refuses arguments outside the contract before anything runs', async () => {
    expect(await dispatch('customers:create', { name: '' })).toMatchObject({ ok: false, error: { code: 'invalid_args' } });
    expect(await dispatch('customers:create', { name: 'x'.repeat(201) })).toMatchObject({
      ok: false,
      error: { code: 'invalid_args' },
    });
    expect(await dispatch('customers:create', { name: 'X', admin: true })).toMatchObject({
      ok: false,
      error: { code: 'invalid_args' },
    });
    expect(await dispatch('customers:search', { query: 'x'.repeat(201) })).toMatchObject({
      ok: false,
      error: { code: 'invalid_args' },
    });
    expect(await dispatch('customers:lookupCaller', { e164: '0532 123 45 67' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_args' },
    });
    expect(store.count('customers')).toBe(0);
  });
});

describe('customers:update', () => {
  it('stores only changed fields, against the version they were made on', async () => {
    const created = await call<CustomerCard>('customers:create', {
      name: 'Işık Yıldırım',
      city: 'İstanbul',
      phones: [{ number: '0532 123 45 67' }],
    });
    const id = created.customer.id;
    const updated = await call<CustomerCard>('customers:update', {
      id,
      expectedVersion: 1,
      changes: { city: 'İzmir', name: 'Işık Yıldırım', notes: 'line 1\r\n\r\n\r\nline 2' },
    });
    expect(updated.customer).toMatchObject({ city: 'İzmir', notes: 'line 1\n\nline 2', version: 2 });
    expect(outbox().at(-1)).toEqual({
      entity: 'customer',
      entityId: id,
      operation: 'update',
      payload: { baseVersion: 1, changes: { city: 'İzmir', notes: 'line 1\n\nline 2' } },
    });

    // The index follows: the new city is found, the old one no longer.
    expect((await store.service.search('izmir')).map((h) => h.id)).toEqual([id]);
    expect(await store.service.search('istanbul')).toEqual([]);
  });

  it('answers conflict for a stale version and changes nothing', async () => {
    const { customer } = await call<CustomerCard>('customers:create', { name: 'Ümit Kılıç' });
    await call('customers:update', { id: customer.id, expectedVersion: 1, changes: { city: 'Antalya' } });
    const outboxBefore = store.count('outbox');
    const stale = await dispatch('customers:update', { id: customer.id, expectedVersion: 1, changes: { city: 'Bursa' } });
    expect(stale).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect((await call<CustomerCard>('customers:get', { id: customer.id })).customer.city).toBe('Antalya');
    expect(store.count('outbox')).toBe(outboxBefore);
  });

  it('writes nothing when nothing changed, and replaces the numbers when given', async () => {
    const { customer } = await call<CustomerCard>('customers:create', {
      name: 'Şule Doğan',
      phones: [{ number: '0555 333 44 55' }],
    });
    const before = store.count('outbox');
    const same = await call<CustomerCard>('customers:update', {
      id: customer.id,
      expectedVersion: 1,
      changes: { name: 'Şule Doğan' },
      phones: [{ number: '+90 555 333 44 55' }],
    });
    expect(same.customer.version).toBe(1);
    expect(store.count('outbox')).toBe(before);

    const changed = await call<CustomerCard>('customers:update', {
      id: customer.id,
      expectedVersion: 1,
      changes: {},
      phones: [{ number: '0212 234 56 78', label: 'home' }],
    });
    expect(changed.customer.phones.map((p) => p.e164)).toEqual(['+902122345678']);
    expect(outbox().at(-1)!.payload).toEqual({ baseVersion: 1, changes: { phones: [{ e164: '+902122345678', label: 'home' }] } });
    expect(await store.service.search('0555 333 44 55')).toEqual([]);
  });

  it('answers not_found for an unknown customer', async () => {
    expect(await dispatch('customers:update', { id: 'nope', expectedVersion: 1, changes: { city: 'x' } })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(await dispatch('customers:get', { id: 'nope' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});

describe('the caller card', () => {
  it('answers 0, 1 or several matches for a ringing number, with the history on each card', async () => {
    const none = await call<CallerLookup>('customers:lookupCaller', { e164: '+905321234567' });
    expect(none).toEqual({ e164: '+905321234567', total: 0, matches: [] });

    const mehmet = (
      await call<CustomerCard>('customers:create', { name: 'Mehmet Ali Kaya', phones: [{ number: '0242 345 67 89' }] })
    ).customer;
    store.clock.time += 1000;
    const fatma = (
      await call<CustomerCard>('customers:create', {
        name: 'Fatma Kaya',
        phones: [{ number: '0242 345 67 89' }, { number: '0532 123 45 67' }],
      })
    ).customer;

    const sqlite = store.database.sqlite;
    const callId = newId();
    new CallLogRepository(sqlite).insert(
      {
        id: callId,
        direction: 'inbound',
        rawCallerId: '<sip:+905321234567@pbx>',
        e164: '+905321234567',
        displayName: null,
        line: 1,
        inviteAt: store.clock.time,
        answerAt: store.clock.time + 5000,
        endAt: store.clock.time + 65000,
        durationMs: 60000,
        hungUpBy: 'remote',
        sipCode: 200,
        sipReason: 'OK',
        quality: { mos: 4.1 },
      },
      store.clock.time,
    );
    store.service.addInteraction({
      customerId: fatma.id,
      callId,
      kind: 'call',
      direction: 'inbound',
      outcome: 'Bilgi verildi',
      notes: 'Fatura sordu',
    });
    new TicketRepository(sqlite).insert(
      {
        id: newId(),
        customerId: fatma.id,
        interactionId: null,
        callId,
        kind: 'complaint',
        departmentId: null,
        status: 'open',
        priority: 'high',
        subject: 'Fazla ücret',
        description: null,
      },
      store.clock.time,
    );
    new TicketRepository(sqlite).insert(
      {
        id: newId(),
        customerId: fatma.id,
        interactionId: null,
        callId: null,
        kind: 'question',
        departmentId: null,
        status: 'resolved',
        priority: 'low',
        subject: 'Eski soru',
        description: null,
      },
      store.clock.time,
    );
    new OrderRepository(sqlite).insert(
      {
        id: newId(),
        customerId: fatma.id,
        interactionId: null,
        status: 'submitted',
        currency: 'TRY',
        lines: [
          {
            id: newId(),
            catalogueItemId: null,
            promotionId: null,
            description: 'Ek 10 GB',
            quantity: 2,
            unitPriceMinor: 9990,
            discountMinor: 1000,
          },
        ],
      },
      store.clock.time,
    );

    const one = await call<CallerLookup>('customers:lookupCaller', { e164: '+905321234567' });
    expect(one.total).toBe(1);
    expect(one.matches[0]).toMatchObject({
      customer: { id: fatma.id, name: 'Fatma Kaya' },
      openTickets: [{ subject: 'Fazla ücret', status: 'open', priority: 'high', kind: 'complaint' }],
      lastOrders: [
        { totalMinor: 18980, currency: 'TRY', lines: [{ description: 'Ek 10 GB', quantity: 2, lineTotalMinor: 18980 }] },
      ],
      lastInteractions: [
        { kind: 'call', outcome: 'Bilgi verildi', notes: 'Fatura sordu', callId, durationMs: 60000, agent: '1001' },
      ],
    });

    const several = await call<CallerLookup>('customers:lookupCaller', { e164: '+902423456789' });
    expect(several.total).toBe(2);
    expect(several.matches.map((card) => card.customer.id)).toEqual([fatma.id, mehmet.id]); // most recently updated first
  });

  it('adds a note with its outbox row and tells open cards', async () => {
    const { customer } = await call<CustomerCard>('customers:create', { name: 'Zeynep İnce' });
    store.events.length = 0;
    const note = await call<CustomerCard['lastInteractions'][number]>('customers:addNote', {
      customerId: customer.id,
      text: 'Geri aranmak istiyor\u0007',
    });
    expect(note).toMatchObject({ kind: 'note', notes: 'Geri aranmak istiyor', agent: '1001', callId: null });
    expect(outbox().at(-1)).toMatchObject({ entity: 'interaction', entityId: note.id, operation: 'insert' });
    expect(store.events).toEqual([{ name: 'customers:changed', payload: { reason: 'interaction', customerIds: [customer.id] } }]);
    expect((await call<CustomerCard>('customers:get', { id: customer.id })).lastInteractions.map((i) => i.id)).toEqual([note.id]);
  });

  it('rolls the outbox row back with the write it describes', async () => {
    const { customer } = await call<CustomerCard>('customers:create', { name: 'Barış Eroğlu' });
    const before = store.count('outbox');
    const result = await dispatch('customers:addNote', { customerId: customer.id, text: 'x', callId: 'no-such-call' });
    expect(result).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(store.count('interactions')).toBe(0);
    expect(store.count('outbox')).toBe(before);
  });
});

describe('the search index', () => {
  it('is rebuilt from the tables when its state row is missing (new database or new folding rules)', async () => {
    const { customer } = await call<CustomerCard>('customers:create', { name: 'Ilgaz Işıklı', city: 'Trabzon' });
    store.database.sqlite.exec(`DELETE FROM customer_fts; DELETE FROM search_index_state;`);
    expect(await store.service.search('isikli')).toEqual([]);
    const restarted = new CustomerService({
      database: store.database,
      clock: store.clock,
      events: { emit: () => {} },
      logger: store.logger,
      defaultCountry: () => 'TR',
    });
    expect((await restarted.search('isikli')).map((h) => h.id)).toEqual([customer.id]);
    expect(store.logger.lines).toContainEqual(
      expect.objectContaining({ message: 'customer search index rebuilt', fields: expect.objectContaining({ rows: 1 }) }),
    );
  });
});
