// Fast twin of libphonenumber-js/max `parsePhoneNumberFromString(text, {…, extract: false})?.isValid()` for
// plain digit strings ("+905321234567", "05321234567"), over the same metadata. Plain Node (core).
//
// Why: libphonenumber builds a new RegExp for every pattern check and a new Metadata object per helper
// call, ~15–30 µs per number; a customer import reads millions. This file walks the same steps in the
// same order over `libphonenumber-js/metadata.max.json` (the file /max itself loads), but compiles each
// numbering plan's patterns once, on first use. Each function below names the libphonenumber-js
// function it mirrors (node_modules/libphonenumber-js/source/…); a cached non-global RegExp gives the
// same answers as a fresh one, so the logic can be copied step for step. The differential test
// (tests/node/phone/fastNumber.test.ts) compares both on 200k+ inputs across every country.
import metadataJson from 'libphonenumber-js/metadata.max.json';

/** A valid number: E.164 and its country calling code, as PhoneNumber.number / .countryCallingCode. */
export interface FastNumber {
  number: string;
  countryCallingCode: string;
}

export interface FastNumberOptions {
  defaultCountry?: string;
  defaultCallingCode?: string;
}

/** One numbering plan of metadata.max.json, a minified array (layout: libphonenumber-js source/metadata.js, V4). */
type PlanJson = readonly unknown[];

interface MetadataView {
  country_calling_codes: Record<string, readonly string[] | undefined>;
  countries: Record<string, PlanJson | undefined>;
  nonGeographic: Record<string, PlanJson | undefined>;
}

const metadata = metadataJson as unknown as MetadataView;

/** A numbering plan with every pattern compiled exactly as libphonenumber compiles it on each call. */
interface CompiledPlan {
  callingCode: string;
  /** stripIddPrefix: `new RegExp(IDDPrefix())`, used with search() === 0 and match(). */
  iddPrefix: RegExp;
  /** matchesEntirely(x, nationalNumberPattern()): `^(?:…)$`. */
  nationalNumber: RegExp;
  possibleLengths: readonly number[] | undefined;
  /** extractNationalNumberFromPossiblyIncompleteNumber: `^(?:national_prefix_for_parsing || national_prefix)`. */
  nationalPrefixForParsing: RegExp | undefined;
  nationalPrefixTransformRule: string | undefined;
  /** getCountryByNationalNumber: `nationalNumber.search(leadingDigits()) === 0`. */
  leadingDigits: RegExp | undefined;
  /** NumberingPlan.hasTypes(). */
  hasTypes: boolean;
  /** The type patterns that are set (isNumberTypeEqualTo skips empty ones), with their possible lengths. */
  types: { pattern: RegExp; possibleLengths: readonly number[] | undefined }[];
}

// Indexes into a V4 plan array (libphonenumber-js source/metadata.js, NumberingPlan).
const CALLING_CODE = 0;
const IDD_PREFIX = 1;
const NATIONAL_NUMBER_PATTERN = 2;
const POSSIBLE_LENGTHS = 3;
const NATIONAL_PREFIX = 5;
const NATIONAL_PREFIX_FOR_PARSING = 7;
const NATIONAL_PREFIX_TRANSFORM_RULE = 8;
const LEADING_DIGITS = 10;
const TYPES = 11;
/** getType(): FIXED_LINE … SHARED_COST are types[0] … types[9]; getNumberType tries all ten. */
const TYPE_COUNT = 10;

// source/constants.js and source/parse.js.
const MIN_LENGTH_FOR_NSN = 2;
const MAX_LENGTH_FOR_NSN = 17;
const MAX_LENGTH_COUNTRY_CODE = 3;
const MAX_INPUT_STRING_LENGTH = 250;

/** The only input shape handled here: ASCII digits with an optional leading "+". */
const plainDigits = /^\+?\d+$/;
const callingCodeShape = /^\d+$/;

const compiledPlans = new Map<PlanJson, CompiledPlan>();

function truthyString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function lengthsOf(value: unknown): readonly number[] | undefined {
  return Array.isArray(value) ? (value as number[]) : undefined;
}

function compile(plan: PlanJson): CompiledPlan {
  let compiled = compiledPlans.get(plan);
  if (compiled) return compiled;
  const possibleLengths = lengthsOf(plan[POSSIBLE_LENGTHS]);
  const prefixForParsing = truthyString(plan[NATIONAL_PREFIX_FOR_PARSING]) ?? truthyString(plan[NATIONAL_PREFIX]);
  const leadingDigits = truthyString(plan[LEADING_DIGITS]);
  const typesJson = plan[TYPES];
  const hasTypes = Array.isArray(typesJson) ? typesJson.length > 0 : Boolean(typesJson);
  const types: CompiledPlan['types'] = [];
  if (hasTypes && Array.isArray(typesJson)) {
    for (let index = 0; index < TYPE_COUNT; index += 1) {
      const type: unknown = typesJson[index];
      if (!Array.isArray(type)) continue;
      const pattern = truthyString(type[0]);
      if (pattern === undefined) continue;
      // Type.possibleLengths(): the type's own lengths, else the plan's.
      types.push({ pattern: entirely(pattern), possibleLengths: lengthsOf(type[1]) ?? possibleLengths });
    }
  }
  compiled = {
    callingCode: String(plan[CALLING_CODE]),
    // Passed on as stored, like `new RegExp(metadata.IDDPrefix())` does (every country has one).
    iddPrefix: new RegExp(plan[IDD_PREFIX] as string),
    nationalNumber: entirely(String(plan[NATIONAL_NUMBER_PATTERN])),
    possibleLengths,
    nationalPrefixForParsing: prefixForParsing === undefined ? undefined : new RegExp(`^(?:${prefixForParsing})`),
    nationalPrefixTransformRule: truthyString(plan[NATIONAL_PREFIX_TRANSFORM_RULE]),
    leadingDigits: leadingDigits === undefined ? undefined : new RegExp(leadingDigits),
    hasTypes,
    types,
  };
  compiledPlans.set(plan, compiled);
  return compiled;
}

/** matchesEntirely's RegExp. */
function entirely(pattern: string): RegExp {
  return new RegExp(`^(?:${pattern})$`);
}

function isCountry(country: string): boolean {
  return Object.hasOwn(metadata.countries, country);
}

function countryPlan(country: string): CompiledPlan {
  return compile(metadata.countries[country] as PlanJson);
}

/** Metadata.getCountryCodesForCallingCode. */
function countriesForCallingCode(callingCode: string): readonly string[] | undefined {
  const countries = metadata.country_calling_codes[callingCode];
  if (!countries || (countries.length === 1 && (countries[0] ?? '').length === 3)) return undefined;
  return countries;
}

/** Metadata.hasCallingCode. */
function hasCallingCode(callingCode: string): boolean {
  return countriesForCallingCode(callingCode) !== undefined || Boolean(metadata.nonGeographic[callingCode]);
}

/** Metadata.selectNumberingPlan(callingCode): the main country's plan, or the non-geographic one (+800, +882…). */
function callingCodePlan(callingCode: string): CompiledPlan {
  const main = countriesForCallingCode(callingCode)?.[0];
  return compile((main === undefined ? metadata.nonGeographic[callingCode] : metadata.countries[main]) as PlanJson);
}

/** getCountryCallingCode(country) for a country the metadata has; undefined otherwise. */
export function countryCallingCodeOf(country: string): string | undefined {
  return isCountry(country) ? countryPlan(country).callingCode : undefined;
}

type LengthCheck = 'IS_POSSIBLE' | 'TOO_SHORT' | 'TOO_LONG' | 'INVALID_LENGTH';

/** checkNumberLengthForType(number, undefined, …) once the plan's possible lengths are known. */
function checkLength(length: number, possibleLengths: readonly number[] | undefined): LengthCheck {
  if (!possibleLengths) return 'IS_POSSIBLE';
  const minimum = possibleLengths[0];
  const maximum = possibleLengths[possibleLengths.length - 1];
  // An empty list compares false everywhere in the original and ends in INVALID_LENGTH.
  if (minimum === undefined || maximum === undefined) return 'INVALID_LENGTH';
  if (minimum === length) return 'IS_POSSIBLE';
  if (minimum > length) return 'TOO_SHORT';
  if (maximum < length) return 'TOO_LONG';
  return possibleLengths.indexOf(length, 1) >= 0 ? 'IS_POSSIBLE' : 'INVALID_LENGTH';
}

/** isNumberTypeEqualTo for one of the ten types, any of them: getNumberType(…) !== undefined. */
function hasNumberType(nationalNumber: string, plan: CompiledPlan): boolean {
  if (!plan.nationalNumber.test(nationalNumber)) return false;
  for (const type of plan.types) {
    if (type.possibleLengths && !type.possibleLengths.includes(nationalNumber.length)) continue;
    if (type.pattern.test(nationalNumber)) return true;
  }
  return false;
}

/** isValidNumber: a number type when the plan lists types, else just the national number pattern. */
function isValidIn(nationalNumber: string, plan: CompiledPlan): boolean {
  return plan.hasTypes ? hasNumberType(nationalNumber, plan) : plan.nationalNumber.test(nationalNumber);
}

/** getCountryByCallingCode + getCountryByNationalNumber. */
function countryByCallingCode(callingCode: string, nationalNumber: string): string | undefined {
  const countries = countriesForCallingCode(callingCode);
  if (!countries) return undefined;
  if (countries.length === 1) return countries[0];
  for (const country of countries) {
    const plan = countryPlan(country);
    if (plan.leadingDigits) {
      if (nationalNumber && nationalNumber.search(plan.leadingDigits) === 0) return country;
    } else if (hasNumberType(nationalNumber, plan)) {
      return country;
    }
  }
  return undefined;
}

/** extractNationalNumberFromPossiblyIncompleteNumber (the carrier code is not needed for validity). */
function stripNationalPrefix(number: string, plan: CompiledPlan): string {
  const prefix = plan.nationalPrefixForParsing;
  if (!number || !prefix) return number;
  const match = prefix.exec(number);
  if (!match) return number;
  const capturedGroupsCount = match.length - 1;
  const hasCapturedGroups = capturedGroupsCount > 0 && Boolean(match[capturedGroupsCount]);
  if (plan.nationalPrefixTransformRule && hasCapturedGroups) return number.replace(prefix, plan.nationalPrefixTransformRule);
  return number.slice(match[0].length);
}

/** extractNationalNumber(number, undefined, metadata): keeps the prefix when stripping it makes things worse. */
function extractNationalNumber(number: string, plan: CompiledPlan): string {
  const nationalNumber = stripNationalPrefix(number, plan);
  if (nationalNumber === number) return nationalNumber;
  // shouldHaveExtractedNationalPrefix
  if (plan.nationalNumber.test(number) && !plan.nationalNumber.test(nationalNumber)) return number;
  if (plan.possibleLengths) {
    const country = countryByCallingCode(plan.callingCode, nationalNumber);
    const lengths = country === undefined ? plan.possibleLengths : countryPlan(country).possibleLengths;
    const check = checkLength(nationalNumber.length, lengths);
    if (check === 'TOO_SHORT' || check === 'INVALID_LENGTH') return number;
  }
  return nationalNumber;
}

/** stripIddPrefix for a digits-only number: the rest after the IDD prefix, undefined if none or "0" follows. */
function stripIddPrefix(number: string, plan: CompiledPlan): string | undefined {
  if (number.search(plan.iddPrefix) !== 0) return undefined;
  const rest = number.slice((number.match(plan.iddPrefix)?.[0] ?? '').length);
  if (rest.startsWith('0')) return undefined;
  return rest;
}

/** extractCountryCallingCodeFromInternationalNumberWithoutPlusSign: "905321234567" with TR → "90". */
function callingCodeWithoutPlus(number: string, callingCode: string, plan: CompiledPlan): string | undefined {
  if (!number.startsWith(callingCode)) return undefined;
  const shorter = number.slice(callingCode.length);
  const shorterNational = extractNationalNumber(shorter, plan);
  const fullNational = extractNationalNumber(number, plan);
  const shorterFits = !plan.nationalNumber.test(fullNational) && plan.nationalNumber.test(shorterNational);
  return shorterFits || checkLength(fullNational.length, plan.possibleLengths) === 'TOO_LONG' ? shorter : undefined;
}

/**
 * What `parsePhoneNumberFromString(text, {...options, extract: false})?.isValid()` says, without its cost:
 * the number when valid, `null` when libphonenumber finds no valid number, and `undefined` when the input
 * is not a shape this mirror handles (anything but `+?digits`, an unknown default country or calling code)
 * — then ask libphonenumber.
 */
export function fastValidNumber(text: string, options: FastNumberOptions = {}): FastNumber | null | undefined {
  if (typeof text !== 'string' || !plainDigits.test(text)) return undefined;
  // parsePhoneNumber_ drops an unknown defaultCountry; callers never send one, so leave that to libphonenumber.
  const defaultCountry = options.defaultCountry || undefined;
  if (defaultCountry !== undefined && !isCountry(defaultCountry)) return undefined;
  // With a default country the default calling code is never looked at.
  const defaultCallingCode = defaultCountry === undefined ? options.defaultCallingCode || undefined : undefined;
  if (defaultCallingCode !== undefined && !(callingCodeShape.test(defaultCallingCode) && hasCallingCode(defaultCallingCode))) {
    return undefined;
  }

  // parseInput: too long, or not viable (isViablePhoneNumber: two bare digits, or three digits or more).
  if (text.length > MAX_INPUT_STRING_LENGTH) return null;
  const plus = text.startsWith('+');
  if (text.length < (plus ? 4 : MIN_LENGTH_FOR_NSN)) return null;

  const homePlan = defaultCountry === undefined ? undefined : countryPlan(defaultCountry);

  // extractCountryCallingCode
  let callingCode: string | undefined;
  let number: string | undefined;
  let international = plus ? text : undefined;
  if (!plus) {
    const withoutIdd = homePlan ? stripIddPrefix(text, homePlan) : undefined;
    if (withoutIdd && withoutIdd !== text) {
      international = `+${withoutIdd}`;
    } else {
      number = text;
      const homeCallingCode = homePlan?.callingCode ?? defaultCallingCode;
      if (homeCallingCode !== undefined) {
        const plan = homePlan ?? callingCodePlan(homeCallingCode);
        const shorter = callingCodeWithoutPlus(text, homeCallingCode, plan);
        if (shorter !== undefined) {
          callingCode = homeCallingCode;
          number = shorter;
        }
      }
    }
  }
  if (international !== undefined && international[1] !== '0') {
    for (let end = 2; end - 1 <= MAX_LENGTH_COUNTRY_CODE && end <= international.length; end += 1) {
      const candidate = international.slice(1, end);
      if (hasCallingCode(candidate)) {
        callingCode = candidate;
        number = international.slice(end);
        break;
      }
    }
  }

  // parsePhoneNumber (parse.js): pick the plan, strip the national prefix, find the exact country.
  let country: string | undefined;
  let plan: CompiledPlan;
  if (callingCode) {
    plan = callingCodePlan(callingCode);
  } else if (number && homePlan && defaultCountry !== undefined) {
    country = defaultCountry;
    plan = homePlan;
    callingCode = plan.callingCode;
  } else if (number && defaultCallingCode !== undefined) {
    plan = callingCodePlan(defaultCallingCode);
    callingCode = defaultCallingCode;
  } else {
    return null; // INVALID_COUNTRY
  }
  if (!number) return null; // TOO_SHORT
  const nationalNumber = extractNationalNumber(number, plan);
  country = countryByCallingCode(callingCode, nationalNumber) ?? country;
  if (nationalNumber.length < MIN_LENGTH_FOR_NSN || nationalNumber.length > MAX_LENGTH_FOR_NSN) return null;

  // PhoneNumber.isValid(): the exact country's plan, else the calling code's.
  const validityPlan = country === undefined ? callingCodePlan(callingCode) : countryPlan(country);
  if (!isValidIn(nationalNumber, validityPlan)) return null;
  return { number: `+${callingCode}${nationalNumber}`, countryCallingCode: callingCode };
}
