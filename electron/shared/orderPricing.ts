// Order pricing and the read-back text the operator reads to the customer. Runs anywhere: core prices
// (and re-checks) every order at submit; the renderer shows the same figures while the operator types.
// Money is integer minor units (kuruş, kopeks, cents) end to end: no float ever becomes a stored amount.

/** A promotion's terms as the catalogue stores them: a percentage, or a fixed amount off each unit. */
export interface PromotionTerms {
  name: string;
  /** 0–100; wins over `discountMinor` when both are set. */
  discountPercent: number | null;
  /** Minor units off each unit (never more than the unit price). */
  discountMinor: number | null;
}

export interface PricingLine {
  description: string;
  quantity: number;
  unitPriceMinor: number;
  promotion?: PromotionTerms | undefined;
}

export interface PricedLine {
  description: string;
  quantity: number;
  unitPriceMinor: number;
  /** quantity × unit price. */
  grossMinor: number;
  discountMinor: number;
  totalMinor: number;
  promotionName: string | null;
}

export interface PricedOrder {
  currency: string;
  lines: PricedLine[];
  subtotalMinor: number;
  discountMinor: number;
  totalMinor: number;
}

/**
 * The discount on one line. A percentage is rounded half up to the minor unit on the line's gross
 * (one rounding per line, so the read-back and the stored total agree); a fixed amount applies to each
 * unit. Never negative, never more than the line is worth.
 */
export function lineDiscountMinor(quantity: number, unitPriceMinor: number, promotion: PromotionTerms | undefined): number {
  const gross = quantity * unitPriceMinor;
  if (!promotion) return 0;
  let discount = 0;
  if (promotion.discountPercent !== null) {
    const percent = Math.min(100, Math.max(0, Math.trunc(promotion.discountPercent)));
    discount = Math.floor((gross * percent + 50) / 100);
  } else if (promotion.discountMinor !== null) {
    discount = Math.min(Math.max(0, Math.trunc(promotion.discountMinor)), unitPriceMinor) * quantity;
  }
  return Math.min(gross, Math.max(0, discount));
}

export function priceOrder(currency: string, lines: readonly PricingLine[]): PricedOrder {
  const priced = lines.map((line): PricedLine => {
    const grossMinor = line.quantity * line.unitPriceMinor;
    const discountMinor = lineDiscountMinor(line.quantity, line.unitPriceMinor, line.promotion);
    return {
      description: line.description,
      quantity: line.quantity,
      unitPriceMinor: line.unitPriceMinor,
      grossMinor,
      discountMinor,
      totalMinor: grossMinor - discountMinor,
      promotionName: line.promotion && discountMinor > 0 ? line.promotion.name : null,
    };
  });
  const sum = (pick: (line: PricedLine) => number) => priced.reduce((total, line) => total + pick(line), 0);
  return {
    currency,
    lines: priced,
    subtotalMinor: sum((line) => line.grossMinor),
    discountMinor: sum((line) => line.discountMinor),
    totalMinor: sum((line) => line.totalMinor),
  };
}

/** Languages the read-back is written in: the customer hears their own language when we have it. */
export const readBackLanguages = ['tr', 'en', 'ru'] as const;
export type ReadBackLanguage = (typeof readBackLanguages)[number];

/** A BCP 47 tag (`tr-TR`, `ru`, `en-GB`, null) → the read-back language, else `fallback`. */
export function readBackLanguageOf(tag: string | null | undefined, fallback: ReadBackLanguage): ReadBackLanguage {
  const primary = (tag ?? '').trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return (readBackLanguages as readonly string[]).includes(primary) ? (primary as ReadBackLanguage) : fallback;
}

/** Building an Intl.NumberFormat costs far more than using one (a submit's budget is 5 ms): keep them. */
const moneyFormats = new Map<string, { format: Intl.NumberFormat; scale: number }>();
const countFormats = new Map<string, Intl.NumberFormat>();

/** An amount in minor units as the customer's language writes money ("₺349,90", "349,90 ₽"). */
export function formatMoney(minor: number, currency: string, language: string): string {
  const key = `${language}|${currency}`;
  let money = moneyFormats.get(key);
  if (!money) {
    const format = new Intl.NumberFormat(language, { style: 'currency', currency });
    money = { format, scale: 10 ** (format.resolvedOptions().maximumFractionDigits ?? 2) };
    moneyFormats.set(key, money);
  }
  return money.format.format(minor / money.scale);
}

interface ReadBackWords {
  line(parts: { quantity: string; description: string; unit: string; total: string }): string;
  discount(parts: { promotion: string; amount: string }): string;
  whole(parts: { lines: string; total: string }): string;
}

const words: Record<ReadBackLanguage, ReadBackWords> = {
  en: {
    line: (p) => `${p.quantity} × ${p.description} at ${p.unit} each, ${p.total}`,
    discount: (p) => ` (${p.promotion}: −${p.amount})`,
    whole: (p) => `Let me read your order back: ${p.lines}. Total: ${p.total}. Do you confirm the order?`,
  },
  tr: {
    line: (p) => `${p.quantity} adet ${p.description}, birim fiyatı ${p.unit}, tutarı ${p.total}`,
    discount: (p) => ` (${p.promotion}: −${p.amount})`,
    whole: (p) => `Siparişinizi tekrar ediyorum: ${p.lines}. Toplam tutar: ${p.total}. Siparişi onaylıyor musunuz?`,
  },
  ru: {
    line: (p) => `${p.description}, ${p.quantity} шт. по ${p.unit}, на сумму ${p.total}`,
    discount: (p) => ` (${p.promotion}: −${p.amount})`,
    whole: (p) => `Повторю ваш заказ: ${p.lines}. Итого: ${p.total}. Вы подтверждаете заказ?`,
  },
};

/** The sentence the operator reads to the customer for confirmation, in `language`. */
export function orderReadBack(order: PricedOrder, language: ReadBackLanguage): string {
  const w = words[language];
  const money = (minor: number) => formatMoney(minor, order.currency, language);
  const count = countFormats.get(language) ?? new Intl.NumberFormat(language);
  countFormats.set(language, count);
  const lines = order.lines
    .map(
      (line) =>
        w.line({
          quantity: count.format(line.quantity),
          description: line.description,
          unit: money(line.unitPriceMinor),
          total: money(line.totalMinor),
        }) +
        (line.discountMinor > 0 && line.promotionName !== null
          ? w.discount({ promotion: line.promotionName, amount: money(line.discountMinor) })
          : ''),
    )
    .join('; ');
  return w.whole({ lines, total: money(order.totalMinor) });
}
