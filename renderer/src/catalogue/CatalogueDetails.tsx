// The catalogue's pieces of text: an item's price, validity and segments, one item in full, one knowledge article
// in full. Exported for the script viewer's "show" steps too (CatalogueItemByCode, KnowledgeArticleBySlug).
// Everything from the catalogue is shown as React text: never markup, whatever the centre typed. Runs in Chromium.
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Article, CatalogueItemView } from '../../../electron/shared/ipc/catalogue.js';
import type { CommandError } from '../../../electron/shared/ipc/result.js';
import { useAgentDesk } from '../bridge/BridgeContext.js';
import { useErrorText } from '../components/useErrorText.js';
import { formatDate, formatNumber } from '../i18n/format.js';
import { useLocale } from '../i18n/LocaleContext.js';
import { formatMoney } from './money.js';

/** Between the facts of one line (code · kind · price): the mark the caller card uses too. */
export const separator = ' · ';

/** The labels of item and article kinds, in the operator's language. */
export function useKindLabels(): (kind: CatalogueItemView['kind'] | Article['kind']) => string {
  const { t } = useTranslation();
  return (kind) =>
    ({
      tariff: t('catalogue.kinds.tariff'),
      service: t('catalogue.kinds.service'),
      product: t('catalogue.kinds.product'),
      promotion: t('catalogue.kinds.promotion'),
      procedure: t('catalogue.kinds.procedure'),
      faq: t('catalogue.kinds.faq'),
    })[kind];
}

/** Price, or the discount of a promotion; null when the item states neither. */
export function usePriceText(): (item: CatalogueItemView) => string | null {
  const { t } = useTranslation();
  const { locale } = useLocale();
  return (item) => {
    if (item.priceMinor !== null && item.currency !== null) return formatMoney(item.priceMinor, item.currency, locale);
    if (item.discountPercent !== null)
      return t('catalogue.discount', { amount: formatNumber(item.discountPercent / 100, locale, { style: 'percent' }) });
    if (item.discountMinor !== null)
      return t('catalogue.discount', {
        amount:
          item.currency === null
            ? formatNumber(item.discountMinor, locale)
            : formatMoney(item.discountMinor, item.currency, locale),
      });
    return null;
  };
}

/**
 * When it may be sold, as dates only ("valid through 11 Mar 2026": validUntil is exclusive, so the last day shown
 * is the one before it). Whether it is valid now is core's answer (availableNow, by the desk's clock), not ours.
 */
export function useValidityText(): (item: CatalogueItemView) => string | null {
  const { t } = useTranslation();
  const { locale } = useLocale();
  return (item) => {
    const from = item.validFrom === null ? null : formatDate(item.validFrom, locale);
    const through = item.validUntil === null ? null : formatDate(item.validUntil - 1, locale);
    if (from !== null && through !== null) return t('catalogue.validBetween', { from, through });
    if (through !== null) return t('catalogue.validThrough', { date: through });
    if (from !== null) return t('catalogue.validFrom', { date: from });
    return null;
  };
}

/** Who may get it: everyone, or the listed segments. */
export function useSegmentsText(): (item: CatalogueItemView) => string {
  const { t } = useTranslation();
  const { locale } = useLocale();
  return (item) =>
    item.eligibleSegments.length === 0
      ? t('catalogue.forEveryone')
      : t('catalogue.forSegments', {
          segments: new Intl.ListFormat(locale, { style: 'short', type: 'conjunction' }).format(item.eligibleSegments),
        });
}

/**
 * Why an item cannot be offered now, or null when it can. `orderOpen` is whether a call's wrap-up takes order lines
 * (the seam with the wrap-up form: useWrapUpDraft().active).
 */
export function useOfferBlock(): (item: CatalogueItemView, orderOpen: boolean) => string | null {
  const { t } = useTranslation();
  return (item, orderOpen) => {
    if (item.kind === 'promotion') return t('catalogue.offer.promotion');
    if (item.priceMinor === null || item.currency === null) return t('catalogue.offer.noPrice');
    if (!item.availableNow) return t('catalogue.offer.notValid');
    if (item.eligible === false) return t('catalogue.offer.notEligible');
    if (!orderOpen) return t('catalogue.offer.noCall');
    return null;
  };
}

export interface ItemDetailsProps {
  item: CatalogueItemView;
  /** Rendered under the facts: the Offer button and its reason, supplied by the panel. */
  actions?: ReactNode;
}

/** One item in full: what it is, what it costs, until when, for whom, and whether this customer may get it. */
export function ItemDetails({ item, actions }: ItemDetailsProps) {
  const { t } = useTranslation();
  const kindLabel = useKindLabels();
  const price = usePriceText();
  const validity = useValidityText();
  const segments = useSegmentsText();
  const rows: [string, string | null][] = [
    [t('catalogue.fields.code'), item.code],
    [t('catalogue.fields.kind'), kindLabel(item.kind)],
    [t('catalogue.fields.price'), price(item)],
    [t('catalogue.fields.validity'), validity(item) ?? t('catalogue.noEndDate')],
    [t('catalogue.fields.segments'), segments(item)],
    [
      t('catalogue.fields.eligible'),
      item.eligible === null ? null : item.eligible ? t('catalogue.eligibleYes') : t('catalogue.eligibleNo'),
    ],
  ];
  return (
    <div className="catalogue-item-details">
      <h3>{item.name}</h3>
      {!item.availableNow && <p className="catalogue-warning">{t('catalogue.offer.notValid')}</p>}
      {item.description && <p className="catalogue-text">{item.description}</p>}
      <dl className="catalogue-facts">
        {rows
          .filter((row): row is [string, string] => row[1] !== null)
          .map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
      </dl>
      {actions}
    </div>
  );
}

/** One article in full; the body is plain text with its line breaks kept (CSS pre-wrap), never HTML. */
export function ArticleDetails({ article }: { article: Article }) {
  const { t } = useTranslation();
  const kindLabel = useKindLabels();
  return (
    <article className="catalogue-article" lang={article.language || undefined}>
      <h3>{article.title}</h3>
      <p className="catalogue-meta">
        {[kindLabel(article.kind), article.language.toUpperCase(), ...article.tags].filter(Boolean).join(separator)}
      </p>
      <div className="catalogue-article-body" aria-label={t('catalogue.articleBody')}>
        {article.body}
      </div>
    </article>
  );
}

/** An answer remembered with what it answers, so a new slug or code shows "loading" without resetting state. */
type Loaded<T> = { key: string } & ({ state: 'loaded'; value: T } | { state: 'failed'; error: CommandError });

/** A knowledge article by slug (knowledge:article), e.g. for a script's "show article" step. */
export function KnowledgeArticleBySlug({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const api = useAgentDesk();
  const errorText = useErrorText();
  const [loaded, setLoaded] = useState<Loaded<Article> | null>(null);
  useEffect(() => {
    let current = true;
    void api.commands['knowledge:article']({ slug }).then((result) => {
      if (current)
        setLoaded(
          result.ok ? { key: slug, state: 'loaded', value: result.value } : { key: slug, state: 'failed', error: result.error },
        );
    });
    return () => {
      current = false;
    };
  }, [api, slug]);
  if (loaded === null || loaded.key !== slug) return <p role="status">{t('catalogue.loading')}</p>;
  if (loaded.state === 'failed')
    return (
      <p role="alert">{loaded.error.code === 'not_found' ? t('catalogue.articleMissing', { slug }) : errorText(loaded.error)}</p>
    );
  return <ArticleDetails article={loaded.value} />;
}

/** A catalogue item by code (catalogue:item) for the customer on the card, e.g. for a script's "show item" step. */
export function CatalogueItemByCode({
  code,
  customerId,
  actions,
}: {
  code: string;
  customerId?: string;
  actions?: (item: CatalogueItemView) => ReactNode;
}) {
  const { t } = useTranslation();
  const api = useAgentDesk();
  const errorText = useErrorText();
  const key = `${code}\u0000${customerId ?? ''}`;
  const [loaded, setLoaded] = useState<Loaded<CatalogueItemView> | null>(null);
  useEffect(() => {
    let current = true;
    void api.commands['catalogue:item']({ code, ...(customerId === undefined ? {} : { customerId }) }).then((result) => {
      if (current)
        setLoaded(result.ok ? { key, state: 'loaded', value: result.value } : { key, state: 'failed', error: result.error });
    });
    return () => {
      current = false;
    };
  }, [api, code, customerId, key]);
  if (loaded === null || loaded.key !== key) return <p role="status">{t('catalogue.loading')}</p>;
  if (loaded.state === 'failed')
    return (
      <p role="alert">{loaded.error.code === 'not_found' ? t('catalogue.itemMissing', { code }) : errorText(loaded.error)}</p>
    );
  return <ItemDetails item={loaded.value} actions={actions?.(loaded.value)} />;
}
