// The caller card panel against a fake desk: the card that arrives with the first ring for no match (with
// the "New customer" form and customers:create), one match (every field as text) and several (a chooser),
// and a page loaded mid-call asking customers:getCallerCard. vitest + happy-dom.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCustomerArgsSchema, type CallerCard, type CustomerCard } from '../../electron/shared/ipc/customers.js';
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

function customerCard(id: string, name: string, overrides: Partial<CustomerCard['customer']> = {}, openTickets = 0): CustomerCard {
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

async function renderWith(calls: CallView[] = [], callerCard: Handler = () => fail('not_found', 'No caller card for this call')) {
  desk = createFakeDesk();
  desk.override('sip:status', () => ok({ state: 'registered', dnd: false, at }));
  desk.override('calls:list', () => ok(calls));
  desk.override('customers:getCallerCard', callerCard);
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

beforeEach(() => localStorage.clear());
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
      Array.from(details.querySelectorAll('dl > div')).map((row) => [row.querySelector('dt')?.textContent, row.querySelector('dd')?.textContent]),
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
    await click(button('Ayşe Veli'));
    expect(byName('article', 'Ayşe Veli').textContent).toContain('Do not call');
    await click(button('Back to all matches'));
    expect(byName('ul', 'Choose the caller')).toBeTruthy();
  });

  it('asks core for the card of a call that was already ringing when the page loaded', async () => {
    const card = customerCard('r1', 'Mehmet Öz', { tariff: 'Mobil 20 GB' });
    await renderWith([ringingCall('c4')], (args) =>
      (args as { callId: string }).callId === 'c4' ? ok({ callId: 'c4', e164: number, total: 1, matches: [card] }) : fail('not_found', 'none'),
    );
    expect(byName('article', 'Mehmet Öz').textContent).toContain('Mobil 20 GB');
    expect(desk.calls.filter((c) => c.name === 'customers:getCallerCard').map((c) => c.args)).toEqual([{ callId: 'c4' }]);
  });

  it('says so when the caller sent no number to look up', async () => {
    await renderWith([{ ...ringingCall('c6'), remoteUser: '1002', remoteNumber: undefined, displayName: 'Desk 1002' }]);
    expect(panelText()).toContain('Desk 1002');
    expect(panelText()).toContain('The caller sent no phone number');
  });
});
