// Keeps secrets and customer data out of log lines. Plain Node.
// Logs carry ids, codes and counts; any field whose name says it is secret is replaced, and long
// strings are cut so a pasted note or a SIP body never lands whole in a log file.
import type { LogFields } from '../ports.js';

const secretName = /pass(word)?|secret|token|credential|authorization|cookie|ha1/i;
const maxStringLength = 200;

export function redactFields(fields: LogFields | undefined, depth = 0): LogFields | undefined {
  if (fields === undefined) return undefined;
  const out: LogFields = {};
  for (const [name, value] of Object.entries(fields)) out[name] = secretName.test(name) ? '[redacted]' : redactValue(value, depth);
  return out;
}

function redactValue(value: unknown, depth: number): unknown {
  if (typeof value === 'string') {
    // A URL with a token in its query is a common leak: drop the query wholesale.
    const withoutQuery = /^[a-z][a-z0-9+.-]*:\/\/[^?\s]*\?/i.test(value) ? value.replace(/\?.*$/s, '?[redacted]') : value;
    return withoutQuery.length > maxStringLength ? `${withoutQuery.slice(0, maxStringLength)}…(${withoutQuery.length})` : withoutQuery;
  }
  if (Array.isArray(value)) return depth > 3 ? '[…]' : value.slice(0, 20).map((item) => redactValue(item, depth + 1));
  if (value !== null && typeof value === 'object') return depth > 3 ? '{…}' : redactFields(value as LogFields, depth + 1);
  return value;
}
