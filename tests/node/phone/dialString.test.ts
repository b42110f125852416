// dialString: what the operator typed or pasted → the user part of the outbound SIP request URI. Node (vitest).
import { describe, expect, it } from 'vitest';
import { dialString, toSipUriUser, type DialStringOptions } from '../../../electron/core/phone/index.js';

const tr9: DialStringOptions = { defaultCountry: 'TR', outsideLinePrefix: '9' };

describe('external numbers', () => {
  it.each([
    '0532 123 45 67',
    '5321234567',
    '+90 (532) 123-4567',
    '00905321234567',
    'tel:+90-532-123-4567',
    'tel:5321234567;phone-context=+90',
    'sip:05321234567@pbx.example.com',
    '9 0532 123 45 67', // the operator typed the outside line out of habit: not doubled
    '\u202E0532 123 45 67',
    '０５３２ １２３ ４５ ６７',
  ])('%j → 9+905321234567', (input) => {
    expect(dialString(input, tr9)).toEqual({ ok: true, kind: 'external', dial: '9+905321234567', e164: '+905321234567' });
  });

  it('dials without a prefix when none is configured', () => {
    expect(dialString('0532 123 45 67', { defaultCountry: 'TR' })).toMatchObject({ dial: '+905321234567' });
  });

  it('dials the local way when the PBX route wants it', () => {
    const local: DialStringOptions = { ...tr9, dialFormat: 'local' };
    expect(dialString('+90 532 123 45 67', local)).toMatchObject({ dial: '905321234567', e164: '+905321234567' });
    expect(dialString('+49 30 12345678', local)).toMatchObject({ dial: '900493012345678' });
    expect(dialString('(212) 555-1234', { defaultCountry: 'US', outsideLinePrefix: '9', dialFormat: 'local' })).toMatchObject({
      dial: '912125551234',
    });
    expect(dialString('+49 30 12345678', { defaultCountry: 'US', dialFormat: 'local' })).toMatchObject({
      dial: '011493012345678',
    });
    // 'local' without a default country cannot know what "local" is: E.164.
    expect(dialString('+49 30 12345678', { dialFormat: 'local' })).toMatchObject({ dial: '+493012345678' });
  });

  it('keeps the extension for DTMF instead of dialing it', () => {
    expect(dialString('0212 234 56 78 dahili 34', tr9)).toEqual({
      ok: true,
      kind: 'external',
      dial: '9+902122345678',
      e164: '+902122345678',
      extension: '34',
    });
  });

  it('picks the one number out of a pasted line', () => {
    expect(dialString('Tel: +90 532 123 45 67', tr9)).toMatchObject({ dial: '9+905321234567' });
    expect(dialString('Müşteri hizmetleri: 0212 234 56 78 (hafta içi)', tr9)).toMatchObject({ dial: '9+902122345678' });
    expect(dialString('Call +1 212-555-1234 ext. 5 today', { defaultCountry: 'TR' })).toMatchObject({
      dial: '+12125551234',
      extension: '5',
    });
  });

  it('refuses a pasted line with two numbers or none', () => {
    expect(dialString('Tel: 0532 123 45 67, Faks: 0212 234 56 78', tr9)).toEqual({
      ok: false,
      error: 'invalid',
      reason: 'not-a-phone-number',
    });
    expect(dialString('call me maybe', tr9)).toMatchObject({ ok: false, reason: 'not-a-phone-number' });
  });

  it('never guesses the country of a number without + or 00', () => {
    expect(dialString('5321234567', {})).toMatchObject({ ok: false, reason: 'missing-country' });
    expect(dialString('905321234567', {})).toMatchObject({ ok: false, reason: 'missing-country' });
    expect(dialString('+905321234567', {})).toMatchObject({ ok: true, dial: '+905321234567' });
    expect(dialString('00905321234567', {})).toMatchObject({ ok: true, dial: '+905321234567' });
  });
});

describe('internal numbers', () => {
  it.each([
    ['1001', '1001'],
    ['10 01', '1001'],
    ['*72', '*72'],
    ['*72#', '*72#'],
    ['112', '112'],
    ['9112', '9112'],
    ['sip:1001@pbx.example.com', '1001'],
    ['١٠٠١', '1001'],
  ])('%j → internal %s, dialed as typed', (input, dial) => {
    expect(dialString(input, tr9)).toEqual({ ok: true, kind: 'internal', dial });
  });

  it('honours maxInternalLength', () => {
    expect(dialString('1234567', { ...tr9, maxInternalLength: 7 })).toEqual({ ok: true, kind: 'internal', dial: '1234567' });
    expect(dialString('1234567', tr9)).toMatchObject({ ok: false, reason: 'invalid-number' });
    expect(dialString('1001', { ...tr9, maxInternalLength: 0 })).toMatchObject({ ok: false });
  });
});

describe('refusals', () => {
  it.each([
    ['', 'empty'],
    ['anonymous', 'anonymous'],
    ['x'.repeat(600), 'too-long'],
    ['0132 123 45 67', 'invalid-number'],
  ])('%j → %s', (input, reason) => {
    expect(dialString(input, tr9)).toEqual({ ok: false, error: 'invalid', reason });
  });

  it('checks its options', () => {
    expect(dialString('0532 123 45 67', { outsideLinePrefix: 'nine' })).toMatchObject({ reason: 'invalid-outside-line-prefix' });
    expect(dialString('0532 123 45 67', { defaultCountry: 'XX' as 'TR' })).toMatchObject({ reason: 'invalid-default-country' });
  });
});

describe('toSipUriUser', () => {
  it('escapes # and leaves + and * alone', () => {
    expect(toSipUriUser('*72#')).toBe('*72%23');
    expect(toSipUriUser('9+905321234567')).toBe('9+905321234567');
  });
});
