// Deterministic fuzz of the HID parser and codec (vitest, Node): thousands of mutations of the real headset
// descriptors plus random bytes; then random, truncated and oversized input reports fed to the call-control
// state machine attached to every real headset layout. Anything but a HidDescriptorError, a refused report that
// still dispatches a call action, or a slow case fails with the input's hex.
import { describe, expect, it } from 'vitest';
import { performance } from 'node:perf_hooks';
import { describeHidDescriptor, type HidDescription } from '../../../electron/core/hid/describeHidDescriptor.js';
import {
  HeadsetCallControl,
  HOOK_ECHO_WINDOW_MS,
  type CallControlPort,
  type HeadsetCallState,
} from '../../../electron/core/hid/headsetCallControl.js';
import { HidDescriptorError } from '../../../electron/core/hid/hidDescriptorError.js';
import { decodeInputReport, encodeOutputReports } from '../../../electron/core/hid/hidReportCodec.js';
import { HID_CONTROL_NAMES } from '../../../electron/core/hid/telephonyUsages.js';
import type { Clock, Logger } from '../../../electron/core/ports.js';
import { listDescriptorNames, loadDescriptor } from './hidTestData.js';
import { seededRandom } from '../../support/seededRandom.js';

const SEED = 0x5eed_0006;
const MUTATION_CASES = 3000;
const RANDOM_CASES = 1000;
/**
 * A hang detector, not a speed check (CI never gates on time): a case is parse + describe + a few decodes/encodes
 * of ≤ 4 KiB and takes well under a millisecond; only a runaway loop takes seconds, even on a loaded machine.
 */
const MAX_CASE_MS = 5_000;

/** mulberry32: small, seedable, good enough to spread mutations; Math.random would make failures unrepeatable. */
function createRandom(seed: number): { int(below: number): number; pick<T>(list: readonly T[]): T } {
  const next = seededRandom(seed);
  return {
    int: (below) => Math.floor(next() * below),
    pick: (list) => list[Math.floor(next() * list.length)]!,
  };
}

type Random = ReturnType<typeof createRandom>;

/** Bytes that steer the parser into its structural paths: collections, push/pop, long items, report IDs, 4-byte data. */
const INTERESTING = [
  0xc0, 0xa1, 0xa4, 0xb4, 0xfe, 0x85, 0x86, 0x95, 0x96, 0x75, 0x0b, 0x1b, 0x2b, 0xa9, 0x27, 0xff, 0x00, 0x81, 0x91, 0xb1,
];

function mutate(source: Uint8Array, donors: Uint8Array[], random: Random): Uint8Array {
  let bytes = [...source];
  const steps = 1 + random.int(4);
  for (let step = 0; step < steps; step++) {
    const at = random.int(bytes.length + 1);
    switch (random.int(8)) {
      case 0: // flip one bit
        if (bytes.length > 0) bytes[at % bytes.length]! ^= 1 << random.int(8);
        break;
      case 1: // overwrite with a random or structural byte
        if (bytes.length > 0) bytes[at % bytes.length] = random.int(2) ? random.int(256) : random.pick(INTERESTING);
        break;
      case 2: // insert a few bytes
        bytes.splice(at, 0, ...Array.from({ length: 1 + random.int(4) }, () => random.pick(INTERESTING)));
        break;
      case 3: // delete a run
        bytes.splice(at, 1 + random.int(16));
        break;
      case 4: // truncate
        bytes = bytes.slice(0, at);
        break;
      case 5: {
        // duplicate a slice (repeats collections, reports, push/pop pairs)
        const start = random.int(bytes.length + 1);
        bytes.splice(at, 0, ...bytes.slice(start, start + random.int(64)));
        break;
      }
      case 6: {
        // splice in part of another real descriptor
        const donor = random.pick(donors);
        const start = random.int(donor.length);
        bytes.splice(at, random.int(8), ...donor.subarray(start, start + random.int(128)));
        break;
      }
      default: // blow one item's data up to 4 bytes of 0xFF (huge sizes, counts, usages)
        bytes.splice(at, 0, 0x97 | (random.int(4) << 4), 0xff, 0xff, 0xff, 0xff);
    }
  }
  return Uint8Array.from(bytes);
}

function randomBytes(random: Random): Uint8Array {
  const length = random.pick([0, 1, 2, 3, 7, 64, 512, 4096, 4097, 6000, random.int(300)]);
  return Uint8Array.from({ length }, () => (random.int(3) === 0 ? random.pick(INTERESTING) : random.int(256)));
}

/** Feeds reports through the codec; only HidDescriptorError may come out. */
function exerciseCodec(description: HidDescription, random: Random): void {
  const inputs = description.reports.filter((report) => report.kind === 'input').slice(0, 4);
  for (const report of inputs) {
    const length = random.int(3) === 0 ? random.int(report.byteLength + 3) : report.byteLength;
    const data = Uint8Array.from({ length }, () => random.int(256));
    const bytes = description.usesReportIds
      ? Uint8Array.from([random.int(4) ? report.reportId : random.int(256), ...data])
      : data;
    expectOnlyHidErrors(() => decodeInputReport(description, bytes, { hookSwitch: 1 }));
  }
  const values = Object.fromEntries(
    HID_CONTROL_NAMES.filter(() => random.int(2) === 0).map((name) => [name, random.pick([0, 1, true, false, -1, 2, 255])]),
  );
  expectOnlyHidErrors(() => encodeOutputReports(description, values));
}

function expectOnlyHidErrors(run: () => unknown): void {
  try {
    run();
  } catch (error) {
    if (!(error instanceof HidDescriptorError)) throw error;
  }
}

function checkInvariants(description: HidDescription): void {
  for (const control of [...description.inputs, ...description.outputs, ...description.features]) {
    const report = description.reports.find((r) => r.kind === control.kind && r.reportId === control.reportId);
    if (!report) throw new Error(`${control.usage} points at an undeclared report`);
    const slots = control.array ? (control.arraySlots ?? 1) : 1;
    if (control.bitOffset + slots * control.bitSize > report.byteLength * 8)
      throw new Error(`${control.usage} overruns its report`);
    if (control.bitSize < 1 || control.bitSize > 32) throw new Error(`${control.usage} has ${control.bitSize} bits`);
    if (control.reportId < 0 || control.reportId > 255) throw new Error(`report ID ${control.reportId}`);
  }
  if (
    description.telephony !==
    [...description.inputs, ...description.outputs, ...description.features].some((c) => c.usagePage === 0x0b)
  ) {
    throw new Error('telephony flag disagrees with the controls');
  }
}

describe('HID fuzz', () => {
  const donors = listDescriptorNames().map(loadDescriptor);

  it(`survives ${MUTATION_CASES} mutated descriptors and ${RANDOM_CASES} random byte strings`, () => {
    const random = createRandom(SEED);
    const outcomes = { described: 0, telephony: 0, refused: 0 };
    const codes = new Set<string>();
    let slowest = 0;
    for (let index = 0; index < MUTATION_CASES + RANDOM_CASES; index++) {
      const input = index < MUTATION_CASES ? mutate(random.pick(donors), donors, random) : randomBytes(random);
      const started = performance.now();
      try {
        const description = describeHidDescriptor(input);
        checkInvariants(description);
        exerciseCodec(description, random);
        outcomes.described++;
        if (description.telephony) outcomes.telephony++;
      } catch (error) {
        if (!(error instanceof HidDescriptorError)) {
          const hex = Buffer.from(input).toString('hex');
          throw new Error(`case ${index} (seed ${SEED}): ${String(error)}\ninput: ${hex}`, { cause: error });
        }
        codes.add(error.code);
        outcomes.refused++;
      }
      const elapsed = performance.now() - started;
      slowest = Math.max(slowest, elapsed);
      expect(elapsed, `case ${index} took ${elapsed.toFixed(1)} ms`).toBeLessThan(MAX_CASE_MS);
    }
    // The mix must exercise both sides: descriptors that still parse (and drive the codec) and refusals of
    // several kinds. If mutations stopped reaching one side, this test would silently test less.
    expect(outcomes.described).toBeGreaterThan(500);
    expect(outcomes.telephony).toBeGreaterThan(300);
    expect(outcomes.refused).toBeGreaterThan(500);
    expect([...codes]).toEqual(
      expect.arrayContaining(['empty', 'too-large', 'truncated', 'unbalanced', 'invalid-item', 'limit']),
    );
    console.info(
      `hid fuzz: ${JSON.stringify(outcomes)}, error codes ${[...codes].sort().join(',')}, slowest ${slowest.toFixed(2)} ms`,
    );
  });
});

/** Reports per real telephony descriptor, and the largest report hidraw can hand over (HID_MAX_BUFFER_SIZE). */
const REPORT_CASES_PER_DEVICE = 1000;
const HIDRAW_MAX_REPORT_BYTES = 16384;
/** The whole report fuzz (11 layouts × 1000 reports) takes about a second here; this only catches a hang. */
const MAX_REPORT_FUZZ_MS = 120_000;

const callStates: HeadsetCallState[] = [
  { phase: 'idle' },
  { phase: 'ringing' },
  { phase: 'dialing' },
  { phase: 'connected', held: false, muted: false, lines: 1, waiting: false },
  { phase: 'connected', held: true, muted: true, lines: 2, waiting: true },
];

/** The only messages a bad report may produce (hidReportCodec.ts). */
const CLEAR_REPORT_ERROR = /^(Empty input report|Input report \d+ (is not declared by this device|arrived without data))$/;

/** Per-case checks without expect(): 16 500 cases × several expect() calls would be most of the run time. */
function fail(device: string, index: number, report: Uint8Array, problem: string): never {
  const hex = Buffer.from(report.subarray(0, 64)).toString('hex');
  throw new Error(
    `${device} report case ${index} (seed ${SEED}): ${problem}\nreport (first 64 bytes of ${report.length}): ${hex}`,
  );
}

describe('HID report fuzz', () => {
  const devices = listDescriptorNames()
    .map((name) => ({ name, description: describeHidDescriptor(loadDescriptor(name)) }))
    .filter((device) => device.description.telephony);

  it('refuses random, truncated and oversized reports with a clear report error and never acts on a refused one', () => {
    expect(devices.length).toBeGreaterThanOrEqual(8);
    const random = createRandom(SEED ^ 0x0e9047);
    let now = 1_700_000_000_000;
    const clock: Clock = { now: () => now, setTimeout: () => ({ cancel: () => undefined }) };
    const quiet: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
    const kinds = { random: 0, truncated: 0, oversized: 0, valid: 0 };
    const outcomes = { decoded: 0, refused: 0, actions: 0 };
    const messages = new Set<string>();
    const started = performance.now();

    for (const { name, description } of devices) {
      let actions = 0;
      const count = () => void actions++;
      const port: CallControlPort = {
        answer: count,
        decline: count,
        hangup: count,
        setMuted: count,
        holdOrResume: count,
        swapLines: count,
        redial: count,
      };
      const machine = new HeadsetCallControl({ port, clock, logger: quiet });
      machine.attach({ id: name, description, output: { write: () => undefined } });
      const inputs = description.reports.filter((report) => report.kind === 'input');
      const longest = Math.max(...inputs.map((report) => report.byteLength));

      for (let index = 0; index < REPORT_CASES_PER_DEVICE; index++) {
        now += HOOK_ECHO_WINDOW_MS + 1; // every press may count
        machine.setCallState(random.pick(callStates));
        const declared = random.pick(inputs);
        const data = Uint8Array.from({ length: declared.byteLength }, () => random.int(256));
        const valid = description.usesReportIds ? Uint8Array.from([declared.reportId, ...data]) : data;
        let report: Uint8Array;
        switch (random.int(4)) {
          case 0: // random bytes, any length including none
            kinds.random++;
            report = Uint8Array.from({ length: random.int(longest + 6) }, () => random.int(256));
            break;
          case 1: // cut short anywhere, down to the ID byte alone or nothing
            kinds.truncated++;
            report = valid.subarray(0, random.int(valid.length));
            break;
          case 2: {
            // padded: Windows hands every report at the longest input report's size; garbage up to hidraw's maximum
            kinds.oversized++;
            const extra = random.pick([1, longest, 64, HIDRAW_MAX_REPORT_BYTES - valid.length]);
            report = new Uint8Array(valid.length + extra).fill(random.int(256), valid.length); // one garbage byte value, fast at 16 KiB
            report.set(valid);
            // What a report declares is read from its declared part only: padding changes nothing.
            const padded = JSON.stringify(decodeInputReport(description, report).values);
            if (padded !== JSON.stringify(decodeInputReport(description, valid).values))
              fail(name, index, report, `padding changed the values to ${padded}`);
            break;
          }
          default:
            kinds.valid++;
            report = valid;
        }

        const caseStarted = performance.now();
        let refused = false;
        try {
          decodeInputReport(description, report);
          outcomes.decoded++;
        } catch (error) {
          // A clear error: the report kind, the report ID or "empty", never a stack of internals.
          if (!(error instanceof HidDescriptorError) || error.code !== 'report' || !CLEAR_REPORT_ERROR.test(error.message)) {
            fail(name, index, report, String(error));
          }
          messages.add((error as Error).message.replace(/\d+/, 'N'));
          refused = true;
          outcomes.refused++;
        }
        const before = actions;
        machine.handleInputReport(name, report); // throws only on a bug: the test fails with it
        if (refused && actions !== before) fail(name, index, report, 'a refused report dispatched a call action');
        outcomes.actions += actions - before;
        const took = performance.now() - caseStarted;
        if (took > MAX_CASE_MS) fail(name, index, report, `took ${took.toFixed(1)} ms`);
      }
    }
    const elapsed = performance.now() - started;
    expect(elapsed).toBeLessThan(MAX_REPORT_FUZZ_MS);
    // Both sides must be reached: reports that decode (and drive actions) and each kind of refusal.
    expect(outcomes.decoded).toBeGreaterThan(outcomes.refused);
    expect(outcomes.actions).toBeGreaterThan(100);
    expect([...messages].sort()).toEqual([
      'Empty input report',
      'Input report N arrived without data',
      'Input report N is not declared by this device',
    ]);
    console.info(
      `hid report fuzz: ${devices.length} layouts, ${JSON.stringify(kinds)}, ${JSON.stringify(outcomes)}, ${elapsed.toFixed(0)} ms`,
    );
  });
});
