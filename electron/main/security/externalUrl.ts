// Which URLs may leave the app for the OS (browser, mail client, dialer). Pure.
// Everything goes through here before shell.openExternal: it launches whatever handler the OS has
// for a scheme, so file:, smb:, ms-msdt: or a crafted custom scheme would run code on the desk.
import { hasControlOrInvisible } from './characters.js';

const allowedProtocols = new Set(['https:', 'mailto:', 'tel:']);
export const maxExternalUrlLength = 2048;
const telNumber = /^\+?[0-9][0-9().\- ]{0,62}$/;

/** The URL re-serialised by the URL parser if it is safe to hand to the OS, otherwise null. */
export function safeExternalUrl(raw: unknown): string | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > maxExternalUrlLength) return null;
  if (hasControlOrInvisible(raw) || raw.trim() !== raw) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (!allowedProtocols.has(url.protocol)) return null;
  if (url.username !== '' || url.password !== '') return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(url.href);
  } catch {
    return null;
  }
  // %0A in a mailto: would add mail headers; %E2%80%AE would flip the displayed text.
  if (hasControlOrInvisible(decoded)) return null;

  if (url.protocol === 'https:') {
    if (url.hostname === '') return null;
  } else if (url.protocol === 'mailto:') {
    if (!/^[^@\s]+@[^@\s]+$/.test(decodeURIComponent(url.pathname))) return null;
  } else if (!telNumber.test(decodeURIComponent(url.pathname))) {
    return null;
  }
  const serialised = url.href;
  return serialised.length <= maxExternalUrlLength ? serialised : null;
}
