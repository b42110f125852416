// Benchmark (plain Node, `npx tsx tests/bench/hidBench.ts`): headset button press → call action dispatched,
// through the real call-control state machine (decode the report, apply the rules, call the CallControlPort),
// p50/p95 per press; call state → LED output report written; and descriptor parsing. Then the same presses
// through HeadsetService and the node-hid transport (an in-memory node-hid emitting 'data' as HIDAsync does), which
// adds the handle, the service and the copy of each report. Prints figures.
//
// The reports are written by hand from each device's descriptor (bit positions as in
// tests/node/hid/realDescriptors.test.ts): answer with the hook switch, mute press and release, hang up on-hook.
// No USB captures of these devices are available here; the bytes are what the descriptors say the devices send.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { describeHidDescriptor } from '../../electron/core/hid/describeHidDescriptor.js';
import {
  HeadsetCallControl,
  HOOK_ECHO_WINDOW_MS,
  type CallControlAction,
  type CallControlPort,
  type HeadsetCallState,
} from '../../electron/core/hid/headsetCallControl.js';
import { createHeadsetService } from '../../electron/core/hid/headsetService.js';
import { createNodeHidTransport } from '../../electron/core/hid/nodeHidTransport.js';
import type { Clock, Logger } from '../../electron/core/ports.js';
import { settingDefinitions, type SettingKey, type SettingValue } from '../../electron/shared/settings.js';
import { FakeNodeHid, jabraWindows } from '../node/hid/fakeNodeHid.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const descriptorDir = resolve(repoRoot, '../shared/testdata/hid-descriptors');

/** One call per round: [call state before the report, report bytes, the action it must dispatch or null]. */
type Step = [HeadsetCallState, string, CallControlAction | null];

const ringing: HeadsetCallState = { phase: 'ringing' };
const talking: HeadsetCallState = { phase: 'connected', held: false, muted: false, lines: 1, waiting: false };

/** answer (off-hook), mute press, mute release, hang up (on-hook). */
function callSteps(offHook: string, mutePressed: string, onHook: string): Step[] {
  return [
    [ringing, offHook, 'answer'],
    [talking, mutePressed, 'setMuted'],
    [talking, offHook, null],
    [talking, onHook, 'hangup'],
  ];
}

const devices: Record<string, Step[]> = {
  // Jabra EVOLVE LINK MS, report 2: bit 0 hook, bit 2 mute.
  '0b0e-0307': callSteps('02 01 00', '02 05 00', '02 00 00'),
  // Poly Voyager Base CD, report 1: bit 0 hook, bit 1 mute.
  '047f-02ec': callSteps('01 01', '01 03', '01 00'),
  // EPOS IMPACT DW, report 2: bit 2 hook, bit 5 mute.
  '1395-00a2': callSteps('02 04', '02 24', '02 00'),
  // Yealink WH66, report 2: same layout as the Jabra.
  '6993-b02b': callSteps('02 01 00', '02 05 00', '02 00 00'),
};

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function hex(text: string): Uint8Array {
  return Uint8Array.from(text.split(' ').map((token) => Number.parseInt(token, 16)));
}

/** Time moves only between steps, past the hook-echo window, so every press counts. */
let fakeNow = 1_700_000_000_000;
const clock: Clock = { now: () => fakeNow, setTimeout: () => ({ cancel: () => undefined }) };

/** The machine logs every action; a logger that keeps lines would grow the heap and time the GC, not the rules. */
const quietLogger: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

const ROUNDS = 5000;
const WARM_UP_ROUNDS = 500;

console.log(`HID call control through the state machine (Node ${process.version}, ${ROUNDS} calls per device)\n`);
console.log('device       describe µs   press→action dispatched µs p50 / p95 / p99 / max   state→LED written µs p50 / p95');
let anyMissed = false;
for (const [device, steps] of Object.entries(devices)) {
  const bytes = new Uint8Array(readFileSync(join(descriptorDir, `${device}.bin`)));
  const describeTimes = new Float64Array(200);
  let description = describeHidDescriptor(bytes);
  for (let i = 0; i < describeTimes.length; i++) {
    const started = performance.now();
    description = describeHidDescriptor(bytes);
    describeTimes[i] = (performance.now() - started) * 1000;
  }
  describeTimes.sort();

  // The port stamps the moment the action reaches it: that is "dispatched".
  let dispatchedAt = 0;
  let dispatched: CallControlAction | null = null;
  const stamp = (action: CallControlAction) => () => {
    dispatchedAt = performance.now();
    dispatched = action;
  };
  const port: CallControlPort = {
    answer: stamp('answer'),
    decline: stamp('decline'),
    hangup: stamp('hangup'),
    setMuted: stamp('setMuted'),
    holdOrResume: stamp('holdOrResume'),
    swapLines: stamp('swapLines'),
    redial: stamp('redial'),
  };
  let writtenAt = 0;
  const machine = new HeadsetCallControl({ port, clock, logger: quietLogger });
  machine.attach({ id: device, description, output: { write: () => void (writtenAt = performance.now()) } });

  const actionSteps = steps.filter((step) => step[2] !== null).length;
  const pressTimes = new Float64Array(ROUNDS * actionSteps);
  const ledTimes = new Float64Array(ROUNDS * steps.length);
  let pressSample = 0;
  let ledSample = 0;
  const reports = steps.map(([, report]) => hex(report));
  for (let round = -WARM_UP_ROUNDS; round < ROUNDS; round++) {
    // Rounds below 0 warm the JIT and are not measured.
    for (const [index, [state, , expected]] of steps.entries()) {
      fakeNow += HOOK_ECHO_WINDOW_MS + 1;
      writtenAt = 0;
      const stateSet = performance.now();
      machine.setCallState(state);
      if (round >= 0 && writtenAt > 0) ledTimes[ledSample++] = (writtenAt - stateSet) * 1000;

      dispatched = null;
      const pressed = performance.now();
      machine.handleInputReport(device, reports[index]!);
      if (dispatched !== expected) anyMissed = true;
      if (round >= 0 && expected !== null) pressTimes[pressSample++] = (dispatchedAt - pressed) * 1000;
    }
    machine.setCallState({ phase: 'idle' });
  }
  const presses = pressTimes.subarray(0, pressSample).sort();
  const leds = ledTimes.subarray(0, ledSample).sort();
  const pressFigures = [50, 95, 99].map((p) => percentile(presses, p).toFixed(2)).join(' / ');
  const ledFigures = [50, 95].map((p) => percentile(leds, p).toFixed(2)).join(' / ');
  console.log(
    `${device}   ${percentile(describeTimes, 50).toFixed(1).padStart(8)}      ${pressFigures} / ${presses[presses.length - 1]!.toFixed(1)}` +
      `              ${ledFigures}`,
  );
}

// The same Jabra presses, arriving as node-hid 'data' events at the transport's handle.
{
  const hid = new FakeNodeHid();
  hid.entries = [jabraWindows(1, 0x0b, 5)];
  const path = hid.entries[0]!.path!;
  hid.descriptors.set(path, new Uint8Array(readFileSync(join(descriptorDir, '0b0e-0307.bin'))));
  let dispatchedAt = 0;
  let dispatched: CallControlAction | null = null;
  const stamp = (action: CallControlAction) => () => {
    dispatchedAt = performance.now();
    dispatched = action;
  };
  const service = createHeadsetService({
    transport: createNodeHidTransport({ clock, logger: quietLogger, platform: 'win32', load: hid.loaded() }),
    settings: {
      get: <K extends SettingKey>(key: K) => settingDefinitions[key].builtin as SettingValue<K>,
      onChange: () => () => undefined,
    },
    callControl: {
      answer: stamp('answer'),
      decline: stamp('decline'),
      hangup: stamp('hangup'),
      setMuted: stamp('setMuted'),
      holdOrResume: stamp('holdOrResume'),
      swapLines: stamp('swapLines'),
      redial: stamp('redial'),
    },
    clock,
    logger: quietLogger,
    events: { emit: () => undefined },
    systemLocale: 'en',
  });
  await service.start();
  const device = hid.opened.get(path)!;
  const steps = devices['0b0e-0307']!;
  const buffers = steps.map(([, report]) => Buffer.from(hex(report)));
  const times = new Float64Array(ROUNDS * steps.filter((step) => step[2] !== null).length);
  let sample = 0;
  for (let round = -WARM_UP_ROUNDS; round < ROUNDS; round++) {
    for (const [index, [state, , expected]] of steps.entries()) {
      fakeNow += HOOK_ECHO_WINDOW_MS + 1;
      service.setCallState(state);
      dispatched = null;
      const pressed = performance.now();
      device.emit('data', buffers[index]!);
      if (dispatched !== expected) anyMissed = true;
      if (round >= 0 && expected !== null) times[sample++] = (dispatchedAt - pressed) * 1000;
    }
    service.setCallState({ phase: 'idle' });
  }
  await service.stop();
  const sorted = times.subarray(0, sample).sort();
  const figures = [50, 95, 99].map((p) => percentile(sorted, p).toFixed(2)).join(' / ');
  console.log(`\nthrough HeadsetService + node-hid handle (0b0e-0307): press→action dispatched µs p50 / p95 / p99 ${figures}`);
}

console.log(`\nevery press dispatched the expected action: ${anyMissed ? 'NO — check the report bytes' : 'yes'}`);
console.log('target: press → action dispatched ≤ 10 ms (10 000 µs) at p95');
if (anyMissed) process.exitCode = 1;
