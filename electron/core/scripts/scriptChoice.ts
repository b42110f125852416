// Which script a call gets: the rules of the active scripts matched against the call (dialled number, queue,
// direction), then the customer's language. Plain Node (core). Rules are documented in ./README.md.
import type { ScriptChoice } from '../../shared/callScript.js';
import type { ScriptChoiceReason } from '../../shared/ipc/scripts.js';
import { fold } from '../../shared/text/fold.js';
import { normalizeCallerId, type CountryCode } from '../phone/index.js';

/** What a call tells about itself when it starts (from its calls:state). */
export interface CallFacts {
  callId: string;
  direction: 'inbound' | 'outbound';
  /** The other party, E.164 when it is a phone number. */
  remoteNumber?: string | undefined;
  remoteUser: string;
  /** Inbound: the number the caller dialled (seam 5: P-Called-Party-ID / To user). */
  dialledNumber?: string | undefined;
  /** Inbound: the queue the PBX routed the call through (X-Queue, else the Diversion user). */
  queue?: string | undefined;
}

export interface ChoiceCandidate {
  id: string;
  key: string;
  language: string;
  importedAt: number;
  choose: ScriptChoice | undefined;
}

export interface ChoicePreferences {
  /** Preferred languages, best first: the customer's, then the desk's. */
  languages: readonly (string | null | undefined)[];
  defaultCountry: CountryCode;
}

/** A dialled number as a comparable key: E.164 when it reads as a phone number, else its digits. */
export function dialledNumberKey(text: string, defaultCountry: CountryCode): string {
  const normalized = normalizeCallerId(text, { defaultCountry });
  if (normalized.ok) return normalized.e164;
  const digits = text.replace(/\D/g, '');
  return digits === '' ? fold(text) : digits;
}

export function queueKey(text: string): string {
  return fold(text).trim();
}

const primaryLanguage = (tag: string) => tag.toLowerCase().split(/[-_]/)[0] ?? '';

/**
 * The script for `call`, or undefined when no rule matches. Levels, first match wins: the dialled number
 * (inbound), the queue (inbound), the direction's default. Within a level: the first preferred language
 * any candidate has, then the most recently imported (candidates come in that order).
 */
export function chooseScript<C extends ChoiceCandidate>(
  candidates: readonly C[],
  call: Pick<CallFacts, 'direction' | 'dialledNumber' | 'queue'>,
  preferences: ChoicePreferences,
): { script: C; reason: Exclude<ScriptChoiceReason, 'operator'> } | undefined {
  const levels: { reason: Exclude<ScriptChoiceReason, 'operator'>; matches: (choose: ScriptChoice) => boolean }[] = [];
  if (call.direction === 'inbound') {
    if (call.dialledNumber) {
      const wanted = dialledNumberKey(call.dialledNumber, preferences.defaultCountry);
      levels.push({
        reason: 'dialledNumber',
        matches: (choose) =>
          choose.dialledNumbers.some((number) => dialledNumberKey(number, preferences.defaultCountry) === wanted),
      });
    }
    if (call.queue) {
      const wanted = queueKey(call.queue);
      levels.push({ reason: 'queue', matches: (choose) => choose.queues.some((queue) => queueKey(queue) === wanted) });
    }
    levels.push({ reason: 'inboundDefault', matches: (choose) => choose.inboundDefault });
  } else {
    levels.push({ reason: 'outboundDefault', matches: (choose) => choose.outboundDefault });
  }

  for (const level of levels) {
    const matching = candidates.filter((candidate) => candidate.choose !== undefined && level.matches(candidate.choose));
    if (matching.length === 0) continue;
    for (const language of preferences.languages) {
      if (!language) continue;
      const inLanguage = matching.find((candidate) => primaryLanguage(candidate.language) === primaryLanguage(language));
      if (inLanguage) return { script: inLanguage, reason: level.reason };
    }
    return { script: matching[0]!, reason: level.reason };
  }
  return undefined;
}

/** The rule keys a script claims, for finding two scripts of one import (same language) that claim the same call. */
export function claimedRules(choose: ScriptChoice, defaultCountry: CountryCode): string[] {
  return [
    ...(choose.inboundDefault ? ['the inbound default'] : []),
    ...(choose.outboundDefault ? ['the outbound default'] : []),
    ...choose.dialledNumbers.map((number) => `dialled number ${dialledNumberKey(number, defaultCountry)}`),
    ...choose.queues.map((queue) => `queue "${queueKey(queue)}"`),
  ];
}

/** A script's own rules plus the rules-file entries naming it. */
export function mergeChoices(own: ScriptChoice | undefined, fromRules: readonly ScriptChoice[]): ScriptChoice | undefined {
  const all = [...(own ? [own] : []), ...fromRules];
  if (all.length === 0) return undefined;
  const unique = (values: string[]) => [...new Set(values)];
  return {
    inboundDefault: all.some((choice) => choice.inboundDefault),
    outboundDefault: all.some((choice) => choice.outboundDefault),
    dialledNumbers: unique(all.flatMap((choice) => choice.dialledNumbers)),
    queues: unique(all.flatMap((choice) => choice.queues)),
  };
}
