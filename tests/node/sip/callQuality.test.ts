// Call quality: the simplified E-model gives the MOS values G.107 predicts, loss is measured per interval,
// and the summary stored with a call is what the samples say.
import { describe, expect, it } from 'vitest';
import { estimateMos, mosFromR, qualitySample, summarizeQuality } from '../../../electron/shared/callQuality.js';

describe('estimateMos (simplified G.107)', () => {
  it('maps R to MOS at the points G.107 Annex B tabulates', () => {
    expect(mosFromR(93.2)).toBeCloseTo(4.41, 2); // default R: best narrowband quality
    expect(mosFromR(80)).toBeCloseTo(4.02, 2);
    expect(mosFromR(70)).toBeCloseTo(3.6, 1);
    expect(mosFromR(50)).toBeCloseTo(2.58, 2);
    expect(mosFromR(-5)).toBe(1);
    expect(mosFromR(120)).toBe(4.5);
  });

  it('a clean LAN call scores as G.711 can; loss and delay bring it down in the order users feel', () => {
    const clean = estimateMos({ rttMs: 40, jitterMs: 5, lossPercent: 0, codec: 'audio/PCMU' });
    expect(clean.r).toBeCloseTo(92, 1);
    expect(clean.mos).toBeCloseTo(4.38, 2);
    const fivePercent = estimateMos({ rttMs: 40, jitterMs: 5, lossPercent: 5, codec: 'audio/PCMU' });
    expect(fivePercent.mos).toBeCloseTo(3.87, 2);
    const tenPercent = estimateMos({ rttMs: 40, jitterMs: 5, lossPercent: 10, codec: 'audio/PCMU' });
    expect(tenPercent.mos).toBeLessThan(3.6);
    const satellite = estimateMos({ rttMs: 600, jitterMs: 0, lossPercent: 0, codec: 'audio/opus' });
    expect(satellite.mos).toBeGreaterThan(3.5);
    expect(satellite.mos).toBeLessThan(3.6);
    // G.729's own impairment costs quality even on a perfect network.
    expect(estimateMos({ rttMs: 40, jitterMs: 5, lossPercent: 0, codec: 'G729' }).mos).toBeLessThan(clean.mos - 0.2);
  });
});

describe('qualitySample / summarizeQuality', () => {
  it('measures loss over the interval, not since the call started', () => {
    const first = qualitySample(undefined, { packetsReceived: 1000, packetsLost: 0, rttMs: 20, jitterMs: 2 }, 1);
    expect(first).toMatchObject({ lossPercent: 0, poor: false });
    // 100 of the next 1000 packets lost: 10 % in this interval (only ~5 % of the whole call).
    const second = qualitySample(
      { packetsReceived: 1000, packetsLost: 0 },
      { packetsReceived: 1900, packetsLost: 100, rttMs: 20, jitterMs: 2 },
      2,
    );
    expect(second.lossPercent).toBe(10);
    expect(second.poor).toBe(true);
    // Renegotiated media restarts the counters: a fresh interval, not negative loss.
    const restarted = qualitySample({ packetsReceived: 1900, packetsLost: 100 }, { packetsReceived: 50, packetsLost: 0 }, 3);
    expect(restarted.lossPercent).toBe(0);
  });

  it('summarises min/average MOS, worst delay and the share of poor samples', () => {
    const samples = [
      qualitySample(undefined, { packetsReceived: 500, packetsLost: 0, rttMs: 30, jitterMs: 3 }, 1),
      qualitySample({ packetsReceived: 500, packetsLost: 0 }, { packetsReceived: 900, packetsLost: 100, rttMs: 80, jitterMs: 12 }, 2),
    ];
    const summary = summarizeQuality(samples, 'audio/opus');
    expect(summary).toMatchObject({ samples: 2, rttMsMax: 80, jitterMsMax: 12, poorPercent: 50, codec: 'audio/opus' });
    expect(summary!.mosMin).toBe(samples[1]!.mos);
    expect(summary!.lossPercentAverage).toBe(10);
    expect(summarizeQuality([])).toBeNull();
  });
});
