// Search folding: the one function that makes "Işık", "IŞIK", "ışık" and "isik" the same search key.
// Pure TypeScript, runs anywhere: core folds what it indexes and what the operator types; the renderer may
// fold to highlight matches. Changing the rules changes FOLD_VERSION, and the desk rebuilds its index.

/** Bumped whenever fold() or searchTokens() changes what they return; stored beside the search index. */
export const FOLD_VERSION = 1;

/** Longer tokens are cut to this many characters, in the index and in queries alike. */
export const MAX_TOKEN_LENGTH = 64;

/**
 * Latin letters that carry no combining mark to strip, so NFD leaves them whole. Turkish dotless ı is
 * the one that matters (IŞIK → ışık → isik); the others are the usual Western/Central European ones.
 */
const latinLetterFolds: Record<string, string> = {
  ı: 'i',
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ħ: 'h',
  // Cyrillic: ё is written as е in most Russian text ("Ёлкин" and "Елкин" are the same person);
  // й is a letter of its own and stays.
  ё: 'е',
};
const latinLetterFold = new RegExp(`[${Object.keys(latinLetterFolds).join('')}]`, 'gu');

/** After NFD: the combining marks that follow a Latin letter (ş → s + U+0327, İ → i + U+0307, é → e + U+0301). */
const marksOnLatinLetter = /(\p{Script=Latin})\p{M}+/gu;

const asciiOnly = /^[^\u0080-\u{10FFFF}]*$/u;

/**
 * Folds text for matching: NFC, lower case (locale-independent, then Turkish İ/I/ı all become i),
 * combining marks stripped from Latin letters (ş→s, ç→c, ğ→g, ö→o, ü→u, é→e, …), Cyrillic kept
 * except ё→е (й stays й). Other scripts keep their marks. Never throws.
 */
export function fold(text: string): string {
  if (asciiOnly.test(text)) return text.toLowerCase();
  const lower = text
    .normalize('NFC')
    .toLowerCase()
    .replace(latinLetterFold, (letter) => latinLetterFolds[letter] ?? letter);
  return lower.normalize('NFD').replace(marksOnLatinLetter, '$1').normalize('NFC');
}

/** Apostrophes inside words are dropped, not split on: "O'Brien" → "obrien", "Işık'ın" → "isikin". */
const apostrophes = /['\u2019\u02bc\u0060\u00b4]/g;
/** Anything that is not a letter, digit or combining mark separates tokens. */
const separators = /[^\p{L}\p{N}\p{M}]+/u;

/**
 * Text made only of ASCII and the precomposed Latin (À–ɏ) and Cyrillic (Ѐ–ӿ) letters — Turkish and Russian
 * names and addresses — is split with a plain character class listing the word characters of those ranges,
 * taken from the same Unicode classes as `separators` when this module loads: the same words, at half
 * the cost of the Unicode property class.
 */
const plainText = /^[\x20-\x7e\u00c0-\u024f\u0400-\u04ff]*$/;
const plainSeparators = new RegExp(
  `[^${characterClassOf([[0x20, 0x7e], [0xc0, 0x24f], [0x400, 0x4ff]], (character) => !separators.test(character))}]+`,
);

/** The characters of `ranges` that `keep` accepts, as the inside of a RegExp character class (runs as a-b). */
function characterClassOf(ranges: [number, number][], keep: (character: string) => boolean): string {
  const hex = (code: number) => `\\u${code.toString(16).padStart(4, '0')}`;
  let out = '';
  for (const [from, to] of ranges) {
    let start = -1;
    for (let code = from; code <= to + 1; code++) {
      const kept = code <= to && keep(String.fromCharCode(code));
      if (kept && start < 0) start = code;
      if (!kept && start >= 0) {
        out += start === code - 1 ? hex(start) : `${hex(start)}-${hex(code - 1)}`;
        start = -1;
      }
    }
  }
  return out;
}

/** Splits text into words on everything but letters, digits and combining marks (empty strings included). */
export function splitWords(text: string): string[] {
  return text.split(plainText.test(text) ? plainSeparators : separators);
}
/**
 * Letters and digits are separate words too ("yilmaz85" → "yilmaz 85", "A54" → "a 54"): e-mail local
 * parts and product codes then share their words with names instead of adding a million unique terms,
 * which keeps every prefix read of the index short.
 */
const letterDigitBoundary = /(?<=\p{N})(?=[\p{L}\p{M}])|(?<=[\p{L}\p{M}])(?=\p{N})/u;

/** ASCII letters runs and digit runs: for ASCII text, exactly what the general path below yields. */
const asciiWord = /[a-z]+|[0-9]+/g;
const asciiApostrophes = /['`]/g;

/** The common case (e-mails, numbers, English and transliterated names) without Unicode regexes or the memo. */
function asciiTokens(text: string): string[] {
  const plain = text.includes("'") || text.includes('`') ? text.replace(asciiApostrophes, '') : text;
  const tokens = plain.toLowerCase().match(asciiWord) ?? [];
  for (let i = 0; i < tokens.length; i++)
    if (tokens[i]!.length > MAX_TOKEN_LENGTH) tokens[i] = tokens[i]!.slice(0, MAX_TOKEN_LENGTH);
  return tokens;
}

const wordMemo = new Map<string, readonly string[]>();
const MAX_MEMO_WORDS = 50_000;
const hasDigit = /\p{N}/u;

/**
 * Folded tokens of one word (no separators in it), memoised: real data repeats its words (first
 * names, surnames, cities, streets) so much that an import folds each distinct word about once.
 * Bounded: the memo is dropped when full, so a stream of unique words costs no memory.
 */
function wordTokens(word: string): readonly string[] {
  const known = wordMemo.get(word);
  if (known) return known;
  const folded = fold(word);
  const pieces = hasDigit.test(folded) ? folded.split(letterDigitBoundary) : [folded];
  const tokens = pieces
    .filter((piece) => piece.length > 0)
    .map((piece) => (piece.length > MAX_TOKEN_LENGTH ? Array.from(piece).slice(0, MAX_TOKEN_LENGTH).join('') : piece));
  if (word.length <= MAX_TOKEN_LENGTH) {
    if (wordMemo.size >= MAX_MEMO_WORDS) wordMemo.clear();
    wordMemo.set(word, tokens);
  }
  return tokens;
}

/**
 * The folded words of a text, as the search index stores them and as queries look for them.
 * Every token is letters, digits and marks only, so it can never carry query syntax.
 * (Split first, then fold each word: folding never turns a letter into a separator or back.)
 */
export function searchTokens(text: string | null | undefined): string[] {
  if (!text) return [];
  if (asciiOnly.test(text)) return asciiTokens(text);
  const tokens: string[] = [];
  for (const word of splitWords(text.replace(apostrophes, ''))) {
    if (word.length === 0) continue;
    for (const token of wordTokens(word)) tokens.push(token);
  }
  return tokens;
}
