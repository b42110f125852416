// Call quality from RTP statistics: loss over an interval, an estimated MOS from the simplified ITU-T G.107
// E-model, and the call's summary for the call log. Runs anywhere (core computes, the renderer only shows).
//
// Why an estimate: the E-model predicts what listeners would rate from network figures alone (delay, loss,
// codec). It does not hear echo or noise, so it answers "is the network hurting this call?", which is what
// the operator's warning and the quality report need.

/** What the media engine reads from WebRTC's getStats for one call, cumulative since the call started. */
export interface RtpCounters {
  /** Round-trip time of the media path (RTCP / ICE), ms. */
  rttMs?: number;
  /** Interarrival jitter of received audio, ms. */
  jitterMs?: number;
  packetsReceived: number;
  packetsLost: number;
  /** e.g. audio/opus, audio/PCMU. */
  codec?: string;
}

export interface QualitySample {
  at: number;
  rttMs: number | null;
  jitterMs: number | null;
  /** Received-audio packets lost in this interval, percent (0–100). */
  lossPercent: number;
  mos: number;
  /** Below what operators notice: shown as a poor-network warning. */
  poor: boolean;
}

export interface QualitySummary {
  samples: number;
  mosAverage: number;
  mosMin: number;
  rttMsMax: number | null;
  jitterMsMax: number | null;
  lossPercentAverage: number;
  /** Share of samples that were poor, percent. */
  poorPercent: number;
  codec: string | null;
}

/**
 * Equipment impairment (Ie) and packet-loss robustness (Bpl) per codec, from ITU-T G.113 Appendix I (narrowband,
 * with packet-loss concealment). Opus and G.722 have no narrowband entry; they are scored like G.711 with PLC,
 * which under-rates them slightly: a conservative choice for a warning.
 */
const codecImpairments: Record<string, { ie: number; bpl: number }> = {
  pcmu: { ie: 0, bpl: 25.1 },
  pcma: { ie: 0, bpl: 25.1 },
  g729: { ie: 11, bpl: 19 },
  ilbc: { ie: 11, bpl: 32 },
  gsm: { ie: 20, bpl: 10 },
};

function impairmentsFor(codec: string | undefined): { ie: number; bpl: number } {
  const name = (codec ?? '').toLowerCase().replace(/^audio\//, '');
  return codecImpairments[name] ?? { ie: 0, bpl: 25.1 };
}

/** MOS below this is "poor" (G.107 Annex B: under 3.6 many users are dissatisfied). */
export const poorMosThreshold = 3.6;

/**
 * The E-model's rating factor R and the MOS it maps to.
 * One-way delay: half the RTT, plus a jitter buffer of twice the jitter, plus ~20 ms packetisation/codec delay.
 * Loss is treated as random (BurstR = 1).
 */
export function estimateMos(input: { rttMs?: number | null; jitterMs?: number | null; lossPercent: number; codec?: string }): {
  r: number;
  mos: number;
} {
  const delay = (input.rttMs ?? 0) / 2 + 2 * (input.jitterMs ?? 0) + 20;
  const delayImpairment = 0.024 * delay + (delay > 177.3 ? 0.11 * (delay - 177.3) : 0);
  const { ie, bpl } = impairmentsFor(input.codec);
  const loss = Math.min(100, Math.max(0, input.lossPercent));
  const effectiveEquipment = ie + ((95 - ie) * loss) / (loss + bpl);
  const r = 93.2 - delayImpairment - effectiveEquipment;
  return { r, mos: mosFromR(r) };
}

/** G.107 (B-4): the MOS a rating factor R corresponds to, 1.0 … 4.5. */
export function mosFromR(r: number): number {
  if (r <= 0) return 1;
  if (r >= 100) return 4.5;
  return 1 + 0.035 * r + r * (r - 60) * (100 - r) * 7e-6;
}

/** One sample from two successive cumulative readings (loss over the interval, not since the call began). */
export function qualitySample(previous: RtpCounters | undefined, current: RtpCounters, at: number): QualitySample {
  const received = current.packetsReceived - (previous?.packetsReceived ?? 0);
  const lost = current.packetsLost - (previous?.packetsLost ?? 0);
  // Counters restart when media is renegotiated (a reload re-INVITE): treat a drop as a fresh start.
  const [intervalReceived, intervalLost] = received < 0 || lost < 0 ? [current.packetsReceived, current.packetsLost] : [received, lost];
  const expected = intervalReceived + Math.max(0, intervalLost);
  const lossPercent = expected > 0 ? (100 * Math.max(0, intervalLost)) / expected : 0;
  const { mos } = estimateMos({ rttMs: current.rttMs, jitterMs: current.jitterMs, lossPercent, codec: current.codec });
  return {
    at,
    rttMs: current.rttMs ?? null,
    jitterMs: current.jitterMs ?? null,
    lossPercent: round(lossPercent, 2),
    mos: round(mos, 2),
    poor: mos < poorMosThreshold,
  };
}

/** The summary stored with the call; null when no sample was taken (a call that never had media). */
export function summarizeQuality(samples: readonly QualitySample[], codec?: string): QualitySummary | null {
  if (samples.length === 0) return null;
  const max = (values: (number | null)[]) => {
    const known = values.filter((value): value is number => value !== null);
    return known.length > 0 ? round(Math.max(...known), 1) : null;
  };
  const mosValues = samples.map((sample) => sample.mos);
  return {
    samples: samples.length,
    mosAverage: round(mosValues.reduce((sum, value) => sum + value, 0) / samples.length, 2),
    mosMin: round(Math.min(...mosValues), 2),
    rttMsMax: max(samples.map((sample) => sample.rttMs)),
    jitterMsMax: max(samples.map((sample) => sample.jitterMs)),
    lossPercentAverage: round(samples.reduce((sum, sample) => sum + sample.lossPercent, 0) / samples.length, 2),
    poorPercent: round((100 * samples.filter((sample) => sample.poor).length) / samples.length, 1),
    codec: codec ?? null,
  };
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
