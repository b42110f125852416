// Benchmark of normalizeCallerId over a realistic mix of caller IDs (p50/p95/p99 per call), then typed
// numbers as a customer import reads them, fast paths against the libphonenumber-only reference (µs per call).
// Plain Node script, not a test (architecture §6): `npx tsx tests/bench/phoneBench.ts [iterations]`, or `npm run bench phone`.
import { performance } from 'node:perf_hooks';
import { normalizeCallerIdReference } from '../../electron/core/phone/callerId.js';
import { normalizeCallerId, type NormalizeCallerIdOptions } from '../../electron/core/phone/index.js';
import { seededRandom } from '../support/seededRandom.js';

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

// --- Typed numbers (customer CSV import): fast paths vs. the libphonenumber-only reference. ---

const random = seededRandom(2024);
const digits = (count: number): string => Array.from({ length: count }, () => String(Math.floor(random() * 10))).join('');
const pickOne = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

/** 2,000 distinct numbers per group, written the way the import files write them. */
const typedGroups: { group: string; inputs: string[] }[] = [
  {
    group: 'TR national',
    inputs: Array.from({ length: 2_000 }, () => {
      const area = pickOne(['532', '533', '542', '505', '555', '212', '216', '312', '232']);
      const [a, b] = [digits(3), digits(4)];
      return pickOne([
        `0${area} ${a} ${b.slice(0, 2)} ${b.slice(2)}`,
        `0${area}${a}${b}`,
        `(0${area}) ${a}-${b}`,
        `${area} ${a} ${b}`,
      ]);
    }),
  },
  {
    group: 'international',
    inputs: Array.from({ length: 2_000 }, () =>
      pickOne([
        `+44 20 7946 ${digits(4)}`,
        `+49 30 ${digits(7)}`,
        `00 49 30 ${digits(7)}`,
        `+7 912 ${digits(3)}-${digits(2)}-${digits(2)}`,
        `+1 (212) 555-${digits(4)}`,
        `+33 6 ${digits(2)} ${digits(2)} ${digits(2)} ${digits(2)}`,
        `+994 50 ${digits(7)}`,
        `+90 532 ${digits(7)}`,
      ]),
    ),
  },
];

/** Mean µs per call over `rounds` passes through the inputs, after one untimed pass. */
function meanMicroseconds(inputs: string[], run: (input: string) => unknown, rounds: number): number {
  for (const input of inputs) run(input);
  const started = performance.now();
  for (let round = 0; round < rounds; round += 1) for (const input of inputs) run(input);
  return ((performance.now() - started) * 1000) / (rounds * inputs.length);
}

console.log(`\ntyped numbers, default country TR (µs per normalizeCallerId, mean)`);
console.log(`${'group'.padEnd(14)} ${'reference'.padStart(10)} ${'fast'.padStart(10)} ${'speed-up'.padStart(9)}  accepted`);
for (const { group, inputs } of typedGroups) {
  const reference = meanMicroseconds(inputs, (input) => normalizeCallerIdReference(input, TR), 3);
  const fast = meanMicroseconds(inputs, (input) => normalizeCallerId(input, TR), 30);
  const accepted = inputs.filter((input) => normalizeCallerId(input, TR).ok).length;
  console.log(
    `${group.padEnd(14)} ${reference.toFixed(2).padStart(7)} µs ${fast.toFixed(2).padStart(7)} µs ${`${(reference / fast).toFixed(1)}x`.padStart(9)}  ${accepted}/${inputs.length}`,
  );
}
