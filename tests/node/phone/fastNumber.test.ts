// Differential test: fastNumber.ts and the plain-number route of normalizeCallerId against libphonenumber-js
// itself, on seeded inputs generated for every numbering plan in the metadata. Node (vitest).
import { readFileSync } from 'node:fs';
import examplesJson from 'libphonenumber-js/examples.mobile.json';
import type * as LibphonenumberMax from 'libphonenumber-js/max';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import metadataJson from 'libphonenumber-js/metadata.max.json';
import { describe, expect, it, vi } from 'vitest';
import type * as UnicodeText from '../../../electron/core/phone/unicodeText.js';
import {
  normalizeCallerId,
  normalizeCallerIdReference,
  type CallerIdResult,
  type CountryCode,
  type NormalizeCallerIdOptions,
} from '../../../electron/core/phone/callerId.js';
import { fastValidNumber, type FastNumberOptions } from '../../../electron/core/phone/fastNumber.js';
import { sharedTestdata } from './sharedTestdata.js';
import { seededRandom } from '../../support/seededRandom.js';

// Counters that tell whether a normalizeCallerId call went the slow way: libphonenumber parsed something,
// or prepareCallerId ran (it always starts with cleanUnicode). Pass-through wrappers, results unchanged.
const slowWork = vi.hoisted(() => ({ libphonenumberParses: 0, unicodeCleanUps: 0 }));
vi.mock('libphonenumber-js/max', async (importOriginal) => {
  const original = await importOriginal<typeof LibphonenumberMax>();
  const parse = original.parsePhoneNumberFromString as (...args: unknown[]) => unknown;
  return {
    ...original,
    parsePhoneNumberFromString: (...args: unknown[]) => {
      slowWork.libphonenumberParses += 1;
      return parse(...args);
    },
  };
});
vi.mock('../../../electron/core/phone/unicodeText.js', async (importOriginal) => {
  const original = await importOriginal<typeof UnicodeText>();
  return {
    ...original,
    cleanUnicode: (text: string) => {
      slowWork.unicodeCleanUps += 1;
      return original.cleanUnicode(text);
    },
  };
});

type PlanJson = readonly unknown[];
const metadata = metadataJson as unknown as { countries: Record<string, PlanJson>; nonGeographic: Record<string, PlanJson> };
const mobileExamples = examplesJson as Record<string, string | undefined>;
const countries = Object.keys(metadata.countries).sort();

const random = seededRandom(0x5eed_90);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const between = (min: number, max: number): number => min + Math.floor(random() * (max - min + 1));
const randomDigits = (length: number): string => Array.from({ length }, () => String(between(0, 9))).join('');

// --- Numbers that look right: random strings drawn from the metadata's own number-type patterns. ---
// The patterns use a small regex subset: digits, \d, [0-9-], (?:…), (…), |, ?, {n}, {n,m}.

type Pattern = Alternative[];
type Alternative = { atom: Atom; min: number; max: number }[];
type Atom = { digits: string } | { group: Pattern };

function parsePattern(source: string): Pattern {
  let at = 0;
  function alternatives(): Pattern {
    const result: Pattern = [[]];
    while (at < source.length && source[at] !== ')') {
      if (source[at] === '|') {
        at += 1;
        result.push([]);
        continue;
      }
      const atom = readAtom();
      let [min, max] = [1, 1];
      const quantifier = /^(?:\?|\{(\d+)(?:,(\d+))?\})/.exec(source.slice(at));
      if (quantifier) {
        at += quantifier[0].length;
        if (quantifier[0] === '?') [min, max] = [0, 1];
        else [min, max] = [Number(quantifier[1]), Number(quantifier[2] ?? quantifier[1])];
      }
      result[result.length - 1]?.push({ atom, min, max });
    }
    return result;
  }
  function readAtom(): Atom {
    const char = source[at] ?? '';
    if (char === '(') {
      at += source.startsWith('(?:', at) ? 3 : 1;
      const group = alternatives();
      at += 1; // ')'
      return { group };
    }
    if (char === '\\') {
      at += 2; // only \d occurs
      return { digits: '0123456789' };
    }
    if (char === '[') {
      const close = source.indexOf(']', at);
      const body = source.slice(at + 1, close);
      at = close + 1;
      let digits = '';
      for (let i = 0; i < body.length; i += 1) {
        if (body[i + 1] === '-' && i + 2 < body.length) {
          for (let d = Number(body[i]); d <= Number(body[i + 2]); d += 1) digits += String(d);
          i += 2;
        } else {
          digits += body[i];
        }
      }
      return { digits };
    }
    at += 1;
    return { digits: char };
  }
  return alternatives();
}

function sample(pattern: Pattern): string {
  let out = '';
  for (const item of pick(pattern)) {
    const count = between(item.min, item.max);
    for (let i = 0; i < count; i += 1) out += 'digits' in item.atom ? pick([...item.atom.digits]) : sample(item.atom.group);
  }
  return out;
}

/** National significant numbers for a plan: its mobile example and samples of every number type it lists. */
function nationalNumbersOf(plan: PlanJson, country: string | undefined, perType: number): string[] {
  const numbers = new Set<string>();
  const example = country === undefined ? undefined : mobileExamples[country];
  if (example) numbers.add(example);
  const types = Array.isArray(plan[11]) ? (plan[11] as unknown[]) : [];
  for (const type of types) {
    if (!Array.isArray(type) || typeof type[0] !== 'string' || type[0] === '') continue;
    const pattern = parsePattern(type[0]);
    for (let i = 0; i < perType; i += 1) numbers.add(sample(pattern));
  }
  return [...numbers];
}

function mutate(digits: string): string {
  const at = between(0, Math.max(0, digits.length - 1));
  switch (between(0, 3)) {
    case 0:
      return digits.slice(0, at) + digits.slice(at + 1); // a digit dropped
    case 1:
      return digits.slice(0, at) + String(between(0, 9)) + digits.slice(at); // one added
    case 2:
      return digits.slice(0, at) + String(between(0, 9)) + digits.slice(at + 1); // one changed
    default:
      return pick(['0', '00', '8', '810', '011', '1', '9', '000', '0090', '7', '44']) + digits; // a stray prefix
  }
}

/** How people and spreadsheets write the same digits: groups split by spaces, dashes, dots, brackets. */
function typed(digits: string): string {
  const groups: string[] = [];
  for (let rest = digits; rest !== '';) {
    const size = between(2, 4);
    groups.push(rest.slice(0, size));
    rest = rest.slice(size);
  }
  const separator = pick([' ', ' ', '-', '.', ' / ']);
  if (groups.length > 2 && random() < 0.3) return `(${groups[0]}) ${groups.slice(1).join(separator)}`;
  return groups.join(separator);
}

interface Inputs {
  /** fastValidNumber vs parsePhoneNumberFromString: digit strings with libphonenumber options. */
  digitStrings: { text: string; options: FastNumberOptions }[];
  /** normalizeCallerId vs normalizeCallerIdReference: whole inputs; `focus` marks TR/GB/DE/RU/US at home. */
  callerIds: { input: string; options: NormalizeCallerIdOptions; focus: boolean }[];
}

const focusCountries = new Set(['TR', 'GB', 'DE', 'RU', 'US']);
const extraHomes: CountryCode[] = ['TR', 'US', 'GB', 'DE', 'RU', 'KZ', 'AZ', 'FR', 'NL', 'IT', 'BR', 'AR', 'MX', 'JP', 'IN'];
const outsideLineSets: NormalizeCallerIdOptions[] = [
  { defaultCountry: 'TR', outsideLinePrefix: '0' },
  { defaultCountry: 'US', outsideLinePrefix: '9' },
  { defaultCountry: 'DE', outsideLinePrefix: '0' },
  { outsideLinePrefix: '9' },
];

/** Caller IDs that must keep going the full way: URIs, names, extensions, odd Unicode and separators. */
function notPlain(digits: string, national: string): string[] {
  return [
    `tel:+${digits}`,
    `<sip:+${digits}@trunk.example.net;user=phone>;tag=1`,
    `"Müşteri" <sip:${national}@10.0.0.1>`,
    `${typed(national)} ext. 12`,
    `+${digits} x7`,
    `\u202a+${digits}\u202c`,
    `+${digits}`.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d))),
    `\t${national}`,
    `${national}\u00a0`,
    `tel:${national};phone-context=+${digits.slice(0, 2)}`,
  ];
}

function generate(): Inputs {
  const inputs: Inputs = { digitStrings: [], callerIds: [] };
  const plans: { plan: PlanJson; country?: CountryCode }[] = [
    ...countries.map((country) => ({ plan: metadata.countries[country] as PlanJson, country: country as CountryCode })),
    ...Object.values(metadata.nonGeographic).map((plan) => ({ plan })),
  ];
  for (const { plan, country } of plans) {
    const callingCode = String(plan[0]);
    const nationalPrefix = typeof plan[5] === 'string' ? plan[5] : '';
    const iddPrefix = typeof plan[1] === 'string' && /^\d+$/.test(plan[1]) ? plan[1] : '00';
    const homeOptions: FastNumberOptions = country ? { defaultCountry: country } : { defaultCallingCode: callingCode };
    const addDigits = (text: string): void => {
      inputs.digitStrings.push({ text, options: homeOptions });
      inputs.digitStrings.push({
        text,
        options: pick<FastNumberOptions>([{}, { defaultCountry: pick(extraHomes) }, { defaultCallingCode: callingCode }]),
      });
    };
    const addCallerId = (input: string, focus = false): void => {
      const home: NormalizeCallerIdOptions = country ? { defaultCountry: country } : {};
      inputs.callerIds.push({ input, options: home, focus: focus && country !== undefined && focusCountries.has(country) });
      inputs.callerIds.push({
        input,
        options: random() < 0.5 ? { defaultCountry: pick(extraHomes) } : pick(outsideLineSets),
        focus: false,
      });
    };

    const nationals = nationalNumbersOf(plan, country, focusCountries.has(country ?? '') ? 40 : 6);
    for (const national of nationals) {
      const written = [
        `+${callingCode}${national}`,
        `${nationalPrefix}${national}`,
        national,
        `00${callingCode}${national}`,
        `${iddPrefix}${callingCode}${national}`,
        `${callingCode}${national}`,
      ];
      for (const text of written) addDigits(text);
      // The right length but random digits: home code without "+" is kept or split on length and pattern.
      const lookalike = randomDigits(national.length);
      addDigits(`${callingCode}${lookalike}`);
      addDigits(`${nationalPrefix}${lookalike}`);
      for (let i = 0; i < 5; i += 1) {
        const mutated = mutate(pick(written).replace('+', ''));
        addDigits(mutated);
        addDigits(`+${mutated}`);
      }
      addCallerId(`+${callingCode} ${typed(national)}`, true);
      addCallerId(typed(`${nationalPrefix}${national}`), true);
      addCallerId(typed(national), true);
      addCallerId(`00 ${callingCode} ${typed(national)}`, true);
      addCallerId(typed(mutate(`${nationalPrefix}${national}`)));
      addCallerId(` +${callingCode}-${typed(mutate(national))} `);
      if (random() < 0.15)
        for (const input of notPlain(`${callingCode}${national}`, `${nationalPrefix}${national}`)) addCallerId(input);
    }
    for (let i = 0; i < 30; i += 1) {
      const digits = randomDigits(between(3, 17));
      addDigits(digits);
      addDigits(`+${digits}`);
      if (i % 3 === 0) addCallerId(typed(digits));
    }
  }
  // Short, empty and stray-character cases around the plain-number test.
  for (const input of [
    '',
    ' ',
    '+',
    '()',
    '-',
    '+ ',
    '1',
    '12',
    '+12',
    '++905321234567',
    '0532+1234567',
    '0532 123 45 67 +',
    '(+90) 532 123 45 67',
    '0532..123',
    '/0532/',
  ]) {
    inputs.callerIds.push({ input, options: { defaultCountry: 'TR' }, focus: false }, { input, options: {}, focus: false });
  }
  // Real hostile text: the Big List of Naughty Strings.
  const naughty = JSON.parse(readFileSync(sharedTestdata('naughty-strings', 'blns.json'), 'utf8')) as string[];
  for (const input of naughty) inputs.callerIds.push({ input, options: { defaultCountry: 'TR' }, focus: false });
  return inputs;
}

const inputs = generate();

function libphonenumberReading(text: string, options: FastNumberOptions): { number: string; countryCallingCode: string } | null {
  const parsed = parsePhoneNumberFromString(text, {
    ...(options as { defaultCountry?: CountryCode; defaultCallingCode?: string }),
    extract: false,
  });
  return parsed?.isValid() ? { number: parsed.number, countryCallingCode: parsed.countryCallingCode } : null;
}

describe('fastValidNumber against libphonenumber-js', () => {
  it('gives the same answer for every generated digit string', () => {
    expect(inputs.digitStrings.length).toBeGreaterThanOrEqual(200_000);
    const mismatches: unknown[] = [];
    let unsure = 0;
    let valid = 0;
    for (const { text, options } of inputs.digitStrings) {
      const fast = fastValidNumber(text, options);
      const expected = libphonenumberReading(text, options);
      if (expected) valid += 1;
      if (fast === undefined) {
        unsure += 1;
        continue;
      }
      if (JSON.stringify(fast) !== JSON.stringify(expected) && mismatches.length < 20)
        mismatches.push({ text, options, fast, expected });
    }
    expect(mismatches).toEqual([]);
    // Every input here is `+?digits` with a known country or calling code: the fast path must answer all.
    expect(unsure).toBe(0);
    // The generator must produce plenty of valid numbers, or the comparison proves little.
    expect(valid).toBeGreaterThan(inputs.digitStrings.length / 5);
  }, 60_000); // ~8 s here: libphonenumber is the slow side

  it('leaves other shapes to libphonenumber', () => {
    expect(fastValidNumber('0532 123 45 67', { defaultCountry: 'TR' })).toBeUndefined();
    expect(fastValidNumber('tel:+905321234567')).toBeUndefined();
    expect(fastValidNumber('05321234567', { defaultCountry: 'XX' })).toBeUndefined();
    expect(fastValidNumber('5321234567', { defaultCallingCode: '999' })).toBeUndefined();
    expect(fastValidNumber('05321234567', { defaultCountry: 'TR' })).toEqual({
      number: '+905321234567',
      countryCallingCode: '90',
    });
    expect(fastValidNumber('+80012345678')).toEqual({ number: '+80012345678', countryCallingCode: '800' });
    expect(fastValidNumber('01321234567', { defaultCountry: 'TR' })).toBeNull();
  });
});

describe('normalizeCallerId with the fast paths against the libphonenumber-only reference', () => {
  it('returns exactly the same result for every generated caller ID', () => {
    expect(inputs.callerIds.length).toBeGreaterThanOrEqual(50_000);
    const mismatches: { input: string; options: NormalizeCallerIdOptions; fast: CallerIdResult; reference: CallerIdResult }[] =
      [];
    let focusValid = 0;
    let focusFast = 0;
    for (const { input, options, focus } of inputs.callerIds) {
      const reference = normalizeCallerIdReference(input, options);
      const before = { ...slowWork };
      const fast = normalizeCallerId(input, options);
      const wentFast =
        slowWork.libphonenumberParses === before.libphonenumberParses && slowWork.unicodeCleanUps === before.unicodeCleanUps;
      if (JSON.stringify(fast) !== JSON.stringify(reference) && mismatches.length < 20)
        mismatches.push({ input, options, fast, reference });
      if (focus && reference.ok) {
        focusValid += 1;
        if (wentFast) focusFast += 1;
      }
    }
    expect(mismatches).toEqual([]);
    // TR/GB/DE/RU/US numbers typed plainly at home: neither prepareCallerId nor libphonenumber may run.
    expect(focusValid).toBeGreaterThan(1_000);
    expect(focusFast / focusValid).toBeGreaterThanOrEqual(0.95);
  }, 60_000);

  it('still sends SIP addresses, names and extensions the full way', () => {
    const before = slowWork.unicodeCleanUps;
    expect(normalizeCallerId('"Ayşe" <sip:05321234567@pbx>', { defaultCountry: 'TR' })).toEqual({
      ok: true,
      e164: '+905321234567',
      displayName: 'Ayşe',
    });
    expect(normalizeCallerId('0532 123 45 67 dahili 12', { defaultCountry: 'TR' })).toEqual({
      ok: true,
      e164: '+905321234567',
      extension: '12',
    });
    expect(slowWork.unicodeCleanUps).toBeGreaterThan(before);
  });
});
