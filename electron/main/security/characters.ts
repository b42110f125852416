// Characters that never belong in a URL, path or link we act on. Pure.

/**
 * C0 and C1 control characters (NUL, newline, escape...), DEL, and the invisible marks that make
 * text display as something else: zero-width characters, bidi embeddings/overrides/isolates, BOM.
 */
export function hasControlOrInvisible(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code <= 0x1f || (code >= 0x7f && code <= 0x9f)) return true;
    if ((code >= 0x200b && code <= 0x200f) || (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069) || code === 0xfeff) {
      return true;
    }
  }
  return false;
}
