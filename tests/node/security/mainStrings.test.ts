// Main's own native-dialog texts exist in every shipped locale, none empty.
import { describe, expect, it } from 'vitest';
import { mainStrings } from '../../../electron/main/mainStrings.js';
import { locales } from '../../../electron/shared/settings.js';

describe('mainStrings', () => {
  it('has the same keys, all non-empty and distinct from English, in tr and ru', () => {
    const en = mainStrings('en');
    for (const locale of locales) {
      const text = mainStrings(locale);
      expect(Object.keys(text).sort()).toEqual(Object.keys(en).sort());
      for (const [key, value] of Object.entries(text)) {
        expect(value.trim(), `${locale}.${key}`).not.toBe('');
        if (locale !== 'en') expect(value, `${locale}.${key}`).not.toBe(en[key as keyof typeof en]);
      }
    }
  });
});
