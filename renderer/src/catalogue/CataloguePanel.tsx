// The "Catalogue and knowledge" panel: one search box over tariffs, services, products, promotions, procedures and
// FAQs (core's folding search: only items valid now, and only those the card's customer may get), a kind filter,
// results with price / validity / segments, an item or article opened in place, and "Offer", which puts an item
// into the call's order (seam 4: useWrapUpDraft().addOrderLine). Runs in Chromium.
// Keyboard: Alt+C search box · ↓ into the results · ↑/↓/Home/End move · Enter opens · O offers · Esc back.
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  catalogueFilters,
  catalogueLimits,
  type CatalogueFilter,
  type CatalogueHit,
  type CatalogueItemView,
} from '../../../electron/shared/ipc/catalogue.js';
import { useErrorText } from '../components/useErrorText.js';
import { ariaKeyShortcuts, matchCatalogueShortcut } from '../keyboard/shortcuts.js';
import { useWrapUpDraft } from '../workflow/WrapUpDraftContext.js';
import {
  ItemDetails,
  KnowledgeArticleBySlug,
  separator,
  useKindLabels,
  useOfferBlock,
  usePriceText,
  useSegmentsText,
  useValidityText,
} from './CatalogueDetails.js';
import { useCardCustomer, useCatalogueSearch } from './useCatalogueSearch.js';

const hitKey = (hit: CatalogueHit) => (hit.type === 'item' ? `item:${hit.item.id}` : `article:${hit.article.slug}`);
/** Items with a price of their own can go into an order; promotions are applied to a line in the wrap-up. */
const sellable = (item: CatalogueItemView) => item.kind !== 'promotion';

export function CataloguePanel() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const customerId = useCardCustomer();
  const draft = useWrapUpDraft();
  const offerBlock = useOfferBlock();
  const [query, setQuery] = useState('');
  const [filter, setFilter] = useState<CatalogueFilter>('all');
  const search = useCatalogueSearch(query, filter, customerId);
  const [opened, setOpened] = useState<CatalogueHit | null>(null);
  /** The row in the Tab order, remembered with the answer it belongs to: a new answer starts at its first row. */
  const [active, setActive] = useState<{ of: unknown; index: number }>({ of: null, index: 0 });
  const [announcement, setAnnouncement] = useState('');
  const inputRef = useRef<HTMLInputElement>(null);
  const rows = useRef<(HTMLButtonElement | null)[]>([]);
  /** The row to focus again when an opened item or article is closed. */
  const returnTo = useRef<string | null>(null);
  const ids = useId();

  const filterLabels: Record<CatalogueFilter, string> = {
    all: t('catalogue.filters.all'),
    tariff: t('catalogue.filters.tariff'),
    service: t('catalogue.filters.service'),
    product: t('catalogue.filters.product'),
    promotion: t('catalogue.filters.promotion'),
    procedure: t('catalogue.filters.procedure'),
    faq: t('catalogue.filters.faq'),
  };

  const idle = query.trim() === '' && filter === 'all' && opened === null;
  const hits = idle ? [] : (search.result?.hits ?? []);

  const activeIndex = active.of === search.result ? active.index : 0;
  const setActiveIndex = (index: number) => setActive({ of: search.result, index });

  const open = (hit: CatalogueHit) => {
    returnTo.current = hitKey(hit);
    setOpened(hit);
  };
  /** Leaves an opened hit without moving the focus (the operator is typing or choosing a kind). */
  const dismiss = () => {
    returnTo.current = null;
    setOpened(null);
  };

  // Alt+C from anywhere in the console: back to the search box with its text selected, ready to type over.
  useEffect(() => {
    const onKeyDown = (event: globalThis.KeyboardEvent) => {
      if (!matchCatalogueShortcut(event)) return;
      event.preventDefault();
      returnTo.current = null; // as dismiss(): leave an opened hit without moving the focus back to its row
      setOpened(null);
      inputRef.current?.focus();
      inputRef.current?.select();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  // Closing an opened hit returns the focus to its row (or to the box when that row is gone).
  useEffect(() => {
    if (opened !== null || returnTo.current === null) return;
    const index = hits.findIndex((hit) => hitKey(hit) === returnTo.current);
    returnTo.current = null;
    (index >= 0 ? rows.current[index] : inputRef.current)?.focus();
  });

  const focusRow = (index: number) => {
    if (hits.length === 0) return;
    const target = Math.max(0, Math.min(hits.length - 1, index));
    setActiveIndex(target);
    rows.current[target]?.focus();
  };

  const offer = (item: CatalogueItemView) => {
    const blocked = offerBlock(item, draft.active);
    if (blocked !== null || item.priceMinor === null || item.currency === null) {
      setAnnouncement(t('catalogue.offer.cannot', { name: item.name, reason: blocked ?? '' }));
      return;
    }
    draft.addOrderLine({
      catalogueItemId: item.id,
      description: item.name,
      unitPriceMinor: item.priceMinor,
      currency: item.currency,
    });
    setAnnouncement(t('catalogue.offer.added', { name: item.name }));
  };

  const onSearchKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' && hits.length > 0) {
      event.preventDefault();
      focusRow(activeIndex);
    } else if (event.key === 'Enter' && hits[0]) {
      event.preventDefault();
      open(hits[0]);
    } else if (event.key === 'Escape' && query !== '') {
      event.preventDefault();
      setQuery('');
    }
  };

  const onRowKeyDown = (event: KeyboardEvent<HTMLButtonElement>, index: number, hit: CatalogueHit) => {
    const modified = event.altKey || event.ctrlKey || event.metaKey;
    if (event.key === 'ArrowDown') focusRow(index + 1);
    else if (event.key === 'ArrowUp') {
      if (index === 0) inputRef.current?.focus();
      else focusRow(index - 1);
    } else if (event.key === 'Home') focusRow(0);
    else if (event.key === 'End') focusRow(hits.length - 1);
    else if (event.key === 'Escape') inputRef.current?.focus();
    // By physical key, so Turkish and Russian layouts offer with the same key (Russian "щ" is KeyO).
    else if (event.code === 'KeyO' && !modified && !event.shiftKey) {
      if (hit.type === 'item' && sellable(hit.item)) offer(hit.item);
      else setAnnouncement(t('catalogue.offer.notSellable'));
    } else return;
    event.preventDefault();
  };

  const segmentNote =
    search.result?.segment === undefined
      ? customerId === undefined
        ? t('catalogue.noCustomer')
        : null
      : search.result.segment === null
        ? t('catalogue.forNoSegment')
        : t('catalogue.forSegment', { segment: search.result.segment });

  return (
    <div className="catalogue" data-idle={idle ? 'true' : 'false'}>
      <div className="catalogue-search" role="search">
        <input
          ref={inputRef}
          type="search"
          className="catalogue-query"
          value={query}
          maxLength={catalogueLimits.query}
          placeholder={t('catalogue.placeholder')}
          aria-label={t('catalogue.searchLabel')}
          aria-keyshortcuts={ariaKeyShortcuts('focusCatalogue')}
          aria-controls={`${ids}-results`}
          onChange={(event) => {
            dismiss();
            setQuery(event.target.value);
          }}
          onKeyDown={onSearchKeyDown}
        />
        <select
          aria-label={t('catalogue.kindLabel')}
          value={filter}
          onChange={(event) => {
            dismiss();
            setFilter(event.target.value as CatalogueFilter);
          }}
        >
          {catalogueFilters.map((value) => (
            <option key={value} value={value}>
              {filterLabels[value]}
            </option>
          ))}
        </select>
      </div>

      <p className="visually-hidden" role="status">
        {announcement}
      </p>

      {opened ? (
        <Opened hit={opened} onClose={() => setOpened(null)} onOffer={offer} orderOpen={draft.active} />
      ) : idle ? (
        <p className="catalogue-hint">{t('catalogue.idleHint')}</p>
      ) : (
        <>
          {segmentNote && <p className="catalogue-note">{segmentNote}</p>}
          {!draft.active && (
            <p className="catalogue-note" id={`${ids}-no-order`}>
              {t('catalogue.offer.noCall')}
            </p>
          )}
          {search.error && <p role="alert">{errorText(search.error)}</p>}
          {search.result && hits.length === 0 && !search.loading && (
            <p className="catalogue-hint">
              {query.trim() === '' ? t('catalogue.nothingOfKind') : t('catalogue.noMatches', { query: query.trim() })}
            </p>
          )}
          <ul id={`${ids}-results`} className="catalogue-results" aria-label={t('catalogue.results')} aria-busy={search.loading}>
            {hits.map((hit, index) => (
              <li key={hitKey(hit)} className="catalogue-result">
                <button
                  ref={(element) => {
                    rows.current[index] = element;
                  }}
                  type="button"
                  className="catalogue-hit"
                  tabIndex={index === activeIndex ? 0 : -1}
                  onFocus={() => setActiveIndex(index)}
                  onClick={() => open(hit)}
                  onKeyDown={(event) => onRowKeyDown(event, index, hit)}
                >
                  {hit.type === 'item' ? <ItemSummary item={hit.item} /> : <ArticleSummary hit={hit} />}
                </button>
                {hit.type === 'item' && sellable(hit.item) && (
                  <OfferButton
                    item={hit.item}
                    orderOpen={draft.active}
                    tabIndex={index === activeIndex ? 0 : -1}
                    describedBy={draft.active ? undefined : `${ids}-no-order`}
                    onOffer={offer}
                  />
                )}
              </li>
            ))}
          </ul>
          {search.result?.more && hits.length > 0 && <p className="catalogue-hint">{t('catalogue.more')}</p>}
        </>
      )}
    </div>
  );
}

function OfferButton({
  item,
  orderOpen,
  tabIndex,
  describedBy,
  onOffer,
}: {
  item: CatalogueItemView;
  orderOpen: boolean;
  tabIndex?: number;
  describedBy?: string | undefined;
  onOffer: (item: CatalogueItemView) => void;
}) {
  const { t } = useTranslation();
  const blocked = useOfferBlock()(item, orderOpen);
  return (
    <button
      type="button"
      className="button catalogue-offer"
      disabled={blocked !== null}
      title={blocked ?? undefined}
      tabIndex={tabIndex}
      aria-label={t('catalogue.offer.label', { name: item.name })}
      aria-describedby={describedBy}
      onClick={() => onOffer(item)}
    >
      {t('catalogue.offer.button')}
    </button>
  );
}

function ItemSummary({ item }: { item: CatalogueItemView }) {
  const kindLabel = useKindLabels();
  const price = usePriceText()(item);
  const validity = useValidityText()(item);
  const segments = useSegmentsText()(item);
  return (
    <>
      <span className="catalogue-hit-title">{item.name}</span>
      <span className="catalogue-meta">{[item.code, kindLabel(item.kind), price].filter(Boolean).join(separator)}</span>
      <span className="catalogue-meta">{[validity, segments].filter(Boolean).join(separator)}</span>
    </>
  );
}

function ArticleSummary({ hit }: { hit: Extract<CatalogueHit, { type: 'article' }> }) {
  const kindLabel = useKindLabels();
  const { article } = hit;
  return (
    <>
      <span className="catalogue-hit-title">{article.title}</span>
      <span className="catalogue-meta">
        {[kindLabel(article.kind), article.language.toUpperCase(), ...article.tags].join(separator)}
      </span>
      {article.excerpt && <span className="catalogue-excerpt">{article.excerpt}</span>}
    </>
  );
}

/** An opened hit: the item in full with Offer, or the article loaded in full. Esc or Back returns to the list. */
function Opened({
  hit,
  onClose,
  onOffer,
  orderOpen,
}: {
  hit: CatalogueHit;
  onClose: () => void;
  onOffer: (item: CatalogueItemView) => void;
  orderOpen: boolean;
}) {
  const { t } = useTranslation();
  const offerBlock = useOfferBlock();
  const back = useRef<HTMLButtonElement>(null);
  useEffect(() => back.current?.focus(), []);
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      onClose();
    } else if (
      hit.type === 'item' &&
      event.code === 'KeyO' &&
      !event.altKey &&
      !event.ctrlKey &&
      !event.metaKey &&
      !event.shiftKey
    ) {
      // Not while typing somewhere inside (there is nothing to type into here today, but keep it honest).
      if (event.target instanceof HTMLInputElement || event.target instanceof HTMLTextAreaElement) return;
      event.preventDefault();
      onOffer(hit.item);
    }
  };
  const reason = hit.type === 'item' ? offerBlock(hit.item, orderOpen) : null;
  const reasonId = useId();
  return (
    <div className="catalogue-opened" onKeyDown={onKeyDown}>
      <button ref={back} type="button" className="button button-quiet" onClick={onClose}>
        {t('catalogue.back')}
      </button>
      {hit.type === 'item' ? (
        <ItemDetails
          item={hit.item}
          actions={
            sellable(hit.item) || reason !== null ? (
              <div className="catalogue-actions">
                {sellable(hit.item) && (
                  <OfferButton
                    item={hit.item}
                    orderOpen={orderOpen}
                    describedBy={reason === null ? undefined : reasonId}
                    onOffer={onOffer}
                  />
                )}
                {reason !== null && (
                  <p className="catalogue-note" id={reasonId}>
                    {reason}
                  </p>
                )}
              </div>
            ) : undefined
          }
        />
      ) : (
        <KnowledgeArticleBySlug slug={hit.article.slug} />
      )}
    </div>
  );
}
