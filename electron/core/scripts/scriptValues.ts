// The values a call's script fills in ({{customer.name}}, {{agent.name}}, {{call.number}}, …), from the call,
// the customer it is about and the operator. Plain Node (core). Values are plain text; a value this desk does
// not know is null, and the viewer shows a placeholder for it.
import { cleanValue, type ScriptValues } from '../../shared/callScript.js';
import { formatForDisplay, normalizeCallerId, type CountryCode } from '../phone/index.js';
import type { CallFacts } from './scriptChoice.js';

/** The customer fields scripts use (the contract's Customer fits). */
export interface ScriptCustomer {
  name: string;
  company: string | null;
  accountNumber: string | null;
  tariff: string | null;
  segment: string | null;
  city: string | null;
  email: string | null;
}

export interface ScriptValueSources {
  call: CallFacts;
  customer: ScriptCustomer | undefined;
  /** The catalogue name of a tariff code ("TRF-KONUSKAN-20" → "Süper Konuşkan 20 GB"), when it is one. */
  tariffName: (code: string) => string | undefined;
  agentName: string;
  /** The script's language: dates are written its way. */
  language: string;
  defaultCountry: CountryCode;
  now: number;
}

const orNull = (value: string | null | undefined) => {
  const cleaned = cleanValue(value);
  return cleaned === '' ? null : cleaned;
};

function longDate(now: number, language: string): string {
  try {
    return new Intl.DateTimeFormat(language, { dateStyle: 'long' }).format(now);
  } catch {
    return new Intl.DateTimeFormat('en', { dateStyle: 'long' }).format(now);
  }
}

export function scriptValues(sources: ScriptValueSources): ScriptValues {
  const { call, customer } = sources;
  const dialled = call.dialledNumber
    ? normalizeCallerId(call.dialledNumber, { defaultCountry: sources.defaultCountry })
    : undefined;
  const tariff = customer?.tariff ?? null;
  return {
    'customer.name': orNull(customer?.name),
    'customer.company': orNull(customer?.company),
    'customer.accountNumber': orNull(customer?.accountNumber),
    'customer.tariff': orNull(tariff === null ? null : (sources.tariffName(tariff) ?? tariff)),
    'customer.segment': orNull(customer?.segment),
    'customer.city': orNull(customer?.city),
    'customer.email': orNull(customer?.email),
    'agent.name': orNull(sources.agentName),
    'call.number': orNull(call.remoteNumber ? formatForDisplay(call.remoteNumber, sources.language) : call.remoteUser),
    'call.dialledNumber': orNull(dialled?.ok ? formatForDisplay(dialled.e164, sources.language) : call.dialledNumber),
    'call.queue': orNull(call.queue),
    'call.date': longDate(sources.now, sources.language),
  };
}
