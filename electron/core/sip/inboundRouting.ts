// How an inbound call reached us: the number the caller dialled and the queue the PBX routed it through, read
// from the INVITE for the call-script rules (electron/core/scripts/scriptChoice.ts). Plain Node.
// Never throws: a hostile or absent header gives no field, not an exception.
import type { Invitation } from 'sip.js';
import { normalizeDisplayName } from '../phone/index.js';

export interface InboundRouting {
  /** P-Called-Party-ID (RFC 3455, what IMS and many PBXs send for the dialled DID), else the To user. */
  dialledNumber?: string;
  /** X-Queue (Asterisk/FreeSWITCH dialplans set it), else the user of the first Diversion (RFC 5806) entry. */
  queue?: string;
}

const MAX_ROUTING_TEXT = 128;

/** The user part of the first sip:/sips:/tel: URI in a header value, unescaped and cleaned to plain text. */
function uriUser(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const match = /(?:sips?:([^@;>\s]+)@)|(?:tel:([^;>\s]+))/i.exec(value.slice(0, 1024));
  const raw = match?.[1] ?? match?.[2];
  if (!raw) return undefined;
  let user = raw;
  try {
    user = decodeURIComponent(raw);
  } catch {
    // A broken %-escape: keep the user part as sent.
  }
  return plainText(user);
}

function plainText(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const cleaned = normalizeDisplayName(value).slice(0, MAX_ROUTING_TEXT);
  return cleaned === '' ? undefined : cleaned;
}

export function describeInboundRouting(request: Invitation['request']): InboundRouting {
  const routing: InboundRouting = {};
  try {
    const dialled = uriUser(request.getHeader('P-Called-Party-ID')) ?? plainText(request.to.uri.user);
    if (dialled) routing.dialledNumber = dialled;
    const queue = plainText(request.getHeader('X-Queue')) ?? uriUser(request.getHeader('Diversion'));
    if (queue) routing.queue = queue;
  } catch {
    // sip.js parsed To already to accept the request; a throw here would be a sip.js bug.
  }
  return routing;
}
