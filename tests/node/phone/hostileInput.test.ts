// Every phone function against hostile real-world text: the Big List of Naughty Strings and the address
// headers of the RFC 4475 SIP torture messages (shared/testdata). Nothing may throw. Node (vitest).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  callerIdInvalidReasons,
  dialString,
  formatForDisplay,
  normalizeCallerId,
  normalizeCommandOutput,
  normalizeDisplayName,
  parseCallerAddress,
  type CallerIdResult,
  type NormalizeCallerIdOptions,
} from '../../../electron/core/phone/index.js';
import { sharedTestdata } from './sharedTestdata.js';

const optionSets: NormalizeCallerIdOptions[] = [
  {},
  { defaultCountry: 'TR' },
  { defaultCountry: 'TR', outsideLinePrefix: '0' },
  { defaultCountry: 'US', outsideLinePrefix: '9' },
  { defaultCountry: 'RU' },
];

const unsafeInName = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;

/** What every answer must look like, whatever went in. */
function expectWellFormed(result: CallerIdResult): void {
  if (result.ok) {
    expect(result.e164).toMatch(/^\+[1-9]\d{6,14}$/);
    if (result.extension !== undefined) expect(result.extension).toMatch(/^\d{1,10}$/);
  } else {
    expect(result.error).toBe('invalid');
    expect(callerIdInvalidReasons).toContain(result.reason);
  }
  if (result.displayName !== undefined) {
    expect(result.displayName).not.toMatch(unsafeInName);
    expect(result.displayName).toBe(result.displayName.trim());
    expect(Array.from(result.displayName).length).toBeLessThanOrEqual(128);
  }
}

function runEverything(input: string): void {
  for (const options of optionSets) {
    expectWellFormed(normalizeCallerId(input, options));
    const dial = dialString(input, options);
    if (dial.ok) expect(dial.dial).toMatch(/^[0-9+*#]+$/);
  }
  const name = normalizeDisplayName(input);
  expect(name).not.toMatch(unsafeInName);
  expect(Array.from(name).length).toBeLessThanOrEqual(128);
  expect(typeof formatForDisplay(input, 'tr', input)).toBe('string');
  const output = normalizeCommandOutput(input, { country: 'TR', outsideLine: '9' });
  expect(Object.keys(output).sort()).toEqual('e164' in output ? ['e164'] : ['error', 'reason']);
  expect(typeof parseCallerAddress(input).user).toBe('string');
}

describe('Big List of Naughty Strings', () => {
  const folder = sharedTestdata('naughty-strings');
  const lines = readFileSync(join(folder, 'blns.txt'), 'utf8').split(/\r?\n/);
  const strings = JSON.parse(readFileSync(join(folder, 'blns.json'), 'utf8')) as string[];

  it('has the data set it claims to test', () => {
    expect(lines.length).toBeGreaterThan(500);
    expect(strings.length).toBeGreaterThan(500);
  });

  it('never throws on any line of blns.txt or entry of blns.json, and answers well-formed', () => {
    for (const input of [...lines, ...strings]) {
      try {
        runEverything(input);
      } catch (error) {
        throw new Error(`failed on ${JSON.stringify(input)}: ${String(error)}`);
      }
    }
  });

  it('still finds the number when a naughty string is the display name', () => {
    for (const input of strings) {
      const caller = `"${input.replace(/["\\]/g, '')}" <sip:05321234567@pbx.example.com>;tag=1`;
      const result = normalizeCallerId(caller, { defaultCountry: 'TR' });
      expectWellFormed(result);
      if (caller.length <= 512) expect(result).toMatchObject({ ok: true, e164: '+905321234567' });
    }
  });

  it('finds no phone number in strings that hold none', () => {
    // Of all these strings only digit runs could ever be read as numbers.
    for (const input of strings.filter((s) => !/\p{Nd}/u.test(s))) {
      expect(normalizeCallerId(input, { defaultCountry: 'TR' }).ok).toBe(false);
    }
  });
});

/** The value of every address header (From/To/Contact/P-Asserted-Identity, compact forms too), unfolded. */
function addressHeaders(message: string): { name: string; value: string }[] {
  const head = message.split(/\r?\n\r?\n/, 1)[0] ?? '';
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/);
  const headers: { name: string; value: string }[] = [];
  for (const line of unfolded.slice(1)) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (['from', 'f', 'to', 't', 'contact', 'm', 'p-asserted-identity'].includes(name)) {
      headers.push({ name, value: line.slice(colon + 1).trim() });
    }
  }
  return headers;
}

describe('RFC 4475 SIP torture messages', () => {
  const folder = sharedTestdata('sip-torture');
  const files = readdirSync(folder).filter((file) => file.endsWith('.dat'));
  const decoder = new TextDecoder('utf-8', { fatal: false });
  const messages = new Map(files.map((file) => [file, decoder.decode(readFileSync(join(folder, file)))]));

  it('has all 50 messages of the RFC archive (plus the CRLF-fixed baddn)', () => {
    expect(files.length).toBeGreaterThanOrEqual(50);
  });

  it('never throws on any address header or request URI', () => {
    let headerCount = 0;
    for (const [file, message] of messages) {
      const requestUri = message.split(/\r?\n/, 1)[0]?.split(' ')[1] ?? '';
      for (const input of [requestUri, ...addressHeaders(message).map((header) => header.value)]) {
        headerCount += 1;
        try {
          runEverything(input);
        } catch (error) {
          throw new Error(`${file}: failed on ${JSON.stringify(input)}: ${String(error)}`);
        }
      }
    }
    expect(headerCount).toBeGreaterThan(100);
  });

  it('reads the telephone numbers of inv2543 (RFC 2543 syntax)', () => {
    const headers = addressHeaders(messages.get('inv2543.dat') ?? '');
    const from = headers.find((header) => header.name === 'from')?.value ?? '';
    const to = headers.find((header) => header.name === 'to')?.value ?? '';
    expect(normalizeCallerId(from)).toEqual({ ok: true, e164: '+13035551111' });
    expect(normalizeCallerId(to, { defaultCountry: 'TR' })).toEqual({ ok: true, e164: '+16505552222' });
  });

  it('unwraps tortuous name-addr forms', () => {
    const wsinvFrom = addressHeaders(messages.get('wsinv.dat') ?? '').find((header) => header.name === 'from')?.value ?? '';
    expect(parseCallerAddress(wsinvFrom)).toMatchObject({ displayName: 'J Rosenberg \\"', user: 'jdrosen', host: 'example.com' });
    expect(normalizeCallerId(wsinvFrom)).toEqual({
      ok: false,
      error: 'invalid',
      reason: 'not-a-phone-number',
      displayName: 'J Rosenberg \\"',
    });

    const lwsdispFrom = addressHeaders(messages.get('lwsdisp.dat') ?? '').find((header) => header.name === 'from')?.value ?? '';
    expect(parseCallerAddress(lwsdispFrom)).toMatchObject({ displayName: 'caller', user: 'caller' });

    const esc01To = addressHeaders(messages.get('esc01.dat') ?? '').find((header) => header.name === 'to')?.value ?? '';
    expect(parseCallerAddress(esc01To)).toMatchObject({ user: 'user', host: 'example.com' }); // sip:%75se%72@…

    const escnullTo = addressHeaders(messages.get('escnull.dat') ?? '').find((header) => header.name === 'to')?.value ?? '';
    expect(normalizeCallerId(escnullTo)).toMatchObject({ ok: false, reason: 'not-a-phone-number' }); // %00 in the user
  });
});
