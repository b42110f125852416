// The customer history list against a fake desk: every part of an entry (call, script answers, disposition labels
// in the UI language, notes, tickets, orders, callbacks), the naughty strings shown as text, paging with the cursor
// ("Show older"), and a refresh when the customer's records change. vitest + happy-dom.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commands } from '../../electron/shared/ipc/contract.js';
import { historyPageSchema, type HistoryEntry, type HistoryPage } from '../../electron/shared/ipc/customerHistory.js';
import { ok } from '../../electron/shared/ipc/result.js';
import { BridgeProvider } from '../../renderer/src/bridge/BridgeContext.js';
import { SettingsProvider } from '../../renderer/src/bridge/SettingsContext.js';
import { InteractionHistory } from '../../renderer/src/history/InteractionHistory.js';
import { LocaleProvider } from '../../renderer/src/i18n/LocaleContext.js';
import { sharedTestdata } from '../support/paths.js';
import { button, click, mount, settle, unmountAll } from './support/dom.js';
import { createFakeDesk, type FakeDesk } from './support/fakeDesk.js';

const naughtyStrings = JSON.parse(readFileSync(join(sharedTestdata, 'naughty-strings', 'blns.json'), 'utf8')) as string[];
const at = Date.UTC(2026, 10, 28, 9, 0, 0);
const MINUTE = 60_000;

function entry(id: string, occurredAt: number, overrides: Partial<HistoryEntry> = {}): HistoryEntry {
  return {
    id,
    kind: 'call',
    direction: 'inbound',
    occurredAt,
    agent: '1001',
    notes: null,
    call: {
      id: `call-${id}`,
      direction: 'inbound',
      e164: '+905321234567',
      inviteAt: occurredAt,
      answerAt: occurredAt + 4000,
      endAt: occurredAt + 4000 + 6 * MINUTE,
      durationMs: 6 * MINUTE,
    },
    disposition: null,
    subcode: null,
    script: null,
    tickets: [],
    orders: [],
    callbacks: [],
    ...overrides,
  };
}

const complaint = entry('i-1', at, {
  notes: 'Fatura itirazı.\nİkinci satır.',
  disposition: { code: 'complaint', label: { en: 'Complaint', tr: 'Şikâyet', ru: 'Жалоба' } },
  subcode: { code: 'billing', label: { en: 'Billing', tr: 'Fatura', ru: 'Счёт' } },
  script: {
    scriptId: 's-1',
    name: 'Şikâyet kaydı',
    version: 3,
    answers: [
      { stepId: 'topic', prompt: 'Şikâyetiniz hangi konuda?', answer: 'Fatura' },
      { stepId: 'since', prompt: 'Süre (gün)', answer: 12 },
      { stepId: 'callback', prompt: 'Sizi geri arayalım mı?', answer: true },
    ],
  },
  tickets: [
    {
      id: 't-1',
      kind: 'complaint',
      status: 'open',
      priority: 'high',
      subject: 'Mart faturasında fazladan ücret',
      department: 'Fatura ve Ödeme',
      createdAt: at,
    },
  ],
  orders: [
    {
      id: 'o-1',
      status: 'submitted',
      currency: 'TRY',
      totalMinor: 22970,
      createdAt: at,
      lines: [
        { description: 'Ek 10 GB', quantity: 2, unitPriceMinor: 9990, discountMinor: 1000, lineTotalMinor: 18980 },
        { description: 'Müzik Paketi', quantity: 1, unitPriceMinor: 3990, discountMinor: 0, lineTotalMinor: 3990 },
      ],
    },
  ],
  callbacks: [{ id: 'cb-1', dueAt: at + 24 * 60 * MINUTE, assignee: null, status: 'scheduled', note: 'Akşam 18:00 sonrası' }],
});
const missed = entry('i-2', at - 60 * MINUTE, {
  direction: 'outbound',
  call: { ...entry('x', 0).call!, direction: 'outbound', inviteAt: at - 60 * MINUTE, answerAt: null, durationMs: null },
  disposition: { code: 'Bilgi verildi', label: null },
});

let desk: FakeDesk;
let requests: unknown[];
let pages: HistoryPage[];

async function renderHistory(locale: 'en' | 'tr' | 'ru' = 'en', pageSize?: number) {
  desk = createFakeDesk({ user: { 'ui.locale': locale } });
  requests = [];
  desk.override('customers:history', (raw) => {
    const args = commands['customers:history'].args.parse(raw);
    requests.push(args);
    const index =
      args.before === undefined ? 0 : pages.findIndex((page, at) => at > 0 && pages[at - 1]!.next?.id === args.before!.id);
    return ok(historyPageSchema.parse(pages[index] ?? { entries: [], next: null }));
  });
  return mount(
    <BridgeProvider bridge={desk.bridge}>
      <SettingsProvider>
        <LocaleProvider preferredLanguages={[locale]}>
          <InteractionHistory customerId="cust-1" {...(pageSize === undefined ? {} : { pageSize })} />
        </LocaleProvider>
      </SettingsProvider>
    </BridgeProvider>,
  );
}

const history = () => document.querySelector<HTMLElement>('section.history')!;
const text = () => (history().textContent ?? '').replace(/\s+/g, ' ');

beforeEach(() => {
  localStorage.clear();
  pages = [{ entries: [complaint, missed], next: null }];
});
afterEach(() => unmountAll());

describe('interaction history', () => {
  it('shows each interaction with its call, script answers, disposition, notes, ticket, order and callback', async () => {
    await renderHistory();
    expect(requests).toEqual([{ customerId: 'cust-1', limit: 20 }]);
    const [first, second] = Array.from(history().querySelectorAll('.history-entry'));
    const firstText = (first!.textContent ?? '').replace(/\s+/g, ' ');
    expect(firstText).toContain('Incoming call');
    expect(firstText).toContain('6 min');
    expect(firstText).toContain('by 1001');
    expect(firstText).toContain('Outcome: Complaint · Billing');
    expect(first!.querySelector('.history-notes')?.textContent).toBe('Fatura itirazı.\nİkinci satır.');
    expect(firstText).toContain('Script Şikâyet kaydı, version 3: 3 answers');
    const answers = Array.from(first!.querySelectorAll('.history-script dt, .history-script dd')).map((cell) => cell.textContent);
    expect(answers).toEqual(['Şikâyetiniz hangi konuda?', 'Fatura', 'Süre (gün)', '12', 'Sizi geri arayalım mı?', 'Yes']);
    expect(firstText).toContain('Ticket: Mart faturasında fazladan ücret (Fatura ve Ödeme · open)');
    expect(firstText).toContain('Order, total TRY 229.70');
    expect(firstText).toContain('2 × Ek 10 GB · TRY 189.80');
    expect(firstText).toMatch(/Callback .+, anyone, scheduled/);
    expect(firstText).toContain('Akşam 18:00 sonrası');

    const secondText = (second!.textContent ?? '').replace(/\s+/g, ' ');
    expect(secondText).toContain('Call not answered');
    expect(secondText).toContain('Outcome: Bilgi verildi'); // no label: the code as filed
    expect(text()).toContain('That is the whole history.');
  });

  it('labels dispositions and writes amounts in the UI language', async () => {
    await renderHistory('tr');
    expect(text()).toContain('Sonuç: Şikâyet · Fatura');
    expect(text()).toContain('Gelen çağrı');
    expect(text()).toContain('Evet');
    expect(text()).toContain('₺229,70');
  });

  it('shows every naughty string as text, in every field', async () => {
    const strings = naughtyStrings.filter((s) => s.length > 0);
    pages = [
      {
        entries: Array.from({ length: 50 }, (_, index) => {
          const pick = (offset: number) => strings[(index * 7 + offset) % strings.length]!;
          return entry(`n-${index}`, at - index * MINUTE, {
            agent: pick(0).slice(0, 200),
            notes: pick(1).slice(0, 4000),
            disposition: { code: pick(2).slice(0, 200), label: null },
            script: {
              scriptId: 's',
              name: pick(3).slice(0, 200),
              version: 1,
              answers: [{ stepId: 'q', prompt: pick(4), answer: pick(5) }],
            },
            tickets: [
              {
                id: `t-${index}`,
                kind: 'question',
                status: 'open',
                priority: 'low',
                subject: pick(6).slice(0, 500),
                department: pick(7).slice(0, 200),
                createdAt: at,
              },
            ],
            orders: [
              {
                id: `o-${index}`,
                status: 'submitted',
                currency: 'TRY',
                totalMinor: 100,
                createdAt: at,
                lines: [
                  { description: pick(8).slice(0, 500), quantity: 1, unitPriceMinor: 100, discountMinor: 0, lineTotalMinor: 100 },
                ],
              },
            ],
            callbacks: [{ id: `c-${index}`, dueAt: at, assignee: pick(9).slice(0, 200), status: 'scheduled', note: pick(10) }],
          });
        }),
        next: null,
      },
    ];
    await renderHistory('en', 50);
    expect(history().querySelectorAll('.history-entry')).toHaveLength(50);
    expect(history().querySelector('script, img, svg, iframe, object, embed, a, b, marquee')).toBeNull();
    const rendered = history().textContent ?? '';
    for (const page of pages)
      for (const shown of page.entries) {
        expect(rendered).toContain(shown.notes!);
        expect(rendered).toContain(shown.tickets[0]!.subject);
        expect(rendered).toContain(String(shown.script!.answers[0]!.answer));
      }
  });

  it('loads older pages with the cursor, then says the history is complete', async () => {
    const older = entry('i-3', at - 2 * 24 * 60 * MINUTE, { notes: 'Eski not' });
    pages = [
      { entries: [complaint], next: { occurredAt: complaint.occurredAt, id: complaint.id } },
      { entries: [missed], next: { occurredAt: missed.occurredAt, id: missed.id } },
      { entries: [older], next: null },
    ];
    await renderHistory('en', 1);
    expect(history().querySelectorAll('.history-entry')).toHaveLength(1);
    expect(text()).not.toContain('That is the whole history.');
    await click(button('Show older'));
    await click(button('Show older'));
    expect(requests).toEqual([
      { customerId: 'cust-1', limit: 1 },
      { customerId: 'cust-1', limit: 1, before: { occurredAt: complaint.occurredAt, id: complaint.id } },
      { customerId: 'cust-1', limit: 1, before: { occurredAt: missed.occurredAt, id: missed.id } },
    ]);
    expect(Array.from(history().querySelectorAll('.history-entry')).map((li) => li.textContent)).toEqual([
      expect.stringContaining('Fatura itirazı.'),
      expect.stringContaining('Call not answered'),
      expect.stringContaining('Eski not'),
    ]);
    expect(document.querySelectorAll('button').length).toBe(0);
    expect(text()).toContain('That is the whole history.');
  });

  it('starts again from the newest when this customer’s records change, and ignores other customers', async () => {
    await renderHistory();
    desk.emit('customers:changed', { reason: 'interaction', customerIds: ['someone-else'] });
    await settle();
    expect(requests).toHaveLength(1);
    pages = [{ entries: [entry('i-new', at + MINUTE, { notes: 'Yeni not' }), complaint, missed], next: null }];
    desk.emit('customers:changed', { reason: 'interaction', customerIds: ['cust-1'] });
    await settle();
    expect(requests).toHaveLength(2);
    expect(history().querySelector('.history-entry')?.textContent).toContain('Yeni not');
  });

  it('says why when the history cannot be read, and keeps what it showed', async () => {
    pages = [{ entries: [complaint], next: { occurredAt: complaint.occurredAt, id: complaint.id } }];
    await renderHistory('en', 1);
    desk.override('customers:history', () => ({ ok: false, error: { code: 'internal', message: 'disk I/O error' } }));
    await click(button('Show older'));
    expect(history().querySelectorAll('.history-entry')).toHaveLength(1);
    expect(history().querySelector('[role="alert"]')?.textContent).toMatch(/^The history could not be loaded: /);
    expect(text()).not.toContain('No calls or notes yet.');
  });

  it('shows the custom wrap-up fields by type and label in the UI language, and a badge when the timeout filed it', async () => {
    const survey = entry('i-3', at - 2 * 60 * MINUTE, {
      disposition: { code: 'survey', label: { en: 'Survey', tr: 'Anket', ru: 'Опрос' } },
      autoFiled: true,
      fields: [
        { id: 'topic', label: { en: 'Topic', tr: 'Konu', ru: 'Тема' }, value: { type: 'text', text: 'İnternet hızı' } },
        { id: 'score', label: { en: 'Score', tr: 'Puan' }, value: { type: 'number', number: 1234.5 } },
        { id: 'visit', label: { en: 'Visit date' }, value: { type: 'date', date: '2025-03-01' } },
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
        { id: 'nothing', label: { en: 'Add-ons' }, value: { type: 'multiChoice', choices: [] } },
        { id: 'legacy', label: null, value: { type: 'text', text: 'eski alan' } },
      ],
    });
    const fieldsOf = () => {
      const entries = Array.from(history().querySelectorAll('.history-entry'));
      const shown = entries.find((item) => item.querySelector('.history-fields'))!;
      return {
        pairs: Array.from(shown.querySelectorAll('.history-fields dt, .history-fields dd')).map((cell) => cell.textContent),
        badge: shown.querySelector('.history-auto-filed')?.textContent,
        // The name sits on a group around the list (an aria-label on a <dl> is not read out).
        label: shown.querySelector('[role="group"] > .history-fields')?.parentElement?.getAttribute('aria-label'),
        labelOnList: shown.querySelector('.history-fields')?.hasAttribute('aria-label'),
      };
    };
    pages = [{ entries: [complaint, survey], next: null }];

    await renderHistory('en');
    expect(fieldsOf()).toEqual({
      pairs: [
        'Topic',
        'İnternet hızı',
        'Score',
        '1,234.5',
        'Visit date',
        'Mar 1, 2025',
        'Channel',
        'SMS',
        'Extras',
        'Fibre, gone-option',
        'Add-ons',
        'none chosen',
        'legacy',
        'eski alan',
      ],
      badge: 'filed automatically when after-call time ran out',
      label: 'Wrap-up details',
      labelOnList: false,
    });
    // Entries without fields or the mark show neither.
    expect(history().querySelectorAll('.history-fields, .history-auto-filed')).toHaveLength(2);
    unmountAll();

    await renderHistory('tr');
    expect(fieldsOf()).toEqual({
      pairs: [
        'Konu',
        'İnternet hızı',
        'Puan',
        '1.234,5',
        'Visit date',
        '1 Mar 2025',
        'Channel',
        'SMS',
        'Extras',
        'Fiber, gone-option',
        'Add-ons',
        'seçim yok',
        'legacy',
        'eski alan',
      ],
      badge: 'çağrı sonrası iş süresi dolunca otomatik kaydedildi',
      label: 'Çağrı özeti ayrıntıları',
      labelOnList: false,
    });
    unmountAll();

    await renderHistory('ru');
    const ru = fieldsOf();
    expect(ru.pairs.slice(0, 8)).toEqual([
      'Тема',
      'İnternet hızı',
      'Score',
      '1\u00a0234,5',
      'Visit date',
      '1 мар. 2025 г.',
      'Channel',
      'СМС',
    ]);
    expect(ru.badge).toBe('сохранено автоматически: время постобработки истекло');
  });

  it('says so when there is no history yet', async () => {
    pages = [{ entries: [], next: null }];
    await renderHistory();
    expect(text()).toContain('No calls or notes yet.');
  });
});
