// Locale-aware formatting of dates, times, numbers and durations with Intl. Runs in Chromium.
// Never hand-build these strings: Turkish writes "1.234,5", Russian "1 234,5", and unit names decline.
import type { Locale } from '../../../electron/shared/settings.js';

// Intl formatters are costly to build and these run on every render of a timer: cache them.
const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat | Intl.ListFormat>();
function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat | Intl.ListFormat>(key: string, build: () => T): T {
  let formatter = cache.get(key) as T | undefined;
  if (!formatter) {
    formatter = build();
    cache.set(key, formatter);
  }
  return formatter;
}

/** e.g. en "12 Mar 2025", tr "12 Mar 2025", ru "12 мар. 2025 г.". */
export function formatDate(date: Date | number, locale: Locale): string {
  return cached(`date:${locale}`, () => new Intl.DateTimeFormat(locale, { dateStyle: 'medium' })).format(date);
}

/** e.g. en "2:05 PM", tr "14:05", ru "14:05". */
export function formatTime(date: Date | number, locale: Locale): string {
  return cached(`time:${locale}`, () => new Intl.DateTimeFormat(locale, { timeStyle: 'short' })).format(date);
}

export function formatDateTime(date: Date | number, locale: Locale): string {
  return cached(`datetime:${locale}`, () => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' })).format(
    date,
  );
}

export function formatNumber(value: number, locale: Locale, options?: Intl.NumberFormatOptions): string {
  const key = `number:${locale}:${JSON.stringify(options ?? {})}`;
  return cached(key, () => new Intl.NumberFormat(locale, options)).format(value);
}

type DurationUnit = 'hour' | 'minute' | 'second';

/**
 * A duration in words: en "1 hour 5 seconds", tr "1 saat 5 saniye", ru "1 час 5 секунд"; `short` gives
 * "1 hr 5 sec", "1 sa 5 sn", "1 ч 5 с". Short forms do not decline, so they fit after a preposition
 * (Russian "через 1 с", where the long form would need the accusative "секунду").
 * Zero parts are left out; under a second reads as "0 seconds". (Intl.DurationFormat would do this,
 * but Node 20 — where the tests run — lacks it, so we compose unit formats with a list format.)
 */
export function formatDuration(milliseconds: number, locale: Locale, width: 'long' | 'short' = 'long'): string {
  const total = Math.max(0, Math.round(milliseconds / 1000));
  const parts: [DurationUnit, number][] = [
    ['hour', Math.floor(total / 3600)],
    ['minute', Math.floor((total % 3600) / 60)],
    ['second', total % 60],
  ];
  const shown = parts.filter(([, amount]) => amount > 0);
  const words = (shown.length > 0 ? shown : [['second', 0] as [DurationUnit, number]]).map(([unit, amount]) =>
    formatNumber(amount, locale, { style: 'unit', unit, unitDisplay: width }),
  );
  return cached(`list:${locale}`, () => new Intl.ListFormat(locale, { style: 'narrow', type: 'unit' })).format(words);
}

/** A running call timer: "0:07", "12:34", "1:02:03", with the locale's digits. */
export function formatClock(milliseconds: number, locale: Locale): string {
  const total = Math.max(0, Math.floor(milliseconds / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const two = (n: number) => formatNumber(n, locale, { minimumIntegerDigits: 2, useGrouping: false });
  const plain = (n: number) => formatNumber(n, locale, { useGrouping: false });
  return hours > 0 ? `${plain(hours)}:${two(minutes)}:${two(seconds)}` : `${plain(minutes)}:${two(seconds)}`;
}
