// Navigation and new-window rules for every webContents. Pure; main attaches them in
// `web-contents-created` (will-navigate, will-frame-navigate, will-redirect, setWindowOpenHandler).
import { safeExternalUrl } from './externalUrl.js';
import { hasOrigin } from './origin.js';

/**
 * Only our own origin: a reload or a route inside the app. Same-document (#hash, pushState) changes
 * never reach will-navigate. Anything else (a link, a redirect, a dropped URL) would put foreign
 * content next to window.agentDesk.
 */
export function shouldAllowNavigation(url: unknown, appOrigin: string): boolean {
  return hasOrigin(url, appOrigin);
}

export type OpenExternal = (url: string) => void;

/**
 * setWindowOpenHandler: never a new Electron window. A link with target=_blank to an allowed
 * external URL (https:, mailto:, tel:) opens in the operator's browser or mail client instead.
 */
export function windowOpenHandler(openExternal: OpenExternal): (details: { url: string }) => { action: 'deny' } {
  return (details) => {
    const external = safeExternalUrl(details.url);
    if (external !== null) openExternal(external);
    return { action: 'deny' };
  };
}

/**
 * A refused URL as the log may keep it. A web address keeps its origin and path (what was tried); its query
 * and fragment, and the whole of any other scheme (`tel:+90…`, `mailto:ayse@…`, `sip:…`), are customer data
 * and leave only their size.
 */
export function urlForLog(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `(not a URL, ${url.length} characters)`;
  }
  if (parsed.protocol === 'http:' || parsed.protocol === 'https:') {
    const rest = parsed.search.length + parsed.hash.length;
    return `${parsed.origin}${parsed.pathname}${rest > 0 ? ` (+${rest} characters of query/fragment)` : ''}`;
  }
  return `${parsed.protocol}(${url.length - parsed.protocol.length} characters)`;
}
