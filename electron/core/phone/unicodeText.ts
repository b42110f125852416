// Unicode clean-up shared by caller-ID parsing and caller names: invisibles, bidi controls, digits,
// whitespace. Pure TypeScript, runs anywhere (plain Node in core; safe to move to electron/shared).

/**
 * Characters that render as nothing or reorder what follows: zero-width space/joiners, LRM/RLM,
 * LRE…RLO embeddings and overrides (U+202A–U+202E), isolates (U+2066–U+2069), word joiner, BOM,
 * soft hyphen, Arabic letter mark, Hangul fillers, variation selectors, tag characters. Unicode's
 * Default_Ignorable_Code_Point property lists exactly these; \p{Cf} adds the remaining format
 * characters (e.g. U+0600 Arabic number sign). A caller ID or name never needs any of them, and an
 * RLO in a caller name can make "+90 532" read as something else on screen.
 */
const invisibleOrBidiControl = /[\p{Default_Ignorable_Code_Point}\p{Cf}]/gu;

/** Lone UTF-16 surrogates (from a broken JSON or SIP stack) cannot be encoded; they become U+FFFD. */
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Control characters, line/paragraph separators and every kind of space collapse to one ASCII space. */
const whitespaceOrControl = /[\s\p{Cc}\p{Z}]+/gu;

/** "Zalgo" text stacks dozens of combining marks until it paints over the rows above and below. */
const combiningMarkPileUp = /(\p{M}{4})\p{M}+/gu;

/** Non-ASCII decimal digits that NFKC leaves alone (Arabic-Indic ٣, Devanagari ३, …). */
const nonAsciiDecimalDigit = /(?![0-9])\p{Nd}/gu;
const decimalDigit = /^\p{Nd}$/u;

export const MAX_DISPLAY_NAME_LENGTH = 128;

/**
 * Raw text longer than this is cut before the (linear, but not free) Unicode passes run; a real
 * caller name is far shorter, and the result is capped at MAX_DISPLAY_NAME_LENGTH anyway.
 */
const MAX_DISPLAY_NAME_SCAN = 4096;

export function replaceLoneSurrogates(text: string): string {
  return text.replace(loneSurrogate, '\uFFFD');
}

export function stripInvisibles(text: string): string {
  return text.replace(invisibleOrBidiControl, '');
}

/**
 * Unicode's stability policy guarantees that decimal digits are encoded in contiguous runs of ten,
 * zero first, so a digit's value is its distance from the start of its run of \p{Nd}, modulo ten
 * (the modulo covers blocks such as U+1D7CE–U+1D7FF that hold several runs back to back).
 */
function decimalDigitValue(digit: string): number {
  let codePoint = digit.codePointAt(0) ?? 0;
  let offset = 0;
  while (offset < 64 && decimalDigit.test(String.fromCodePoint(codePoint - 1))) {
    codePoint -= 1;
    offset += 1;
  }
  return offset % 10;
}

/** Maps every decimal digit of any script to 0–9, so "٠٥٣٢" and "0532" read the same. */
export function toAsciiDigits(text: string): string {
  return text.replace(nonAsciiDecimalDigit, (digit) => String(decimalDigitValue(digit)));
}

/**
 * The first pass over any caller-ID or caller-name text: broken surrogates repaired, invisibles and
 * bidi controls removed, NFKC applied (full-width ０５３２ and ＋ become 0532 and +, ligatures and
 * mathematical letters become plain letters, so a name cannot imitate another with look-alike code
 * points), then invisibles removed once more in case normalisation exposed any.
 */
export function cleanUnicode(text: string): string {
  return stripInvisibles(stripInvisibles(replaceLoneSurrogates(text)).normalize('NFKC'));
}

/**
 * Makes a caller name (SIP display name, CRM name) safe to show as plain text: invisibles and bidi
 * controls stripped, NFKC, controls and runs of whitespace collapsed to one space, combining-mark
 * pile-ups cut to four marks, trimmed, and capped at 128 code points (the last one "…" when cut).
 * The result is still text, not HTML: render it as a text node, never as markup.
 * Anything that is not a string gives "".
 */
export function normalizeDisplayName(raw: unknown): string {
  if (typeof raw !== 'string') return '';
  const cleaned = cleanUnicode(raw.slice(0, MAX_DISPLAY_NAME_SCAN))
    .replace(whitespaceOrControl, ' ')
    .replace(combiningMarkPileUp, '$1')
    .trim();
  const codePoints = Array.from(cleaned);
  if (codePoints.length <= MAX_DISPLAY_NAME_LENGTH) return cleaned;
  return `${codePoints
    .slice(0, MAX_DISPLAY_NAME_LENGTH - 1)
    .join('')
    .trimEnd()}…`;
}
