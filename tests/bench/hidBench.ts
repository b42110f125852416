// Benchmark (plain Node, `npx tsx tests/bench/hidBench.ts`): headset input report → decoded change →
// dispatched call action, p50/p95 per report; plus descriptor parsing and LED report encoding. Prints figures.
//
// The report sequences are written by hand from each device's descriptor (bit positions as in
// tests/node/hid/realDescriptors.test.ts): answer, mute press/release, reject or hang up. No USB captures of
// these devices are available here; the bytes are what the descriptors say the devices send.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { describeHidDescriptor } from '../../electron/core/hid/describeHidDescriptor.js';
import { decodeInputReport, encodeOutputReports, type HidControlValues } from '../../electron/core/hid/hidReportCodec.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const descriptorDir = resolve(repoRoot, '../shared/testdata/hid-descriptors');

const sequences: Record<string, string[]> = {
  // Jabra EVOLVE LINK MS, report 2: bit 0 hook, bit 1 line busy (reject), bit 2 mute.
  '0b0e-0307': ['02 01 00', '02 05 00', '02 01 00', '02 00 00', '02 02 00', '02 00 00', '01 01 00', '01 00 00'],
  // Poly Voyager Base CD, report 1: bit 0 hook, bit 1 mute; report 0x1F is the consumer (volume) report.
  '047f-02ec': ['01 01', '01 03', '01 01', '1f 01 00', '1f 00 00', '01 00'],
  // EPOS IMPACT DW, report 2: bits 0-1 volume, bit 2 hook, bit 5 mute, bit 6 drop.
  '1395-00a2': ['02 04', '02 24', '02 04', '02 00', '02 40', '02 00'],
  // Yealink WH66, report 2: same layout as the Jabra.
  '6993-b02b': ['02 01 00', '02 05 00', '02 01 00', '02 00 00', '02 02 00', '02 00 00'],
};

type CallAction = 'answer' | 'hangUp' | 'toggleMute' | 'reject' | 'flash' | 'redial';

/** Stand-in for the call-control state machine (part 2 of the issue): changes → one action per press. */
function actionsFor(changes: HidControlValues): CallAction[] {
  const actions: CallAction[] = [];
  if (changes.hookSwitch !== undefined) actions.push(changes.hookSwitch ? 'answer' : 'hangUp');
  if (changes.phoneMute === 1) actions.push('toggleMute');
  if (changes.lineBusyTone === 1 || changes.drop === 1) actions.push('reject');
  if (changes.flash === 1) actions.push('flash');
  if (changes.redial === 1) actions.push('redial');
  return actions;
}

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function hex(text: string): Uint8Array {
  return Uint8Array.from(text.split(' ').map((token) => Number.parseInt(token, 16)));
}

const ROUNDS = 5000;
const dispatched = new Map<CallAction, number>();
const dispatch = (action: CallAction): void => {
  dispatched.set(action, (dispatched.get(action) ?? 0) + 1);
};

console.log(`HID call-control benchmark (Node ${process.version}, ${ROUNDS} rounds per device)\n`);
console.log('device       describe µs (median)   report→action µs p50 / p95 / p99 / max   LED encode µs p50');
for (const [device, reports] of Object.entries(sequences)) {
  const bytes = new Uint8Array(readFileSync(join(descriptorDir, `${device}.bin`)));

  const describeTimes = new Float64Array(200);
  let description = describeHidDescriptor(bytes);
  for (let i = 0; i < describeTimes.length; i++) {
    const started = performance.now();
    description = describeHidDescriptor(bytes);
    describeTimes[i] = (performance.now() - started) * 1000;
  }
  describeTimes.sort();

  const encoded = reports.map(hex);
  const samples = new Float64Array(ROUNDS * encoded.length);
  let state: HidControlValues = {};
  let sample = 0;
  for (let round = -500; round < ROUNDS; round++) {
    // Rounds below 0 warm the JIT and are not measured.
    for (const report of encoded) {
      const started = performance.now();
      const decoded = decodeInputReport(description, report, state);
      state = { ...state, ...decoded.values };
      for (const action of actionsFor(decoded.changes)) dispatch(action);
      const elapsed = (performance.now() - started) * 1000;
      if (round >= 0) samples[sample++] = elapsed;
    }
  }
  samples.sort();

  const encodeTimes = new Float64Array(2000);
  for (let i = 0; i < encodeTimes.length; i++) {
    const started = performance.now();
    encodeOutputReports(description, { ledOffHook: i % 2 === 0, ledMute: i % 3 === 0, ledRing: false });
    encodeTimes[i] = (performance.now() - started) * 1000;
  }
  encodeTimes.sort();

  const figures = [50, 95, 99].map((p) => percentile(samples, p).toFixed(2)).join(' / ');
  console.log(
    `${device}    ${percentile(describeTimes, 50).toFixed(1).padStart(8)}              ${figures} / ${samples[samples.length - 1]!.toFixed(1)}` +
      `        ${percentile(encodeTimes, 50).toFixed(2)}`,
  );
}
console.log(`\ndispatched actions, warm-up included: ${JSON.stringify(Object.fromEntries(dispatched))}`);
console.log('target: report → action ≤ 10 ms (10 000 µs) at p95');
