// CustomerHistory on a real SQLite file: interactions with their call, script run, disposition labels, notes,
// tickets, orders with lines and callbacks, assembled across the tables the wrap-up writes, and paged.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../../../db/ids.js';
import { CallLogRepository } from '../../../db/repositories/callLog.js';
import { CatalogueRepository } from '../../../db/repositories/catalogue.js';
import { OrderRepository } from '../../../db/repositories/orders.js';
import { TicketRepository } from '../../../db/repositories/tickets.js';
import { callbacks, callScripts, interactions } from '../../../db/schema/index.js';
import { CustomerHistory } from '../../../electron/core/customers/customerHistory.js';
import { AUTO_FILED_KEY, type AutoFiledMark } from '../../../electron/core/workflow/wrapUpService.js';
import { historyPageSchema, type HistoryCursor, type HistoryPage } from '../../../electron/shared/ipc/customerHistory.js';
import { scriptFileSchema, scriptRunSchema } from '../../../electron/shared/callScript.js';
import { commands } from '../../../electron/shared/ipc/contract.js';
import { CommandFailure } from '../../../electron/shared/ipc/result.js';
import { builtinDispositions, type Disposition } from '../../../electron/shared/workflow.js';
import { useTempDirs } from '../../support/tempDir.js';
import { openTestStore, type TestStore } from '../customers/customerTestSupport.js';

const tempDir = useTempDirs('agentdesk-history-');
const MINUTE = 60_000;

let store: TestStore;
let history: CustomerHistory;
let dispositions: Disposition[];
let ayse: string;
let other: string;

beforeEach(async () => {
  store = openTestStore(tempDir());
  dispositions = builtinDispositions;
  history = new CustomerHistory({
    sqlite: store.database.sqlite,
    customers: store.service.repository,
    dispositions: () => dispositions,
  });
  ayse = (await store.service.create({ name: 'Ayşe Gül Şahin', segment: 'youth', phones: [{ number: '0544 111 22 33' }] }))
    .customer.id;
  other = (await store.service.create({ name: 'Kemal Işık', phones: [{ number: '0222 234 56 78' }] })).customer.id;
});
afterEach(() => store.close());

const page = (customerId: string, before?: HistoryCursor, limit?: number): HistoryPage =>
  historyPageSchema.parse(history.page(customerId, before, limit));

interface CallOptions {
  customerId: string;
  at: number;
  direction?: 'inbound' | 'outbound';
  outcome?: string | null;
  subcode?: string | null;
  notes?: string | null;
  scriptId?: string | null;
  scriptRun?: unknown;
  customFields?: Record<string, unknown>;
  answered?: boolean;
}

/** A call and its interaction, as a submitted wrap-up leaves them (the call log's row, then the interaction's). */
function fileCall(options: CallOptions): { callId: string; interactionId: string } {
  const callId = newId();
  const direction = options.direction ?? 'inbound';
  const answered = options.answered ?? true;
  new CallLogRepository(store.database.sqlite).insert(
    {
      id: callId,
      direction,
      rawCallerId: '<sip:+905441112233@pbx.invalid>',
      e164: '+905441112233',
      displayName: null,
      line: 1,
      inviteAt: options.at,
      answerAt: answered ? options.at + 4000 : null,
      endAt: options.at + 4000 + 5 * MINUTE,
      durationMs: answered ? 5 * MINUTE : null,
      hungUpBy: 'remote',
      sipCode: answered ? 200 : 487,
      sipReason: null,
      quality: null,
    },
    store.clock.now(),
  );
  const interactionId = newId();
  store.database.db
    .insert(interactions)
    .values({
      id: interactionId,
      customerId: options.customerId,
      callId,
      kind: 'call',
      direction,
      outcome: options.outcome ?? null,
      outcomeSubcode: options.subcode ?? null,
      scriptId: options.scriptId ?? null,
      scriptRun: options.scriptRun ?? null,
      customFields: options.customFields ?? null,
      notes: options.notes ?? null,
      agent: '1001',
      occurredAt: options.at,
      createdAt: store.clock.now(),
    })
    .run();
  return { callId, interactionId };
}

describe('customer history', () => {
  it('assembles each interaction with its call, script answers, disposition, notes, ticket, order and callback', () => {
    const t0 = store.clock.now();
    const scriptId = newId();
    // A real script in the SCRIPTS helper's format (the parse fails this test if that format moves away).
    const complaintScript = scriptFileSchema.parse({
      key: 'complaint-intake',
      version: 3,
      name: 'Şikâyet kaydı',
      language: 'tr',
      steps: [
        { id: 'greet', kind: 'say', text: 'Merhaba {{customer.name}}' },
        {
          id: 'topic',
          kind: 'question',
          answer: 'choice',
          text: 'Şikâyetiniz hangi konuda?',
          options: [
            { value: 'billing', label: 'Fatura' },
            { value: 'network', label: 'Şebeke' },
          ],
        },
        { id: 'since', kind: 'question', answer: 'number', title: 'Süre (gün)', text: 'Kaç gündür sürüyor?' },
        { id: 'callback', kind: 'question', answer: 'yesNo', text: 'Sizi geri arayalım mı?' },
        { id: 'done', kind: 'end' },
      ],
    });
    store.database.db
      .insert(callScripts)
      .values({
        id: scriptId,
        key: 'complaint-intake',
        version: 3,
        name: 'Şikâyet kaydı',
        language: 'tr',
        definition: complaintScript,
        sourceHash: 'a'.repeat(64),
        importedAt: t0,
      })
      .run();
    const department = new CatalogueRepository(store.database.sqlite).ensureDepartment(
      { id: newId(), code: 'billing', name: 'Fatura ve Ödeme', transferTarget: '2001' },
      t0,
    ).row;

    const older = fileCall({ customerId: ayse, at: t0 - 3 * 24 * 60 * MINUTE, outcome: 'sale', notes: 'Ek paket aldı.' });
    const latest = fileCall({
      customerId: ayse,
      at: t0 - 10 * MINUTE,
      outcome: 'complaint',
      subcode: 'billing',
      notes: 'Fatura itirazı.\nİkinci satır.',
      scriptId,
      scriptRun: scriptRunSchema.parse({
        scriptId,
        path: [
          { stepId: 'greet' },
          { stepId: 'topic', answer: 'billing' },
          { stepId: 'since', answer: 12 },
          { stepId: 'callback', answer: true },
          { stepId: 'done' },
        ],
      }),
    });
    const unanswered = fileCall({
      customerId: ayse,
      at: t0 - 5 * MINUTE,
      direction: 'outbound',
      answered: false,
      outcome: 'callback',
    });
    store.service.addInteraction({ customerId: ayse, kind: 'note', notes: 'Mağazaya gidecek.', occurredAt: t0 - MINUTE });
    // Someone else's history, filed at the same moment, must not leak in.
    const stranger = fileCall({ customerId: other, at: t0 - 10 * MINUTE, outcome: 'complaint' });

    new TicketRepository(store.database.sqlite).insert(
      {
        id: newId(),
        customerId: ayse,
        interactionId: latest.interactionId,
        callId: latest.callId,
        kind: 'complaint',
        departmentId: department.id,
        status: 'open',
        priority: 'high',
        subject: 'Mart faturasında fazladan ücret',
        description: 'Roaming ücreti yansımış.',
      },
      t0,
    );
    new TicketRepository(store.database.sqlite).insert(
      {
        id: newId(),
        customerId: other,
        interactionId: stranger.interactionId,
        callId: stranger.callId,
        kind: 'complaint',
        departmentId: null,
        status: 'open',
        priority: 'normal',
        subject: 'Başkasının şikâyeti',
        description: null,
      },
      t0,
    );
    const orderLine = (description: string, quantity: number, unitPriceMinor: number, discountMinor = 0) => ({
      id: newId(),
      catalogueItemId: null,
      promotionId: null,
      description,
      quantity,
      unitPriceMinor,
      discountMinor,
    });
    new OrderRepository(store.database.sqlite).insert(
      {
        id: newId(),
        customerId: ayse,
        interactionId: older.interactionId,
        status: 'submitted',
        currency: 'TRY',
        lines: [orderLine('Ek 10 GB', 2, 9990, 1000), orderLine('Müzik Paketi', 1, 3990)],
      },
      t0,
    );
    store.database.db
      .insert(callbacks)
      .values({
        id: newId(),
        customerId: ayse,
        interactionId: unanswered.interactionId,
        callId: unanswered.callId,
        e164: '+905441112233',
        dueAt: t0 + 24 * 60 * MINUTE,
        assignee: null,
        createdBy: '1001',
        note: 'Akşam 18:00 sonrası',
        createdAt: t0,
        updatedAt: t0,
      })
      .run();

    const { entries, next } = page(ayse);
    expect(next).toBeNull();
    expect(entries.map((entry) => entry.kind)).toEqual(['note', 'call', 'call', 'call']);
    const [note, callback, complaint, sale] = entries;
    expect(note).toMatchObject({ notes: 'Mağazaya gidecek.', call: null, disposition: null, script: null, agent: '1001' });

    expect(callback).toMatchObject({
      direction: 'outbound',
      call: { id: unanswered.callId, direction: 'outbound', answerAt: null, durationMs: null, inviteAt: t0 - 5 * MINUTE },
      disposition: { code: 'callback', label: { en: 'Call back', tr: 'Geri aranacak', ru: 'Перезвонить' } },
      callbacks: [{ dueAt: t0 + 24 * 60 * MINUTE, assignee: null, status: 'scheduled', note: 'Akşam 18:00 sonrası' }],
      tickets: [],
      orders: [],
    });

    expect(complaint).toMatchObject({
      id: latest.interactionId,
      notes: 'Fatura itirazı.\nİkinci satır.',
      call: { id: latest.callId, e164: '+905441112233', durationMs: 5 * MINUTE, answerAt: t0 - 10 * MINUTE + 4000 },
      disposition: { code: 'complaint', label: { en: 'Complaint', tr: 'Şikâyet', ru: 'Жалоба' } },
      subcode: { code: 'billing', label: { en: 'Billing', tr: 'Fatura', ru: 'Счёт' } },
      tickets: [{ subject: 'Mart faturasında fazladan ücret', department: 'Fatura ve Ödeme', priority: 'high', status: 'open' }],
      callbacks: [],
    });
    expect(complaint!.script).toEqual({
      scriptId,
      name: 'Şikâyet kaydı',
      version: 3,
      answers: [
        { stepId: 'topic', prompt: 'Şikâyetiniz hangi konuda?', answer: 'Fatura' },
        { stepId: 'since', prompt: 'Süre (gün)', answer: 12 },
        { stepId: 'callback', prompt: 'Sizi geri arayalım mı?', answer: true },
      ],
    });

    expect(sale!.orders).toEqual([
      expect.objectContaining({
        currency: 'TRY',
        totalMinor: 2 * 9990 - 1000 + 3990,
        lines: [
          { description: 'Ek 10 GB', quantity: 2, unitPriceMinor: 9990, discountMinor: 1000, lineTotalMinor: 18980 },
          { description: 'Müzik Paketi', quantity: 1, unitPriceMinor: 3990, discountMinor: 0, lineTotalMinor: 3990 },
        ],
      }),
    ]);
    expect(sale!.disposition).toEqual({ code: 'sale', label: expect.objectContaining({ en: 'Sale' }) });

    const strangers = page(other).entries;
    expect(strangers).toHaveLength(1);
    expect(strangers[0]!.tickets.map((ticket) => ticket.subject)).toEqual(['Başkasının şikâyeti']);
  });

  it('keeps outcomes it cannot label (older free text, renamed codes) as they were filed', () => {
    fileCall({ customerId: ayse, at: 1_000, outcome: 'Bilgi verildi', subcode: 'eski' });
    fileCall({ customerId: ayse, at: 2_000, outcome: 'complaint', subcode: 'no-such-subcode' });
    const [renamed, freeText] = page(ayse).entries;
    expect(renamed).toMatchObject({
      disposition: { code: 'complaint', label: { en: 'Complaint' } },
      subcode: { code: 'no-such-subcode', label: null },
    });
    expect(freeText).toMatchObject({
      disposition: { code: 'Bilgi verildi', label: null },
      subcode: { code: 'eski', label: null },
    });
    // Labels follow the settings of today, not of the day it was filed.
    dispositions = [{ ...builtinDispositions[2]!, label: { en: 'Grievance', tr: 'Şikâyet' } }];
    expect(page(ayse).entries[0]!.disposition!.label).toEqual({ en: 'Grievance', tr: 'Şikâyet' });
  });

  it('shows the custom wrap-up fields typed and labelled by the disposition, and the timeout mark as a flag', () => {
    const survey: Disposition = {
      code: 'survey',
      label: { en: 'Survey', tr: 'Anket' },
      flags: [],
      subcodes: [],
      fields: [
        { id: 'topic', label: { en: 'Topic', tr: 'Konu', ru: 'Тема' }, type: 'text', required: false },
        { id: 'score', label: { en: 'Score' }, type: 'number', required: false },
        { id: 'visit', label: { en: 'Visit date', tr: 'Ziyaret tarihi' }, type: 'date', required: false },
        {
          id: 'channel',
          label: { en: 'Channel' },
          type: 'choice',
          required: false,
          options: [{ value: 'sms', label: { en: 'SMS', ru: 'СМС' } }],
        },
        {
          id: 'extras',
          label: { en: 'Extras' },
          type: 'multiChoice',
          required: false,
          options: [
            { value: 'tv', label: { en: 'TV' } },
            { value: 'fiber', label: { en: 'Fibre', tr: 'Fiber' } },
          ],
        },
      ],
    };
    dispositions = [...builtinDispositions, survey];
    const mark: AutoFiledMark = { by: 'afterCallWorkTimeout', filed: 'asTyped' };
    // Stored as wrapUpRules.ts types them, in the order the operator's form object had them.
    fileCall({
      customerId: ayse,
      at: 1_000,
      outcome: 'survey',
      customFields: {
        extras: ['fiber', 'gone-option'],
        score: 8.5,
        legacy: 'eski alan',
        visit: '2025-03-01',
        channel: 'sms',
        topic: 'İnternet hızı',
        [AUTO_FILED_KEY]: mark,
      },
    });
    fileCall({ customerId: ayse, at: 2_000, outcome: 'resolved', customFields: {} });
    const [plain, survey1] = page(ayse).entries;
    expect(plain!.fields).toBeUndefined();
    expect(plain!.autoFiled).toBeUndefined();
    expect(survey1!.autoFiled).toBe(true);
    expect(survey1!.fields).toEqual([
      { id: 'topic', label: { en: 'Topic', tr: 'Konu', ru: 'Тема' }, value: { type: 'text', text: 'İnternet hızı' } },
      { id: 'score', label: { en: 'Score' }, value: { type: 'number', number: 8.5 } },
      { id: 'visit', label: { en: 'Visit date', tr: 'Ziyaret tarihi' }, value: { type: 'date', date: '2025-03-01' } },
      {
        id: 'channel',
        label: { en: 'Channel' },
        value: { type: 'choice', choice: { code: 'sms', label: { en: 'SMS', ru: 'СМС' } } },
      },
      {
        id: 'extras',
        label: { en: 'Extras' },
        value: {
          type: 'multiChoice',
          choices: [
            { code: 'fiber', label: { en: 'Fibre', tr: 'Fiber' } },
            { code: 'gone-option', label: null },
          ],
        },
      },
      // A field the disposition no longer defines: by its id, as stored.
      { id: 'legacy', label: null, value: { type: 'text', text: 'eski alan' } },
    ]);

    // The disposition gone from the settings: every field by its id, in the shape it was stored in.
    dispositions = builtinDispositions;
    expect(page(ayse).entries[1]!.fields).toEqual([
      {
        id: 'extras',
        label: null,
        value: {
          type: 'multiChoice',
          choices: [
            { code: 'fiber', label: null },
            { code: 'gone-option', label: null },
          ],
        },
      },
      { id: 'score', label: null, value: { type: 'number', number: 8.5 } },
      { id: 'legacy', label: null, value: { type: 'text', text: 'eski alan' } },
      { id: 'visit', label: null, value: { type: 'text', text: '2025-03-01' } },
      { id: 'channel', label: null, value: { type: 'text', text: 'sms' } },
      { id: 'topic', label: null, value: { type: 'text', text: 'İnternet hızı' } },
    ]);
  });

  it('shows a default filed by the timeout with its badge only: the marks it keeps are not fields', () => {
    const mark: AutoFiledMark = {
      by: 'afterCallWorkTimeout',
      filed: 'default',
      typedDisposition: 'sale',
      typedFields: { channel: 'sms' },
    };
    fileCall({ customerId: ayse, at: 1_000, outcome: 'no-outcome', customFields: { [AUTO_FILED_KEY]: mark, _future: 1 } });
    const [entry] = page(ayse).entries;
    expect(entry).toMatchObject({ autoFiled: true, disposition: { code: 'no-outcome' } });
    expect(entry!.fields).toBeUndefined();
  });

  it('shows a script run it cannot read, or whose script is gone, without answers rather than failing', () => {
    const goneScript = newId();
    fileCall({
      customerId: ayse,
      at: 1_000,
      scriptId: goneScript,
      scriptRun: { scriptId: goneScript, path: [{ stepId: 'q1', answer: 'a' }] },
    });
    fileCall({ customerId: ayse, at: 2_000, scriptId: goneScript, scriptRun: 'not json at all' });
    fileCall({
      customerId: ayse,
      at: 3_000,
      scriptRun: {
        scriptId: 'from-run',
        path: [{ stepId: 'q', answer: { nested: 1 } }, { stepId: 'r', answer: ['x'] }, 7, null],
      },
    });
    const [odd, unreadable, gone] = page(ayse).entries;
    expect(gone!.script).toEqual({
      scriptId: goneScript,
      name: null,
      version: null,
      answers: [{ stepId: 'q1', prompt: null, answer: 'a' }],
    });
    expect(unreadable!.script).toEqual({ scriptId: goneScript, name: null, version: null, answers: [] });
    expect(odd!.script).toEqual({
      scriptId: 'from-run',
      name: null,
      version: null,
      answers: [
        { stepId: 'q', prompt: null, answer: null },
        { stepId: 'r', prompt: null, answer: null },
      ],
    });
  });

  it('pages newest first with a cursor, never losing or repeating entries that share a time', () => {
    const filed: string[] = [];
    // Seven interactions, three of them at the same millisecond: the cursor must split ties by id.
    for (const at of [5_000, 4_000, 3_000, 3_000, 3_000, 2_000, 1_000])
      filed.push(fileCall({ customerId: ayse, at }).interactionId);
    const seen: string[] = [];
    let before: HistoryCursor | undefined;
    const sizes: number[] = [];
    do {
      const result = page(ayse, before, 2);
      sizes.push(result.entries.length);
      seen.push(...result.entries.map((entry) => entry.id));
      before = result.next ?? undefined;
    } while (before);
    expect(sizes).toEqual([2, 2, 2, 1]);
    expect(new Set(seen).size).toBe(7);
    expect(seen.sort()).toEqual([...filed].sort());
    const times = page(ayse, undefined, 50).entries.map((entry) => entry.occurredAt);
    expect(times).toEqual([...times].sort((a, b) => b - a));
    // Exactly a page's worth: no empty page after it.
    expect(page(ayse, undefined, 7).next).toBeNull();
    expect(page(ayse, undefined, 6).next).not.toBeNull();
  });

  it('answers not_found for an unknown customer, and an empty page for one without history', () => {
    expect(() => history.page('no-such-customer')).toThrow(CommandFailure);
    expect(page(other)).toEqual({ entries: [], next: null });
  });

  it('checks its arguments at the contract', () => {
    const args = commands['customers:history'].args;
    expect(args.safeParse({ customerId: ayse }).success).toBe(true);
    expect(args.safeParse({ customerId: ayse, limit: 51 }).success).toBe(false);
    expect(args.safeParse({ customerId: ayse, before: { occurredAt: -1, id: 'x' } }).success).toBe(false);
    expect(args.safeParse({ customerId: ayse, before: { occurredAt: 1, id: 'x', extra: 1 } }).success).toBe(false);
    expect(args.safeParse({ customerId: 'x'.repeat(65) }).success).toBe(false);
  });
});
