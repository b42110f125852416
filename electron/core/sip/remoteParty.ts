// Who is on the other end of a call, as the UI and the call log show it: the caller ID as received,
// its user part and E.164 number, and a display name that is safe plain text. Plain Node.
import type { Invitation, URI } from 'sip.js';
import { normalizeCallerId, normalizeDisplayName, type NormalizeCallerIdOptions } from '../phone/index.js';

export interface RemoteParty {
  /** Inbound: the From value without its tag; outbound: the request URI we dialed. Controls removed, capped. */
  remoteUri: string;
  remoteUser: string;
  remoteNumber?: string;
  displayName: string;
}

export const MAX_REMOTE_URI_LENGTH = 512;
const MAX_REMOTE_USER_LENGTH = 128;

/** Cuts to `max` UTF-16 units without leaving half a surrogate pair at the end. */
export function capText(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}

/**
 * The caller ID as received, minus what must never reach a screen or a log line raw: control
 * characters, bidi overrides and other format characters (an RLO can make "+90 532" read backwards).
 */
export function rawCallerIdText(text: string): string {
  const cleaned = text
    .slice(0, MAX_REMOTE_URI_LENGTH * 4)
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]+/gu, ' ')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .trim();
  return capText(cleaned, MAX_REMOTE_URI_LENGTH);
}

/** The From header's value without the ;tag= parameter (dialog bookkeeping, not caller identity). */
function withoutTag(fromValue: string): string {
  return fromValue.replace(/;\s*tag\s*=\s*[^;]*/gi, '');
}

function userOf(uri: URI | undefined): string {
  const user = uri?.user;
  return typeof user === 'string' ? capText(normalizeDisplayName(user), MAX_REMOTE_USER_LENGTH) : '';
}

/** The caller of an incoming INVITE. Never throws: hostile headers give empty fields, not exceptions. */
export function describeCaller(request: Invitation['request'], options: NormalizeCallerIdOptions): RemoteParty {
  let fromValue = '';
  let displayName = '';
  let uri: URI | undefined;
  try {
    fromValue = request.getHeader('from') ?? '';
    displayName = request.from.displayName ?? '';
    // sip.js strips a quoted-string's quotes but keeps its escapes: "Bob \"B\"" would show as Bob \"B\".
    if (fromValue.trimStart().startsWith('"')) displayName = displayName.replace(/\\(.)/gsu, '$1');
    uri = request.from.uri;
  } catch {
    // sip.js parsed From already to accept the request; a throw here would be a sip.js bug.
  }
  const remoteUri = rawCallerIdText(withoutTag(fromValue));
  const normalized = normalizeCallerId(remoteUri, options);
  return {
    remoteUri,
    remoteUser: userOf(uri),
    ...(normalized.ok ? { remoteNumber: normalized.e164 } : {}),
    displayName: normalizeDisplayName(displayName),
  };
}

/** The party of an outbound call: what we dialed. */
export function describeCallee(uri: URI, e164: string | undefined): RemoteParty {
  return {
    remoteUri: rawCallerIdText(uri.toString()),
    remoteUser: userOf(uri),
    ...(e164 ? { remoteNumber: e164 } : {}),
    displayName: '',
  };
}
