// Intl helpers and locale resolution: what a Turkish, English and Russian operator reads. vitest.
import { describe, expect, it } from 'vitest';
import {
  formatClock,
  formatDate,
  formatDateTime,
  formatDuration,
  formatNumber,
  formatTime,
} from '../../renderer/src/i18n/format.js';
import { matchLocale, resolveLocale } from '../../renderer/src/i18n/i18n.js';

// Intl uses narrow no-break spaces in some outputs; compare with plain spaces.
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');
const at = new Date(2025, 2, 12, 14, 5, 9);

describe('format', () => {
  it('writes numbers the local way', () => {
    expect(plain(formatNumber(1234.5, 'en'))).toBe('1,234.5');
    expect(plain(formatNumber(1234.5, 'tr'))).toBe('1.234,5');
    expect(plain(formatNumber(1234.5, 'ru'))).toBe('1 234,5');
  });

  it('writes dates and times the local way', () => {
    expect(formatTime(at, 'tr')).toBe('14:05');
    expect(formatTime(at, 'ru')).toBe('14:05');
    expect(plain(formatTime(at, 'en'))).toBe('2:05 PM');
    expect(formatDate(at, 'tr')).toBe('12 Mar 2025');
    expect(plain(formatDate(at, 'ru'))).toBe('12 мар. 2025 г.');
    expect(plain(formatDateTime(at, 'en'))).toBe('Mar 12, 2025, 2:05 PM');
  });

  it('spells durations with declined units and drops zero parts', () => {
    expect(formatDuration(3_605_000, 'en')).toBe('1 hour 5 seconds');
    expect(formatDuration(3_605_000, 'tr')).toBe('1 saat 5 saniye');
    expect(formatDuration(3_605_000, 'ru')).toBe('1 час 5 секунд');
    expect(formatDuration(21_000, 'ru')).toBe('21 секунда');
    expect(formatDuration(122_000, 'ru')).toBe('2 минуты 2 секунды');
    expect(formatDuration(0, 'en')).toBe('0 seconds');
    expect(formatDuration(-5_000, 'en')).toBe('0 seconds');
    expect(plain(formatDuration(3_000, 'ru', 'short'))).toBe('3 с');
    expect(plain(formatDuration(3_000, 'tr', 'short'))).toBe('3 sn.');
  });

  it('shows a call timer as a clock', () => {
    expect(formatClock(7_400, 'en')).toBe('0:07');
    expect(formatClock(754_000, 'tr')).toBe('12:34');
    expect(formatClock(3_723_000, 'ru')).toBe('1:02:03');
  });
});

describe('locale resolution', () => {
  it('maps language tags to tr/en/ru', () => {
    expect(matchLocale('tr-TR')).toBe('tr');
    expect(matchLocale('ru_RU')).toBe('ru');
    expect(matchLocale('EN-gb')).toBe('en');
    expect(matchLocale('de')).toBeNull();
    expect(matchLocale('')).toBeNull();
  });

  it("takes the first supported system language for 'system', else English; an explicit choice wins", () => {
    expect(resolveLocale('system', ['de-AT', 'tr-TR', 'ru'])).toBe('tr');
    expect(resolveLocale('system', ['fr', 'de'])).toBe('en');
    expect(resolveLocale('system', [])).toBe('en');
    expect(resolveLocale('ru', ['tr-TR'])).toBe('ru');
  });
});
