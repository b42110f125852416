// CallQualityMonitor: samples only while a call is active, emits live figures, survives a missing media
// engine, and hands the call log a summary once.
import { describe, expect, it } from 'vitest';
import type { EventName, EventPayload } from '../../../electron/shared/ipc/contract.js';
import type { CallView } from '../../../electron/shared/ipc/softphone.js';
import { CallQualityMonitor, rtpCountersFrom } from '../../../electron/core/sip/callQualityMonitor.js';
import { MemoryLogger } from '../../../electron/core/log/memoryLogger.js';
import { ManualClock } from '../../support/manualClock.js';

const view = (state: CallView['state']): CallView => ({
  id: 'call-1',
  line: 1,
  direction: 'inbound',
  state,
  remoteUri: 'sip:+905321234567@example.com',
  remoteUser: '+905321234567',
  displayName: 'Ayşe',
  callWaiting: false,
  muted: false,
  remoteHold: false,
  invitedAt: 1,
  at: 1,
});

function rig(stats: () => Promise<unknown>) {
  const clock = new ManualClock();
  const emitted: EventPayload<'calls:quality'>[] = [];
  const monitor = new CallQualityMonitor({
    clock,
    logger: new MemoryLogger(),
    intervalMs: 2000,
    events: {
      emit<K extends EventName>(name: K, payload: EventPayload<K>) {
        if (name === 'calls:quality') emitted.push(payload as EventPayload<'calls:quality'>);
      },
    },
    readStats: () => stats(),
  });
  const tick = async () => {
    clock.advance(2000);
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };
  return { clock, monitor, emitted, tick };
}

describe('CallQualityMonitor', () => {
  it('samples an active call, pauses on hold, and summarises at the end', async () => {
    let received = 0;
    let lost = 0;
    const { monitor, emitted, tick, clock } = rig(async () => ({ packetsReceived: received, packetsLost: lost, rttMs: 30, jitterMs: 4, codec: 'audio/opus' }));
    monitor.observe(view('ringing'));
    expect(clock.pending()).toEqual([]);
    monitor.observe(view('active'));
    received = 100;
    await tick(); // baseline reading, nothing to rate yet
    expect(emitted).toHaveLength(0);
    received = 200;
    await tick();
    expect(emitted).toHaveLength(1);
    expect(emitted[0]).toMatchObject({ callId: 'call-1', sample: { lossPercent: 0, poor: false } });
    monitor.observe(view('held'));
    expect(clock.pending()).toEqual([]);
    // Audio that did not flow on hold is not loss: sampling restarts from a new baseline.
    monitor.observe(view('active'));
    received = 300;
    await tick();
    received = 350;
    lost = 50;
    await tick();
    expect(emitted.map((event) => event.sample.lossPercent)).toEqual([0, 50]);
    expect(emitted[1]!.sample.poor).toBe(true);
    monitor.observe(view('ended'));
    const summary = monitor.finish('call-1');
    expect(summary).toMatchObject({ samples: 2, poorPercent: 50, codec: 'audio/opus', rttMsMax: 30 });
    expect(monitor.finish('call-1')).toBeNull();
  });

  it('keeps going when the media engine is away and ignores nonsense from it', async () => {
    let answer: () => Promise<unknown> = () => Promise.reject(new Error('No media engine is connected'));
    const { monitor, emitted, tick, clock } = rig(() => answer());
    monitor.observe(view('active'));
    await tick();
    expect(clock.pending()).toEqual([2000]);
    answer = async () => ({ packetsReceived: 'many', packetsLost: null });
    await tick();
    answer = async () => ({ packetsReceived: 10, packetsLost: -2, rttMs: Number.POSITIVE_INFINITY });
    await tick();
    answer = async () => ({ packetsReceived: 20, packetsLost: -2, rttMs: Number.POSITIVE_INFINITY });
    await tick();
    expect(emitted).toHaveLength(1);
    expect(emitted[0]!.sample).toMatchObject({ rttMs: null, lossPercent: 0 });
    monitor.close();
    expect(clock.pending()).toEqual([]);
  });

  it('rtpCountersFrom reads only the figures it understands', () => {
    expect(rtpCountersFrom(null)).toBeUndefined();
    expect(rtpCountersFrom({ packetsReceived: 5, packetsLost: 1, codec: 'x'.repeat(500), jitterMs: -1 })).toEqual({
      packetsReceived: 5,
      packetsLost: 1,
      codec: 'x'.repeat(64),
    });
  });
});
