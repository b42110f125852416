// Caller-ID normalisation to E.164 (libphonenumber-js with full `max` metadata), display formatting and
// the `agentdesk normalize` output. Plain Node (core). The rules are written down in ./README.md.
import {
  getCountries,
  getCountryCallingCode,
  isSupportedCountry,
  parsePhoneNumberFromString,
  type CountryCode,
} from 'libphonenumber-js/max';
import { countryCallingCodeOf, fastValidNumber } from './fastNumber.js';
import { parseCallerAddress } from './sipAddress.js';
import { cleanUnicode, normalizeDisplayName, toAsciiDigits } from './unicodeText.js';

export type { CountryCode } from 'libphonenumber-js/max';

/**
 * Longer input is rejected before any parsing. 512 leaves room for a 128-character display name, a
 * SIP URI with parameters and a tag; no caller ID a PBX sends comes near it.
 */
export const MAX_CALLER_ID_INPUT_LENGTH = 512;

/** E.164 allows 15 digits; an outside-line prefix and "00" add a few. More digits than this is junk. */
const MAX_DIGITS = 24;

export const callerIdInvalidReasons = [
  'empty', // nothing left after clean-up
  'too-long', // input longer than MAX_CALLER_ID_INPUT_LENGTH
  'anonymous', // anonymous / restricted / withheld caller (RFC 3323 and what carriers show)
  'not-a-phone-number', // letters or symbols where digits belong (sip:alice@example.com)
  'missing-country', // a national number, but no default country and no phone-context
  'invalid-number', // digits, but no reading of them is a valid number
  'invalid-default-country', // the defaultCountry option is not an ISO 3166 code libphonenumber knows
  'invalid-outside-line-prefix', // the outsideLinePrefix option is not 1–4 digits
] as const;
export type CallerIdInvalidReason = (typeof callerIdInvalidReasons)[number];

export interface NormalizeCallerIdOptions {
  /** Country for numbers written without a country code (settings; case-insensitive). */
  defaultCountry?: CountryCode;
  /** The PBX's outside-line prefix ("9", "0"): 1–4 digits, stripped at most once (see README). */
  outsideLinePrefix?: string;
}

export type CallerIdResult =
  | { ok: true; e164: string; displayName?: string; extension?: string }
  | { ok: false; error: 'invalid'; reason: CallerIdInvalidReason; displayName?: string };

/** What carriers and PBXs put where a number should be when the caller hides it (en, tr, ru, de). */
const anonymousMarkers = new Set(
  [
    'anonymous',
    'anonymous caller',
    'restricted',
    'private',
    'private number',
    'unavailable',
    'unknown',
    'withheld',
    'number withheld',
    'blocked',
    'no caller id',
    'caller id blocked',
    'not available',
    'gizli',
    'gizli numara',
    'numara gizli',
    'bilinmeyen',
    'bilinmeyen numara',
    'özel numara',
    'скрытый',
    'скрытый номер',
    'номер скрыт',
    'неизвестный',
    'неизвестный номер',
    'неизвестен',
    'анонимный',
    'anonym',
    'unbekannt',
    'unterdrückt',
    'rufnummer unterdrückt',
  ].map(foldMarker),
);

/** Case- and punctuation-insensitive form for marker lookup; Turkish İ/ı fold to i ("GİZLİ" = "gizli"). */
function foldMarker(text: string): string {
  if (text.length > 40) return '';
  return text
    .toLowerCase()
    .replace(/\u0307/g, '')
    .replace(/ı/g, 'i')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * An extension at the end of the number text: "x123", "ext. 12", "extension 12", ";ext=12",
 * Turkish "dahili 34" / "DAHİLİ 34" / "dah. 34" (İ and ı spelled out: the i flag does not fold them),
 * Russian "доб. 12" / "добавочный 12" / "вн. 12". The keyword may not follow a letter, so "fax" or "box" never start one. Anchored at the end, and no two adjacent
 * quantifiers can match the same character, so junk input cannot make it backtrack.
 */
const extensionSuffix =
  /(?<!\p{L})(?:extension|ext|x|dah(?:[iİı]l[iİı])?|добавочный|доб|внутренний|вн)[ \t]*(?:[.:#=][ \t]*)?(\d{1,10})[ \t]*(?:\)[ \t]*)?$/iu;

/** Visual separators people and RFC 3966 put between digits: spaces, dashes, dots, brackets, slashes. */
const visualSeparators = /[\s\p{Cc}\p{Z}\-\u2010-\u2015\u2212.()[\]/~\u2053\u223C]+/gu;

export interface PreparedCallerId {
  displayName?: string;
  /** Number text after URI unwrapping and extension split, before digits are read. */
  numberText: string;
  extension?: string;
  phoneContext?: string;
  anonymous: boolean;
}

export type ValidOptions = { country?: CountryCode; outsidePrefix?: string };

/** Unwraps the address, cleans Unicode and splits off the extension. Shared with dialString. */
export function prepareCallerId(input: string): PreparedCallerId {
  const address = parseCallerAddress(cleanUnicode(input));
  // NFKC again: percent-decoding may have produced full-width digits or invisibles of its own.
  const user = cleanUnicode(address.user).trim();
  const displayName = usefulDisplayName(address.displayName);
  const anonymous = address.host === 'anonymous.invalid' || anonymousMarkers.has(foldMarker(user));

  let numberText = user;
  const extensionParameter = toAsciiDigits(cleanUnicode(address.extension ?? '')).replace(visualSeparators, '');
  let extension = /^\d{1,10}$/.test(extensionParameter) ? extensionParameter : undefined;
  const suffix = extensionSuffix.exec(user);
  if (suffix) {
    numberText = trimEndOf(user.slice(0, suffix.index), ' \t,;(');
    extension ??= suffix[1];
  }
  return {
    numberText,
    anonymous,
    ...(displayName === undefined ? {} : { displayName }),
    ...(extension ? { extension } : {}),
    ...(address.phoneContext === undefined ? {} : { phoneContext: cleanUnicode(address.phoneContext).trim() }),
  };
}

/** Drops trailing characters from `set` (a loop: a /[…]+$/ regex rescans the run from every start). */
function trimEndOf(text: string, set: string): string {
  let end = text.length;
  while (end > 0 && set.includes(text.charAt(end - 1))) end -= 1;
  return text.slice(0, end);
}

/** A display name worth showing: not empty, and not just the number again (many PBXs send that). */
function usefulDisplayName(raw: string | undefined): string | undefined {
  const name = normalizeDisplayName(raw);
  if (name === '' || /^[+\d\s\-.()/]*$/u.test(name)) return undefined;
  return name;
}

/** "+905321234567" → { plus: true, digits: "905321234567" }; undefined when anything but digits remains. */
export function readDigits(numberText: string): { plus: boolean; digits: string } | undefined {
  const compact = toAsciiDigits(numberText).replace(visualSeparators, '');
  const match = /^(\+?)(\d*)$/.exec(compact);
  if (!match) return undefined;
  return { plus: match[1] === '+', digits: match[2] ?? '' };
}

/** Checks the options (they come from settings or the CLI); shared with dialString. */
export function validateOptions(options: NormalizeCallerIdOptions): ValidOptions | CallerIdInvalidReason {
  const valid: ValidOptions = {};
  const country: unknown = options.defaultCountry;
  if (country !== undefined && country !== null && country !== '') {
    const upper = typeof country === 'string' ? country.trim().toUpperCase() : '';
    if (!isSupportedCountry(upper)) return 'invalid-default-country';
    valid.country = upper;
  }
  const prefix: unknown = options.outsideLinePrefix;
  if (prefix !== undefined && prefix !== null && prefix !== '') {
    const trimmed = typeof prefix === 'string' ? prefix.trim() : '';
    if (!/^\d{1,4}$/.test(trimmed)) return 'invalid-outside-line-prefix';
    valid.outsidePrefix = trimmed;
  }
  return valid;
}

/** A valid reading of the digits: E.164 and its country calling code (all that is used of a PhoneNumber). */
interface ValidNumber {
  number: string;
  countryCallingCode: string;
}

type NumberOptions = { defaultCountry?: CountryCode; defaultCallingCode?: string };
type NumberValidator = (text: string, options?: NumberOptions) => ValidNumber | undefined;

/** libphonenumber alone: ~15–30 µs a call. The reference the fast path is tested against. */
function libphonenumberValidNumber(text: string, options?: NumberOptions): ValidNumber | undefined {
  const number = parsePhoneNumberFromString(text, { ...options, extract: false });
  return number?.isValid() ? number : undefined;
}

/** fastNumber.ts answers for `+?digits` (~1 µs, same result); libphonenumber only when it is not sure. */
function validNumber(text: string, options?: NumberOptions): ValidNumber | undefined {
  const fast = fastValidNumber(text, options);
  if (fast !== undefined) return fast ?? undefined;
  return libphonenumberValidNumber(text, options);
}

/** Where a number written without a country code belongs: the default country or a phone-context. */
interface HomeContext {
  country?: CountryCode;
  /** Country calling code from phone-context=+90 (or of the default country). */
  callingCode?: string;
  /** phone-context digits that are more than a calling code (+90212: country and area code). */
  contextDigits?: string;
}

function homeContext(country: CountryCode | undefined, phoneContext: string | undefined): HomeContext {
  const contextDigits = phoneContext?.startsWith('+') ? readDigits(phoneContext)?.digits : undefined;
  if (contextDigits) {
    // Only the calling code is used for the national reading; a longer context (+90212) is tried
    // as a prefix, which is how libphonenumber reads RFC 3966 numbers too.
    for (const length of [1, 2, 3]) {
      const code = contextDigits.slice(0, length);
      if (code.length === length && isCallingCode(code)) {
        return code === contextDigits ? { callingCode: code } : { callingCode: code, contextDigits };
      }
    }
    return { contextDigits };
  }
  // A domain phone-context says nothing about the country: fall back to the default country.
  return country ? { country, callingCode: countryCallingCodeOf(country) ?? getCountryCallingCode(country) } : {};
}

let callingCodes: Set<string> | undefined;
/** Country calling codes of all countries in the metadata (built once, on first use). */
function isCallingCode(code: string): boolean {
  callingCodes ??= new Set(getCountries().map((country) => getCountryCallingCode(country)));
  return callingCodes.has(code);
}

/**
 * Reads digits the way a phone in the home context would dial them: "00" + country code first
 * (international from anywhere, as promised in the README), then national (with the national prefix
 * 0 / 8 / 1 or without it), the home country's own international prefix (011, 8~10), or a home country
 * code written without "+" — libphonenumber handles those three.
 */
function readAsDialed(digits: string, home: HomeContext, valid: NumberValidator): ValidNumber | undefined {
  if (digits.startsWith('00')) {
    const international = valid(`+${digits.slice(2)}`);
    if (international) return international;
  }
  if (home.contextDigits) {
    const inContext = valid(`+${home.contextDigits}${digits}`);
    if (inContext) return inContext;
  }
  if (home.country) return valid(digits, { defaultCountry: home.country });
  if (home.callingCode) return valid(digits, { defaultCallingCode: home.callingCode });
  return undefined;
}

/**
 * The outside-line rule (README, "Outside-line prefix"): read as typed; if that is not valid, read
 * once without the prefix. With no home context at all (no default country, no phone-context) the
 * digits can only be an international number whose "+" was dropped (trunks do that), so that
 * reading is tried last — unless `bareInternational` is off (dialString: never guess whom to call).
 * One exception to "as typed wins": both readings valid, the stripped one at home and the typed one
 * abroad. That is the 0 / 00 clash — with prefix 0 in Turkey, 005321234567 is 0 + 0532 123 45 67 but
 * also +53 2123 4567 in Cuba — and a PBX that is configured with prefix 0 puts it in front of
 * everything it receives, so the home reading is the one meant.
 */
function interpretDigits(
  plus: boolean,
  digits: string,
  home: HomeContext,
  outsidePrefix: string | undefined,
  bareInternational: boolean,
  valid: NumberValidator,
): ValidNumber | CallerIdInvalidReason {
  if (digits === '') return 'not-a-phone-number';
  if (digits.length > MAX_DIGITS) return 'invalid-number';
  if (plus) return valid(`+${digits}`) ?? 'invalid-number';

  const hasPrefix = outsidePrefix !== undefined && digits.length > outsidePrefix.length && digits.startsWith(outsidePrefix);
  const withoutPrefix = hasPrefix ? digits.slice(outsidePrefix.length) : undefined;
  const asTyped = readAsDialed(digits, home, valid);
  const stripped = withoutPrefix === undefined ? undefined : readAsDialed(withoutPrefix, home, valid);

  if (asTyped && stripped && asTyped.number !== stripped.number && home.callingCode !== undefined) {
    const strippedAtHome = stripped.countryCallingCode === home.callingCode;
    const typedAtHome = asTyped.countryCallingCode === home.callingCode;
    if (strippedAtHome && !typedAtHome) return stripped;
  }
  const reading = asTyped ?? stripped;
  if (reading) return reading;
  const hasHome = home.country !== undefined || home.callingCode !== undefined || home.contextDigits !== undefined;
  if (hasHome) return 'invalid-number';
  if (!bareInternational) return 'missing-country';
  const bare = valid(`+${digits}`) ?? (withoutPrefix === undefined ? undefined : valid(`+${withoutPrefix}`));
  return bare ?? 'missing-country';
}

/**
 * Normalises a caller ID — a SIP From / P-Asserted-Identity value, a sip:/sips:/tel: URI or a number
 * as people write it — to E.164, with the caller's display name and extension split off.
 * Never throws; anything unusable gives `{ ok: false, error: 'invalid', reason }`.
 */
export function normalizeCallerId(input: string, options: NormalizeCallerIdOptions = {}): CallerIdResult {
  return normalizeWith(input, options, true);
}

/**
 * normalizeCallerId as it was before fastNumber.ts: every input through prepareCallerId, every reading
 * through libphonenumber. Only the differential test and the bench use it, to prove and measure that
 * the fast paths change nothing.
 */
export function normalizeCallerIdReference(input: string, options: NormalizeCallerIdOptions = {}): CallerIdResult {
  return normalizeWith(input, options, true, 'reference');
}

/**
 * A number as people type it — ASCII digits, "+" and the separators " -.()/" — and nothing else. For
 * such input prepareCallerId returns just `{numberText: input.trim()}`: no letters means no URI,
 * display name, anonymous marker or extension keyword; ASCII means the Unicode clean-up changes
 * nothing. So the digits are read directly (readDigits removes exactly these separators).
 */
const plainTypedNumber = /^[\d +\-.()/]+$/;
const plainTypedSeparators = /[ \-.()/]/g;
const plainTypedDigits = /^(\+?)(\d+)$/;

/** The digits of a plainly typed number, or undefined when the full prepareCallerId route is needed. */
function readPlainTypedNumber(input: string): { plus: boolean; digits: string } | undefined {
  if (!plainTypedNumber.test(input)) return undefined;
  const match = plainTypedDigits.exec(input.replace(plainTypedSeparators, ''));
  return match ? { plus: match[1] === '+', digits: match[2] ?? '' } : undefined;
}

/**
 * normalizeCallerId, with the bare-international reading switchable (dialString turns it off).
 * `engine` 'reference' turns both fast paths off (normalizeCallerIdReference).
 */
export function normalizeWith(
  input: string,
  options: NormalizeCallerIdOptions,
  bareInternational: boolean,
  engine: 'fast' | 'reference' = 'fast',
): CallerIdResult {
  if (typeof input !== 'string') return invalid('empty');
  if (input.length > MAX_CALLER_ID_INPUT_LENGTH) return invalid('too-long');
  const validOptions = validateOptions(options);
  if (typeof validOptions === 'string') return invalid(validOptions);
  const valid = engine === 'fast' ? validNumber : libphonenumberValidNumber;

  const plain = engine === 'fast' ? readPlainTypedNumber(input) : undefined;
  if (plain) {
    const home = homeContext(validOptions.country, undefined);
    const number = interpretDigits(plain.plus, plain.digits, home, validOptions.outsidePrefix, bareInternational, valid);
    return typeof number === 'string' ? invalid(number) : { ok: true, e164: number.number };
  }

  const prepared = prepareCallerId(input);
  const { displayName } = prepared;
  if (prepared.anonymous) return invalid('anonymous', displayName);
  if (prepared.numberText === '') {
    const blank = displayName === undefined && cleanUnicode(input).replace(visualSeparators, '') === '';
    return invalid(blank ? 'empty' : 'not-a-phone-number', displayName);
  }
  const read = readDigits(prepared.numberText);
  if (!read) return invalid('not-a-phone-number', displayName);
  if (read.digits === '') return invalid(read.plus || displayName !== undefined ? 'not-a-phone-number' : 'empty', displayName);

  const home = homeContext(validOptions.country, prepared.phoneContext);
  const number = interpretDigits(read.plus, read.digits, home, validOptions.outsidePrefix, bareInternational, valid);
  if (typeof number === 'string') return invalid(number, displayName);
  return {
    ok: true,
    e164: number.number,
    ...(displayName === undefined ? {} : { displayName }),
    ...(prepared.extension === undefined ? {} : { extension: prepared.extension }),
  };
}

function invalid(reason: CallerIdInvalidReason, displayName?: string): CallerIdResult {
  return displayName === undefined
    ? { ok: false, error: 'invalid', reason }
    : { ok: false, error: 'invalid', reason, displayName };
}

const extensionLabels: Record<string, string> = { tr: 'dahili', ru: 'доб.', en: 'ext.' };

/**
 * International format for the caller card: "+90 532 123 45 67", with " dahili 12" / " доб. 12" /
 * " ext. 12" when an extension is given (label by locale, English otherwise). Input that is not an
 * E.164 number comes back as cleaned plain text, so this is safe to call on anything.
 */
export function formatForDisplay(e164: string, locale?: string, extension?: string): string {
  if (typeof e164 !== 'string' || e164.length > MAX_CALLER_ID_INPUT_LENGTH) return normalizeDisplayName(e164);
  const read = readDigits(cleanUnicode(e164).trim());
  const number = read?.plus ? parsePhoneNumberFromString(`+${read.digits}`) : undefined;
  if (!number) return normalizeDisplayName(e164);
  const formatted = number.formatInternational();
  const ext = extension === undefined ? '' : toAsciiDigits(cleanUnicode(extension)).replace(/\D/g, '');
  if (ext === '') return formatted;
  const language = (locale ?? 'en').slice(0, 2).toLowerCase();
  return `${formatted} ${extensionLabels[language] ?? 'ext.'} ${ext}`;
}

/** What `agentdesk normalize INPUT [--country TR] [--outside-line 9] --json` prints. */
export type NormalizeCommandOutput = { e164: string } | { error: 'invalid'; reason: CallerIdInvalidReason };

/** The CLI's answer as a plain JSON object; --country is case-insensitive, empty options mean unset. */
export function normalizeCommandOutput(
  input: string,
  options: { country?: string; outsideLine?: string } = {},
): NormalizeCommandOutput {
  const result = normalizeCallerId(input, {
    ...(options.country === undefined ? {} : { defaultCountry: options.country as CountryCode }),
    ...(options.outsideLine === undefined ? {} : { outsideLinePrefix: options.outsideLine }),
  });
  return result.ok ? { e164: result.e164 } : { error: 'invalid', reason: result.reason };
}
