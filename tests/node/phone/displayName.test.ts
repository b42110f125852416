// normalizeDisplayName: caller names made safe to render as plain text. Node (vitest).
import { describe, expect, it } from 'vitest';
import { MAX_DISPLAY_NAME_LENGTH, normalizeDisplayName } from '../../../electron/core/phone/index.js';

describe('normalizeDisplayName', () => {
  it('keeps ordinary names in every script as they are', () => {
    for (const name of [
      'Ayşe Yılmaz',
      'İsmail Işık',
      'Иван Петров',
      'Jürgen Groß',
      'محمد',
      'Nguyễn Văn A',
      '李小龍',
      "O'Brien-Smith",
    ]) {
      expect(normalizeDisplayName(name)).toBe(name);
    }
  });

  it('removes bidi controls and invisible characters', () => {
    expect(normalizeDisplayName('Ay\u202Eşe\u202C')).toBe('Ayşe');
    expect(normalizeDisplayName('\u2067Yılmaz\u2069\u200E\u200F')).toBe('Yılmaz');
    expect(normalizeDisplayName('Iv\u200Ban\u2060\uFEFF\u00AD')).toBe('Ivan');
    expect(normalizeDisplayName('Ali\u061C\u180E\u3164')).toBe('Ali');
    expect(normalizeDisplayName('tag\u{E0041}\u{E0042}s')).toBe('tags');
  });

  it('collapses whitespace and control characters to single spaces', () => {
    expect(normalizeDisplayName('  Ayşe \t\r\n  Yılmaz\u00A0\u3000 ')).toBe('Ayşe Yılmaz');
    expect(normalizeDisplayName('Evil\u0000\u0007\u001B[31mRed')).toBe('Evil [31mRed');
    expect(normalizeDisplayName('Line\u2028Break\u2029Para\u0085Next')).toBe('Line Break Para Next');
  });

  it('folds look-alike compatibility characters (NFKC)', () => {
    expect(normalizeDisplayName('Ａｙşｅ')).toBe('Ayşe');
    expect(normalizeDisplayName('𝐀𝐝𝐦𝐢𝐧')).toBe('Admin');
    expect(normalizeDisplayName('ﬁle')).toBe('file');
  });

  it('cuts combining-mark pile-ups (zalgo) to four marks', () => {
    const zalgo = `Z${'\u0301\u0316\u0317\u0318\u0319'.repeat(20)}algo`;
    // NFKC composes Z + U+0301 into Ź and sorts the marks below first; four of them are kept.
    expect(normalizeDisplayName(zalgo)).toBe('\u0179\u0316\u0317\u0318\u0319algo');
    expect(normalizeDisplayName('Nguyễn')).toBe('Nguyễn');
  });

  it('caps the length at 128 code points, ending with an ellipsis', () => {
    const long = normalizeDisplayName('Ş'.repeat(1000));
    expect(Array.from(long)).toHaveLength(MAX_DISPLAY_NAME_LENGTH);
    expect(long.endsWith('Ş…')).toBe(true);
    const emoji = normalizeDisplayName('😀'.repeat(200));
    expect(Array.from(emoji)).toHaveLength(MAX_DISPLAY_NAME_LENGTH);
    expect(emoji).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/); // no half emoji left at the cut
    expect(normalizeDisplayName('a'.repeat(128))).toBe('a'.repeat(128));
  });

  it('repairs lone surrogates', () => {
    expect(normalizeDisplayName('A\uD800B\uDC00C')).toBe('A\uFFFDB\uFFFDC');
  });

  it('leaves markup as text (rendering escapes it, not this function)', () => {
    expect(normalizeDisplayName('<script>alert(1)</script>')).toBe('<script>alert(1)</script>');
  });

  it('gives "" for anything that is not a string', () => {
    expect(normalizeDisplayName(undefined)).toBe('');
    expect(normalizeDisplayName(null)).toBe('');
    expect(normalizeDisplayName({ toString: () => 'x' })).toBe('');
  });
});
