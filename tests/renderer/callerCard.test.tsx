// The caller card panel against a fake desk: the card that arrives with the first ring for no match (with
// the "New customer" form, customers:create and customers:linkCall), one match (every field as text) and several
// (a chooser that links the call), a page loaded mid-call asking customers:getCallerCard, a fresh card swapped in
// without losing scroll, focus or choice, the dialled number's card, and dialling a number from the card.
// vitest + happy-dom.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCustomerArgsSchema, type CallerCard, type CustomerCard } from '../../electron/shared/ipc/customers.js';
import type { HistoryEntry } from '../../electron/shared/ipc/customerHistory.js';
import type { CallView } from '../../electron/shared/ipc/softphone.js';
import { fail, ok } from '../../electron/shared/ipc/result.js';
import { AgentDeskApp } from '../../renderer/src/components/AgentDeskApp.js';
import { button, byName, click, mount, region, settle, submit, typeInto, unmountAll } from './support/dom.js';
import { createFakeDesk, type FakeDesk, type Handler } from './support/fakeDesk.js';

const number = '+905321234567';
const at = Date.UTC(2026, 10, 28, 9, 0, 0);

function ringingCall(id: string): CallView {
  return {
    id,
    line: 1,
    direction: 'inbound',
    state: 'ringing',
    remoteUri: `<sip:${number}@lab.test>`,
    remoteUser: number,
    remoteNumber: number,
    displayName: 'Arayan',
    callWaiting: false,
    muted: false,
    remoteHold: false,
    invitedAt: at,
    at,
  };
}

function customerCard(
  id: string,
  name: string,
  overrides: Partial<CustomerCard['customer']> = {},
  openTickets = 0,
): CustomerCard {
  return {
    customer: {
      id,
      externalId: null,
      name,
      company: null,
      segment: null,
      language: null,
      accountNumber: null,
      tariff: null,
      services: [],
      address: null,
      city: null,
      email: null,
      notes: null,
      marketingConsent: false,
      doNotCall: false,
      phones: [{ e164: number, label: null, display: '+90 532 123 45 67' }],
      createdAt: at,
      updatedAt: at,
      version: 1,
      ...overrides,
    },
    openTickets: Array.from({ length: openTickets }, (_, i) => ({
      id: `t${i}`,
      kind: 'complaint' as const,
      status: 'open' as const,
      priority: 'normal' as const,
      subject: `Ticket ${i}`,
      description: null,
      department: null,
      createdAt: at,
    })),
    lastOrders: [],
    lastInteractions: [],
  };
}

let desk: FakeDesk;
/** What customers:history answers (the card's full history, InteractionHistory); empty unless a test sets it. */
let history: HistoryEntry[] = [];

async function renderWith(calls: CallView[] = [], callerCard: Handler = () => fail('not_found', 'No caller card for this call')) {
  desk = createFakeDesk();
  desk.override('sip:status', () => ok({ state: 'registered', dnd: false, at }));
  desk.override('calls:list', () => ok(calls));
  desk.override('customers:getCallerCard', callerCard);
  desk.override('customers:history', () => ok({ entries: history, next: null }));
  await mount(<AgentDeskApp bridge={desk.bridge} preferredLanguages={['en']} />);
  await settle();
}

/** What core sends on the first ring: the card, then the ringing state. */
async function ring(card: CallerCard) {
  desk.emit('customers:callerCard', card);
  desk.emit('calls:state', ringingCall(card.callId));
  await settle();
}

const panelText = () => (region('Caller card').textContent ?? '').replace(/\s+/g, ' ');

beforeEach(() => {
  localStorage.clear();
  history = [];
});
afterEach(() => unmountAll());

describe('caller card', () => {
  it('says there is no call until one rings', async () => {
    await renderWith();
    expect(panelText()).toContain('No active call.');
  });

  it('shows an unknown caller with the number and creates a customer from it', async () => {
    await renderWith();
    await ring({ callId: 'c1', e164: number, total: 0, matches: [] });
    expect(panelText()).toContain('Unknown caller');
    expect(panelText()).toContain(number);

    let created: unknown;
    desk.override('customers:linkCall', () =>
      ok({ callId: 'c1', e164: number, total: 1, matches: [customerCard('new1', 'Zeynep Kaya')], linkedCustomerId: 'new1' }),
    );
    desk.override('customers:create', (args) => {
      created = createCustomerArgsSchema.parse(args);
      return ok(customerCard('new1', 'Zeynep Kaya'));
    });
    await click(button('New customer'));
    const form = byName<HTMLFormElement>('form', 'New customer');
    expect(byName<HTMLInputElement>('input', 'Phone number').value).toBe(number);
    expect(byName<HTMLInputElement>('input', 'Name').value).toBe('');
    expect(button('Save customer').disabled).toBe(true);
    await typeInto(byName<HTMLInputElement>('input', 'Name'), 'Zeynep Kaya');
    await submit(form);
    expect(created).toEqual({ name: 'Zeynep Kaya', phones: [{ number }] });
    expect(desk.calls.filter((c) => c.name === 'customers:linkCall').map((c) => c.args)).toEqual([
      { callId: 'c1', customerId: 'new1' },
    ]);
    expect(byName('article', 'Zeynep Kaya').textContent).toContain('Zeynep Kaya');
    expect(desk.calls.map((c) => c.name)).not.toContain('customers:getCallerCard');
  });

  it('shows one match with every field as text, markup included', async () => {
    await renderWith();
    const card = customerCard(
      'a1',
      'Fatma <b>Demir</b>',
      {
        company: 'Demir Tekstil',
        segment: 'VIP',
        tariff: 'Fiber 100',
        services: ['Internet', 'TV'],
        notes: 'Prefers calls after 14:00',
        marketingConsent: true,
        doNotCall: true,
      },
      2,
    );
    await ring({ callId: 'c2', e164: number, total: 1, matches: [card] });
    const details = byName('article', 'Fatma <b>Demir</b>');
    expect(details.querySelector('b')).toBeNull();
    const rows = Object.fromEntries(
      Array.from(details.querySelectorAll('dl > div')).map((row) => [
        row.querySelector('dt')?.textContent,
        row.querySelector('dd')?.textContent,
      ]),
    );
    expect(rows).toEqual({
      Company: 'Demir Tekstil',
      Segment: 'VIP',
      Tariff: 'Fiber 100',
      Services: 'Internet, TV',
      'Open tickets': '2 open',
      'Marketing consent': 'Yes',
      'Do not call': 'Yes',
      Notes: 'Prefers calls after 14:00',
    });
  });

  it('lets the operator choose among several matches and go back', async () => {
    await renderWith();
    const first = customerCard('m1', 'Ali Veli', { company: 'Veli Ltd' });
    const second = customerCard('m2', 'Ayşe Veli', { doNotCall: true });
    await ring({ callId: 'c3', e164: number, total: 7, matches: [first, second] });
    expect(panelText()).toContain(`7 customers have the number ${number}`);
    const list = byName('ul', 'Choose the caller');
    expect(Array.from(list.querySelectorAll('button')).map((b) => b.textContent)).toEqual(['Ali Veli (Veli Ltd)', 'Ayşe Veli']);
    desk.override('customers:linkCall', () =>
      ok({ callId: 'c3', e164: number, total: 7, matches: [second, first], linkedCustomerId: 'm2' }),
    );
    await click(button('Ayşe Veli'));
    expect(byName('article', 'Ayşe Veli').textContent).toContain('Do not call');
    expect(desk.calls.filter((c) => c.name === 'customers:linkCall').map((c) => c.args)).toEqual([
      { callId: 'c3', customerId: 'm2' },
    ]);
    await click(button('Back to all matches'));
    expect(byName('ul', 'Choose the caller')).toBeTruthy();
  });

  it('asks core for the card of a call that was already ringing when the page loaded', async () => {
    const card = customerCard('r1', 'Mehmet Öz', { tariff: 'Mobil 20 GB' });
    await renderWith([ringingCall('c4')], (args) =>
      (args as { callId: string }).callId === 'c4'
        ? ok({ callId: 'c4', e164: number, total: 1, matches: [card] })
        : fail('not_found', 'none'),
    );
    expect(byName('article', 'Mehmet Öz').textContent).toContain('Mobil 20 GB');
    expect(desk.calls.filter((c) => c.name === 'customers:getCallerCard').map((c) => c.args)).toEqual([{ callId: 'c4' }]);
  });

  it('says so when the caller sent no number to look up', async () => {
    await renderWith([{ ...ringingCall('c6'), remoteUser: '1002', remoteNumber: undefined, displayName: 'Desk 1002' }]);
    expect(panelText()).toContain('Desk 1002');
    expect(panelText()).toContain('The caller sent no phone number');
  });

  it('swaps in a fresh card from core in place: the scroll position, the focus and the choice stay', async () => {
    await renderWith();
    const first = customerCard('m1', 'Ali Veli');
    const second = customerCard('m2', 'Ayşe Veli', { tariff: 'Fiber 100' });
    await ring({ callId: 'c7', e164: number, total: 2, matches: [first, second] });
    desk.override('customers:linkCall', () =>
      ok({ callId: 'c7', e164: number, total: 2, matches: [second, first], linkedCustomerId: 'm2' }),
    );
    await click(button('Ayşe Veli'));
    const article = byName('article', 'Ayşe Veli');
    const panel = region('Caller card');
    panel.scrollTop = 120;
    const back = button('Back to all matches');
    back.focus();

    // Someone on this desk files a ticket and changes the tariff while the call is on.
    const updated = customerCard('m2', 'Ayşe Veli', { tariff: 'Fiber 1000', version: 2 }, 1);
    desk.emit('customers:callerCard', {
      callId: 'c7',
      e164: number,
      total: 2,
      matches: [updated, first],
      linkedCustomerId: 'm2',
    });
    await settle();
    expect(byName('article', 'Ayşe Veli')).toBe(article);
    expect(article.textContent).toContain('Fiber 1000');
    expect(article.textContent).toContain('Ticket 0');
    expect(document.activeElement).toBe(back);
    expect(region('Caller card').scrollTop).toBe(120);
    expect(desk.calls.filter((c) => c.name === 'customers:getCallerCard')).toEqual([]);
  });

  it('shows the dialled number’s card as it is dialled, and says when nobody has the number', async () => {
    await renderWith();
    const dialing = (id: string): CallView => ({ ...ringingCall(id), direction: 'outbound', state: 'dialing', displayName: '' });
    desk.emit('customers:callerCard', {
      callId: 'o1',
      e164: number,
      total: 1,
      matches: [customerCard('k1', 'Kemal Sunal')],
      linkedCustomerId: 'k1',
    });
    desk.emit('calls:state', dialing('o1'));
    await settle();
    expect(byName('article', 'Kemal Sunal')).toBeTruthy();
    desk.emit('calls:state', { ...dialing('o1'), state: 'ended', endReason: 'cancelled' });

    desk.emit('customers:callerCard', { callId: 'o2', e164: '+905551112233', total: 0, matches: [] });
    desk.emit('calls:state', { ...dialing('o2'), remoteNumber: '+905551112233' });
    await settle();
    expect(panelText()).toContain('No customer has this number');
    expect(panelText()).toContain('+905551112233');
  });

  it('dials a number of the customer on the card with one click and links the call to them', async () => {
    await renderWith();
    await ring({ callId: 'c8', e164: number, total: 1, matches: [customerCard('d1', 'Deniz Ak')] });
    desk.override('calls:dial', () => fail('unavailable', 'not registered'));
    await click(button('Call +90 532 123 45 67'));
    expect(desk.calls.filter((c) => c.name === 'calls:dial').map((c) => c.args)).toEqual([{ target: number }]);
    expect(byName('article', 'Deniz Ak').querySelector('[role="alert"]')?.textContent).toBe(
      'AgentDesk cannot be reached right now. Try again in a moment.',
    );
    expect(desk.calls.filter((c) => c.name === 'customers:linkCall')).toEqual([]);

    // Registered: the new call is tied to the customer whose number was clicked.
    desk.override('calls:dial', () => ok({ ...ringingCall('o9'), direction: 'outbound', state: 'dialing' }));
    desk.override('customers:linkCall', () => fail('not_found', 'gone'));
    await click(button('Call +90 532 123 45 67'));
    expect(desk.calls.filter((c) => c.name === 'customers:linkCall').map((c) => c.args)).toEqual([
      { callId: 'o9', customerId: 'd1' },
    ]);
    expect(byName('article', 'Deniz Ak').querySelector('[role="alert"]')).toBeNull();
  });

  it('lists open tickets, last orders and the latest history as text', async () => {
    await renderWith();
    const card = customerCard('h1', 'Hülya Koç', {}, 1);
    card.lastOrders = [
      {
        id: 'o1',
        status: 'fulfilled',
        currency: 'TRY',
        totalMinor: 129_900,
        createdAt: at,
        lines: [{ description: 'Modem <script>', quantity: 2, lineTotalMinor: 129_900 }],
      },
    ];
    card.lastInteractions = [
      {
        id: 'i1',
        kind: 'call',
        direction: 'inbound',
        outcome: 'sale',
        notes: 'Upgraded to <b>Fiber</b>',
        agent: '1001',
        occurredAt: at,
        callId: null,
        durationMs: 125_000,
      },
    ];
    history = [
      {
        id: 'i1',
        kind: 'call',
        direction: 'inbound',
        occurredAt: at,
        agent: '1001',
        notes: 'Upgraded to <b>Fiber</b>',
        call: { id: 'call1', direction: 'inbound', e164: number, inviteAt: at, answerAt: at, endAt: at + 125_000, durationMs: 125_000 },
        disposition: { code: 'sale', label: null },
        subcode: null,
        script: null,
        tickets: [],
        orders: [],
        callbacks: [],
      },
    ];
    await ring({ callId: 'c9', e164: number, total: 1, matches: [card] });
    await settle();
    const article = byName('article', 'Hülya Koç');
    const text = (article.textContent ?? '').replace(/\s+/g, ' ');
    expect(text).toContain('Ticket 0');
    expect(text).toContain('2 × Modem <script>');
    expect(text).toContain('Incoming call · 2 min 5 sec · by 1001');
    expect(text).toContain('Outcome: sale');
    expect(text).toContain('2 min 5 sec');
    expect(text).toContain('Upgraded to <b>Fiber</b>');
    expect(article.querySelector('b, script')).toBeNull();
  });

  it('reads the card again after a lost connection, since the events sent meanwhile are lost', async () => {
    await renderWith();
    await ring({ callId: 'c10', e164: number, total: 1, matches: [customerCard('r1', 'Selin Er', { tariff: 'Fiber 50' })] });
    expect(desk.calls.filter((c) => c.name === 'customers:getCallerCard')).toEqual([]);
    desk.override('customers:getCallerCard', () =>
      ok({ callId: 'c10', e164: number, total: 1, matches: [customerCard('r1', 'Selin Er', { tariff: 'Fiber 1000' })] }),
    );
    desk.override('calls:list', () => ok([ringingCall('c10')]));
    desk.setConnection({ status: 'reconnecting', retryAt: at + 1000, attempt: 1 });
    desk.setConnection({ status: 'connected' });
    await settle();
    expect(desk.calls.filter((c) => c.name === 'customers:getCallerCard').map((c) => c.args)).toEqual([{ callId: 'c10' }]);
    expect(byName('article', 'Selin Er').textContent).toContain('Fiber 1000');
  });
});
