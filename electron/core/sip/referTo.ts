// Refer-To URIs for attended transfer (REFER with Replaces, RFC 3891 / RFC 5589). Plain Node (core, sip.js).
import { URI } from 'sip.js';

/**
 * A Refer-To URI written as name-addr. sip.js writes a URI Refer-To as a bare addr-spec, but one carrying a
 * ?Replaces= header must be in angle brackets (RFC 3261 §20; sip.js's own parser refuses it otherwise).
 */
export class NameAddrUri extends URI {
  override toString(): string {
    return `<${super.toString()}>`;
  }
}

/**
 * Refer-To for an attended transfer: the target's address of record (not its Contact: a WebRTC phone's
 * Contact is an unroutable *.invalid host unless the registrar hands out GRUUs) plus Replaces naming our
 * dialog with it. Tags as sip.js's own Session.refer(session) writes them: to-tag = the target's tag.
 */
export function replacesReferTo(aor: URI, dialog: { callId: string; remoteTag: string; localTag: string }): URI {
  const replaces = encodeURIComponent(`${dialog.callId};to-tag=${dialog.remoteTag};from-tag=${dialog.localTag}`);
  return new NameAddrUri(aor.scheme, aor.user ?? '', aor.host, aor.port, {}, { Replaces: [replaces] });
}
