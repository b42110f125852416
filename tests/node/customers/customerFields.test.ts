// cleanLine / cleanMultiline take a shortcut for plain Latin and Cyrillic text: proved here to give exactly what
// the full path (NFC, invisibles, controls, whitespace) gives, for every character the shortcut lets through.
import { describe, expect, it } from 'vitest';
import {
  cleanLine,
  cleanLineFully,
  cleanMultiline,
  cleanMultilineFully,
} from '../../../electron/core/customers/customerFields.js';

const ranges: [number, number][] = [
  [0x20, 0x7e],
  [0xc0, 0x24f],
  [0x400, 0x4ff],
];
const shortcutCharacters = ranges.flatMap(([from, to]) =>
  Array.from({ length: to - from + 1 }, (_, i) => String.fromCharCode(from + i)),
);

describe('the plain-letters shortcut of cleanLine and cleanMultiline', () => {
  it('changes nothing for any character it takes, alone or around spaces', () => {
    expect(shortcutCharacters).toHaveLength(95 + 400 + 256);
    for (const character of shortcutCharacters) {
      for (const text of [character, `  ${character}  ${character}x `, `${character}${character}`]) {
        expect(cleanLine(text)).toBe(cleanLineFully(text));
        expect(cleanMultiline(text)).toBe(cleanMultilineFully(text));
      }
    }
  });

  it('still cleans what it does not take: combining marks, odd spaces, invisibles, controls, line breaks', () => {
    expect(cleanLine('I\u0307şık\u00a0Yılmaz')).toBe('İşık Yılmaz');
    expect(cleanLine('Ali\u202eVeli\u200b')).toBe('AliVeli');
    expect(cleanLine('Ali\tVeli\r\nKaya')).toBe('Ali Veli Kaya');
    expect(cleanMultiline('satır 1\r\n\r\n\r\nsatır 2\u0007')).toBe('satır 1\n\nsatır 2');
    expect(cleanLine('Ёлкин  Иван ')).toBe('Ёлкин Иван');
  });
});
