// WrapUpService on a real SQLite file with the demo workspace: drafts (reopen, revisions, the script part),
// validation messages (field id + message key), one transaction with every outbox row (a failure injected
// half-way writes nothing), order pricing re-checked against the catalogue, do-not-call, the default disposition.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WRAP_UP_FILED } from '../../../electron/core/workflow/wrapUpFiled.js';
import { AUTO_FILED_KEY } from '../../../electron/core/workflow/wrapUpService.js';
import { CommandFailure } from '../../../electron/shared/ipc/result.js';
import type { DraftContent, DraftFormContent, SubmitResult, WrapUpProblem } from '../../../electron/shared/ipc/wrapUp.js';
import { useTempDirs } from '../../support/tempDir.js';
import { openWorkflowDesk, type WorkflowDesk } from './workflowTestSupport.js';

const tempDir = useTempDirs('agentdesk-wrapup-');
const MINUTE = 60_000;
let desk: WorkflowDesk;

beforeEach(() => {
  desk = openWorkflowDesk(tempDir());
});
afterEach(() => desk.close());

const blank = (): DraftFormContent => ({ notes: '', fields: {} });
/** A stored draft's form parts (what a submit sends). */
const formOf = ({ script: _script, ...form }: DraftContent): DraftFormContent => form;

function submitContent(callId: string | null, content: DraftFormContent, customerRef?: string): SubmitResult {
  const draft = desk.wrapUp.openDraft(callId, customerRef ? desk.customerId(customerRef) : undefined);
  return desk.wrapUp.submit({ draftId: draft.id, revision: draft.revision, content });
}

function problemsOf(result: SubmitResult): WrapUpProblem[] {
  if (result.outcome !== 'refused') throw new Error(`expected a refusal, got ${JSON.stringify(result)}`);
  return result.problems;
}

const businessTables = ['interactions', 'tickets', 'orders', 'order_lines', 'callbacks', 'outbox'] as const;
const counts = () =>
  Object.fromEntries(businessTables.map((table) => [table, desk.count(table)])) as Record<
    (typeof businessTables)[number],
    number
  >;

function failsWith(code: string, action: () => unknown) {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(CommandFailure);
    expect((error as CommandFailure).code).toBe(code);
    return;
  }
  throw new Error(`expected ${code}`);
}

describe('drafts', () => {
  it('reopens the unfinished draft of a call, with its content and call, after the database is reopened', () => {
    const callId = 'call-7';
    desk.live.set(callId, { number: '+905337654321', displayName: 'İsmail' });
    const opened = desk.wrapUp.openDraft(callId, desk.customerId('0002'));
    expect(opened).toMatchObject({
      callId,
      revision: 0,
      customerName: 'İsmail Çağlar',
      call: { number: '+905337654321', live: true },
    });
    const saved = desk.wrapUp.saveDraft({
      draftId: opened.id,
      revision: 0,
      content: { ...blank(), disposition: 'complaint', subcode: 'billing', notes: 'Fatura iki kez kesilmiş — İade istiyor' },
    });
    expect(saved.revision).toBe(1);
    expect(desk.wrapUp.openDraft(callId).id).toBe(opened.id);

    const path = desk.database.path;
    desk.close();
    desk = openWorkflowDesk(path.replace(/\/agentdesk\.db$/, ''));
    const reopened = desk.wrapUp.openDraft(callId);
    expect(reopened).toMatchObject({
      id: opened.id,
      callId,
      revision: 1,
      content: { disposition: 'complaint', subcode: 'billing', notes: 'Fatura iki kez kesilmiş — İade istiyor' },
    });
    expect(desk.wrapUp.listDrafts().map((d) => d.id)).toContain(opened.id);
  });

  it('refuses a save based on a stale revision and keeps the stored content', () => {
    const draft = desk.wrapUp.openDraft(null, desk.customerId('0001'));
    desk.wrapUp.saveDraft({ draftId: draft.id, revision: 0, content: { ...blank(), notes: 'window A' } });
    failsWith('conflict', () =>
      desk.wrapUp.saveDraft({ draftId: draft.id, revision: 0, content: { ...blank(), notes: 'window B' } }),
    );
    expect(desk.wrapUp.getDraft(draft.id)).toMatchObject({ revision: 1, content: { notes: 'window A' } });
    failsWith('not_found', () => desk.wrapUp.saveDraft({ draftId: 'nope', revision: 0, content: blank() }));
  });

  it('merges the script part through the same revision counter, and a form save keeps it', () => {
    const draft = desk.wrapUp.openDraft('call-s');
    const run = { scriptId: 'script-1', path: [{ stepId: 'greet' }, { stepId: 'ask', answer: 'yes' }] };
    expect(desk.wrapUp.updateDraftPart('call-s', 'script', run)).toEqual({ draftId: draft.id, revision: 1 });
    // The form's next save must be based on revision 1 now; its content has no script and keeps the stored one.
    failsWith('conflict', () => desk.wrapUp.saveDraft({ draftId: draft.id, revision: 0, content: { ...blank(), notes: 'x' } }));
    desk.wrapUp.saveDraft({ draftId: draft.id, revision: 1, content: { ...blank(), notes: 'x' } });
    expect(desk.wrapUp.getDraft(draft.id).content).toEqual({ notes: 'x', fields: {}, script: run });
    expect(desk.emitted('wrapup:draft').map((d) => d.revision)).toEqual([1, 2]);
    // A script step before the wrap-up opened creates the call's draft.
    expect(desk.wrapUp.updateDraftPart('call-new', 'script', run).revision).toBe(1);
    expect(desk.wrapUp.openDraft('call-new').content.script).toEqual(run);
  });

  it('discards a draft and tells the windows', () => {
    const draft = desk.wrapUp.openDraft('call-d');
    desk.wrapUp.discard(draft.id);
    expect(desk.count('wrap_up_drafts')).toBe(0);
    expect(desk.emitted('wrapup:closed')).toEqual([
      { draftId: draft.id, callId: 'call-d', reason: 'discarded', disposition: null, interactionId: null },
    ]);
  });
});

describe('validation', () => {
  it('names every missing or wrong field with a message key, and writes nothing', () => {
    const before = counts();
    expect(problemsOf(submitContent(null, blank()))).toEqual([{ path: 'disposition', key: 'required' }]);
    expect(problemsOf(submitContent(null, { ...blank(), disposition: 'nonsense' }))).toEqual([
      { path: 'disposition', key: 'unknownOption' },
    ]);
    expect(problemsOf(submitContent(null, { ...blank(), disposition: 'complaint' }))).toEqual([
      { path: 'subcode', key: 'required' },
      { path: 'ticket', key: 'required' },
    ]);
    expect(problemsOf(submitContent(null, { ...blank(), disposition: 'sale' }))).toEqual([
      { path: 'fields.channel', key: 'required' },
      { path: 'order', key: 'noOrderLines' },
    ]);
    expect(
      problemsOf(
        submitContent(null, {
          ...blank(),
          disposition: 'sale',
          fields: { channel: 'fax' },
          order: { lines: [desk.offer('SRV-EK-10')] },
        }),
      ),
    ).toEqual([{ path: 'fields.channel', key: 'unknownOption' }]);
    expect(
      problemsOf(
        submitContent(null, {
          ...blank(),
          disposition: 'survey',
          fields: { score: '11', visit: '2026-02-30', comment: 'ç'.repeat(21), topics: ['price', 'bogus'] },
        }),
      ),
    ).toEqual([
      { path: 'fields.score', key: 'tooLarge', params: { max: 10 } },
      { path: 'fields.visit', key: 'invalidDate' },
      { path: 'fields.comment', key: 'tooLong', params: { max: 20 } },
      { path: 'fields.topics', key: 'unknownOption' },
    ]);
    expect(problemsOf(submitContent(null, { ...blank(), disposition: 'survey', fields: { score: 'on' } }))).toEqual([
      { path: 'fields.score', key: 'notANumber' },
    ]);
    expect(problemsOf(submitContent(null, { ...blank(), disposition: 'survey', fields: { score: '0' } }))).toEqual([
      { path: 'fields.score', key: 'tooSmall', params: { min: 1 } },
    ]);
    expect(counts()).toEqual(before);
  });

  it('checks the ticket, callback and call against the database and the phone rules', () => {
    const ticket = {
      kind: 'complaint' as const,
      department: 'nowhere',
      priority: 'high' as const,
      subject: ' ',
      description: '',
    };
    expect(problemsOf(submitContent(null, { ...blank(), disposition: 'complaint', subcode: 'billing', ticket }))).toEqual([
      { path: 'ticket.subject', key: 'required' },
      { path: 'ticket.department', key: 'unknownDepartment' },
    ]);

    const now = desk.clock.now();
    const callback = {
      date: '2023-11-14',
      time: '10:00',
      dueAt: now + 30 * MINUTE,
      assignee: 'me' as const,
      number: '0532 111 22 33',
      note: '',
    };
    expect(problemsOf(submitContent(null, { ...blank(), disposition: 'callback' }))).toEqual([
      { path: 'callback', key: 'required' },
    ]);
    expect(
      problemsOf(submitContent(null, { ...blank(), disposition: 'callback', callback: { ...callback, dueAt: now - 1 } })),
    ).toEqual([{ path: 'callback.date', key: 'inPast' }]);
    expect(
      problemsOf(
        submitContent(null, { ...blank(), disposition: 'callback', callback: { ...callback, date: '', time: '', dueAt: null } }),
      ),
    ).toEqual([
      { path: 'callback.date', key: 'required' },
      { path: 'callback.time', key: 'required' },
    ]);
    // No call and no customer: no number to call back unless one is typed; a typed one must be a number.
    expect(
      problemsOf(submitContent(null, { ...blank(), disposition: 'callback', callback: { ...callback, number: ' ' } })),
    ).toEqual([{ path: 'callback.number', key: 'numberRequired' }]);
    expect(
      problemsOf(submitContent(null, { ...blank(), disposition: 'callback', callback: { ...callback, number: '12ab' } })),
    ).toEqual([{ path: 'callback.number', key: 'invalidNumber' }]);

    // A call still on is not in the call log yet: it cannot be filed until it ends.
    desk.live.set('call-live', { number: '+905321112233', displayName: null });
    expect(problemsOf(submitContent('call-live', { ...blank(), disposition: 'resolved', subcode: 'info' }))).toEqual([
      { path: 'call', key: 'callInProgress' },
    ]);
  });

  it('re-checks order lines against the catalogue at this moment and the customer segment', () => {
    const promoForVip = desk.offer('TRF-KONUSKAN-20', 1, 'PRM-SADAKAT-20');
    const expiredPromo = desk.offer('SRV-EK-10', 1, 'PRM-YAZ-2025');
    const businessOnly = desk.offer('TRF-BIZ-PRO-50');
    const stalePrice = { ...desk.offer('SRV-MUZIK'), unitPriceMinor: 2990 };
    const dollars = { ...desk.offer('PRD-ESIM'), currency: 'USD' };
    const content: DraftFormContent = {
      ...blank(),
      disposition: 'sale',
      fields: { channel: 'sms' },
      order: { lines: [promoForVip, expiredPromo, businessOnly, stalePrice, dollars] },
    };
    expect(problemsOf(submitContent(null, content, '0002'))).toEqual([
      { path: 'order.lines.4.currency', key: 'currencyMismatch' },
      { path: 'order.lines.0.promotionId', key: 'promotionNotEligible' },
      { path: 'order.lines.1.promotionId', key: 'promotionNotValidNow' },
      { path: 'order.lines.2', key: 'itemNotEligible' },
      { path: 'order.lines.3.unitPriceMinor', key: 'priceChanged', params: { price: 3990 } },
      { path: 'order.lines.4.unitPriceMinor', key: 'priceChanged', params: { price: 5000 } },
    ]);
    // Only what this customer may get now is offered: not the VIP or business ones, not the expired one.
    expect(desk.wrapUp.promotions({ customerId: desk.customerId('0002'), callId: null }).map((p) => p.name)).toEqual([
      'İlk 3 Ay %50 İndirim',
    ]);
    expect(desk.wrapUp.promotions({ customerId: desk.customerId('0004'), callId: null }).map((p) => p.name)).toEqual([
      'Business 2+1 Hat',
    ]);
    // The quote while typing says the same, in the customer's language.
    const quote = desk.wrapUp.quote({ customerId: desk.customerId('0002'), callId: null, lines: [promoForVip, businessOnly] });
    expect(quote.language).toBe('tr');
    expect(quote.problems.map((p) => p.key)).toEqual(['promotionNotEligible', 'itemNotEligible']);
  });
});

describe('submit', () => {
  it('writes interaction, ticket, order with lines, callback and every outbox row in one go, then deletes the draft', () => {
    const customerId = desk.customerId('0002');
    const callId = desk.logCall('+905337654321');
    const draft = desk.wrapUp.openDraft(callId, customerId);
    const run = { scriptId: 'telesales-v2', path: [{ stepId: 'offer', answer: 'yes' }] };
    desk.wrapUp.updateDraftPart(callId, 'script', run);
    const dueAt = desk.clock.now() + 2 * 60 * MINUTE;
    const content: DraftFormContent = {
      disposition: 'sale',
      notes: '  Süper Konuşkan istedi; ek paket de aldı.  ',
      fields: { channel: 'courier', leftover: 'from another disposition' },
      ticket: {
        kind: 'request',
        department: 'sales',
        priority: 'normal',
        subject: 'Kurye teslimatı',
        description: 'Adres: Çankaya',
      },
      order: { lines: [desk.offer('TRF-KONUSKAN-20', 1, 'PRM-ILK3AY-50'), desk.offer('SRV-EK-10', 2)] },
      callback: { date: '2023-11-14', time: '00:13', dueAt, assignee: 'me', number: '', note: 'Kurye geldi mi?' },
    };
    const outboxBefore = desk.count('outbox');

    const result = desk.wrapUp.submit({ draftId: draft.id, revision: 1, content });
    if (result.outcome !== 'filed') throw new Error(JSON.stringify(result));
    expect(result.order).toMatchObject({
      currency: 'TRY',
      subtotalMinor: 34990 + 19980,
      discountMinor: 17495,
      totalMinor: 37475,
    });
    expect(result.readBack).toContain('Toplam tutar: ₺374,75');
    expect(result.readBack).toContain('İlk 3 Ay %50 İndirim: −₺174,95');

    const db = desk.database.sqlite;
    expect(db.prepare('SELECT * FROM interactions WHERE id = ?').get(result.interactionId)).toMatchObject({
      customer_id: customerId,
      call_id: callId,
      kind: 'call',
      direction: 'inbound',
      outcome: 'sale',
      outcome_subcode: null,
      custom_fields: JSON.stringify({ channel: 'courier' }),
      script_id: 'telesales-v2',
      script_run: JSON.stringify(run),
      notes: 'Süper Konuşkan istedi; ek paket de aldı.',
      agent: '1001',
    });
    const sales = db.prepare("SELECT id FROM departments WHERE code = 'sales'").pluck().get();
    expect(db.prepare('SELECT * FROM tickets WHERE id = ?').get(result.ticketId)).toMatchObject({
      interaction_id: result.interactionId,
      call_id: callId,
      department_id: sales,
      kind: 'request',
      status: 'open',
      subject: 'Kurye teslimatı',
    });
    expect(db.prepare('SELECT total_minor, currency, interaction_id FROM orders WHERE id = ?').get(result.orderId)).toEqual({
      total_minor: 37475,
      currency: 'TRY',
      interaction_id: result.interactionId,
    });
    expect(
      db
        .prepare(
          'SELECT quantity, unit_price_minor, discount_minor, line_total_minor, promotion_id IS NOT NULL AS promo FROM order_lines WHERE order_id = ? ORDER BY position',
        )
        .all(result.orderId),
    ).toEqual([
      { quantity: 1, unit_price_minor: 34990, discount_minor: 17495, line_total_minor: 17495, promo: 1 },
      { quantity: 2, unit_price_minor: 9990, discount_minor: 0, line_total_minor: 19980, promo: 0 },
    ]);
    expect(db.prepare('SELECT * FROM callbacks WHERE id = ?').get(result.callbackId)).toMatchObject({
      e164: '+905337654321',
      due_at: dueAt,
      assignee: '1001',
      status: 'scheduled',
      note: 'Kurye geldi mi?',
      interaction_id: result.interactionId,
    });
    const outbox = db
      .prepare(
        'SELECT entity, entity_id AS entityId, operation FROM outbox WHERE seq > (SELECT max(seq) - ? FROM outbox) ORDER BY seq',
      )
      .all(desk.count('outbox') - outboxBefore);
    expect(outbox).toEqual([
      { entity: 'interaction', entityId: result.interactionId, operation: 'insert' },
      { entity: 'ticket', entityId: result.ticketId, operation: 'insert' },
      { entity: 'order', entityId: result.orderId, operation: 'insert' },
      { entity: 'callback', entityId: result.callbackId, operation: 'insert' },
    ]);
    expect(desk.count('wrap_up_drafts')).toBe(0);
    expect(desk.emitted('wrapup:closed')).toEqual([
      { draftId: draft.id, callId, reason: 'submitted', disposition: 'sale', interactionId: result.interactionId },
    ]);
    expect(desk.emitted('customers:changed')).toContainEqual({ reason: 'interaction', customerIds: [customerId] });
    expect(desk.submitted).toEqual([{ callId, disposition: 'sale' }]);
  });

  it('writes nothing when a write fails half-way (one transaction), and files once the fault is gone', () => {
    const callId = desk.logCall('+905337654321');
    const draft = desk.wrapUp.openDraft(callId, desk.customerId('0002'));
    const content: DraftFormContent = {
      disposition: 'sale',
      notes: 'half-way',
      fields: { channel: 'sms' },
      ticket: { kind: 'request', department: 'sales', priority: 'high', subject: 'Hat açılışı', description: '' },
      order: { lines: [desk.offer('SRV-MUZIK')] },
      callback: { date: 'x', time: 'y', dueAt: desk.clock.now() + MINUTE * 10, assignee: 'anyone', number: '', note: '' },
    };
    // The interaction and the ticket are written before the order: the order insert fails.
    desk.database.sqlite.exec(
      `CREATE TRIGGER inject_failure BEFORE INSERT ON orders BEGIN SELECT RAISE(ABORT, 'disk full (injected)'); END`,
    );
    const before = counts();
    expect(() => desk.wrapUp.submit({ draftId: draft.id, revision: 0, content })).toThrow('disk full (injected)');
    expect(counts()).toEqual(before);
    expect(desk.wrapUp.getDraft(draft.id).id).toBe(draft.id);
    expect(desk.emitted('wrapup:closed')).toEqual([]);
    expect(desk.submitted).toEqual([]);

    desk.database.sqlite.exec('DROP TRIGGER inject_failure');
    const filed = desk.wrapUp.submit({ draftId: draft.id, revision: 0, content });
    expect(filed.outcome).toBe('filed');
    expect(counts()).toEqual({
      interactions: before.interactions + 1,
      tickets: before.tickets + 1,
      orders: before.orders + 1,
      order_lines: before.order_lines + 1,
      callbacks: before.callbacks + 1,
      outbox: before.outbox + 4,
    });
  });

  it('refuses a submit based on a stale revision, and one for a draft already filed', () => {
    const draft = desk.wrapUp.openDraft(null, desk.customerId('0005'));
    desk.wrapUp.saveDraft({ draftId: draft.id, revision: 0, content: { ...blank(), notes: 'newer' } });
    const content = { ...blank(), disposition: 'not-interested' };
    failsWith('conflict', () => desk.wrapUp.submit({ draftId: draft.id, revision: 0, content }));
    expect(desk.wrapUp.submit({ draftId: draft.id, revision: 1, content }).outcome).toBe('filed');
    failsWith('not_found', () => desk.wrapUp.submit({ draftId: draft.id, revision: 1, content }));
  });

  it('files a wrap-up without a call as a note, and sets do-not-call on the customer as a field-level change', () => {
    const customerId = desk.customerId('0006');
    const version = desk.customers.repository.get(customerId)!.version;
    expect(desk.customers.repository.get(customerId)?.doNotCall).toBe(false);
    const result = submitContent(null, { ...blank(), disposition: 'do-not-call', notes: 'KVKK: aranmak istemiyor' }, '0006');
    if (result.outcome !== 'filed') throw new Error(JSON.stringify(result));
    expect(desk.database.sqlite.prepare('SELECT kind, call_id FROM interactions WHERE id = ?').get(result.interactionId)).toEqual(
      {
        kind: 'note',
        call_id: null,
      },
    );
    expect(desk.customers.repository.get(customerId)).toMatchObject({ doNotCall: true, version: version + 1 });
    const row = desk.database.sqlite
      .prepare("SELECT operation, payload FROM outbox WHERE entity = 'customer' AND entity_id = ? ORDER BY seq DESC LIMIT 1")
      .get(customerId) as { operation: string; payload: string };
    expect(row.operation).toBe('update');
    expect(JSON.parse(row.payload)).toEqual({ baseVersion: version, changes: { doNotCall: true } });
    expect(desk.submitted).toEqual([{ callId: null, disposition: 'do-not-call' }]);
  });

  it('files a call that is neither logged nor live (its log write failed) without the link rather than never', () => {
    const result = submitContent('lost-call', { ...blank(), disposition: 'resolved', subcode: 'change' }, '0002');
    if (result.outcome !== 'filed') throw new Error(JSON.stringify(result));
    expect(desk.database.sqlite.prepare('SELECT kind, call_id FROM interactions WHERE id = ?').get(result.interactionId)).toEqual(
      {
        kind: 'call',
        call_id: null,
      },
    );
    expect(desk.logger.lines.some((line) => line.message === 'wrap-up filed without a logged call')).toBe(true);
  });
});

describe('default disposition (after-call work ran out)', () => {
  const db = () => desk.database.sqlite;
  const interaction = (id: string | undefined) =>
    db()
      .prepare(
        'SELECT outcome, outcome_subcode, custom_fields, notes, script_id, call_id, customer_id, kind FROM interactions WHERE id = ?',
      )
      .get(id) as Record<string, unknown> & { custom_fields: string };
  const notices = () => desk.emitted('app:notice');

  /** The operator's wrap-up as the brief's example has it: Sale, an order line, a ticket, a callback, notes. */
  function saleDraft(fields: DraftFormContent['fields']) {
    const callId = desk.logCall('+905337654321');
    const draft = desk.wrapUp.openDraft(callId, desk.customerId('0002'));
    const content: DraftFormContent = {
      disposition: 'sale',
      notes: 'Müzik paketini aldı; fatura kopyası istiyor',
      fields,
      ticket: { kind: 'request', department: 'billing', priority: 'normal', subject: 'Fatura kopyası', description: '' },
      order: { lines: [desk.offer('SRV-MUZIK')] },
      callback: { date: '', time: '', dueAt: desk.clock.now() + 60 * MINUTE, assignee: 'me', number: '', note: 'Teslimat' },
    };
    desk.wrapUp.saveDraft({ draftId: draft.id, revision: 0, content });
    desk.wrapUp.updateDraftPart(callId, 'script', { scriptId: 's1', path: [] });
    return { callId, draft, content };
  }

  it('files a complete draft without an order exactly as typed — complaint, ticket, callback, notes, script — marked as filed by the timeout', () => {
    const callId = desk.logCall('+905337654321');
    const draft = desk.wrapUp.openDraft(callId, desk.customerId('0002'));
    desk.wrapUp.saveDraft({
      draftId: draft.id,
      revision: 0,
      content: {
        disposition: 'complaint',
        subcode: 'billing',
        notes: 'Müzik paketini aldı; fatura kopyası istiyor',
        fields: {},
        ticket: { kind: 'complaint', department: 'billing', priority: 'normal', subject: 'Fatura kopyası', description: '' },
        callback: { date: '', time: '', dueAt: desk.clock.now() + 60 * MINUTE, assignee: 'me', number: '', note: 'Teslimat' },
      },
    });
    desk.wrapUp.updateDraftPart(callId, 'script', { scriptId: 's1', path: [] });
    const before = counts();

    const interactionId = desk.wrapUp.fileDefault(callId, 'no-outcome');
    expect(interaction(interactionId)).toMatchObject({
      outcome: 'complaint',
      outcome_subcode: 'billing',
      notes: 'Müzik paketini aldı; fatura kopyası istiyor',
      script_id: 's1',
      call_id: callId,
      customer_id: desk.customerId('0002'),
      kind: 'call',
    });
    expect(JSON.parse(interaction(interactionId).custom_fields)).toEqual({
      [AUTO_FILED_KEY]: { by: 'afterCallWorkTimeout', filed: 'asTyped' },
    });
    expect(counts()).toMatchObject({
      interactions: before.interactions + 1,
      orders: before.orders,
      tickets: before.tickets + 1,
      callbacks: before.callbacks + 1,
    });
    for (const table of ['tickets', 'callbacks'])
      expect(db().prepare(`SELECT count(*) FROM ${table} WHERE interaction_id = ?`).pluck().get(interactionId)).toBe(1);
    expect(desk.count('wrap_up_drafts')).toBe(0);
    expect(desk.emitted('wrapup:closed')).toEqual([
      { draftId: draft.id, callId, reason: 'defaultFiled', disposition: 'complaint', interactionId },
    ]);
    expect(desk.submitted).toEqual([{ callId, disposition: 'complaint' }]);
    expect(desk.logger.lines.some((line) => line.message === 'after-call work ran out: the wrap-up was filed as typed')).toBe(
      true,
    );
    expect(notices()).toEqual([]);
  });

  it('files nothing for a complete draft with an order (only the operator places an order): it waits on its call', () => {
    const { callId, draft, content } = saleDraft({ channel: 'sms' });
    const before = counts();
    expect(desk.wrapUp.fileDefault(callId, 'no-outcome')).toBeUndefined();
    expect(counts()).toEqual(before);
    expect(desk.submitted).toEqual([]);
    expect(notices()).toEqual([
      expect.objectContaining({ level: 'warning', code: 'wrapup-timeout-order-awaits-operator' }),
    ]);
    // The draft is untouched, on its call: the operator's Submit files it, order and all.
    const kept = desk.database.sqlite.prepare('SELECT id, call_id FROM wrap_up_drafts').all();
    expect(kept).toEqual([{ id: draft.id, call_id: callId }]);
    const revision = desk.database.sqlite.prepare('SELECT revision FROM wrap_up_drafts WHERE id = ?').pluck().get(draft.id) as number;
    expect(desk.wrapUp.submit({ draftId: draft.id, revision, content })).toMatchObject({ outcome: 'filed' });
    expect(counts()).toMatchObject({ orders: before.orders + 1, interactions: before.interactions + 1 });
  });

  it('files the default for an incomplete draft with notes and script kept, and keeps everything else as a draft without the call', () => {
    const { callId, draft, content } = saleDraft({}); // the sale's required contract channel was never chosen
    const before = counts();

    const interactionId = desk.wrapUp.fileDefault(callId, 'no-outcome');
    expect(interaction(interactionId)).toMatchObject({
      outcome: 'no-outcome',
      outcome_subcode: null,
      notes: 'Müzik paketini aldı; fatura kopyası istiyor',
      script_id: 's1',
      call_id: callId,
      customer_id: desk.customerId('0002'),
    });
    // Nothing was filed that the operator had not confirmed: no order (it would bill the customer), no ticket, no callback.
    expect(counts()).toMatchObject({ ...before, interactions: before.interactions + 1, outbox: before.outbox + 1 });

    // Everything typed is still there, in a draft of the same customer without a call (the call has its wrap-up).
    const kept = desk.database.sqlite.prepare('SELECT id, call_id, customer_id, agent, content FROM wrap_up_drafts').all() as {
      id: string;
      call_id: string | null;
      customer_id: string;
      agent: string;
      content: string;
    }[];
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatchObject({ call_id: null, customer_id: desk.customerId('0002'), agent: '1001' });
    expect(kept[0]!.id).not.toBe(draft.id);
    expect(JSON.parse(kept[0]!.content)).toEqual(content);
    expect(JSON.parse(interaction(interactionId).custom_fields)).toEqual({
      [AUTO_FILED_KEY]: {
        by: 'afterCallWorkTimeout',
        filed: 'default',
        typedDisposition: 'sale',
        typedFields: {},
        unfinishedDraftId: kept[0]!.id,
      },
    });
    expect(desk.emitted('wrapup:closed')).toEqual([
      { draftId: draft.id, callId, reason: 'defaultFiled', disposition: 'no-outcome', interactionId },
    ]);
    expect(desk.emitted('wrapup:draft').at(-1)).toMatchObject({ id: kept[0]!.id, callId: null });
    expect(notices()).toEqual([
      { level: 'warning', code: 'wrapup-timeout-unfinished-kept', message: expect.stringContaining('“No outcome”') },
    ]);
    expect(desk.submitted).toEqual([{ callId, disposition: 'no-outcome' }]);

    // The operator finishes the kept draft later: the sale is filed with its order, ticket and callback.
    const reopened = desk.wrapUp.getDraft(kept[0]!.id);
    const result = desk.wrapUp.submit({
      draftId: reopened.id,
      revision: reopened.revision,
      content: { ...formOf(reopened.content), fields: { channel: 'courier' } },
    });
    if (result.outcome !== 'filed') throw new Error(JSON.stringify(result));
    expect(result.orderId).not.toBeNull();
    expect(result.ticketId).not.toBeNull();
    expect(result.callbackId).not.toBeNull();
    expect(interaction(result.interactionId)).toMatchObject({
      outcome: 'sale',
      kind: 'note',
      customer_id: desk.customerId('0002'),
    });
  });

  it('keeps the custom fields that pass their checks in the mark, and keeps a draft with only notes as the filing', () => {
    const callId = desk.logCall('+905337654321');
    const draft = desk.wrapUp.openDraft(callId);
    desk.wrapUp.saveDraft({
      draftId: draft.id,
      revision: 0,
      content: {
        ...blank(),
        disposition: 'survey',
        notes: 'Anket yarıda kaldı',
        fields: { score: '11', comment: 'Kapsama iyi', visit: '2026-02-30' },
      },
    });
    const interactionId = desk.wrapUp.fileDefault(callId, 'no-outcome');
    expect(JSON.parse(interaction(interactionId).custom_fields)[AUTO_FILED_KEY]).toMatchObject({
      filed: 'default',
      typedDisposition: 'survey',
      typedFields: { comment: 'Kapsama iyi' },
    });
    expect(interaction(interactionId).notes).toBe('Anket yarıda kaldı');

    // Only notes typed: the filing holds all of it, so no draft is kept.
    const second = desk.logCall('+905321234567');
    const notesOnly = desk.wrapUp.openDraft(second);
    desk.wrapUp.saveDraft({ draftId: notesOnly.id, revision: 0, content: { ...blank(), notes: 'Hat kesildi' } });
    const before = desk.count('wrap_up_drafts');
    const filedId = desk.wrapUp.fileDefault(second, 'no-outcome');
    expect(interaction(filedId)).toMatchObject({ outcome: 'no-outcome', notes: 'Hat kesildi' });
    expect(JSON.parse(interaction(filedId).custom_fields)).toEqual({
      [AUTO_FILED_KEY]: { by: 'afterCallWorkTimeout', filed: 'default' },
    });
    expect(desk.count('wrap_up_drafts')).toBe(before - 1);
  });

  it('files nothing when the default code is not among the dispositions: the draft stays open, logged and told', () => {
    const callId = desk.logCall('+905337654321');
    const draft = desk.wrapUp.openDraft(callId, desk.customerId('0002'));
    const content: DraftFormContent = {
      ...blank(),
      disposition: 'sale',
      notes: 'Düşünecekmiş',
      order: { lines: [desk.offer('SRV-MUZIK')] },
    };
    desk.wrapUp.saveDraft({ draftId: draft.id, revision: 0, content });
    const before = counts();

    expect(desk.wrapUp.fileDefault(callId, 'no-answer-code')).toBeUndefined();
    expect(counts()).toEqual(before);
    expect(desk.wrapUp.getDraft(draft.id)).toMatchObject({ callId, content });
    expect(desk.emitted('wrapup:closed')).toEqual([]);
    expect(desk.submitted).toEqual([]);
    expect(
      desk.logger.lines.some(
        (line) => line.level === 'error' && line.message.startsWith('default disposition is not among workflow.dispositions'),
      ),
    ).toBe(true);
    expect(notices()).toEqual([
      { level: 'error', code: 'wrapup-timeout-default-unknown', message: expect.stringContaining('“no-answer-code”') },
    ]);

    // A call that had no draft gets one, so it waits in the operator's list instead of vanishing.
    const bare = desk.logCall(null);
    expect(desk.wrapUp.fileDefault(bare, 'no-answer-code')).toBeUndefined();
    expect(desk.wrapUp.listDrafts().map((summary) => summary.callId)).toContain(bare);
    expect(desk.count('interactions')).toBe(before.interactions);

    // The operator can still file it; a complete draft never needed the default anyway.
    const filed = desk.wrapUp.submit({
      draftId: draft.id,
      revision: 1,
      content: { ...content, fields: { channel: 'store' } },
    });
    expect(filed.outcome).toBe('filed');
  });

  it('files it for a call that had no draft, and never throws (a failure is logged)', () => {
    const callId = desk.logCall(null);
    expect(typeof desk.wrapUp.fileDefault(callId, 'no-outcome')).toBe('string');
    desk.database.sqlite.exec(
      `CREATE TRIGGER inject_failure BEFORE INSERT ON interactions BEGIN SELECT RAISE(ABORT, 'injected'); END`,
    );
    expect(desk.wrapUp.fileDefault(desk.logCall(null), 'no-outcome')).toBeUndefined();
    expect(
      desk.logger.lines.some((line) => line.level === 'error' && line.message === 'filing the default disposition failed'),
    ).toBe(true);
  });
});

describe('a filed call gets no second draft (a late script save after the wrap-up)', () => {
  const refusedAsFiled = (action: () => unknown) => {
    try {
      action();
    } catch (error) {
      expect(error).toBeInstanceOf(CommandFailure);
      expect(error).toMatchObject({ code: 'conflict', details: [{ path: 'callId', message: WRAP_UP_FILED }] });
      return;
    }
    throw new Error('expected the call to be refused as filed');
  };

  it('refuses updateDraftPart and openDraft for a call filed by submit or by the timeout, also after a restart', () => {
    const submitted = desk.logCall('+905337654321');
    expect(submitContent(submitted, { ...blank(), disposition: 'not-interested' }).outcome).toBe('filed');
    const timedOut = desk.logCall('+905321234567');
    desk.wrapUp.fileDefault(timedOut, 'no-outcome');
    const drafts = desk.count('wrap_up_drafts');
    const interactions = desk.count('interactions');
    const events = desk.events.length;

    for (const callId of [submitted, timedOut]) {
      refusedAsFiled(() => desk.wrapUp.updateDraftPart(callId, 'script', { scriptId: 's1', path: [] }));
      refusedAsFiled(() => desk.wrapUp.openDraft(callId));
    }
    expect(desk.count('wrap_up_drafts')).toBe(drafts);
    expect(desk.events.length).toBe(events);

    // The database remembers it: a restarted desk refuses too.
    const path = desk.database.path;
    desk.close();
    desk = openWorkflowDesk(path.replace(/\/agentdesk\.db$/, ''));
    refusedAsFiled(() => desk.wrapUp.updateDraftPart(submitted, 'script', { scriptId: 's1', path: [] }));
    expect(desk.count('wrap_up_drafts')).toBe(drafts);
    // A second timeout for the same call files nothing.
    expect(desk.wrapUp.fileDefault(submitted, 'no-outcome')).toBeUndefined();
    expect(desk.count('interactions')).toBe(interactions);
  });

  it('a card note typed during the call does not count as its wrap-up', () => {
    const callId = desk.logCall('+905337654321');
    desk.customers.addInteraction({ customerId: desk.customerId('0002'), kind: 'note', notes: 'Aradı', callId });
    expect(desk.wrapUp.updateDraftPart(callId, 'script', { scriptId: 's1', path: [] }).revision).toBe(1);
  });
});
