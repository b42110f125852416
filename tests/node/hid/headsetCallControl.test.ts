// The headset call-control state machine against real headset layouts (vitest, Node): input report bytes as
// the devices send them (bit positions from each real descriptor, see realDescriptors.test.ts), the exact
// output report bytes written back, and the call actions dispatched. Time is a manual clock.
import { describe, expect, it } from 'vitest';
import { describeHidDescriptor } from '../../../electron/core/hid/describeHidDescriptor.js';
import {
  HeadsetCallControl,
  HOOK_ECHO_WINDOW_MS,
  type CallControlPort,
  type HeadsetCallState,
} from '../../../electron/core/hid/headsetCallControl.js';
import { MemoryLogger } from '../../../electron/core/log/memoryLogger.js';
import { hexBytes, loadDescriptor } from './hidTestData.js';
import { ManualClock } from '../../support/manualClock.js';
import { seededRandom } from '../../support/seededRandom.js';

const idle: HeadsetCallState = { phase: 'idle' };
const ringing: HeadsetCallState = { phase: 'ringing' };
const dialing: HeadsetCallState = { phase: 'dialing' };
function connected(overrides: Partial<Extract<HeadsetCallState, { phase: 'connected' }>> = {}): HeadsetCallState {
  return { phase: 'connected', held: false, muted: false, lines: 1, waiting: false, ...overrides };
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join(' ');
}

/** One headset (by descriptor) wired to a recording port and output sink. */
function harness(descriptor: Uint8Array | string, options: { failing?: string[] } = {}) {
  const clock = new ManualClock();
  const logger = new MemoryLogger();
  const actions: string[] = [];
  const record = (action: string) => () => {
    actions.push(action);
    if (options.failing?.includes(action)) return Promise.reject(new Error(`${action} refused`));
  };
  const port: CallControlPort = {
    answer: record('answer'),
    decline: record('decline'),
    hangup: record('hangup'),
    holdOrResume: record('holdOrResume'),
    swapLines: record('swapLines'),
    redial: record('redial'),
    setMuted: (muted) => record(`setMuted(${muted})`)(),
  };
  const machine = new HeadsetCallControl({ port, clock, logger });
  const description = describeHidDescriptor(typeof descriptor === 'string' ? loadDescriptor(descriptor) : descriptor);
  let written: string[] = [];
  const attach = (id = 'headset') =>
    machine.attach({ id, description, output: { write: (report) => void written.push(hex(report)) } });
  return {
    clock,
    logger,
    machine,
    actions,
    attach,
    /** Replays one input report as hidraw delivers it (report-ID byte first). */
    report: (bytes: string, id = 'headset') => machine.handleInputReport(id, hexBytes(bytes)),
    /** Output reports written since the last call. */
    written: () => {
      const out = written;
      written = [];
      return out;
    },
  };
}

describe('Jabra EVOLVE LINK MS (0b0e-0307): one input and one output report, absolute hook, relative mute', () => {
  // Input report 2: bit 0 Hook Switch, bit 1 Line Busy Tone, bit 2 Phone Mute, bit 3 Flash, bit 4 Redial.
  // Output report 2: bit 0 Off-Hook, 1 Mute, 2 Ring, 3 Hold, 4 Microphone, 5 Ringer.
  it('rings, answers from the headset, toggles mute with the LED following, hangs up on-hook', () => {
    const h = harness('0b0e-0307');
    h.attach();
    expect(h.written()).toEqual(['02 00 00']); // the whole LED state, once, on attach

    h.machine.setCallState(ringing);
    expect(h.written()).toEqual(['02 24 00']); // Ring LED (bit 2) + Ringer (bit 5)

    h.report('02 01 00'); // hook switch off-hook
    expect(h.actions).toEqual(['answer']);
    h.machine.setCallState(connected());
    expect(h.written()).toEqual(['02 01 00']); // Off-Hook only: ringing stops

    h.clock.advance(50);
    h.report('02 01 00'); // the headset confirms our Off-Hook: no change, no action
    h.report('02 05 00'); // Phone Mute pressed (bit 2)
    h.report('02 01 00'); // released
    expect(h.actions).toEqual(['answer', 'setMuted(true)']);
    expect(h.written()).toEqual([]); // the LED waits for the softphone to confirm
    h.machine.setCallState(connected({ muted: true }));
    expect(h.written()).toEqual(['02 03 00']); // Off-Hook + Mute

    h.report('02 05 00');
    h.report('02 01 00');
    expect(h.actions.at(-1)).toBe('setMuted(false)');
    h.machine.setCallState(connected());
    expect(h.written()).toEqual(['02 01 00']);

    h.clock.advance(HOOK_ECHO_WINDOW_MS);
    h.report('02 00 00'); // on-hook
    expect(h.actions).toEqual(['answer', 'setMuted(true)', 'setMuted(false)', 'hangup']);
    h.machine.setCallState(idle);
    expect(h.written()).toEqual(['02 00 00']);
  });

  it('ignores the hook echo after the app sets Off-Hook, so a late on-hook echo cannot end the next call', () => {
    const h = harness('0b0e-0307');
    h.attach();
    h.clock.advance(1000);
    h.machine.setCallState(ringing);
    h.machine.setCallState(connected()); // answered in the UI
    h.clock.advance(100);
    h.report('02 01 00'); // the headset follows Off-Hook and reports it
    h.clock.advance(900);
    h.machine.setCallState(idle); // the caller hung up: we clear Off-Hook at t0
    h.machine.setCallState(ringing); // the next call rings at once…
    h.clock.advance(200);
    h.machine.setCallState(connected()); // …and is answered in the UI at t0+200
    h.clock.advance(150);
    h.report('02 00 00'); // t0+350: the late echo of the first on-hook
    h.clock.advance(100);
    h.report('02 01 00'); // t0+450: echo of the second off-hook
    expect(h.actions).toEqual([]); // nothing hung up
    h.clock.advance(HOOK_ECHO_WINDOW_MS);
    h.report('02 00 00'); // the operator really goes on-hook
    expect(h.actions).toEqual(['hangup']);
  });

  it('acts on a hook change once the echo window is over', () => {
    const h = harness('0b0e-0307');
    h.attach();
    h.machine.setCallState(connected());
    h.clock.advance(HOOK_ECHO_WINDOW_MS - 1);
    h.report('02 00 00');
    expect(h.actions).toEqual([]);
    h.report('02 01 00');
    h.clock.advance(1);
    h.report('02 00 00');
    expect(h.actions).toEqual(['hangup']);
  });

  it('takes a second mute press before the softphone answered as "flip back"', () => {
    const h = harness('0b0e-0307');
    h.attach();
    h.machine.setCallState(connected());
    h.report('02 05 00');
    h.report('02 01 00');
    h.report('02 05 00');
    h.report('02 01 00');
    expect(h.actions).toEqual(['setMuted(true)', 'setMuted(false)']);
  });

  it('Flash holds/resumes one call, swaps two, answers a call waiting; Redial only when idle', () => {
    const h = harness('0b0e-0307');
    h.attach();
    h.machine.setCallState(connected());
    h.report('02 09 00'); // off-hook + Flash (bit 3)
    h.report('02 01 00');
    h.machine.setCallState(connected({ held: true }));
    expect(h.written()).toEqual(['02 00 00', '02 01 00', '02 09 00']); // attach, call, then Off-Hook + Hold
    h.machine.setCallState(connected({ lines: 2 }));
    h.report('02 09 00');
    h.report('02 01 00');
    h.machine.setCallState(connected({ waiting: true }));
    expect(h.written().at(-1)).toBe('02 05 00'); // a call waits: Ring LED, no Ringer in the operator's ear
    h.report('02 09 00');
    h.report('02 11 00'); // Redial (bit 4) during a call: ignored
    expect(h.actions).toEqual(['holdOrResume', 'swapLines', 'answer']);
    h.machine.setCallState(idle);
    h.clock.advance(HOOK_ECHO_WINDOW_MS);
    h.report('02 00 00'); // back on hook (no call: nothing to do)
    h.report('02 10 00'); // Redial
    expect(h.actions).toEqual(['holdOrResume', 'swapLines', 'answer', 'redial']);
  });

  it('ignores mute and Line Busy Tone without a call, and puts a headset that went off-hook on its own back on hook', () => {
    const h = harness('0b0e-0307');
    h.attach();
    h.written();
    h.report('02 04 00'); // mute press, idle
    h.report('02 02 00'); // Line Busy Tone
    expect(h.actions).toEqual([]);
    expect(h.written()).toEqual([]);
    h.report('02 01 00'); // off-hook with nothing to answer
    expect(h.actions).toEqual([]);
    expect(h.written()).toEqual(['02 00 00']); // LED state re-sent: the headset drops back on hook
    h.clock.advance(100);
    h.report('02 00 00'); // and reports it: an echo, no action
    expect(h.actions).toEqual([]);
  });

  it('an outbound call lights Off-Hook while dialing, and on-hook cancels it', () => {
    const h = harness('0b0e-0307');
    h.attach();
    h.written();
    h.machine.setCallState(dialing);
    expect(h.written()).toEqual(['02 01 00']);
    h.report('02 05 00'); // mute during dialing: nothing to mute yet
    h.clock.advance(HOOK_ECHO_WINDOW_MS);
    h.report('02 00 00');
    expect(h.actions).toEqual(['hangup']);
  });

  it('replugged during a call: Off-Hook is restored and the headset’s first report is not read as a hook change', () => {
    const h = harness('0b0e-0307');
    h.machine.setCallState(connected({ muted: true }));
    h.attach();
    expect(h.written()).toEqual(['02 03 00']);
    h.report('02 01 00');
    expect(h.actions).toEqual([]);
  });

  it('survives junk reports: undeclared report IDs and empty reads are logged, never thrown', () => {
    const h = harness('0b0e-0307');
    h.attach();
    h.machine.setCallState(ringing);
    expect(() => h.report('77 01')).not.toThrow();
    expect(() => h.machine.handleInputReport('headset', new Uint8Array(0))).not.toThrow();
    h.report('02'); // a truncated read: no data, so no hook value
    expect(h.actions).toEqual([]);
    expect(h.logger.lines.filter((line) => line.message === 'headset report refused')).toHaveLength(3);
    h.report('01 01 00'); // the consumer-control report (volume): no call control in it
    expect(h.actions).toEqual([]);
  });

  it('logs a refused action and lets the next mute press start from the confirmed state', async () => {
    const h = harness('0b0e-0307', { failing: ['setMuted(true)'] });
    h.attach();
    h.machine.setCallState(connected());
    h.report('02 05 00');
    h.report('02 01 00');
    await Promise.resolve();
    expect(h.logger.lines.some((line) => line.message === 'headset call action failed')).toBe(true);
    h.report('02 05 00');
    expect(h.actions).toEqual(['setMuted(true)', 'setMuted(true)']);
  });
});

describe('Poly Voyager Base CD (047f-02ec): one output report per LED, absolute Flash', () => {
  // Input report 1: bit 0 Hook Switch, bit 1 Phone Mute (relative), bit 2 Flash (absolute), bit 3 Redial.
  // Output reports: 1 = Ring, 3 = Mute, 4 = Off-Hook, 5 = Hold, one bit each. No Ringer.
  it('writes only the reports whose LED changed', () => {
    const h = harness('047f-02ec');
    h.attach();
    expect(h.written()).toEqual(['01 00', '03 00', '04 00', '05 00']);
    h.machine.setCallState(ringing);
    expect(h.written()).toEqual(['01 01']);
    h.report('01 01');
    expect(h.actions).toEqual(['answer']);
    h.machine.setCallState(connected());
    expect(h.written()).toEqual(['01 00', '04 01']);

    h.report('01 05'); // Flash held down (absolute: 1 while pressed)
    h.report('01 05'); // still held: one action only
    h.report('01 01'); // released
    expect(h.actions).toEqual(['answer', 'holdOrResume']);
    h.machine.setCallState(connected({ held: true }));
    expect(h.written()).toEqual(['05 01']);

    h.report('01 03'); // mute press
    h.report('01 01');
    h.machine.setCallState(connected({ held: true, muted: true }));
    expect(h.written()).toEqual(['03 01']);
    expect(h.actions).toEqual(['answer', 'holdOrResume', 'setMuted(true)']);
  });
});

describe('EPOS IMPACT DW (1395-00a2): LEDs and Ringer packed in report 3, Drop button', () => {
  // Input report 2: bits 0-1 volume, bit 2 Hook Switch, bit 3 Flash, bit 4 Redial, bit 5 Mute, bit 6 Drop.
  // Output report 3: bit 0 Ringer, 1 Off-Hook, 2 Microphone, 3 Ring, 4 Mute, 5 On-Line, 6 Hold.
  it('Drop declines a ringing call and hangs up a live one; volume presses do nothing', () => {
    const h = harness('1395-00a2');
    h.attach();
    expect(h.written()).toEqual(['03 00']);
    h.machine.setCallState(ringing);
    expect(h.written()).toEqual(['03 09']); // Ringer + Ring
    h.report('02 40'); // Drop
    h.report('02 00');
    expect(h.actions).toEqual(['decline']);
    h.machine.setCallState(idle);
    h.machine.setCallState(ringing);
    h.clock.advance(HOOK_ECHO_WINDOW_MS);
    h.report('02 04'); // off-hook
    h.machine.setCallState(connected());
    expect(h.written()).toEqual(['03 00', '03 09', '03 22']); // Off-Hook + On-Line
    h.report('02 07'); // volume up + down while off-hook
    h.report('02 24'); // Mute
    h.report('02 04');
    h.machine.setCallState(connected({ muted: true }));
    expect(h.written()).toEqual(['03 32']);
    h.report('02 44'); // Drop during the call
    expect(h.actions).toEqual(['decline', 'answer', 'setMuted(true)', 'hangup']);
  });
});

describe('two headsets', () => {
  it('only the active one drives calls; the other one’s presses are logged and dropped', () => {
    const h = harness('0b0e-0307');
    h.attach('/dev/hidraw2');
    h.machine.setCallState(ringing);
    h.report('01 01', '/dev/hidraw5'); // a Poly's off-hook on another device
    h.report('02 01 00', '/dev/hidraw5');
    expect(h.actions).toEqual([]);
    expect(h.logger.lines.filter((line) => line.message === 'headset input ignored: not the active headset')).toHaveLength(2);
    h.report('02 01 00', '/dev/hidraw2');
    expect(h.actions).toEqual(['answer']);
  });

  it('letting a plugged-in headset go switches its ringer and LEDs off first', () => {
    const h = harness('0b0e-0307');
    h.attach('/dev/hidraw2');
    h.machine.setCallState(ringing);
    h.written();
    h.machine.detach('/dev/hidraw2', { turnOff: true });
    expect(h.written()).toEqual(['02 00 00']);
    h.machine.detach('/dev/hidraw2', { turnOff: true }); // already gone: nothing more
    expect(h.written()).toEqual([]);
  });

  it('after detach nothing drives calls and nothing is written', () => {
    const h = harness('0b0e-0307');
    h.attach('/dev/hidraw2');
    h.written();
    h.machine.detach('/dev/hidraw2');
    h.machine.setCallState(ringing);
    h.report('02 01 00', '/dev/hidraw2');
    expect(h.actions).toEqual([]);
    expect(h.written()).toEqual([]);
  });
});

describe('hook switch and mute kinds', () => {
  // Hand-written descriptor: a Telephony Headset whose Hook Switch and Phone Mute are relative (81 06: presses),
  // input report 1 bits 0-1; LEDs Off-Hook and Ring in output report 2 bits 0-1.
  const relativeHook = hexBytes(
    '05 0b 09 05 a1 01 85 01 15 00 25 01 75 01 95 01 09 20 81 06 09 2f 81 06 95 06 81 01 ' +
      '05 08 85 02 95 01 09 17 91 02 09 18 91 02 95 06 91 01 c0',
  );
  // The same with an absolute Phone Mute (81 02): the value is the mute state, not a press.
  const absoluteMute = hexBytes(
    '05 0b 09 05 a1 01 85 01 15 00 25 01 75 01 95 01 09 20 81 02 09 2f 81 02 95 06 81 01 ' +
      '05 08 85 02 95 01 09 17 91 02 09 09 91 02 95 06 91 01 c0',
  );

  it('relative hook: a press answers a ringing call and ends a live one, with no echo window', () => {
    const h = harness(relativeHook);
    expect(describeHidDescriptor(relativeHook).inputs.map((c) => [c.usage, c.relative])).toEqual([
      ['hookSwitch', true],
      ['phoneMute', true],
    ]);
    h.attach();
    h.machine.setCallState(ringing);
    expect(h.written()).toEqual(['02 00', '02 02']);
    h.report('01 01');
    h.report('01 00');
    h.machine.setCallState(connected());
    expect(h.written()).toEqual(['02 01']);
    h.clock.advance(10); // well inside 500 ms: presses are never echoes
    h.report('01 01');
    expect(h.actions).toEqual(['answer', 'hangup']);
  });

  it('relative data counts every non-zero report as one press, even without a release between', () => {
    const h = harness(relativeHook);
    h.attach();
    h.machine.setCallState(connected());
    h.report('01 02');
    h.report('01 02');
    expect(h.actions).toEqual(['setMuted(true)', 'setMuted(false)']);
  });

  it('absolute mute: the switch position is the wanted state', () => {
    const h = harness(absoluteMute);
    h.attach();
    h.machine.setCallState(connected());
    h.report('01 03'); // off-hook, mute on
    h.report('01 03');
    h.machine.setCallState(connected({ muted: true }));
    expect(h.written().at(-1)).toBe('02 03');
    h.report('01 01'); // mute off
    expect(h.actions).toEqual(['setMuted(true)', 'setMuted(false)']);
  });
});

describe('fuzz: random reports in random call states', () => {
  /** mulberry32, seeded: a failure names its case and repeats. */
  function createRandom(seed: number): (below: number) => number {
    const next = seededRandom(seed);
    return (below) => Math.floor(next() * below);
  }
  const states: HeadsetCallState[] = [
    idle,
    ringing,
    dialing,
    connected(),
    connected({ muted: true }),
    connected({ held: true, lines: 2 }),
    connected({ waiting: true }),
  ];
  const allowed: Record<HeadsetCallState['phase'], readonly string[]> = {
    idle: ['redial'],
    ringing: ['answer', 'decline'],
    dialing: ['hangup'],
    connected: ['hangup', 'setMuted(true)', 'setMuted(false)', 'holdOrResume', 'swapLines', 'answer'],
  };

  for (const device of ['0b0e-0307', '047f-02ec', '1395-00a2', '6993-b02b', '047f-c053']) {
    it(`${device}: 2000 reports of random length and content never throw, and only fitting actions happen`, () => {
      const random = createRandom(0x5eed_0606);
      const h = harness(device);
      h.attach();
      const reportIds = [...new Set(describeHidDescriptor(loadDescriptor(device)).inputs.map((c) => c.reportId))];
      for (let i = 0; i < 2000; i++) {
        const state = states[random(states.length)]!;
        h.machine.setCallState(state);
        // Mostly a real report ID with random data, sometimes anything at all (empty, unknown ID, too long).
        const length = random(6);
        const bytes = Uint8Array.from({ length }, () => random(256));
        if (length > 0 && random(4) > 0) bytes[0] = reportIds[random(reportIds.length)]!;
        const before = h.actions.length;
        expect(() => h.machine.handleInputReport('headset', bytes), `case ${i}: ${hex(bytes)}`).not.toThrow();
        for (const action of h.actions.slice(before))
          expect(allowed[state.phase], `case ${i}: ${hex(bytes)} in ${state.phase}`).toContain(action);
        h.clock.advance(random(2) * HOOK_ECHO_WINDOW_MS);
      }
      expect(h.actions.length).toBeGreaterThan(50); // the fuzz reached the rules, not only the decoder's refusals
    });
  }
});
