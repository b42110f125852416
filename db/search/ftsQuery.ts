// Builds FTS5 MATCH expressions for the folded search indexes (migration 0002). Plain Node, pure.
// This is the only place a MATCH string is made, and user text never reaches it raw: it is cut into
// single tokens of ASCII letters/digits or non-ASCII characters (exactly what the `ascii` tokenizer
// reads as one token), each quoted as a string and given a prefix `*`. FTS5 operators typed by the
// operator (OR, NEAR, col:, -, ^, *, quotes) arrive as quoted literals or not at all.

/** More terms than this do not narrow a search-as-you-type box any further; they only cost time. */
export const MAX_QUERY_TERMS = 8;

/** What the `ascii` tokenizer treats as a separator: every ASCII character that is not a letter or digit. */
const asciiSeparators = /[^\u0080-\u{10FFFF}a-zA-Z0-9]+/u;

/**
 * Splits tokens the way the index's tokenizer would, so that no quoted term is ever a multi-token
 * phrase (phrases are not supported with detail=column and would be an error). ASCII letters, and
 * only those, are lower-cased as the tokenizer does; callers pass folded tokens, so this changes
 * nothing for them.
 */
export function ftsTerms(tokens: readonly string[]): string[] {
  const terms: string[] = [];
  for (const token of tokens) {
    for (const piece of token.split(asciiSeparators)) {
      if (piece.length > 0) terms.push(piece.replace(/[A-Z]+/g, (letters) => letters.toLowerCase()));
      if (terms.length === MAX_QUERY_TERMS) return terms;
    }
  }
  return terms;
}

function quoted(term: string): string {
  return `"${term.replaceAll('"', '""')}"`;
}

/**
 * Every term as a prefix, all required: `"ahm"* "yil"*`. With `columns`, restricted to those columns:
 * `{name company} : ("ahm"* "yil"*)`. Column names must come from the repository's own list, never
 * from user input. Returns undefined when nothing searchable is left (the caller answers "no match").
 */
export function prefixMatch(tokens: readonly string[], columns?: readonly string[]): string | undefined {
  const terms = ftsTerms(tokens);
  if (terms.length === 0) return undefined;
  const body = terms.map((term) => `${quoted(term)}*`).join(' ');
  if (!columns || columns.length === 0) return body;
  for (const column of columns) {
    if (!/^[a-z_]+$/.test(column)) throw new Error(`not a column name: ${column}`);
  }
  return `{${columns.join(' ')}} : (${body})`;
}
