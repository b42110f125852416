// The caller card on the first ring and on the dialled number: a real Kamailio, the agent's real SipService whose
// events pass through the caller-card sink (as in deskServices.ts), a real SQLite customer store and a sip.js
// customer phone. Asserts the card event carries the seeded customer and comes BEFORE the ringing (or dialing)
// calls:state, that customers:getCallerCard answers for a live call and not_found once it ended, and that a note
// added during the call reaches the UI as a fresh card.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../../../db/ids.js';
import { TicketRepository } from '../../../db/repositories/tickets.js';
import { createCallerCardSink, type CallerCardSink } from '../../../electron/core/customers/callerCards.js';
import { customerHandlers } from '../../../electron/core/customers/customerHandlers.js';
import { createDispatcher, type CommandHandlers, type Dispatch } from '../../../electron/core/ipc/dispatcher.js';
import { MemoryLogger } from '../../../electron/core/log/memoryLogger.js';
import { systemClock } from '../../../electron/core/ports.js';
import { InMemoryCallLog } from '../../../electron/core/sip/callLog.js';
import { SIP_PASSWORD_SECRET } from '../../../electron/core/sip/sipConnection.js';
import { sipConfig } from '../../../electron/core/sip/sipConfig.js';
import { SipService } from '../../../electron/core/sip/sipService.js';
import { softphoneHandlers } from '../../../electron/core/sip/softphoneHandlers.js';
import type { CallerCard } from '../../../electron/shared/ipc/customers.js';
import { labDomain, labPassword, startKamailio, type Kamailio } from '../../support/kamailio.js';
import { useTempDirs } from '../../support/tempDir.js';
import { MemorySecretStore } from '../sip/support/agent.js';
import { RecordingEventSink } from '../sip/support/recordingEventSink.js';
import { StaticSdpMediaPeer } from '../sip/support/staticSdpMediaPeer.js';
import { TestPhone } from '../sip/support/testPhone.js';
import { openTestStore, type TestStore } from './customerTestSupport.js';

const tempDir = useTempDirs();
let proxy: Kamailio;
let store: TestStore;
let ui: RecordingEventSink;
let callerCards: CallerCardSink;
let sip: SipService;
let dispatch: Dispatch;
let phones: TestPhone[] = [];

beforeAll(async () => {
  proxy = await startKamailio({ auth: true });
}, 20_000);
afterAll(async () => {
  await proxy?.stop();
}, 20_000);

beforeEach(async () => {
  store = openTestStore(tempDir());
  ui = new RecordingEventSink();
  const logger = new MemoryLogger();
  callerCards = createCallerCardSink({ store: store.service, events: ui, logger });
  const secrets = new MemorySecretStore();
  await secrets.set(SIP_PASSWORD_SECRET, labPassword);
  sip = new SipService({
    config: sipConfig({
      servers: [proxy.wsUrl],
      domain: labDomain,
      user: '3001',
      displayName: 'Agent 3001',
      registerTimeoutMs: 5000,
      dialing: { defaultCountry: 'TR' },
    }),
    secrets,
    clock: systemClock,
    logger,
    events: callerCards.events,
    callLog: new InMemoryCallLog(),
    mediaPeer: new StaticSdpMediaPeer(),
  });
  sip.start();
  await ui.waitFor('sip:registration', (s) => s.state === 'registered');
  dispatch = createDispatcher(
    { ...customerHandlers(store.service, callerCards), ...softphoneHandlers(sip) } as CommandHandlers,
    logger,
  );
});

afterEach(async () => {
  for (const phone of phones) await phone.stop().catch(() => undefined);
  phones = [];
  await sip.stop();
  callerCards.close();
  expect(ui.contractViolations).toEqual([]);
  store.close();
});

async function customerPhone(user: string): Promise<TestPhone> {
  const phone = new TestPhone({ user, server: proxy.wsUrl, displayName: 'Arayan' });
  phones.push(phone);
  await phone.start();
  return phone;
}

/** Index of the first recorded event matching, or -1. */
const indexOf = (name: string, predicate: (payload: unknown) => boolean) =>
  ui.events.findIndex((e) => e.name === name && predicate(e.payload));

describe('caller card on the first ring', () => {
  it('sends the seeded customer’s card before the ringing state and answers customers:getCallerCard during the call', async () => {
    const fatma = await store.service.create({
      name: 'Fatma Demir',
      company: 'Demir Tekstil',
      segment: 'VIP',
      tariff: 'Fiber 100',
      services: ['Internet', 'TV'],
      notes: 'Prefers calls after 14:00',
      doNotCall: true,
      phones: [{ number: '0532 123 45 67', label: 'mobile' }],
    });
    new TicketRepository(store.database.sqlite).insert(
      {
        id: newId(),
        customerId: fatma.customer.id,
        interactionId: null,
        callId: null,
        kind: 'complaint',
        departmentId: null,
        status: 'open',
        priority: 'high',
        subject: 'Modem disconnects',
        description: null,
      },
      store.clock.time,
    );

    const caller = await customerPhone('+905321234567');
    const invite = await caller.call('3001');
    const ringing = await ui.waitFor('calls:state', (c) => c.state === 'ringing');
    expect(ringing.remoteNumber).toBe('+905321234567');

    const cardAt = indexOf('customers:callerCard', (p) => (p as CallerCard).callId === ringing.id);
    const ringAt = indexOf('calls:state', (p) => (p as { id: string; state: string }).id === ringing.id);
    expect(cardAt).toBeGreaterThanOrEqual(0);
    expect(cardAt).toBeLessThan(ringAt);
    const card = ui.all('customers:callerCard')[0]!;
    expect(card).toMatchObject({ callId: ringing.id, e164: '+905321234567', total: 1 });
    expect(card.matches[0]!.customer).toMatchObject({ name: 'Fatma Demir', company: 'Demir Tekstil', doNotCall: true });
    expect(card.matches[0]!.openTickets.map((t) => t.subject)).toEqual(['Modem disconnects']);

    // A page that reloads mid-ring asks for the same card.
    const asked = await dispatch('customers:getCallerCard', { callId: ringing.id });
    expect(asked).toEqual({ ok: true, value: card });

    await caller.hangup(invite);
    await ui.waitFor('calls:state', (c) => c.id === ringing.id && c.state === 'ended');
    const after = await dispatch('customers:getCallerCard', { callId: ringing.id });
    expect(after.ok ? 'ok' : after.error.code).toBe('not_found');
  });

  it('sends an empty card for an unknown number, and none for an extension', async () => {
    const stranger = await customerPhone('+79161234567');
    const strangerInvite = await stranger.call('3001');
    const ringing = await ui.waitFor('calls:state', (c) => c.state === 'ringing');
    expect(ui.all('customers:callerCard')).toEqual([{ callId: ringing.id, e164: '+79161234567', total: 0, matches: [] }]);
    await stranger.hangup(strangerInvite);
    await ui.waitFor('calls:state', (c) => c.id === ringing.id && c.state === 'ended');

    const colleague = await customerPhone('3002');
    const colleagueInvite = await colleague.call('3001');
    const internal = await ui.waitFor('calls:state', (c) => c.state === 'ringing' && c.id !== ringing.id);
    expect(internal.remoteNumber).toBeUndefined();
    expect(ui.all('customers:callerCard')).toHaveLength(1);
    const asked = await dispatch('customers:getCallerCard', { callId: internal.id });
    expect(asked.ok ? 'ok' : asked.error.code).toBe('not_found');
    await colleague.hangup(colleagueInvite);
  });

  it('shows the dialled number’s card before the dialing state, and a note added mid-call as a fresh card', async () => {
    const ali = await store.service.create({
      name: 'Ali Vural',
      tariff: 'Mobil 20 GB',
      phones: [{ number: '+90 532 765 43 21' }],
    });
    const callee = await customerPhone('+905327654321');

    // What the dial pad, a pasted number and a click on a number send: calls:dial with the text as typed.
    const dialled = await dispatch('calls:dial', { target: '0532 765 43 21' });
    if (!dialled.ok) throw new Error(dialled.error.message);
    const call = dialled.value as { id: string; remoteNumber?: string };
    expect(call.remoteNumber).toBe('+905327654321');
    const cardAt = indexOf('customers:callerCard', (p) => (p as CallerCard).callId === call.id);
    const dialingAt = indexOf('calls:state', (p) => (p as { id: string; state: string }).id === call.id);
    expect(cardAt).toBeGreaterThanOrEqual(0);
    expect(cardAt).toBeLessThan(dialingAt);
    expect(ui.all('customers:callerCard')[0]).toMatchObject({
      callId: call.id,
      e164: '+905327654321',
      total: 1,
      linkedCustomerId: ali.customer.id,
    });

    await callee.waitFor('invite');
    const before = ui.events.length;
    store.service.addInteraction({ customerId: ali.customer.id, kind: 'note', notes: 'Asked about roaming' });
    const fresh = await ui.waitFor('customers:callerCard', (c) => c.callId === call.id, 5000, before);
    expect(fresh.matches[0]!.lastInteractions.map((i) => i.notes)).toEqual(['Asked about roaming']);
    expect(await dispatch('customers:getCallerCard', { callId: call.id })).toEqual({ ok: true, value: fresh });

    await dispatch('calls:hangup', { callId: call.id });
    await ui.waitFor('calls:state', (c) => c.id === call.id && c.state === 'ended');
    expect(callerCards.linkedCustomer(call.id)).toBe(ali.customer.id);
  });
});
