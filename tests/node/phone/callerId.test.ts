// normalizeCallerId, formatForDisplay and normalizeCommandOutput on real-world caller-ID formats. Node (vitest).
import { describe, expect, it } from 'vitest';
import {
  MAX_CALLER_ID_INPUT_LENGTH,
  formatForDisplay,
  normalizeCallerId,
  normalizeCommandOutput,
  type NormalizeCallerIdOptions,
} from '../../../electron/core/phone/index.js';

const TR: NormalizeCallerIdOptions = { defaultCountry: 'TR' };
const RU: NormalizeCallerIdOptions = { defaultCountry: 'RU' };
const DE: NormalizeCallerIdOptions = { defaultCountry: 'DE' };
const US: NormalizeCallerIdOptions = { defaultCountry: 'US' };
const none: NormalizeCallerIdOptions = {};

function e164Of(input: string, options: NormalizeCallerIdOptions): string {
  const result = normalizeCallerId(input, options);
  if (!result.ok) throw new Error(`${JSON.stringify(input)} was refused: ${result.reason}`);
  return result.e164;
}

function reasonOf(input: string, options: NormalizeCallerIdOptions = TR): string {
  const result = normalizeCallerId(input, options);
  if (result.ok) throw new Error(`${JSON.stringify(input)} was accepted as ${result.e164}`);
  return result.reason;
}

describe('Turkish numbers', () => {
  it.each([
    ['0532 123 45 67', TR],
    ['05321234567', TR],
    ['0 (532) 123 45 67', TR],
    ['0532-123-45-67', TR],
    ['5321234567', TR],
    ['+90 (532) 123-4567', none],
    ['+90 532 123 45 67', US],
    ['(+90) 532 123 45 67', none],
    ['+90 0532 123 45 67', none], // national prefix kept after the country code, as people write it
    ['905321234567', TR],
    ['905321234567', none], // international without "+", no default country
    ['00905321234567', TR],
    ['00905321234567', US], // "00" works whatever the default country
    ['00 90 532 123 45 67', DE],
  ])('mobile %j with %j → +905321234567', (input, options) => {
    expect(e164Of(input, options)).toBe('+905321234567');
  });

  it.each([
    ['0212 234 56 78', TR, '+902122345678'],
    ['(0212) 234 56 78', TR, '+902122345678'],
    ['+90 212 234 56 78', none, '+902122345678'],
    ['0312 444 55 66', TR, '+903124445566'],
    ['444 1 234', TR, '+904441234'], // nationwide 444 numbers have 7 digits
  ])('landline / service %j → %s', (input, options, expected) => {
    expect(e164Of(input, options)).toBe(expected);
  });

  it('needs a default country for a national number', () => {
    expect(reasonOf('0532 123 45 67', none)).toBe('missing-country');
  });

  it('refuses numbers no Turkish range holds', () => {
    expect(reasonOf('0132 123 45 67')).toBe('invalid-number');
    expect(reasonOf('0532 123 45')).toBe('invalid-number');
    expect(reasonOf('+90 532 123 45 67 89', none)).toBe('invalid-number');
  });
});

describe('Russian, German and US numbers', () => {
  it.each([
    ['8 912 345-67-89', RU, '+79123456789'],
    ['8 (912) 345-67-89', RU, '+79123456789'],
    ['+7 912 345-67-89', none, '+79123456789'],
    ['+7 (495) 123-45-67', none, '+74951234567'],
    ['8 495 123 45 67', RU, '+74951234567'],
    ['8 10 49 30 12345678', RU, '+493012345678'], // Russia's own international prefix 8~10
    ['030 12345678', DE, '+493012345678'],
    ['030/1234 5678', DE, '+493012345678'],
    ['+49 (0)30 1234 5678', none, '+493012345678'], // the "(0)" trunk-prefix notation
    ['0151 23456789', DE, '+4915123456789'],
    ['+49 151 23456789', TR, '+4915123456789'],
    ['(212) 555-1234', US, '+12125551234'],
    ['212.555.1234', US, '+12125551234'],
    ['1-212-555-1234', US, '+12125551234'],
    ['+1 212 555 1234', TR, '+12125551234'],
    ['011 49 30 12345678', US, '+493012345678'], // the US international prefix
  ])('%j with %j → %s', (input, options, expected) => {
    expect(e164Of(input, options)).toBe(expected);
  });

  it('reads the same digits by the default country', () => {
    // 8 912 345-67-89 is a Russian mobile, but from a German desk 89 123456789 is a Munich number.
    expect(e164Of('8 912 345-67-89', DE)).toBe('+4989123456789');
  });
});

describe('SIP and tel URIs', () => {
  it.each([
    ['sip:+905321234567@pbx;user=phone', none],
    ['sips:+905321234567@pbx.example.com:5061;transport=tls', none],
    ['sip:05321234567@10.0.0.1', TR],
    ['SIP:05321234567@10.0.0.1', TR],
    ['sip:05321234567:secret@10.0.0.1', TR], // a password in the userinfo is dropped
    ['sip:905321234567@trunk.example.net;user=phone?X-Foo=bar', TR],
    ['<sip:+905321234567@pbx>;tag=1928301774', none],
    ['tel:+90-532-123-4567', none],
    ['tel:+90.532.123.4567;isub=12', none],
    ['tel:5321234567;phone-context=+90', none],
    ['tel:05321234567;phone-context=+90', US], // phone-context wins over the default country
    ['tel:532-123-4567;phone-context=+90', RU],
    ['sip:5321234567;phone-context=+90@pbx.example.com;user=phone', none], // tel params in the user part
    ['tel:05321234567;phone-context=pbx.example.com', TR], // a domain context: default country
    ['sip:%2B90%20532%20123%2045%2067@pbx', none], // percent-encoded user part
    ['sip:%30%35%33%32%31%32%33%34%35%36%37@pbx', TR],
    ['sip:%EF%BC%90532 123 45 67@pbx', TR], // a percent-encoded full-width zero
  ])('%j with %j → +905321234567', (input, options) => {
    expect(e164Of(input, options)).toBe('+905321234567');
  });

  it('reads a phone-context that carries an area code', () => {
    expect(e164Of('tel:234-5678;phone-context=+90212', none)).toBe('+902122345678');
  });

  it('decodes percent escapes once only', () => {
    // %2530 is an escaped "%30", not "0": the user part is "%30532…", not a number.
    expect(reasonOf('sip:%2530532 123 45 67@pbx')).toBe('not-a-phone-number');
  });

  it('refuses a user part that is a name and a URI without one', () => {
    expect(reasonOf('sip:alice@example.com')).toBe('not-a-phone-number');
    expect(reasonOf('sip:pbx.example.com')).toBe('not-a-phone-number');
    expect(reasonOf('sip:@pbx.example.com')).toBe('not-a-phone-number');
  });
});

describe('display names', () => {
  it('splits name-addr forms into name and number', () => {
    expect(normalizeCallerId('"Ayşe Yılmaz" <sip:05321234567@x>', TR)).toEqual({
      ok: true,
      e164: '+905321234567',
      displayName: 'Ayşe Yılmaz',
    });
    expect(normalizeCallerId('Ayşe Yılmaz <sip:05321234567@x>;tag=as8d7f', TR)).toEqual({
      ok: true,
      e164: '+905321234567',
      displayName: 'Ayşe Yılmaz',
    });
    expect(normalizeCallerId('"Иван \\"Ваня\\" Петров"<sip:+79123456789@gw>', none)).toEqual({
      ok: true,
      e164: '+79123456789',
      displayName: 'Иван "Ваня" Петров',
    });
  });

  it('drops a display name that only repeats the number', () => {
    expect(normalizeCallerId('"0532 123 45 67" <sip:05321234567@pbx>', TR)).toEqual({ ok: true, e164: '+905321234567' });
  });

  it('strips bidi controls from the name', () => {
    const result = normalizeCallerId('"\u202EAyşe\u202C \u2066Yılmaz\u2069" <sip:05321234567@x>', TR);
    expect(result).toEqual({ ok: true, e164: '+905321234567', displayName: 'Ayşe Yılmaz' });
  });

  it('keeps the name of a caller without a phone number', () => {
    expect(normalizeCallerId('"Reception" <sip:reception@pbx.example.com>', TR)).toEqual({
      ok: false,
      error: 'invalid',
      reason: 'not-a-phone-number',
      displayName: 'Reception',
    });
  });
});

describe('extensions', () => {
  it.each([
    ['+1 212 555 1234 x123', none, '+12125551234', '123'],
    ['+1 212 555 1234 X 123', none, '+12125551234', '123'],
    ['(212) 555-1234 ext. 12', US, '+12125551234', '12'],
    ['(212) 555-1234 (ext. 12)', US, '+12125551234', '12'],
    ['212-555-1234, extension 9876', US, '+12125551234', '9876'],
    ['0212 234 56 78 dahili 34', TR, '+902122345678', '34'],
    ['0212 234 56 78 DAHİLİ: 34', TR, '+902122345678', '34'],
    ['0212 234 56 78 dah. 34', TR, '+902122345678', '34'],
    ['+7 495 123-45-67 доб. 12', none, '+74951234567', '12'],
    ['8 (495) 123-45-67 ДОБ 12', RU, '+74951234567', '12'],
    ['8 495 123 45 67 добавочный 1234', RU, '+74951234567', '1234'],
    ['tel:+1-212-555-1234;ext=77', none, '+12125551234', '77'],
    ['sip:+12125551234;ext=77@gw', none, '+12125551234', '77'],
    ['+12125551234;ext=77', none, '+12125551234', '77'],
  ])('%j → %s extension %s', (input, options, e164, extension) => {
    expect(normalizeCallerId(input, options)).toEqual({ ok: true, e164, extension });
  });

  it('does not take letters inside a word for an extension keyword', () => {
    expect(reasonOf('fax 0212 234 56 78')).toBe('not-a-phone-number');
    expect(reasonOf('0212 234 56 78 box 12')).toBe('not-a-phone-number');
  });

  it('refuses an extension with no number before it', () => {
    expect(reasonOf('ext. 12')).toBe('not-a-phone-number');
  });
});

describe('anonymous and empty callers', () => {
  it.each([
    'anonymous',
    'Anonymous',
    'sip:anonymous@anonymous.invalid',
    '"Anonymous" <sip:anonymous@anonymous.invalid>;tag=hyh8',
    'sip:+905321234567@anonymous.invalid', // RFC 3323: the host alone says "withheld"
    'Restricted',
    '<Restricted>',
    'PRIVATE',
    'Unavailable',
    'unknown',
    'Gizli Numara',
    'GİZLİ',
    'Скрытый номер',
    'tel:anonymous',
  ])('%j → anonymous', (input) => {
    expect(reasonOf(input)).toBe('anonymous');
  });

  it.each(['', '   ', '\u200B\u200E\uFEFF', '\t\r\n', '() -'])('%j → empty', (input) => {
    expect(reasonOf(input)).toBe('empty');
  });
});

describe('outside-line prefix', () => {
  const us9: NormalizeCallerIdOptions = { defaultCountry: 'US', outsideLinePrefix: '9' };
  const tr9: NormalizeCallerIdOptions = { defaultCountry: 'TR', outsideLinePrefix: '9' };
  const tr0: NormalizeCallerIdOptions = { defaultCountry: 'TR', outsideLinePrefix: '0' };

  it('strips 9 when only the stripped number is valid', () => {
    expect(e164Of('9 1 212 555 1234', us9)).toBe('+12125551234');
    expect(e164Of('9 212 555 1234', us9)).toBe('+12125551234');
    expect(e164Of('9 011 49 30 12345678', us9)).toBe('+493012345678');
    expect(e164Of('9 5321234567', tr9)).toBe('+905321234567');
    expect(e164Of('9 0532 123 45 67', tr9)).toBe('+905321234567');
    expect(e164Of('9 00 49 30 12345678', tr9)).toBe('+493012345678');
  });

  it('keeps a number that is valid as typed', () => {
    expect(e164Of('212 555 1234', us9)).toBe('+12125551234');
    expect(e164Of('+90 532 123 45 67', tr9)).toBe('+905321234567');
    // 90 532… is the country code without "+" and 9 + 0532… at once: the same number either way.
    expect(e164Of('905321234567', tr9)).toBe('+905321234567');
    // Prefix 0 and a Turkish national number: valid as typed, so the 0 stays.
    expect(e164Of('05321234567', tr0)).toBe('+905321234567');
    expect(e164Of('0212 234 56 78', tr0)).toBe('+902122345678');
  });

  it('strips the prefix once only', () => {
    expect(e164Of('99 1 212 555 1234', { defaultCountry: 'US', outsideLinePrefix: '99' })).toBe('+12125551234');
    expect(reasonOf('9 9 1 212 555 1234', us9)).toBe('invalid-number');
  });

  it('resolves the 0 / 00 clash towards the home country', () => {
    // As typed, 005321234567 is "00" + +53 2123 4567 (Cuba, valid); with prefix 0 it is 0 + 0532….
    expect(e164Of('005321234567', TR)).toBe('+5321234567');
    expect(e164Of('005321234567', tr0)).toBe('+905321234567');
    expect(e164Of('0 0212 234 56 78', tr0)).toBe('+902122345678');
    // 0 + 00 + a foreign number is only valid stripped.
    expect(e164Of('0 00 49 30 12345678', tr0)).toBe('+493012345678');
    expect(e164Of('0 00 90 532 123 45 67', tr0)).toBe('+905321234567');
  });

  it('does not strip from a "+" number, nor make an invalid number valid', () => {
    expect(reasonOf('9 +90 532 123 45 67', tr9)).toBe('not-a-phone-number');
    expect(reasonOf('9 0132 123 45 67', tr9)).toBe('invalid-number');
  });
});

describe('Unicode in numbers', () => {
  it.each([
    '\u202E0532 123 45 67\u202C',
    '\u200F0532\u200B123\u200D45\u206067',
    '\uFEFF05321234567',
    '0532\u00AD123\u00AD45\u00AD67',
    '\u2066+90 532 123 45 67\u2069',
    '０５３２ １２３ ４５ ６７',
    '＋９０（５３２）１２３－４５６７',
    '٠٥٣٢١٢٣٤٥٦٧', // Arabic-Indic
    '۰۵۳۲۱۲۳۴۵۶۷', // Extended Arabic-Indic (Persian)
    '0532\u00A0123\u00A045\u00A067', // no-break spaces
    '0532\u2009123\u200945\u200967', // thin spaces
    '0532\u2013123\u201345\u201367', // en dashes
  ])('%j → +905321234567', (input) => {
    expect(e164Of(input, TR)).toBe('+905321234567');
  });

  it('refuses letters that merely look like digits', () => {
    expect(reasonOf('O532 l23 45 67')).toBe('not-a-phone-number');
  });
});

describe('limits and options', () => {
  it('refuses input over the length cap at once, whatever it holds', () => {
    expect(reasonOf('0'.repeat(MAX_CALLER_ID_INPUT_LENGTH + 1))).toBe('too-long');
    expect(reasonOf(`"${'A'.repeat(600)}" <sip:05321234567@x>`)).toBe('too-long');
    const started = performance.now();
    expect(reasonOf('9'.repeat(5_000_000))).toBe('too-long');
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('refuses long digit strings under the cap', () => {
    expect(reasonOf('1'.repeat(MAX_CALLER_ID_INPUT_LENGTH))).toBe('invalid-number');
    expect(reasonOf(`+${'9'.repeat(30)}`)).toBe('invalid-number');
  });

  it('accepts the longest input the cap allows', () => {
    const name = 'Ş'.repeat(MAX_CALLER_ID_INPUT_LENGTH - '"" <sip:05321234567@x>'.length);
    const result = normalizeCallerId(`"${name}" <sip:05321234567@x>`, TR);
    expect(result.ok && result.e164).toBe('+905321234567');
    expect(result.ok && Array.from(result.displayName ?? '').length).toBe(128);
  });

  it('stays fast on junk built to make regular expressions backtrack', () => {
    const junk = [
      `x${' '.repeat(500)}1a`,
      `${'x '.repeat(250)}a`,
      `"${'\\'.repeat(500)}`,
      `<${'<'.repeat(500)}`,
      `sip:${';'.repeat(500)}@x`,
      `${'0 '.repeat(250)}x`,
      `${'\u0301'.repeat(510)}`,
      `${' '.repeat(510)}(`,
    ];
    const started = performance.now();
    for (const input of junk) for (let i = 0; i < 20; i += 1) normalizeCallerId(input, TR);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('checks its options instead of trusting them', () => {
    expect(reasonOf('0532 123 45 67', { defaultCountry: 'XX' as 'TR' })).toBe('invalid-default-country');
    expect(reasonOf('0532 123 45 67', { outsideLinePrefix: '9#' })).toBe('invalid-outside-line-prefix');
    expect(reasonOf('0532 123 45 67', { outsideLinePrefix: '12345' })).toBe('invalid-outside-line-prefix');
    expect(e164Of('0532 123 45 67', { defaultCountry: 'tr' as 'TR' })).toBe('+905321234567');
    expect(e164Of('+90 532 123 45 67', { defaultCountry: '' as 'TR', outsideLinePrefix: '' })).toBe('+905321234567');
  });

  it('returns invalid for input that is not a string', () => {
    expect(normalizeCallerId(undefined as unknown as string, TR)).toEqual({ ok: false, error: 'invalid', reason: 'empty' });
    expect(normalizeCallerId(42 as unknown as string, TR)).toEqual({ ok: false, error: 'invalid', reason: 'empty' });
  });
});

describe('formatForDisplay', () => {
  it('formats E.164 internationally', () => {
    expect(formatForDisplay('+905321234567')).toBe('+90 532 123 45 67');
    expect(formatForDisplay('+79123456789')).toBe('+7 912 345 67 89');
    expect(formatForDisplay('+493012345678')).toBe('+49 30 12345678');
    expect(formatForDisplay('+12125551234')).toBe('+1 212 555 1234');
  });

  it('labels an extension in the operator language', () => {
    expect(formatForDisplay('+902122345678', 'tr', '34')).toBe('+90 212 234 56 78 dahili 34');
    expect(formatForDisplay('+74951234567', 'ru-RU', '12')).toBe('+7 495 123 45 67 доб. 12');
    expect(formatForDisplay('+12125551234', 'en-US', '12')).toBe('+1 212 555 1234 ext. 12');
    expect(formatForDisplay('+12125551234', 'de', '12')).toBe('+1 212 555 1234 ext. 12');
    expect(formatForDisplay('+12125551234', undefined, '')).toBe('+1 212 555 1234');
  });

  it('gives anything else back as clean plain text', () => {
    expect(formatForDisplay('Reception\u202E')).toBe('Reception');
    expect(formatForDisplay('05321234567')).toBe('05321234567');
    expect(formatForDisplay(undefined as unknown as string)).toBe('');
  });
});

describe('normalizeCommandOutput (agentdesk normalize --json)', () => {
  it('answers exactly {e164} or {error, reason}', () => {
    expect(normalizeCommandOutput('0532 123 45 67', { country: 'TR' })).toEqual({ e164: '+905321234567' });
    expect(normalizeCommandOutput('0532 123 45 67', { country: 'tr' })).toEqual({ e164: '+905321234567' });
    expect(normalizeCommandOutput('"Ayşe" <sip:05321234567@x>', { country: 'TR' })).toEqual({ e164: '+905321234567' });
    expect(normalizeCommandOutput('+1 212 555 1234 x5')).toEqual({ e164: '+12125551234' });
    expect(normalizeCommandOutput('9 1 212 555 1234', { country: 'US', outsideLine: '9' })).toEqual({ e164: '+12125551234' });
    expect(normalizeCommandOutput('anonymous')).toEqual({ error: 'invalid', reason: 'anonymous' });
    expect(normalizeCommandOutput('0532 123 45 67')).toEqual({ error: 'invalid', reason: 'missing-country' });
    expect(normalizeCommandOutput('0532', { country: 'ZZ' })).toEqual({ error: 'invalid', reason: 'invalid-default-country' });
    expect(JSON.stringify(normalizeCommandOutput('0532 123 45 67', { country: 'TR', outsideLine: '0' }))).toBe(
      '{"e164":"+905321234567"}',
    );
  });
});
