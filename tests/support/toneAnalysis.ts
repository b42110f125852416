// Test support: how strongly a recording holds one frequency (Goertzel over a Hann window), to tell which tone a
// phone hears. Plain Node.

export interface ToneReading {
  /** Seconds of audio analysed (0: nothing was received). */
  seconds: number;
  /** Amplitude of the strongest component within ±tolerance of the frequency (power mean of the blocks), dBFS. */
  toneDb: number;
  /** RMS level of everything, in dB full scale. */
  rmsDb: number;
  /** Share of the total power that is this tone (0–1): near 1 for a clean tone, near 0 for another sound. */
  toneShare: number;
}

const toDb = (amplitude: number) => (amplitude > 0 ? 20 * Math.log10(amplitude) : -Infinity);

/** Amplitude (0–1) of the `hz` component of `samples` (Hann-windowed Goertzel: coherent gain 0.5). */
export function goertzelAmplitude(samples: Float32Array, sampleRate: number, hz: number): number {
  const n = samples.length;
  if (n < 2) return 0;
  const coefficient = 2 * Math.cos((2 * Math.PI * hz) / sampleRate);
  let previous = 0;
  let beforePrevious = 0;
  for (let i = 0; i < n; i++) {
    const hann = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / (n - 1));
    const current = samples[i]! * hann + coefficient * previous - beforePrevious;
    beforePrevious = previous;
    previous = current;
  }
  const power = previous * previous + beforePrevious * beforePrevious - coefficient * previous * beforePrevious;
  return (4 * Math.sqrt(Math.max(0, power))) / n;
}

/**
 * How strongly `samples` hold `hz`, measured in blocks of `blockSeconds` and averaged by power: the sender's gain
 * control ramps the level for seconds after a call starts, and a block is short enough to stay phase-coherent
 * through that. Each block searches ±toleranceHz (codecs and clocks are not exact).
 */
export function readTone(
  samples: Float32Array,
  sampleRate: number,
  hz: number,
  { toleranceHz = 10, blockSeconds = 0.1 } = {},
): ToneReading {
  if (samples.length === 0) return { seconds: 0, toneDb: -Infinity, rmsDb: -Infinity, toneShare: 0 };
  const blockLength = Math.min(samples.length, Math.round(blockSeconds * sampleRate));
  let tonePower = 0;
  let totalPower = 0;
  let blocks = 0;
  for (let start = 0; start + blockLength <= samples.length; start += blockLength) {
    const block = samples.subarray(start, start + blockLength);
    let amplitude = 0;
    for (let f = hz - toleranceHz; f <= hz + toleranceHz; f += 2) {
      amplitude = Math.max(amplitude, goertzelAmplitude(block, sampleRate, f));
    }
    let sumOfSquares = 0;
    for (const sample of block) sumOfSquares += sample * sample;
    tonePower += (amplitude * amplitude) / 2; // a sine of amplitude A carries A²/2
    totalPower += sumOfSquares / block.length;
    blocks++;
  }
  tonePower /= blocks;
  totalPower /= blocks;
  return {
    seconds: (blocks * blockLength) / sampleRate,
    toneDb: toDb(Math.sqrt(2 * tonePower)),
    rmsDb: toDb(Math.sqrt(totalPower)),
    toneShare: totalPower > 0 ? Math.min(1, tonePower / totalPower) : 0,
  };
}
