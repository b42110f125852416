// Live caller cards: while a call is on, every change to the customers on its card (an edit, a note, a ticket, an
// order, an import that adds the number) reaches the UI as a fresh customers:callerCard; a change elsewhere sends
// nothing; customers:linkCall ties the call to the customer chosen or created from the card. A real SQLite store,
// the real sink and dispatcher; the calls:state events are fed in as SipService emits them.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../../../db/ids.js';
import { OrderRepository } from '../../../db/repositories/orders.js';
import { TicketRepository } from '../../../db/repositories/tickets.js';
import { createCallerCardSink, type CallerCardSink } from '../../../electron/core/customers/callerCards.js';
import { customerHandlers } from '../../../electron/core/customers/customerHandlers.js';
import { importCustomersCsv } from '../../../electron/core/customers/customerImport.js';
import { createDispatcher, type CommandHandlers, type Dispatch } from '../../../electron/core/ipc/dispatcher.js';
import { MemoryLogger } from '../../../electron/core/log/memoryLogger.js';
import type { CallerCard } from '../../../electron/shared/ipc/customers.js';
import type { CallView } from '../../../electron/shared/ipc/softphone.js';
import { useTempDirs } from '../../support/tempDir.js';
import { RecordingEventSink } from '../sip/support/recordingEventSink.js';
import { openTestStore, type TestStore } from './customerTestSupport.js';

const tempDir = useTempDirs();
let dir: string;
let store: TestStore;
let ui: RecordingEventSink;
let cards: CallerCardSink;
let dispatch: Dispatch;

beforeEach(() => {
  dir = tempDir();
  ui = new RecordingEventSink();
  // The store's own events (customers:changed) go to the UI too, as in deskServices.ts.
  store = openTestStore(dir, { alsoEmitTo: ui });
  const logger = new MemoryLogger();
  cards = createCallerCardSink({ store: store.service, events: ui, logger });
  dispatch = createDispatcher(customerHandlers(store.service, cards) as CommandHandlers, logger);
});

afterEach(() => {
  cards.close();
  expect(ui.contractViolations).toEqual([]);
  store.close();
});

let clock = Date.UTC(2026, 10, 28, 9, 0, 0);
function callState(id: string, direction: CallView['direction'], state: CallView['state'], remoteNumber?: string): CallView {
  clock += 1000;
  return {
    id,
    line: 1,
    direction,
    state,
    remoteUri: `sip:${remoteNumber ?? '2001'}@lab.test`,
    remoteUser: remoteNumber ?? '2001',
    ...(remoteNumber ? { remoteNumber } : {}),
    displayName: '',
    callWaiting: false,
    muted: false,
    remoteHold: false,
    invitedAt: clock,
    at: clock,
  };
}

/** Starts a call the way SipService reports it, and answers it. */
function startCall(id: string, number: string, direction: CallView['direction'] = 'inbound'): CallerCard {
  cards.events.emit('calls:state', callState(id, direction, direction === 'inbound' ? 'ringing' : 'dialing', number));
  cards.events.emit('calls:state', callState(id, direction, 'active', number));
  const card = cards.current(id);
  if (!card) throw new Error(`no card for ${id}`);
  return card;
}

const cardEvents = (callId: string) => ui.all('customers:callerCard', (card) => card.callId === callId);
const lastCard = (callId: string) => cardEvents(callId).at(-1)!;

describe('live caller cards', () => {
  it('sends a fresh card when the customer on it is edited, gets a ticket or an order — and nothing for others', async () => {
    const ayse = await store.service.create({ name: 'Ayşe Kaya', phones: [{ number: '0532 111 22 33' }] });
    const other = await store.service.create({ name: 'Başka Biri', phones: [{ number: '0532 999 88 77' }] });
    const first = startCall('call-1', '+905321112233');
    expect(first).toMatchObject({ total: 1, linkedCustomerId: ayse.customer.id });
    expect(cardEvents('call-1')).toHaveLength(1);

    // Somebody else's note: every live card is read again, none changed, nothing is sent.
    store.service.addInteraction({ customerId: other.customer.id, kind: 'note', notes: 'not about Ayşe' });
    expect(cardEvents('call-1')).toHaveLength(1);

    await store.service.update({ id: ayse.customer.id, expectedVersion: 1, changes: { tariff: 'Fiber 50', doNotCall: true } });
    expect(lastCard('call-1').matches[0]!.customer).toMatchObject({ tariff: 'Fiber 50', doNotCall: true, version: 2 });

    new TicketRepository(store.database.sqlite).insert(
      {
        id: newId(),
        customerId: ayse.customer.id,
        interactionId: null,
        callId: null,
        kind: 'complaint',
        departmentId: null,
        status: 'open',
        priority: 'urgent',
        subject: 'Fatura iki kez kesildi',
        description: null,
      },
      store.clock.time,
    );
    store.service.changed('ticket', [ayse.customer.id]);
    expect(lastCard('call-1').matches[0]!.openTickets.map((t) => t.subject)).toEqual(['Fatura iki kez kesildi']);

    new OrderRepository(store.database.sqlite).insert(
      {
        id: newId(),
        customerId: ayse.customer.id,
        interactionId: null,
        status: 'submitted',
        currency: 'TRY',
        lines: [
          {
            id: newId(),
            catalogueItemId: null,
            promotionId: null,
            description: 'Modem',
            quantity: 1,
            unitPriceMinor: 150000,
            discountMinor: 0,
          },
        ],
      },
      store.clock.time,
    );
    store.service.changed('order', [ayse.customer.id]);
    expect(lastCard('call-1').matches[0]!.lastOrders).toMatchObject([{ totalMinor: 150000, lines: [{ description: 'Modem' }] }]);
    expect(cardEvents('call-1')).toHaveLength(4);

    // The card a reloading page asks for is the latest one.
    expect(await dispatch('customers:getCallerCard', { callId: 'call-1' })).toEqual({ ok: true, value: lastCard('call-1') });
  });

  it('links the call to the customer chosen among several matches, in every window, first on the card', async () => {
    const names = ['Ali Veli', 'Ayşe Veli', 'Can Veli'];
    const created = [];
    for (const name of names) created.push(await store.service.create({ name, phones: [{ number: '+90 212 555 00 11' }] }));
    const card = startCall('call-2', '+902125550011');
    expect(card.total).toBe(3);
    expect(card.linkedCustomerId).toBeUndefined();

    const chosen = created[0]!.customer.id;
    const before = cardEvents('call-2').length;
    const linked = await dispatch('customers:linkCall', { callId: 'call-2', customerId: chosen });
    if (!linked.ok) throw new Error(linked.error.message);
    expect(linked.value).toMatchObject({ linkedCustomerId: chosen, total: 3 });
    expect((linked.value as CallerCard).matches[0]!.customer.id).toBe(chosen);
    expect(cardEvents('call-2')).toHaveLength(before + 1);
    expect(cards.linkedCustomer('call-2')).toBe(chosen);

    // A note for the linked customer keeps the link and the order.
    store.service.addInteraction({ customerId: chosen, kind: 'note', notes: 'Adres değişikliği' });
    expect(lastCard('call-2')).toMatchObject({ linkedCustomerId: chosen });
    expect(lastCard('call-2').matches[0]!.lastInteractions[0]!.notes).toBe('Adres değişikliği');

    const noCall = await dispatch('customers:linkCall', { callId: 'no-such-call', customerId: chosen });
    expect(noCall.ok ? 'ok' : noCall.error.code).toBe('not_found');
    const noCustomer = await dispatch('customers:linkCall', { callId: 'call-2', customerId: 'no-such-customer' });
    expect(noCustomer.ok ? 'ok' : noCustomer.error.code).toBe('not_found');
    const bad = await dispatch('customers:linkCall', { callId: 'call-2' });
    expect(bad.ok ? 'ok' : bad.error.code).toBe('invalid_args');
    expect(cards.linkedCustomer('call-2')).toBe(chosen);
  });

  it('links an unknown caller to the customer created from the form, even under another number', async () => {
    const card = startCall('call-3', '+79161234567');
    expect(card).toEqual({ callId: 'call-3', e164: '+79161234567', total: 0, matches: [] });

    const created = await store.service.create({ name: 'Пётр Ёлкин', phones: [{ number: '+7 495 123-45-67' }] });
    // Not their number: the card has nobody until the operator links the call.
    expect(cardEvents('call-3')).toHaveLength(1);
    const linked = await dispatch('customers:linkCall', { callId: 'call-3', customerId: created.customer.id });
    expect(linked).toMatchObject({ ok: true, value: { total: 0, linkedCustomerId: created.customer.id } });
    expect(lastCard('call-3').matches.map((m) => m.customer.name)).toEqual(['Пётр Ёлкин']);
  });

  it('finds the caller once an import adds the number, and keeps a call’s link for its wrap-up after it ends', async () => {
    startCall('call-4', '+905551234567', 'outbound');
    expect(lastCard('call-4')).toMatchObject({ total: 0, matches: [] });

    const file = join(dir, 'crm.csv');
    writeFileSync(file, 'external_id,name,phone\nCRM-9,Zeynep Arslan,0555 123 45 67\n');
    const summary = await importCustomersCsv(store.service, file, { defaultCountry: 'TR' });
    expect(summary.imported).toBe(true);
    const fresh = lastCard('call-4');
    expect(fresh).toMatchObject({ total: 1, matches: [{ customer: { name: 'Zeynep Arslan', externalId: 'CRM-9' } }] });
    expect(fresh.linkedCustomerId).toBe(fresh.matches[0]!.customer.id);

    cards.events.emit('calls:state', callState('call-4', 'outbound', 'ended', '+905551234567'));
    expect(cards.current('call-4')).toBeUndefined();
    expect(cards.linkedCustomer('call-4')).toBe(fresh.linkedCustomerId);
    const gone = await dispatch('customers:getCallerCard', { callId: 'call-4' });
    expect(gone.ok ? 'ok' : gone.error.code).toBe('not_found');

    // After the call no card is re-read or sent, whatever changes.
    const sent = ui.all('customers:callerCard').length;
    await store.service.update({ id: fresh.linkedCustomerId!, expectedVersion: 1, changes: { city: 'İzmir' } });
    expect(ui.all('customers:callerCard')).toHaveLength(sent);
  });

  it('keeps the links of the last 50 ended calls only', async () => {
    await store.service.create({ name: 'Sık Arayan', phones: [{ number: '0532 111 22 33' }] });
    for (let i = 0; i < 60; i++) {
      startCall(`c${i}`, '+905321112233');
      cards.events.emit('calls:state', callState(`c${i}`, 'inbound', 'ended', '+905321112233'));
    }
    const kept = Array.from({ length: 60 }, (_, i) => cards.linkedCustomer(`c${i}`) !== undefined);
    expect(kept.indexOf(true)).toBe(10);
    expect(kept.slice(10).every(Boolean)).toBe(true);
  });
});
