// The catalogue and knowledge panel in the console against a fake desk: its region beside the script, search as
// you type (debounced, the card's customer passed along), browsing a kind, the keyboard path (Alt+C, arrows,
// Enter, Esc, O), articles and items opened as text, and "Offer" — disabled without a wrap-up, and putting the
// item into the open wrap-up's order (seam 4) when there is one. vitest + happy-dom.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  articleSchema,
  catalogueSearchArgsSchema,
  catalogueSearchResultSchema,
  type Article,
  type CatalogueItemView,
  type CatalogueSearchArgs,
  type CatalogueSearchResult,
} from '../../electron/shared/ipc/catalogue.js';
import type { CallerCard } from '../../electron/shared/ipc/customers.js';
import { fail, ok } from '../../electron/shared/ipc/result.js';
import type { CallView } from '../../electron/shared/ipc/softphone.js';
import type { DraftSummary, WrapUpDraft } from '../../electron/shared/ipc/wrapUp.js';
import { AgentDeskApp } from '../../renderer/src/components/AgentDeskApp.js';
import { SEARCH_DEBOUNCE_MS } from '../../renderer/src/catalogue/useCatalogueSearch.js';
import { sharedTestdata } from '../support/paths.js';
import { byName, choose, click, describedByText, mount, pressKey, region, settle, typeInto, unmountAll } from './support/dom.js';
import { activeInboundCall } from './support/callViews.js';
import { createFakeDesk, type FakeDesk } from './support/fakeDesk.js';

const at = Date.UTC(2026, 10, 28, 9, 0, 0);
const DAY = 24 * 60 * 60 * 1000;
const naughtyStrings = JSON.parse(readFileSync(join(sharedTestdata, 'naughty-strings', 'blns.json'), 'utf8')) as string[];
const markup = naughtyStrings.filter((s) => /<(script|img|svg|iframe)/i.test(s));

function item(code: string, overrides: Partial<CatalogueItemView> = {}): CatalogueItemView {
  return {
    id: `id-${code}`,
    code,
    kind: 'tariff',
    name: code,
    description: null,
    priceMinor: 34990,
    currency: 'TRY',
    discountPercent: null,
    discountMinor: null,
    validFrom: null,
    validUntil: null,
    eligibleSegments: [],
    availableNow: true,
    eligible: null,
    ...overrides,
  };
}

const konuskan = item('TRF-KONUSKAN-20', {
  name: 'Süper Konuşkan 20 GB',
  eligibleSegments: ['consumer', 'vip'],
  validUntil: at + 60 * DAY,
});
const fiber = item('TRF-FIBER-100', { name: 'Fiber İnternet 100 Mbps', priceMinor: 44990 });
const promotion = item('PRM-ILK3AY-50', {
  kind: 'promotion',
  name: 'İlk 3 Ay %50 İndirim',
  priceMinor: null,
  discountPercent: 50,
});
const article: Article = {
  slug: 'fatura-itirazi',
  kind: 'procedure',
  language: 'tr',
  title: 'Fatura itirazı nasıl kaydedilir',
  tags: ['fatura', 'itiraz'],
  body: `1. Kimliği doğrulayın.\n2. Kayıt açın.\n${markup[0]}`,
};

let desk: FakeDesk;
let searches: CatalogueSearchArgs[];
let saves: { content: { order?: { lines: { catalogueItemId: string; quantity: number; unitPriceMinor: number }[] } } }[];
/** What catalogue:search answers; every answer is checked against the contract first. */
let answer: (args: CatalogueSearchArgs) => CatalogueSearchResult;

const draft: WrapUpDraft = {
  id: 'draft-1',
  callId: null,
  customerId: null,
  customerName: null,
  call: null,
  agent: '1001',
  content: { notes: '', fields: {} },
  revision: 3,
  openedAt: at,
  updatedAt: at,
};

async function renderApp(options: { draftOpen?: boolean; calls?: CallView[] } = {}) {
  desk = createFakeDesk();
  searches = [];
  saves = [];
  desk.override('sip:status', () => ok({ state: 'registered', dnd: false, at }));
  desk.override('calls:list', () => ok(options.calls ?? []));
  desk.override('catalogue:search', (raw) => {
    const args = catalogueSearchArgsSchema.parse(raw);
    searches.push(args);
    return ok(catalogueSearchResultSchema.parse(answer(args)));
  });
  desk.override('knowledge:article', (raw) =>
    (raw as { slug: string }).slug === article.slug ? ok(articleSchema.parse(article)) : fail('not_found', 'No such article'),
  );
  const summary: DraftSummary = { ...draft, disposition: null };
  desk.override('wrapup:drafts', () => ok(options.draftOpen ? [summary] : []));
  desk.override('wrapup:get', () => ok(draft));
  desk.override('wrapup:save', (raw) => {
    saves.push(raw as (typeof saves)[number]);
    return ok({ revision: (raw as { revision: number }).revision + 1, updatedAt: at });
  });
  await mount(<AgentDeskApp bridge={desk.bridge} preferredLanguages={['en']} />);
  await settle();
}

/** Past the search debounce, then the answer. */
async function afterDebounce() {
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, SEARCH_DEBOUNCE_MS + 30));
  });
  await settle();
}

const panel = () => region('Catalogue and knowledge');
const searchBox = () => byName<HTMLInputElement>('input', 'Search the catalogue and knowledge base');
const rows = () => Array.from(panel().querySelectorAll<HTMLButtonElement>('.catalogue-hit'));
const offerButtons = () => Array.from(panel().querySelectorAll<HTMLButtonElement>('button.catalogue-offer'));
const text = (element: Element) => (element.textContent ?? '').replace(/\s+/g, ' ');

async function search(query: string) {
  await typeInto(searchBox(), query);
  await afterDebounce();
}

beforeEach(() => {
  localStorage.clear();
  answer = () => ({ hits: [konuskan, promotion, fiber].map((i) => ({ type: 'item' as const, item: i })), more: false, at });
});
afterEach(() => unmountAll());

describe('catalogue panel', () => {
  it('sits in its own region in the centre column, under the script, and asks nothing while idle', async () => {
    await renderApp();
    const catalogue = panel();
    expect(catalogue.tagName).toBe('SECTION');
    expect(catalogue.parentElement?.classList.contains('centre-column')).toBe(true);
    expect(catalogue.parentElement?.querySelector('.script-panel')).not.toBeNull();
    expect(catalogue.querySelector('.catalogue')?.getAttribute('data-idle')).toBe('true');
    expect(text(catalogue)).toContain('Type to search tariffs');
    await afterDebounce();
    expect(searches).toEqual([]);
    // F6 reaches it like every other region.
    const regions = Array.from(document.querySelectorAll('[data-region]'));
    expect(regions).toContain(catalogue);
  });

  it('searches as the operator types, once per pause, with the newest text', async () => {
    await renderApp();
    await typeInto(searchBox(), 's');
    await typeInto(searchBox(), 'sü');
    await typeInto(searchBox(), 'süper');
    await afterDebounce();
    expect(searches).toEqual([{ query: 'süper', filter: 'all' }]);
    expect(panel().querySelector('.catalogue')?.getAttribute('data-idle')).toBe('false');
    expect(rows().map(text)).toEqual([
      expect.stringContaining('Süper Konuşkan 20 GB'),
      expect.stringContaining('İlk 3 Ay %50 İndirim'),
      expect.stringContaining('Fiber İnternet 100 Mbps'),
    ]);
    const first = text(rows()[0]!);
    expect(first).toContain('TRF-KONUSKAN-20');
    expect(first).toContain('TRY'); // the price, in the locale's currency format
    expect(first).toContain('349.90');
    expect(first).toContain('for consumer'); // who may get it
    expect(text(rows()[1]!)).toContain('50% off');
  });

  it('browses a kind without a query, and says so when nothing of it is valid', async () => {
    await renderApp();
    answer = () => ({ hits: [], more: false, at });
    await choose(byName<HTMLSelectElement>('select', 'Kind'), 'tariff');
    await afterDebounce();
    expect(searches).toEqual([{ query: '', filter: 'tariff' }]);
    expect(text(panel())).toContain('Nothing of this kind is valid now.');
  });

  it('passes the customer on the card, so only what their segment may get comes back', async () => {
    const { answeredAt: _notAnswered, ...call } = activeInboundCall({ id: 'call-1' });
    await renderApp({ calls: [call] });
    const card: CallerCard = { callId: 'call-1', e164: '+905321234567', total: 1, matches: [], linkedCustomerId: 'cust-vip' };
    desk.emit('customers:callerCard', card);
    answer = () => ({ hits: [{ type: 'item', item: { ...konuskan, eligible: true } }], more: false, segment: 'vip', at });
    await search('konuşkan');
    expect(searches.at(-1)).toEqual({ query: 'konuşkan', filter: 'all', customerId: 'cust-vip' });
    expect(text(panel())).toContain('Only what the “vip” segment may get is listed.');
  });

  it('moves with the keyboard: Alt+C, arrows, Home/End, Enter opens, Esc returns to the row', async () => {
    await renderApp();
    await pressKey('c', { altKey: true, code: 'KeyC' }, document.body);
    expect(document.activeElement).toBe(searchBox());
    await search('a');
    await pressKey('ArrowDown', {}, searchBox());
    expect(document.activeElement).toBe(rows()[0]);
    await pressKey('ArrowDown');
    expect(document.activeElement).toBe(rows()[1]);
    await pressKey('End');
    expect(document.activeElement).toBe(rows()[2]);
    await pressKey('Home');
    expect(document.activeElement).toBe(rows()[0]);
    await pressKey('ArrowUp');
    expect(document.activeElement).toBe(searchBox());
    // Only the active row is in the Tab order (roving focus).
    expect(rows().map((row) => row.tabIndex)).toEqual([0, -1, -1]);

    await pressKey('ArrowDown', {}, searchBox());
    await pressKey('ArrowDown');
    // Enter on a focused button is its click (the browser's default action, which happy-dom does not perform).
    await click(document.activeElement as HTMLButtonElement);
    expect(panel().querySelector('.catalogue-item-details h3')?.textContent).toBe('İlk 3 Ay %50 İndirim');
    expect(text(panel())).toContain('A promotion is applied to an order line in the wrap-up.');
    await pressKey('Escape');
    expect(panel().querySelector('.catalogue-item-details')).toBeNull();
    expect(document.activeElement).toBe(rows()[1]);
    // Alt+C from a result goes back to the box, text selected for typing over.
    await pressKey('c', { altKey: true, code: 'KeyC' });
    expect(document.activeElement).toBe(searchBox());
  });

  it('opens an article as plain text, markup and line breaks included', async () => {
    await renderApp();
    answer = () => ({
      hits: [
        {
          type: 'article',
          article: {
            slug: article.slug,
            kind: article.kind,
            language: article.language,
            title: article.title,
            tags: article.tags,
            excerpt: '1. Kimliği doğrulayın.',
          },
        },
      ],
      more: false,
      at,
    });
    await search('fatura');
    await pressKey('Enter', {}, searchBox()); // Enter in the box opens the first result
    const body = panel().querySelector('.catalogue-article-body')!;
    expect(body.textContent).toBe(article.body);
    expect(body.children).toHaveLength(0);
    expect(panel().querySelector('script, img, svg, iframe')).toBeNull();
  });

  it('shows hostile catalogue text as text', async () => {
    await renderApp();
    answer = () => ({
      hits: markup.slice(0, 20).map((name, index) => ({
        type: 'item' as const,
        item: item(`NAUGHTY-${index}`, {
          name: name.slice(0, 300),
          description: name.slice(0, 4000),
          eligibleSegments: [name.slice(0, 50)],
        }),
      })),
      more: true,
      at,
    });
    await search('x');
    expect(rows()).toHaveLength(Math.min(20, markup.length));
    expect(panel().querySelector('script, img, svg, iframe')).toBeNull();
    expect(rows()[0]!.textContent).toContain(markup[0]!.slice(0, 300));
    expect(text(panel())).toContain('More match');
  });

  it('keeps Offer disabled, with the reason, while no wrap-up is open', async () => {
    await renderApp();
    await search('a');
    const offers = offerButtons();
    // Tariffs, services and products only: the promotion has none.
    expect(offers.map((offer) => offer.getAttribute('aria-label'))).toEqual([
      'Offer Süper Konuşkan 20 GB',
      'Offer Fiber İnternet 100 Mbps',
    ]);
    expect(offers.every((offer) => offer.disabled)).toBe(true);
    expect(describedByText(offers[0]!)).toBe("Offers go into the order of a call's wrap-up; none is open now.");
    // O on a row offers nothing, and says why.
    await pressKey('ArrowDown', {}, searchBox());
    await pressKey('o', { code: 'KeyO' });
    expect(panel().querySelector('[role="status"]')?.textContent).toContain('cannot be offered');
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 600));
    });
    expect(saves).toEqual([]);
  });

  it('puts the item into the open wrap-up’s order with Offer and with O', async () => {
    await renderApp({ draftOpen: true });
    await search('a');
    const offer = offerButtons()[0]!;
    expect(offer.disabled).toBe(false);
    await click(offer);
    expect(panel().querySelector('[role="status"]')?.textContent).toBe('Süper Konuşkan 20 GB was added to the order.');
    // O on the Fiber row (Russian layout: the key is still KeyO).
    await pressKey('ArrowDown', {}, searchBox());
    await pressKey('End');
    await pressKey('щ', { code: 'KeyO' });
    await pressKey('щ', { code: 'KeyO' });
    // O on the promotion row: not sellable, nothing added.
    await pressKey('ArrowUp');
    await pressKey('o', { code: 'KeyO' });
    expect(panel().querySelector('[role="status"]')?.textContent).toBe('Only tariffs, services and products can be offered.');
    // The wrap-up saves its draft (debounced ≤ 500 ms) with the order lines.
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 700));
    });
    await settle();
    const lines = saves.at(-1)?.content.order?.lines;
    expect(lines).toEqual([
      expect.objectContaining({ catalogueItemId: 'id-TRF-KONUSKAN-20', quantity: 1, unitPriceMinor: 34990, currency: 'TRY' }),
      expect.objectContaining({ catalogueItemId: 'id-TRF-FIBER-100', quantity: 2, unitPriceMinor: 44990 }),
    ]);
  });
});
