// What Electron main logs and tells the operator about a tel:/sip: link from the OS (./launchUris.ts) that core
// dials. Pure, so it is tested in plain Node; ./wireCore.ts calls it.
// The number in a link is customer data: the log gets its scheme and length only, the operator's notice the link
// itself with a sentence in the desk's language, and core's English error text goes to the log alone.
import type { EventPayload } from '../shared/ipc/contract.js';
import type { CommandError } from '../shared/ipc/result.js';
import type { Locale } from '../shared/settings.js';
import { mainStrings, type MainStrings } from './mainStrings.js';

/** Log fields that say a link came without saying whom it calls: `{ scheme: 'tel', length: 13 }`. */
export function dialLinkLogFields(uri: string): { scheme: string; length: number } {
  const colon = uri.indexOf(':');
  return { scheme: colon < 0 ? '' : uri.slice(0, colon).toLowerCase(), length: colon < 0 ? uri.length : uri.length - colon - 1 };
}

export interface DialLinkFailure {
  /** app:notice for the operator, in `locale`. */
  notice: EventPayload<'app:notice'>;
  /** For the log: no number, core's code and its English text. */
  log: { scheme: string; length: number; code: string; error: string };
}

/**
 * `calls:dial` answered `error` for the link `uri`. The sentence follows the error code, which is what core's dial
 * answers mean (electron/core/sip: `unavailable` while the phone is not registered, `conflict` when every line is
 * in use, `invalid_args` for a target the dialing rules or the contract refuse).
 */
export function dialLinkFailure(uri: string, error: CommandError, locale: Locale): DialLinkFailure {
  const sentence = failureSentence(error.code, mainStrings(locale));
  return {
    notice: { level: 'warning', code: 'dial-link-failed', message: `${sentence} (${uri})`.slice(0, 2000) },
    log: { ...dialLinkLogFields(uri), code: error.code, error: error.message },
  };
}

function failureSentence(code: CommandError['code'], text: MainStrings): string {
  if (code === 'unavailable') return text.dialLinkPhoneNotReady;
  if (code === 'conflict') return text.dialLinkLinesBusy;
  if (code === 'invalid_args') return text.dialLinkInvalid;
  return text.dialLinkFailed;
}
