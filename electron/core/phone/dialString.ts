// Outbound dialing: turns what the operator typed or pasted (any format, a tel: link, a line copied
// from a web page) into the user part of the SIP request URI. Plain Node (core). See ./README.md.
import { findPhoneNumbersInText, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import {
  MAX_CALLER_ID_INPUT_LENGTH,
  normalizeWith,
  prepareCallerId,
  validateOptions,
  type CallerIdInvalidReason,
  type NormalizeCallerIdOptions,
} from './callerId.js';
import { cleanUnicode, toAsciiDigits } from './unicodeText.js';

export interface DialStringOptions extends NormalizeCallerIdOptions {
  /**
   * How an external number is written after the outside-line prefix:
   * - 'e164' (default): "+905321234567", what SIP trunks and most PBX outbound routes expect;
   * - 'local': as a desk phone in defaultCountry dials it, digits only: "05321234567" at home,
   *   "00493012345678" abroad, "12125551234" within NANP. Needs defaultCountry; without it, E.164.
   */
  dialFormat?: 'e164' | 'local';
  /**
   * Digit, * and # strings up to this length are internal (extensions, feature codes such as *72,
   * short codes such as 112) and go to the PBX exactly as typed, without a prefix. Default 6.
   */
  maxInternalLength?: number;
}

export type DialStringResult =
  /** A public number: `dial` is the outside-line prefix (if any) + the number in `dialFormat`. */
  | { ok: true; kind: 'external'; dial: string; e164: string; extension?: string }
  /** An extension or feature code: `dial` is what was typed, separators removed. */
  | { ok: true; kind: 'internal'; dial: string }
  | { ok: false; error: 'invalid'; reason: CallerIdInvalidReason };

const DEFAULT_MAX_INTERNAL_LENGTH = 6;
const internalSeparators = /[\s\p{Cc}\p{Z}\-\u2010-\u2015\u2212.()[\]/]+/gu;

/**
 * The dial string for an outbound call. Rules, in order:
 * 1. anonymous markers, over-long input and bad options are refused like in normalizeCallerId;
 * 2. a short string of digits, * and # (≤ maxInternalLength) is internal and dialed as typed;
 * 3. anything normalizeCallerId accepts is external: prefix + number (an outside-line prefix the
 *    operator typed out of habit is stripped first, so it is never doubled) — except digits without
 *    + or 00 when no default country is set: 'missing-country' rather than a guess at the country;
 * 4. text that holds exactly one valid number among other words ("Tel: +90 532 123 45 67") is
 *    external too — the operator pasted it on purpose, unlike a caller ID.
 * The extension is not dialed: the softphone sends it as DTMF once the call is answered.
 */
export function dialString(input: string, options: DialStringOptions = {}): DialStringResult {
  if (typeof input !== 'string') return refused('empty');
  if (input.length > MAX_CALLER_ID_INPUT_LENGTH) return refused('too-long');
  const validOptions = validateOptions(options);
  if (typeof validOptions === 'string') return refused(validOptions);

  const prepared = prepareCallerId(input);
  if (prepared.anonymous) return refused('anonymous');

  const maxInternal = clampInternalLength(options.maxInternalLength);
  const shortCode = toAsciiDigits(prepared.numberText).replace(internalSeparators, '');
  if (prepared.extension === undefined && shortCode.length <= maxInternal && /^[0-9*#]+$/.test(shortCode)) {
    return { ok: true, kind: 'internal', dial: shortCode };
  }

  const prefix = validOptions.outsidePrefix ?? '';
  const format = options.dialFormat ?? 'e164';
  const normalized = normalizeWith(input, options, false);
  if (normalized.ok) {
    return external(normalized.e164, normalized.extension, prefix, format, validOptions.country);
  }
  if (normalized.reason !== 'not-a-phone-number') return refused(normalized.reason);

  const found = onlyNumberInText(input, validOptions.country);
  if (found) return external(found.e164, found.extension, prefix, format, validOptions.country);
  return refused('not-a-phone-number');
}

/**
 * A dial string as the user part of a SIP URI (RFC 3261 §25.1): '+' and '*' may stand as they are,
 * '#' must be escaped. `sip:${toSipUriUser(dial)}@${domain}`.
 */
export function toSipUriUser(dial: string): string {
  return dial.replace(/#/g, '%23');
}

function external(
  e164: string,
  extension: string | undefined,
  prefix: string,
  format: 'e164' | 'local',
  country: CountryCode | undefined,
): DialStringResult {
  let body = e164;
  if (format === 'local' && country) {
    // IDD format from the home country: national form (with its national prefix) for numbers at
    // home, the home country's international prefix + country code for numbers abroad.
    const idd = parsePhoneNumberFromString(e164)?.format('IDD', { fromCountry: country });
    if (idd) body = idd.replace(/\D/g, '');
  }
  return { ok: true, kind: 'external', dial: `${prefix}${body}`, e164, ...(extension ? { extension } : {}) };
}

/** The one valid number in a pasted line of text, or undefined when there are none or several. */
function onlyNumberInText(input: string, country: CountryCode | undefined): { e164: string; extension?: string } | undefined {
  const text = cleanUnicode(input);
  const numbers = new Map<string, string | undefined>();
  for (const found of findPhoneNumbersInText(text, country ? { defaultCountry: country } : {})) {
    if (found.number.isValid()) numbers.set(found.number.number, found.number.ext);
  }
  const only = numbers.size === 1 ? [...numbers][0] : undefined;
  if (!only) return undefined;
  const [e164, extension] = only;
  return extension ? { e164, extension } : { e164 };
}

function clampInternalLength(value: number | undefined): number {
  if (value === undefined || !Number.isInteger(value)) return DEFAULT_MAX_INTERNAL_LENGTH;
  return Math.min(Math.max(value, 0), 15);
}

function refused(reason: CallerIdInvalidReason): DialStringResult {
  return { ok: false, error: 'invalid', reason };
}
