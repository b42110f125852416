// Money in minor units (kuruş, kopeks, cents) shown in the operator's locale. Runs in Chromium.
// The minor unit's size comes from the currency itself (Intl knows TRY has 2 decimals, JPY none), never a fixed /100.
import type { Locale } from '../../../electron/shared/settings.js';
import { formatNumber } from '../i18n/format.js';

const fractionDigits = new Map<string, number>();

/** Decimals of a currency (ISO 4217), 2 when Intl does not know the code. */
function decimalsOf(currency: string): number {
  let digits = fractionDigits.get(currency);
  if (digits === undefined) {
    try {
      digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    } catch {
      digits = 2;
    }
    fractionDigits.set(currency, digits);
  }
  return digits;
}

/** e.g. tr "₺349,90", en "TRY 349.90", ru "349,90 ₺"; an unknown code shows the amount and the code as given. */
export function formatMoney(minor: number, currency: string, locale: Locale): string {
  const amount = minor / 10 ** decimalsOf(currency);
  try {
    return formatNumber(amount, locale, { style: 'currency', currency });
  } catch {
    return `${formatNumber(amount, locale)} ${currency}`;
  }
}
