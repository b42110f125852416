// Search folding (electron/shared/text/fold.ts): Turkish dotted/dotless I, Latin accents, Cyrillic ё/й.
import { describe, expect, it } from 'vitest';
import { fold, MAX_TOKEN_LENGTH, searchTokens, splitWords } from '../../../electron/shared/text/fold.js';

describe('fold', () => {
  it.each([
    ['Işık', 'isik'],
    ['IŞIK', 'isik'],
    ['ışık', 'isik'],
    ['isik', 'isik'],
    ['İSTANBUL', 'istanbul'],
    ['İstanbul', 'istanbul'],
    ['ISTANBUL', 'istanbul'],
    ['Çağlayan Öztürk', 'caglayan ozturk'],
    ['ŞÜKRÜ ĞÖÇ', 'sukru goc'],
    ['Émile Zoë Noël', 'emile zoe noel'],
    ['Straße', 'strasse'],
    ['Łódź', 'lodz'],
  ])('folds %s to %s', (input, expected) => {
    expect(fold(input)).toBe(expected);
  });

  it('treats decomposed and composed input alike (NFC first)', () => {
    expect(fold('I\u0307s\u0327ık')).toBe('isik'); // İ and ş written as base letter + combining mark
    expect(fold('S\u0327U\u0308KRU\u0308')).toBe(fold('ŞÜKRÜ'));
  });

  it('keeps Cyrillic, folds ё to е and leaves й alone', () => {
    expect(fold('Ёлкин')).toBe('елкин');
    expect(fold('ЁЛКИН')).toBe(fold('Елкин'));
    expect(fold('Майский')).toBe('майский');
    expect(fold('Й')).toBe('й');
    expect(fold('Й')).not.toBe(fold('И'));
    expect(fold('и\u0306')).toBe('й'); // decomposed й is recomposed, not stripped
  });

  it('leaves marks of other scripts alone', () => {
    expect(fold('Ελληνικά')).toBe('ελληνικά');
    expect(fold('नमस्ते')).toBe('नमस्ते');
  });
});

describe('searchTokens', () => {
  it('splits on anything but letters, digits and marks, and drops apostrophes inside words', () => {
    expect(searchTokens('Ahmet.Yılmaz@Example.com')).toEqual(['ahmet', 'yilmaz', 'example', 'com']);
    expect(searchTokens("Işık'ın O'Brien")).toEqual(['isikin', 'obrien']);
    expect(searchTokens('  "OR" NEAR(a b) col:x -y *z ^w ')).toEqual(['or', 'near', 'a', 'b', 'col', 'x', 'y', 'z', 'w']);
    expect(searchTokens('ACC-00 12')).toEqual(['acc', '00', '12']);
    expect(searchTokens('yilmaz85@example.com A54 3GB')).toEqual(['yilmaz', '85', 'example', 'com', 'a', '54', '3', 'gb']);
    expect(searchTokens('')).toEqual([]);
    expect(searchTokens(null)).toEqual([]);
    expect(searchTokens('"\'*-^:()')).toEqual([]);
  });

  it('gives the same tokens for ASCII text on its fast path as the general path does', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const alphabet = 'abzAZ09 .,;:\'`"-_@#()[]{}|*^~\t';
    for (let n = 0; n < 2000; n++) {
      const text = Array.from({ length: Math.floor(random() * 30) }, () => alphabet[Math.floor(random() * alphabet.length)]).join(
        '',
      );
      // A non-ASCII word at the end sends the text down the general (Unicode) path.
      expect([...searchTokens(text), 'e'], JSON.stringify(text)).toEqual(searchTokens(`${text} é`));
    }
  });

  it('cuts very long words to the same prefix in the index and in queries', () => {
    const long = 'ş'.repeat(500);
    const [token] = searchTokens(long);
    expect(Array.from(token!)).toHaveLength(MAX_TOKEN_LENGTH);
    expect(searchTokens(long.toUpperCase())).toEqual([token]);
  });
});

describe('splitWords', () => {
  const unicodeSeparators = /[^\p{L}\p{N}\p{M}]+/u;
  it('splits plain Latin and Cyrillic text exactly as the Unicode classes do, for every character it takes', () => {
    const ranges: [number, number][] = [
      [0x20, 0x7e],
      [0xc0, 0x24f],
      [0x400, 0x4ff],
    ];
    let characters = 0;
    for (const [from, to] of ranges) {
      for (let code = from; code <= to; code++) {
        const text = `a${String.fromCharCode(code)}b 1${String.fromCharCode(code)}`;
        expect(splitWords(text)).toEqual(text.split(unicodeSeparators));
        characters++;
      }
    }
    expect(characters).toBe(751);
  });

  it('takes the Unicode path for anything else', () => {
    for (const text of ['a\u00a0b', 'e\u0301te', '日本語 テキスト', 'a\u200bb', 'Ş\u0130ŞLİ  —  ışık', '\u{1F600}x'])
      expect(splitWords(text)).toEqual(text.split(unicodeSeparators));
  });
});

