// The wrap-up panel against a fake desk that keeps drafts like core does (revisions, the stored content):
// an answered call opens its draft, typing is saved within 500 ms, number keys choose the outcome (not while
// typing), Ctrl+Enter files it, an incomplete form is refused with messages naming each field, core's
// refusals land on their fields, an offered catalogue item becomes an order line with totals and the
// read-back, and a reloaded page reopens the unfinished draft. vitest + happy-dom.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CallView } from '../../electron/shared/ipc/softphone.js';
import { fail, ok, type Result } from '../../electron/shared/ipc/result.js';
import {
  draftFormContentSchema,
  orderLineSchema,
  type DraftFormContent,
  type SubmitResult,
  type WrapUpDraft,
} from '../../electron/shared/ipc/wrapUp.js';
import { orderReadBack, priceOrder } from '../../electron/shared/orderPricing.js';
import { builtinDispositions, type Disposition } from '../../electron/shared/workflow.js';
import { BridgeProvider } from '../../renderer/src/bridge/BridgeContext.js';
import { SettingsProvider } from '../../renderer/src/bridge/SettingsContext.js';
import { WrapUpPanel } from '../../renderer/src/components/WrapUpPanel.js';
import { LocaleProvider } from '../../renderer/src/i18n/LocaleContext.js';
import { useWrapUpDraft, WrapUpDraftProvider, type WrapUpDraftApi } from '../../renderer/src/workflow/WrapUpDraftContext.js';
import { bodyText, button, byName, choose, click, mount, pressKey, settle, typeInto, unmountAll } from './support/dom.js';
import { createFakeDesk, type FakeDesk } from './support/fakeDesk.js';

const at = Date.UTC(2026, 10, 28, 9, 0, 0);
const dispositions: Disposition[] = [
  ...builtinDispositions,
  {
    code: 'survey',
    label: { en: 'Survey done', tr: 'Anket yapıldı', ru: 'Опрос проведён' },
    flags: [],
    subcodes: [],
    fields: [{ id: 'score', label: { en: 'Score', tr: 'Puan', ru: 'Оценка' }, type: 'number', required: true, min: 1, max: 10 }],
  },
];

function activeCall(id: string): CallView {
  return {
    id,
    line: 1,
    direction: 'inbound',
    state: 'active',
    remoteUri: '<sip:+905337654321@lab.test>',
    remoteUser: '+905337654321',
    remoteNumber: '+905337654321',
    displayName: 'İsmail Çağlar',
    callWaiting: false,
    muted: false,
    remoteHold: false,
    invitedAt: at,
    answeredAt: at + 2000,
    at: at + 2000,
  };
}

interface FakeWrapUp {
  desk: FakeDesk;
  drafts: Map<string, WrapUpDraft>;
  saves: { draftId: string; revision: number; content: DraftFormContent; at: number }[];
  submits: { draftId: string; revision: number; content: DraftFormContent }[];
  answerSubmit: (content: DraftFormContent) => SubmitResult;
  draftApi: WrapUpDraftApi | null;
}

let fake: FakeWrapUp;

function newDraft(id: string, callId: string | null, content: Partial<DraftFormContent> = {}): WrapUpDraft {
  return {
    id,
    callId,
    customerId: 'cust-1',
    customerName: 'İsmail Çağlar',
    call: callId ? { number: '+905337654321', displayName: 'İsmail Çağlar', live: true } : null,
    agent: '1001',
    content: { notes: '', fields: {}, ...content },
    revision: 0,
    openedAt: at,
    updatedAt: at,
  };
}

/** Captures the seam-4 API the catalogue panel would use. */
function DraftApiProbe() {
  fake.draftApi = useWrapUpDraft();
  return null;
}

async function renderPanel(options: { calls?: CallView[]; stored?: WrapUpDraft[] } = {}) {
  const desk = createFakeDesk({ defaults: { 'workflow.dispositions': dispositions } });
  // The fake's handlers close over this test's state: a save still on its way from the previous test's
  // (unmounted) panel must not land in this one.
  const state: FakeWrapUp = { desk, drafts: new Map(), saves: [], submits: [], answerSubmit: filed, draftApi: null };
  fake = state;
  for (const draft of options.stored ?? []) state.drafts.set(draft.id, draft);
  desk.override('sip:status', () => ok({ state: 'registered', dnd: false, at }));
  desk.override('calls:list', () => ok(options.calls ?? []));
  desk.override('callbacks:list', () => ok([]));
  desk.override('wrapup:promotions', () =>
    ok([{ id: 'promo-1', name: 'İlk 3 Ay %50 İndirim', discountPercent: 50, discountMinor: null }]),
  );
  desk.override('wrapup:departments', () => ok([{ code: 'billing', name: 'Fatura ve Ödeme', transferTarget: '2001' }]));
  desk.override('wrapup:drafts', () =>
    ok(
      [...state.drafts.values()].map((d) => ({
        id: d.id,
        callId: d.callId,
        customerId: d.customerId,
        customerName: d.customerName,
        call: d.call,
        revision: d.revision,
        openedAt: d.openedAt,
        updatedAt: d.updatedAt,
        disposition: d.content.disposition ?? null,
      })),
    ),
  );
  desk.override('wrapup:open', (args) => {
    const { callId } = args as { callId: string | null };
    const existing = [...state.drafts.values()].find((d) => d.callId === callId);
    const draft = existing ?? newDraft(`draft-${state.drafts.size + 1}`, callId);
    state.drafts.set(draft.id, draft);
    return ok(draft);
  });
  desk.override('wrapup:get', (args) => {
    const draft = state.drafts.get((args as { draftId: string }).draftId);
    return draft ? ok(draft) : fail('not_found', 'no draft');
  });
  desk.override('wrapup:save', (args) => {
    const { draftId, revision, content } = args as { draftId: string; revision: number; content: unknown };
    const stored = state.drafts.get(draftId);
    if (!stored) return fail('not_found', 'no draft');
    if (stored.revision !== revision) return fail('conflict', 'stale');
    const parsed = draftFormContentSchema.parse(content); // the contract's schema, as the dispatcher applies it
    state.saves.push({ draftId, revision, content: parsed, at: Date.now() });
    state.drafts.set(draftId, { ...stored, content: parsed, revision: revision + 1, updatedAt: Date.now() });
    return ok({ revision: revision + 1, updatedAt: Date.now() });
  });
  desk.override('wrapup:submit', (args) => {
    const { draftId, revision, content } = args as { draftId: string; revision: number; content: DraftFormContent };
    const stored = state.drafts.get(draftId);
    if (!stored) return fail('not_found', 'no draft');
    if (stored.revision !== revision) return fail('conflict', 'stale');
    state.submits.push({ draftId, revision, content: draftFormContentSchema.parse(content) });
    const answer = state.answerSubmit(content);
    if (answer.outcome === 'filed') state.drafts.delete(draftId);
    return ok(answer);
  });
  desk.override('wrapup:quote', (args): Result<unknown> => {
    const { lines } = args as { lines: unknown[] };
    const parsed = lines.map((line) => orderLineSchema.parse(line));
    const order = priceOrder(
      'TRY',
      parsed.map((line) => ({
        description: line.description,
        quantity: line.quantity,
        unitPriceMinor: line.unitPriceMinor,
        promotion: line.promotionId ? { name: 'İlk 3 Ay %50 İndirim', discountPercent: 50, discountMinor: null } : undefined,
      })),
    );
    return ok({ order, language: 'tr', readBack: orderReadBack(order, 'tr'), problems: [] });
  });
  await mount(
    <BridgeProvider bridge={desk.bridge}>
      <SettingsProvider>
        <LocaleProvider preferredLanguages={['en']}>
          <WrapUpDraftProvider>
            <DraftApiProbe />
            <WrapUpPanel />
          </WrapUpDraftProvider>
        </LocaleProvider>
      </SettingsProvider>
    </BridgeProvider>,
  );
  await settle(6);
}

const filed = (): SubmitResult => ({
  outcome: 'filed',
  interactionId: 'i-1',
  ticketId: null,
  orderId: null,
  callbackId: null,
  order: null,
  readBack: null,
});

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const radio = (name: string) => byName<HTMLInputElement>('input[type="radio"]', new RegExp(`^\\d?\\s*${name}$`));
const notes = () => byName<HTMLTextAreaElement>('textarea', 'Notes');
const problemList = () => (document.querySelector('.wrapup-problems')?.textContent ?? '').replace(/\s+/g, ' ');

beforeEach(() => localStorage.clear());
afterEach(() => unmountAll());

describe('wrap-up panel', () => {
  it('opens the draft of an answered call and saves typing within 500 ms, based on the stored revision', async () => {
    await renderPanel({ calls: [activeCall('call-1')] });
    expect(fake.desk.calls.some((c) => c.name === 'wrapup:open' && (c.args as { callId: string }).callId === 'call-1')).toBe(
      true,
    );
    expect(bodyText()).toContain('Call with İsmail Çağlar');

    const typedAt = Date.now();
    await typeInto(notes(), 'Fatura itirazı');
    await wait(600);
    await settle();
    expect(fake.saves).toHaveLength(1);
    expect(fake.saves[0]).toMatchObject({ draftId: 'draft-1', revision: 0, content: { notes: 'Fatura itirazı' } });
    expect(fake.saves[0]!.at - typedAt).toBeLessThanOrEqual(550);
    expect(bodyText()).toContain('Draft saved');

    // Typing on without a pause is still saved at most 500 ms after the first unsaved change.
    const firstChange = Date.now();
    for (const text of ['Fatura itirazı.', 'Fatura itirazı. İ', 'Fatura itirazı. İade']) {
      await typeInto(notes(), text);
      await wait(200);
    }
    await wait(400);
    await settle();
    expect(fake.saves.length).toBeGreaterThanOrEqual(2);
    expect(fake.saves[1]!.at - firstChange).toBeLessThanOrEqual(600);
    expect(fake.saves[1]!.revision).toBe(1);
    expect(fake.saves.at(-1)!.content.notes).toBe('Fatura itirazı. İade');
  });

  it('chooses the outcome with number keys outside text fields, and opens the parts its flags ask for', async () => {
    await renderPanel({ calls: [activeCall('call-1')] });
    radio('Resolved').focus();
    await pressKey('2');
    expect(radio('Sale').checked).toBe(true);
    expect(byName<HTMLInputElement>('input[type="checkbox"]', 'Enter an order').checked).toBe(true);
    expect(bodyText()).toContain('Use “Offer” in the catalogue');

    // In the notes, a digit is text.
    notes().focus();
    await pressKey('3', {}, notes());
    expect(radio('Sale').checked).toBe(true);

    radio('Sale').focus();
    await pressKey('3');
    expect(radio('Complaint').checked).toBe(true);
    expect(byName<HTMLInputElement>('input[type="checkbox"]', 'File a ticket').checked).toBe(true);
    expect(byName<HTMLSelectElement>('select', 'Type').value).toBe('complaint');
    expect(byName<HTMLSelectElement>('select', 'Sub-code')).toBeTruthy();
  });

  it('refuses an incomplete form on Ctrl+Enter, naming each field, and sends nothing', async () => {
    await renderPanel({ calls: [activeCall('call-1')] });
    await pressKey('Enter', { ctrlKey: true }, notes());
    expect(problemList()).toContain('This wrap-up cannot be filed yet:');
    expect(problemList()).toContain('Outcome: Required.');
    expect(fake.submits).toEqual([]);

    radio('Survey done').focus();
    await pressKey('8');
    const score = byName<HTMLInputElement>('input', /^Score/);
    await typeInto(score, '11');
    expect(problemList()).toContain('Score: At most 10.');
    expect(score.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(score.getAttribute('aria-describedby')!)?.textContent).toBe('At most 10.');
    await typeInto(score, 'yedi');
    expect(problemList()).toContain('Score: Enter a number, such as 7 or 7,5.');

    await click(byName<HTMLInputElement>('input[type="checkbox"]', 'Schedule a callback'));
    await pressKey('Enter', { ctrlKey: true }, score);
    expect(problemList()).toContain('Date: Required.');
    expect(problemList()).toContain('Time: Required.');
    expect(fake.submits).toEqual([]);
  });

  it('files a complete wrap-up with Ctrl+Enter and shows what was filed', async () => {
    await renderPanel({ calls: [activeCall('call-1')] });
    radio('Resolved').focus();
    await pressKey('1');
    await choose(byName<HTMLSelectElement>('select', 'Sub-code'), 'info');
    await typeInto(notes(), 'Tarife bilgisi verildi');
    await pressKey('Enter', { ctrlKey: true }, notes());
    await settle(6);
    expect(fake.submits).toHaveLength(1);
    expect(fake.submits[0]!.content).toEqual({
      disposition: 'resolved',
      subcode: 'info',
      notes: 'Tarife bilgisi verildi',
      fields: {},
    });
    // Everything typed was saved before the submit, and the submit was based on that revision.
    expect(fake.submits[0]!.revision).toBe(fake.saves.length);
    expect(bodyText()).toContain('Wrap-up filed: Resolved.');
    expect(document.querySelector('form.wrapup-form')).toBeNull();
  });

  it("puts core's refusals on their fields", async () => {
    await renderPanel({ calls: [activeCall('call-1')] });
    fake.answerSubmit = () => ({
      outcome: 'refused',
      problems: [
        { path: 'call', key: 'callInProgress' },
        { path: 'ticket.department', key: 'unknownDepartment' },
      ],
    });
    radio('Resolved').focus();
    await pressKey('1');
    await choose(byName<HTMLSelectElement>('select', 'Sub-code'), 'change');
    await click(byName<HTMLInputElement>('input[type="checkbox"]', 'File a ticket'));
    await choose(byName<HTMLSelectElement>('select', 'Department'), 'billing');
    await typeInto(byName<HTMLInputElement>('input', 'Subject'), 'Fatura');
    await click(button('File wrap-up'));
    await settle(6);
    expect(fake.submits).toHaveLength(1);
    expect(problemList()).toContain('Call: The call is still on: file the wrap-up once it has ended.');
    expect(problemList()).toContain('Department: This department no longer exists.');
    expect(byName<HTMLSelectElement>('select', 'Department').getAttribute('aria-invalid')).toBe('true');
    // The transfer button is there for a live call and the department's number.
    expect(button('Transfer call to Fatura ve Ödeme').disabled).toBe(false);
  });

  it('turns an offered catalogue item into an order line with totals and the read-back (seam 4)', async () => {
    await renderPanel({ calls: [activeCall('call-1')] });
    expect(fake.draftApi?.active).toBe(true);
    const offer = {
      catalogueItemId: 'item-1',
      description: 'Süper Konuşkan 20 GB',
      unitPriceMinor: 34990,
      currency: 'TRY',
      promotionId: 'promo-1',
    };
    fake.draftApi!.addOrderLine(offer);
    fake.draftApi!.addOrderLine(offer);
    await settle();
    await wait(700);
    await settle();
    const quantity = byName<HTMLInputElement>('input', 'Quantity of Süper Konuşkan 20 GB');
    expect(quantity.value).toBe('2');
    expect(bodyText()).toMatch(/Subtotal\s*TRY\s699\.80\s*Discount\s*-TRY\s349\.90\s*Total\s*TRY\s349\.90/);
    expect(bodyText()).toContain('Read back to the customer (Turkish)');
    expect(bodyText()).toContain('Toplam tutar: ₺349,90');
    await typeInto(quantity, '3');
    await wait(700);
    await settle();
    expect(fake.saves.at(-1)!.content.order?.lines[0]?.quantity).toBe(3);
    expect(bodyText()).toMatch(/Total\s*TRY\s524\.85/);

    const promotion = byName<HTMLSelectElement>('select', 'Promotion for Süper Konuşkan 20 GB');
    expect(promotion.value).toBe('promo-1');
    await choose(promotion, '');
    await wait(700);
    await settle();
    expect(fake.saves.at(-1)!.content.order?.lines[0]).not.toHaveProperty('promotionId');
    expect(bodyText()).toMatch(/Total\s*TRY\s1,049\.70/);
  });

  it('reopens the unfinished draft after a reload, with its call and what was typed', async () => {
    const stored = newDraft('draft-9', 'call-9', { disposition: 'complaint', subcode: 'billing', notes: 'Yarım kalan not' });
    stored.revision = 4;
    stored.call = { number: '+905337654321', displayName: null, live: false };
    await renderPanel({ stored: [stored] });
    expect(notes().value).toBe('Yarım kalan not');
    expect(radio('Complaint').checked).toBe(true);
    expect(bodyText()).toContain('Call with +905337654321');
    expect(bodyText()).toContain('call ended');
    await typeInto(notes(), 'Yarım kalan not, tamamlandı');
    await wait(600);
    await settle();
    expect(fake.saves[0]).toMatchObject({ draftId: 'draft-9', revision: 4 });
  });
});
