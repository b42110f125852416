// Benchmark of normalizeCallerId over a realistic mix of caller IDs; prints p50/p95/p99 per call.
// Plain Node script, not a test (architecture §6): `npx tsx tests/bench/phoneBench.ts [iterations]`.
import { performance } from 'node:perf_hooks';
import { normalizeCallerId, type NormalizeCallerIdOptions } from '../../electron/core/phone/index.js';

const TR: NormalizeCallerIdOptions = { defaultCountry: 'TR' };
const TR0: NormalizeCallerIdOptions = { defaultCountry: 'TR', outsideLinePrefix: '0' };
const US9: NormalizeCallerIdOptions = { defaultCountry: 'US', outsideLinePrefix: '9' };

/** Inputs grouped the way they reach the desk; weights roughly follow a Turkish call centre's day. */
const mix: { group: string; weight: number; input: string; options: NormalizeCallerIdOptions }[] = [
  { group: 'sip e164', weight: 30, input: '<sip:+905321234567@trunk.example.net;user=phone>;tag=a8f3', options: TR },
  { group: 'sip e164', weight: 10, input: 'sip:+79123456789@gw.example.ru;user=phone', options: TR },
  { group: 'name-addr', weight: 20, input: '"Ayşe Yılmaz" <sip:05321234567@10.0.0.1>;tag=1928301774', options: TR },
  { group: 'name-addr', weight: 5, input: 'Иван Петров <sip:%2B7%20912%20345%2067%2089@pbx>', options: TR },
  { group: 'national', weight: 10, input: '0212 234 56 78', options: TR },
  { group: 'national', weight: 5, input: '5321234567', options: TR },
  { group: 'national', weight: 5, input: '905321234567', options: TR },
  { group: 'outside line', weight: 5, input: '005321234567', options: TR0 },
  { group: 'outside line', weight: 3, input: '9 1 212 555 1234', options: US9 },
  { group: 'tel uri', weight: 3, input: 'tel:5321234567;phone-context=+90', options: TR },
  { group: 'extension', weight: 2, input: '0212 234 56 78 dahili 34', options: TR },
  { group: 'anonymous', weight: 5, input: 'sip:anonymous@anonymous.invalid', options: TR },
  { group: 'invalid', weight: 3, input: 'sip:reception@pbx.example.com', options: TR },
  { group: 'invalid', weight: 2, input: '0132 123 45 67', options: TR },
  { group: 'unicode', weight: 1, input: '\u202E０５３２ １２３ ４５ ６７\u202C', options: TR },
  { group: 'junk', weight: 1, input: `"${'\u0301'.repeat(200)}" <sip:${'9'.repeat(200)}@x>`, options: TR },
];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

function microseconds(ms: number): string {
  return `${(ms * 1000).toFixed(1).padStart(7)} µs`;
}

const iterations = Number(process.argv[2] ?? 50_000);
const schedule = mix.flatMap((entry) => Array.from({ length: entry.weight }, () => entry));

// Warm-up: let V8 optimise and libphonenumber load its metadata before anything is timed.
for (let i = 0; i < 5_000; i += 1) {
  const entry = schedule[i % schedule.length]!;
  normalizeCallerId(entry.input, entry.options);
}

const all: number[] = [];
const byGroup = new Map<string, number[]>();
let accepted = 0;
const started = performance.now();
for (let i = 0; i < iterations; i += 1) {
  const entry = schedule[(i * 7919) % schedule.length]!; // a prime stride mixes the groups
  const t0 = performance.now();
  const result = normalizeCallerId(entry.input, entry.options);
  const elapsed = performance.now() - t0;
  if (result.ok) accepted += 1;
  all.push(elapsed);
  const times = byGroup.get(entry.group) ?? [];
  times.push(elapsed);
  byGroup.set(entry.group, times);
}
const wall = performance.now() - started;

console.log(`normalizeCallerId — ${iterations} calls, ${mix.length} inputs, node ${process.version}`);
console.log(`${'group'.padEnd(14)} ${'calls'.padStart(7)} ${'p50'.padStart(10)} ${'p95'.padStart(10)} ${'p99'.padStart(10)}`);
for (const [group, times] of [...byGroup, ['ALL', all] as const]) {
  const sorted = [...times].sort((a, b) => a - b);
  console.log(
    `${group.padEnd(14)} ${String(sorted.length).padStart(7)} ${microseconds(percentile(sorted, 50))} ${microseconds(percentile(sorted, 95))} ${microseconds(percentile(sorted, 99))}`,
  );
}
console.log(`throughput: ${Math.round(iterations / (wall / 1000))} calls/s; accepted ${accepted} of ${iterations}`);
