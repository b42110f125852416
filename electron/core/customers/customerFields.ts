// Cleaning and checking customer fields, the same for the UI's forms, the CSV import and the demo.
// Plain Node (core). Text is stored as plain text: control and bidi-override characters are removed,
// never escaped, and the UI renders it as text. Also builds the folded search document.
import type { CustomerFields, CustomerSearchDocument, PhoneInput } from '../../../db/repositories/customers.js';
import { customerLimits } from '../../shared/ipc/customers.js';
import { searchTokens } from '../../shared/text/fold.js';
import { normalizeCallerId, type CallerIdResult, type CountryCode } from '../phone/index.js';

export interface FieldProblem {
  field: string;
  message: string;
}

/**
 * Format characters and other default-ignorables (bidi overrides and isolates, zero-width space, BOM,
 * soft hyphen, …) except ZWNJ/ZWJ, which Persian, Indic scripts and emoji sequences need to spell words.
 */
const invisibles = /(?![\u200c\u200d])[\p{Cf}\p{Default_Ignorable_Code_Point}]/gu;
const controlsExceptNewline = /(?!\n)\p{Cc}/gu;
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Text of printable ASCII and the precomposed Latin (À–ɏ) and Cyrillic (Ѐ–ӿ) letters has nothing to normalise
 * or remove but runs of spaces: all of them are NFC already and none is a control, a line break, another
 * space or an invisible. That is how Turkish and Russian names and addresses come, so it is kept cheap; a
 * combining mark, a non-breaking space or anything rarer takes the full path.
 * (tests/node/customers/customerFields.test.ts checks every character of these ranges against the full path.)
 */
const plainLetters = /^[\x20-\x7e\u00c0-\u024f\u0400-\u04ff]*$/;

/** One line of plain text: NFC, no controls or invisibles, whitespace runs as one space, trimmed. */
export function cleanLine(value: string): string {
  if (plainLetters.test(value)) return value.replace(/ {2,}/g, ' ').trim();
  return cleanLineFully(value);
}

/** cleanLine without its shortcut (exported for the test that proves the shortcut changes nothing). */
export function cleanLineFully(value: string): string {
  return value
    .replace(loneSurrogate, '\uFFFD')
    .normalize('NFC')
    .replace(invisibles, '')
    .replace(/[\s\p{Cc}\p{Z}]+/gu, ' ')
    .trim();
}

/** Several lines (notes): like cleanLine, but line breaks are kept (as \n, at most two in a row). */
export function cleanMultiline(value: string): string {
  if (plainLetters.test(value)) return value.replace(/ {2,}/g, ' ').trim();
  return cleanMultilineFully(value);
}

/** cleanMultiline without its shortcut (for the same test). */
export function cleanMultilineFully(value: string): string {
  return value
    .replace(loneSurrogate, '\uFFFD')
    .normalize('NFC')
    .replace(/\r\n?|[\u2028\u2029\u0085]/g, '\n')
    .replace(invisibles, '')
    .replace(controlsExceptNewline, ' ')
    .replace(/[^\S\n]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** The account number as search compares it: folded, letters and digits only ("ACC-00 12" → "acc0012"). */
export function accountKey(accountNumber: string | null): string | null {
  if (accountNumber === null) return null;
  const key = searchTokens(accountNumber).join('');
  return key === '' ? null : key;
}

/** Notes can be long; the index keeps their first words only, which is what people search by. */
const MAX_NOTE_TOKENS = 200;

/** The folded words the search index stores for a customer (see migration 0002). */
export function customerSearchDocument(
  fields: Pick<CustomerFields, 'name' | 'company' | 'address' | 'city' | 'email' | 'notes'>,
): CustomerSearchDocument {
  return {
    name: searchTokens(fields.name).join(' '),
    company: searchTokens(fields.company).join(' '),
    address: searchTokens(fields.address).join(' '),
    city: searchTokens(fields.city).join(' '),
    email: searchTokens(fields.email).join(' '),
    notes: searchTokens(fields.notes).slice(0, MAX_NOTE_TOKENS).join(' '),
  };
}

const textLimits: Record<Exclude<keyof CustomerFields, 'services' | 'marketingConsent' | 'doNotCall'>, number> = {
  name: customerLimits.name,
  company: customerLimits.company,
  segment: customerLimits.segment,
  language: customerLimits.language,
  accountNumber: customerLimits.accountNumber,
  tariff: customerLimits.tariff,
  address: customerLimits.address,
  city: customerLimits.city,
  email: customerLimits.email,
  notes: customerLimits.notes,
};

/** Deliberately loose: one @, something on both sides, no spaces. CRMs hold odd but working addresses. */
const emailShape = /^[^\s@]+@[^\s@]+$/;
/** BCP 47 language tag, loosely: "tr", "en-GB", "ru". */
const languageShape = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/;

export type FieldInput = { [K in keyof CustomerFields]?: CustomerFields[K] | null | undefined };

/**
 * Cleans the given fields (only those present) and reports each problem with the field's name.
 * Empty text becomes null; a missing or empty name is a problem when `requireName` is set.
 */
export function cleanCustomerFields(
  input: FieldInput,
  requireName: boolean,
): { fields: Partial<CustomerFields>; problems: FieldProblem[] } {
  const fields: Partial<CustomerFields> = {};
  const problems: FieldProblem[] = [];
  for (const [field, limit] of Object.entries(textLimits) as [keyof typeof textLimits, number][]) {
    if (!(field in input)) {
      if (field === 'name' && requireName) problems.push({ field, message: 'name is required' });
      continue;
    }
    const raw = input[field];
    const value = typeof raw === 'string' ? (field === 'notes' ? cleanMultiline(raw) : cleanLine(raw)) : '';
    if (value.length > limit) {
      problems.push({ field, message: `${field} is longer than ${limit} characters` });
      continue;
    }
    if (field === 'name') {
      if (value === '') problems.push({ field, message: 'name is empty' });
      else fields.name = value;
      continue;
    }
    if (value === '') {
      fields[field] = null;
      continue;
    }
    if (field === 'email' && !emailShape.test(value)) {
      problems.push({ field, message: `"${preview(value)}" is not an e-mail address` });
      continue;
    }
    if (field === 'language') {
      if (!languageShape.test(value)) {
        problems.push({ field, message: `"${preview(value)}" is not a language code such as tr, en or ru` });
        continue;
      }
      fields.language = value
        .split('-')
        .map((part, i) => (i === 0 ? part.toLowerCase() : part))
        .join('-');
      continue;
    }
    fields[field] = value;
  }
  if (input.services !== undefined && input.services !== null) {
    const services = [...new Set(input.services.map(cleanLine).filter((service) => service !== ''))];
    if (services.some((service) => service.length > customerLimits.service) || services.length > customerLimits.services) {
      problems.push({
        field: 'services',
        message: `at most ${customerLimits.services} services of ${customerLimits.service} characters`,
      });
    } else fields.services = services;
  }
  if (input.marketingConsent !== undefined && input.marketingConsent !== null) fields.marketingConsent = input.marketingConsent;
  if (input.doNotCall !== undefined && input.doNotCall !== null) fields.doNotCall = input.doNotCall;
  return { fields, problems };
}

/**
 * Cuts stored text longer than `max` (UTF-16 units, as zod counts) to fit the contract, marking the cut
 * with "…" and never splitting a surrogate pair: a record the CRM filled more generously still shows.
 */
export function cap(text: string | null, max: number): string | null {
  if (text === null || text.length <= max) return text;
  let end = max - 1;
  if (/[\uD800-\uDBFF]/.test(text[end - 1] ?? '')) end--;
  return `${text.slice(0, end)}…`;
}

/** A short, single-line excerpt of a bad value for an error message. */
export function preview(value: string): string {
  const line = cleanLine(value);
  return line.length > 40 ? `${Array.from(line).slice(0, 40).join('')}…` : line;
}

/**
 * Normalises typed numbers to E.164 with the caller-ID module (same rules as a ringing call), drops
 * duplicates, and reports numbers that are not valid with their reason.
 */
export function normalizePhones(
  inputs: readonly { number: string; label?: string | null | undefined }[],
  defaultCountry: CountryCode | undefined,
  field = 'phones',
  normalize: (number: string) => CallerIdResult = (number) => normalizeCallerId(number, defaultCountry ? { defaultCountry } : {}),
): { phones: PhoneInput[]; problems: FieldProblem[] } {
  const phones: PhoneInput[] = [];
  const problems: FieldProblem[] = [];
  inputs.forEach((input, index) => {
    const result = normalize(input.number);
    if (!result.ok) {
      problems.push({
        field: `${field}.${index}`,
        message: `"${preview(input.number)}" is not a valid phone number (${result.reason})`,
      });
      return;
    }
    if (phones.some((phone) => phone.e164 === result.e164)) return;
    const label = input.label ? cleanLine(input.label).slice(0, customerLimits.phoneLabel) : '';
    phones.push({ e164: result.e164, label: label === '' ? null : label });
  });
  if (phones.length > customerLimits.phones)
    problems.push({ field, message: `at most ${customerLimits.phones} numbers per customer` });
  return { phones, problems };
}

/** A new customer's fields: what was given, empty for the rest. */
export function withDefaults(fields: Partial<CustomerFields>): CustomerFields {
  return {
    name: fields.name ?? '',
    company: fields.company ?? null,
    segment: fields.segment ?? null,
    language: fields.language ?? null,
    accountNumber: fields.accountNumber ?? null,
    tariff: fields.tariff ?? null,
    services: fields.services ?? [],
    address: fields.address ?? null,
    city: fields.city ?? null,
    email: fields.email ?? null,
    notes: fields.notes ?? null,
    marketingConsent: fields.marketingConsent ?? false,
    doNotCall: fields.doNotCall ?? false,
  };
}
