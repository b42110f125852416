// Prices an order's lines against the catalogue as it is now: each item and promotion must exist, be
// active and valid at this moment, and be open to the customer's segment; the price the operator quoted
// must still be the catalogue's. Plain Node (core). Used by wrapup:quote while typing and again at submit.
import type { CatalogueTerms, CustomerBrief, WrapUpRepository } from '../../../db/repositories/wrapUps.js';
import type { OrderLine, OrderQuote, WrapUpProblem } from '../../shared/ipc/wrapUp.js';
import {
  orderReadBack,
  priceOrder,
  readBackLanguageOf,
  type PricedOrder,
  type PricingLine,
  type ReadBackLanguage,
} from '../../shared/orderPricing.js';

export interface QuotedOrder extends OrderQuote {
  /** What to store per line when the quote has no problems (same order as the input). */
  storedLines: {
    catalogueItemId: string;
    promotionId: string | null;
    description: string;
    quantity: number;
    unitPriceMinor: number;
    discountMinor: number;
  }[];
  order: PricedOrder | null;
}

/** Active and inside its validity window at `now` (valid_until is exclusive). */
export const validAt = (item: CatalogueTerms, now: number) =>
  item.active && (item.validFrom === null || item.validFrom <= now) && (item.validUntil === null || now < item.validUntil);
/** Open to everyone, or to this segment. */
export const openTo = (item: CatalogueTerms, segment: string | null) =>
  item.eligibleSegments.length === 0 || (segment !== null && item.eligibleSegments.includes(segment));

export function quoteOrder(
  repository: Pick<WrapUpRepository, 'catalogueTerms'>,
  lines: readonly OrderLine[],
  customer: Pick<CustomerBrief, 'segment' | 'language'> | undefined,
  now: number,
  deskLanguage: ReadBackLanguage,
): QuotedOrder {
  const language = readBackLanguageOf(customer?.language, deskLanguage);
  const segment = customer?.segment ?? null;
  const terms = repository.catalogueTerms(
    lines.flatMap((line) => [line.catalogueItemId, ...(line.promotionId ? [line.promotionId] : [])]),
  );
  const problems: WrapUpProblem[] = [];
  const pricing: PricingLine[] = [];

  lines.forEach((line, index) => {
    const path = `order.lines.${index}`;
    const item = terms.get(line.catalogueItemId);
    if (!item || item.kind === 'promotion') problems.push({ path, key: 'itemNotFound' });
    else if (!validAt(item, now)) problems.push({ path, key: 'itemNotValidNow' });
    else if (!openTo(item, segment)) problems.push({ path, key: 'itemNotEligible' });
    else if (item.priceMinor !== line.unitPriceMinor || item.currency !== line.currency)
      problems.push({ path: `${path}.unitPriceMinor`, key: 'priceChanged', params: { price: item.priceMinor ?? 0 } });

    let promotion: PricingLine['promotion'];
    if (line.promotionId !== undefined) {
      const promo = terms.get(line.promotionId);
      const promoPath = `${path}.promotionId`;
      if (!promo || promo.kind !== 'promotion') problems.push({ path: promoPath, key: 'promotionNotFound' });
      else if (!validAt(promo, now)) problems.push({ path: promoPath, key: 'promotionNotValidNow' });
      else if (!openTo(promo, segment)) problems.push({ path: promoPath, key: 'promotionNotEligible' });
      else promotion = { name: promo.name, discountPercent: promo.discountPercent, discountMinor: promo.discountMinor };
    }
    pricing.push({ description: line.description, quantity: line.quantity, unitPriceMinor: line.unitPriceMinor, promotion });
  });

  const currency = lines[0]?.currency;
  const priceable = currency !== undefined && lines.every((line) => line.currency === currency);
  const order = priceable ? priceOrder(currency, pricing) : null;
  return {
    order,
    language,
    readBack: order ? orderReadBack(order, language) : null,
    problems,
    storedLines: lines.map((line, index) => ({
      catalogueItemId: line.catalogueItemId,
      promotionId: pricing[index]?.promotion ? (line.promotionId ?? null) : null,
      description: line.description,
      quantity: line.quantity,
      unitPriceMinor: line.unitPriceMinor,
      discountMinor: order?.lines[index]?.discountMinor ?? 0,
    })),
  };
}
