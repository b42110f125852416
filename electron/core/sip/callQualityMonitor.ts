// Samples each talking call's RTP statistics from the media engine every few seconds, turns them into a
// MOS estimate (electron/shared/callQuality.ts), sends the live figures to the UI and keeps the samples for
// the call log's quality summary. Plain Node; fed the same 'calls:state' views the UI gets.
import { qualitySample, summarizeQuality, type QualitySample, type QualitySummary, type RtpCounters } from '../../shared/callQuality.js';
import type { CallView } from '../../shared/ipc/softphone.js';
import type { Clock, EventSink, Logger } from '../ports.js';

export interface CallQualityMonitorDeps {
  clock: Clock;
  events: EventSink;
  logger: Logger;
  /** The media engine's stats summary for a call (SipService.mediaStats): shape checked here, not trusted. */
  readStats(callId: string): Promise<unknown>;
  /** Between samples; long enough that a stats request never queues behind the previous one. */
  intervalMs?: number;
}

interface Tracked {
  previous?: RtpCounters;
  samples: QualitySample[];
  codec?: string;
  timer?: { cancel(): void };
  /** Sampling only while the call is active: on hold no audio flows and "100 % loss" would be a lie. */
  sampling: boolean;
}

/** A call keeps at most this many samples (two hours at 2 s); older ones are folded away by dropping. */
const maxSamplesPerCall = 3600;

export class CallQualityMonitor {
  private readonly calls = new Map<string, Tracked>();
  private readonly intervalMs: number;

  constructor(private readonly deps: CallQualityMonitorDeps) {
    this.intervalMs = deps.intervalMs ?? 2000;
  }

  observe(view: CallView): void {
    if (view.state === 'ended') {
      this.stopSampling(view.id);
      return;
    }
    const active = view.state === 'active';
    const tracked = this.calls.get(view.id);
    if (!active) {
      if (tracked) this.stopSampling(view.id);
      return;
    }
    if (tracked?.sampling) return;
    const call = tracked ?? { samples: [], sampling: false };
    call.sampling = true;
    // After hold the counters carry on, but the held interval must not count as loss or as traffic.
    delete call.previous;
    this.calls.set(view.id, call);
    this.schedule(view.id, call);
  }

  /** The summary for the call log; forgets the call. Null when no sample was taken. */
  finish(callId: string): QualitySummary | null {
    const call = this.calls.get(callId);
    if (!call) return null;
    call.timer?.cancel();
    this.calls.delete(callId);
    return summarizeQuality(call.samples, call.codec);
  }

  close(): void {
    for (const call of this.calls.values()) call.timer?.cancel();
    this.calls.clear();
  }

  private stopSampling(callId: string): void {
    const call = this.calls.get(callId);
    if (!call) return;
    call.sampling = false;
    call.timer?.cancel();
    delete call.timer;
  }

  private schedule(callId: string, call: Tracked): void {
    call.timer = this.deps.clock.setTimeout(() => void this.sample(callId, call), this.intervalMs);
  }

  private async sample(callId: string, call: Tracked): Promise<void> {
    let counters: RtpCounters | undefined;
    try {
      counters = rtpCountersFrom(await this.deps.readStats(callId));
    } catch (error) {
      // No media engine (window reloading) or the call just ended: skip this round, never fail the call.
      this.deps.logger.debug('call quality: no stats', { callId, error: (error as Error).message });
    }
    if (!call.sampling || this.calls.get(callId) !== call) return;
    if (counters) {
      // Before the first packet there is nothing to rate.
      if (counters.packetsReceived > 0) {
        const sample = qualitySample(call.previous, counters, this.deps.clock.now());
        if (call.previous) {
          call.samples.push(sample);
          if (call.samples.length > maxSamplesPerCall) call.samples.shift();
          this.deps.events.emit('calls:quality', { callId, sample });
        }
        call.previous = counters;
      }
      if (counters.codec) call.codec = counters.codec;
    }
    this.schedule(callId, call);
  }
}

/** The media engine's summary (renderer/src/media/mediaEngine.ts MediaStatsSummary), checked field by field. */
export function rtpCountersFrom(value: unknown): RtpCounters | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  const count = (key: string) => {
    const figure = record[key];
    return typeof figure === 'number' && Number.isFinite(figure) && figure >= 0 ? Math.floor(figure) : undefined;
  };
  const optional = (key: string) => {
    const figure = record[key];
    return typeof figure === 'number' && Number.isFinite(figure) && figure >= 0 && figure < 1e6 ? figure : undefined;
  };
  const packetsReceived = count('packetsReceived');
  // WebRTC reports duplicates as negative loss; for a rating that is no loss.
  const lost = record.packetsLost;
  const packetsLost = typeof lost === 'number' && Number.isFinite(lost) ? Math.max(0, Math.floor(lost)) : undefined;
  if (packetsReceived === undefined || packetsLost === undefined) return undefined;
  const rttMs = optional('rttMs');
  const jitterMs = optional('jitterMs');
  const codec = typeof record.codec === 'string' ? record.codec.slice(0, 64) : undefined;
  return {
    packetsReceived,
    packetsLost,
    ...(rttMs !== undefined ? { rttMs } : {}),
    ...(jitterMs !== undefined ? { jitterMs } : {}),
    ...(codec !== undefined ? { codec } : {}),
  };
}
