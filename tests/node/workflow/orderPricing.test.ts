// Order pricing in integer minor units and the read-back sentence in tr/en/ru; typed numbers and dates
// as the wrap-up rules read them.
import { describe, expect, it } from 'vitest';
import {
  formatMoney,
  lineDiscountMinor,
  orderReadBack,
  priceOrder,
  readBackLanguageOf,
} from '../../../electron/shared/orderPricing.js';
import { isCalendarDate, parseTypedNumber } from '../../../electron/shared/wrapUpRules.js';

const halfOff = { name: 'İlk 3 Ay %50 İndirim', discountPercent: 50, discountMinor: null };

describe('order pricing', () => {
  it('rounds a percentage half up once per line, and applies a fixed amount per unit, capped at the price', () => {
    expect(lineDiscountMinor(1, 34990, halfOff)).toBe(17495);
    expect(lineDiscountMinor(1, 999, { name: 'p', discountPercent: 50, discountMinor: null })).toBe(500); // 499.5 → 500
    expect(lineDiscountMinor(3, 333, { name: 'p', discountPercent: 10, discountMinor: null })).toBe(100); // 99.9 → 100
    expect(lineDiscountMinor(3, 9990, { name: 'f', discountPercent: null, discountMinor: 5000 })).toBe(15000);
    expect(lineDiscountMinor(2, 3990, { name: 'f', discountPercent: null, discountMinor: 5000 })).toBe(7980);
    expect(lineDiscountMinor(2, 3990, { name: 'p', discountPercent: 150, discountMinor: null })).toBe(7980);
    expect(lineDiscountMinor(2, 3990, undefined)).toBe(0);
  });

  it('totals lines in integers, whatever the floats would have said', () => {
    // 0.1 + 0.2 style trouble: ten lines of 10.01 with 15 % off.
    const order = priceOrder(
      'TRY',
      Array.from({ length: 10 }, () => ({
        description: 'x',
        quantity: 1,
        unitPriceMinor: 1001,
        promotion: { name: 'p', discountPercent: 15, discountMinor: null },
      })),
    );
    expect(order).toMatchObject({ subtotalMinor: 10010, discountMinor: 1500, totalMinor: 8510 });
    expect(order.lines.every((line) => Number.isInteger(line.totalMinor))).toBe(true);
  });

  it('reads the order back in the customer language', () => {
    const order = priceOrder('TRY', [
      { description: 'Süper Konuşkan 20 GB', quantity: 1, unitPriceMinor: 34990, promotion: halfOff },
      { description: 'Ek 10 GB', quantity: 2, unitPriceMinor: 9990 },
    ]);
    expect(orderReadBack(order, 'tr')).toBe(
      'Siparişinizi tekrar ediyorum: 1 adet Süper Konuşkan 20 GB, birim fiyatı ₺349,90, tutarı ₺174,95 (İlk 3 Ay %50 İndirim: −₺174,95); ' +
        '2 adet Ek 10 GB, birim fiyatı ₺99,90, tutarı ₺199,80. Toplam tutar: ₺374,75. Siparişi onaylıyor musunuz?',
    );
    expect(orderReadBack(order, 'en')).toMatch(/Total: TRY\s374\.75\. Do you confirm the order\?$/);
    expect(orderReadBack(order, 'ru')).toMatch(/^Повторю ваш заказ: Süper Konuşkan 20 GB, 1 шт\. по 349,90\s(₺|TRY)/);
    expect(orderReadBack(order, 'ru')).toMatch(/Итого: 374,75\s(₺|TRY)\. Вы подтверждаете заказ\?$/);
  });

  it('formats minor units with the currency digits and picks the read-back language from a tag', () => {
    expect(formatMoney(150000, 'JPY', 'en')).toBe('¥150,000');
    expect(formatMoney(12345, 'RUB', 'ru')).toMatch(/^123,45\s₽$/);
    expect(readBackLanguageOf('ru-RU', 'en')).toBe('ru');
    expect(readBackLanguageOf('de', 'tr')).toBe('tr');
    expect(readBackLanguageOf(null, 'en')).toBe('en');
  });
});

describe('typed values', () => {
  it('reads numbers with a comma or a dot, nothing else', () => {
    expect(parseTypedNumber('7,5')).toBe(7.5);
    expect(parseTypedNumber(' -3 ')).toBe(-3);
    expect(parseTypedNumber('1.000,5')).toBeUndefined();
    expect(parseTypedNumber('1e3')).toBeUndefined();
    expect(parseTypedNumber('')).toBeUndefined();
  });

  it('accepts only real calendar dates', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2023-02-29')).toBe(false);
    expect(isCalendarDate('2023-13-01')).toBe(false);
    expect(isCalendarDate('01.02.2023')).toBe(false);
  });
});
