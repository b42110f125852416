// Search-as-you-type over customers: what the operator typed → a plan → hits, best first. Plain Node (core).
// planSearch is pure and cheap (it runs where the operator types); runSearch only reads through the
// repository and returns plain data, so it can run in a worker thread with its own connection.
// Budget: every step is an index range or an FTS5 prefix read with a LIMIT; nothing scans the table.
import { AsYouType } from 'libphonenumber-js/max';
import type { CustomerRepository } from '../../../db/repositories/customers.js';
import type { CustomerHit } from '../../shared/ipc/customers.js';
import { customerLimits } from '../../shared/ipc/customers.js';
import { fold, searchTokens } from '../../shared/text/fold.js';
import { normalizeCallerId, type CountryCode } from '../phone/index.js';
import { toAsciiDigits } from '../phone/unicodeText.js';
import { accountKey, cap } from './customerFields.js';

export interface SearchPlan {
  /** Folded words for the full-text index (at most 8). */
  tokens: string[];
  /** The whole query folded, to rank names that start with it first. */
  folded: string;
  /** The query read as a complete phone number. */
  exactPhone?: string;
  /** The query read as the start of a phone number, in E.164 ("0532 12" → "+9053212"). */
  phonePrefix?: string;
  /** The query's digits as the end of a phone number ("45 67" → "4567"). */
  phoneSuffix?: string;
  /** The query as an account number key ("ACC-0012" → "acc0012"). */
  accountKey?: string;
  /** The query as a CRM id, exactly as typed. */
  externalId?: string;
}

export interface SearchOptions {
  defaultCountry?: CountryCode | undefined;
}

/** Characters a phone number is written with: digits (any script), +, spaces, dashes, dots, brackets, slashes. */
const phoneShaped = /^[+\p{Nd}\s\-.()/]+$/u;
/** Fewer digits than this say nothing about a phone number (a house number, a year). */
const MIN_PHONE_DIGITS = 3;
/** "Ends with" needs a few digits to be worth an index read. */
const MIN_SUFFIX_DIGITS = 4;
/** Account keys shorter than this match too much to be an account search. */
const MIN_ACCOUNT_KEY = 3;

export function planSearch(query: string, options: SearchOptions = {}): SearchPlan {
  const text = query.slice(0, customerLimits.query).trim();
  const plan: SearchPlan = { tokens: searchTokens(text).slice(0, 8), folded: searchTokens(text).join(' ') };
  if (text === '') return plan;

  const digits = toAsciiDigits(text.normalize('NFKC')).replace(/\D/g, '');
  if (phoneShaped.test(text) && digits.length >= MIN_PHONE_DIGITS) {
    const full = normalizeCallerId(text, options.defaultCountry ? { defaultCountry: options.defaultCountry } : {});
    if (full.ok) plan.exactPhone = full.e164;
    const asTyped = new AsYouType(options.defaultCountry);
    asTyped.input(toAsciiDigits(text.normalize('NFKC')));
    const prefix = asTyped.getNumberValue();
    if (prefix !== undefined && prefix.length > 3) plan.phonePrefix = prefix;
    // Leading zeros are a trunk or international prefix, never the end of a number.
    const tail = digits.replace(/^0+/, '');
    if (tail.length >= MIN_SUFFIX_DIGITS) plan.phoneSuffix = tail;
  }
  const key = accountKey(text);
  if (key !== null && key.length >= MIN_ACCOUNT_KEY && /\d/.test(key)) plan.accountKey = key;
  if (!/\s/.test(text) && text.length <= customerLimits.externalId) plan.externalId = text;
  return plan;
}

type MatchKind = CustomerHit['match'];

/** How many full-text candidates are ranked per step; the rest of a very common prefix is not read. */
export const FTS_CANDIDATES = 100;

/**
 * Runs a plan: exact number / account / CRM id first, then number and account prefixes, then names
 * (name and company columns), then every other searched field. Each step reads at most what is still
 * missing (or FTS_CANDIDATES for full text), and a customer found by an earlier step is not repeated.
 */
export function runSearch(repository: CustomerRepository, plan: SearchPlan, limit: number): CustomerHit[] {
  const found = new Map<string, MatchKind>();
  const remaining = () => limit - found.size;
  const add = (ids: readonly string[], match: MatchKind) => {
    for (const id of ids) {
      if (found.size >= limit) return;
      if (!found.has(id)) found.set(id, match);
    }
  };

  if (plan.exactPhone) add(repository.idsByE164(plan.exactPhone, limit), 'phone');
  if (plan.accountKey && remaining() > 0) add(repository.idsByAccountKey(plan.accountKey, remaining()), 'account');
  if (plan.externalId && remaining() > 0) {
    const id = repository.idByExternalId(plan.externalId);
    if (id !== undefined) add([id], 'externalId');
  }
  if (plan.phonePrefix && remaining() > 0) add(repository.idsByE164Prefix(plan.phonePrefix, remaining()), 'phonePartial');
  if (plan.phoneSuffix && remaining() > 0) add(repository.idsByDigitsSuffix(plan.phoneSuffix, remaining()), 'phonePartial');
  if (plan.accountKey && remaining() > 0) add(repository.idsByAccountKeyPrefix(plan.accountKey, remaining()), 'accountPrefix');

  for (const [match, columns] of [
    ['name', ['name', 'company']],
    ['text', undefined],
  ] as const) {
    if (plan.tokens.length === 0 || remaining() <= 0) break;
    // Rank on id and name only; the few winners are read in full below.
    const seqs = repository.searchSeqs(plan.tokens, FTS_CANDIDATES + found.size, columns);
    const candidates = repository.namesBySeq(seqs).filter((row) => !found.has(row.id));
    for (const row of rankByName(candidates, plan)) add([row.id], match);
  }

  const rows = new Map(repository.getMany([...found.keys()]).map((row) => [row.id, row]));
  const phones = new Map<string, string[]>();
  for (const phone of repository.phones([...found.keys()])) {
    const list = phones.get(phone.customerId) ?? [];
    list.push(phone.e164);
    phones.set(phone.customerId, list);
  }
  const hits: CustomerHit[] = [];
  for (const [id, match] of found) {
    const row = rows.get(id);
    if (!row) continue;
    hits.push({
      id,
      externalId: cap(row.externalId, customerLimits.externalId),
      name: cap(row.name, customerLimits.name) ?? '',
      company: cap(row.company, customerLimits.company),
      city: cap(row.city, customerLimits.city),
      accountNumber: cap(row.accountNumber, customerLimits.accountNumber),
      segment: cap(row.segment, customerLimits.segment),
      doNotCall: row.doNotCall,
      phones: (phones.get(id) ?? []).slice(0, 100),
      match,
    });
  }
  // Insertion order: the steps' order (the order of searchMatchKinds), each step's own ranking within.
  return hits;
}

/**
 * Names that start with what was typed first ("ahmet yıl" → "Ahmet Yılmaz"), then names with a word
 * starting with each typed word, then the rest (found by company, address, …); alphabetical within.
 */
function rankByName<Row extends { name: string }>(rows: Row[], plan: SearchPlan): Row[] {
  const scored = rows.map((row) => {
    const name = searchTokens(row.name);
    const joined = name.join(' ');
    let score = 2;
    if (plan.folded !== '' && joined.startsWith(plan.folded)) score = 0;
    else if (plan.tokens.every((token) => name.some((word) => word.startsWith(token)))) score = 1;
    return { row, score, key: fold(row.name) };
  });
  scored.sort((a, b) => a.score - b.score || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return scored.map((entry) => entry.row);
}
