// Origins of URLs, our custom standard scheme included. Pure; used by every guard in this folder.
// Node's URL answers `origin === "null"` for schemes it does not know and keeps their host's case,
// while Chromium treats a registered standard scheme like http: so we build the origin ourselves.

/** `scheme://host[:port]` in lower case, or null for URLs without a host (about:, data:, blob:, javascript:). */
export function originOf(raw: unknown): string | null {
  if (typeof raw !== 'string' || raw.length > 8192) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.host === '') return null;
  return `${url.protocol}//${url.host}`.toLowerCase();
}

/** True when `raw` parses, carries no user:password@ part and has exactly the origin `expected`. */
export function hasOrigin(raw: unknown, expected: string): boolean {
  if (typeof raw !== 'string') return false;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.username !== '' || url.password !== '') return false;
  return originOf(raw) === expected.toLowerCase();
}
