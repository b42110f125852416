// Test support: what a recording holds at one frequency (Goertzel over a Hann window) and the 16-bit PCM of a
// WAV file that is still being written. Plain Node.
import { closeSync, openSync, readSync, statSync } from 'node:fs';

export interface ToneReading {
  /** Seconds of audio analysed (0: nothing was received). */
  seconds: number;
  /** Amplitude of the strongest component within ±tolerance of the frequency, in dB full scale. */
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

/** How strongly `samples` hold `hz` (searched ±toleranceHz in 1 Hz steps: codecs and clocks are not exact). */
export function readTone(samples: Float32Array, sampleRate: number, hz: number, toleranceHz = 10): ToneReading {
  if (samples.length === 0) return { seconds: 0, toneDb: -Infinity, rmsDb: -Infinity, toneShare: 0 };
  let amplitude = 0;
  for (let f = hz - toleranceHz; f <= hz + toleranceHz; f++) {
    amplitude = Math.max(amplitude, goertzelAmplitude(samples, sampleRate, f));
  }
  let sumOfSquares = 0;
  for (const sample of samples) sumOfSquares += sample * sample;
  const meanSquare = sumOfSquares / samples.length;
  return {
    seconds: samples.length / sampleRate,
    toneDb: toDb(amplitude),
    rmsDb: toDb(Math.sqrt(meanSquare)),
    toneShare: meanSquare > 0 ? Math.min(1, (amplitude * amplitude) / 2 / meanSquare) : 0,
  };
}

export interface WavFormat {
  sampleRate: number;
  channels: number;
  /** Byte offset of the first sample. */
  dataOffset: number;
}

/**
 * The format of a 16-bit PCM WAV file from its header. The data chunk's length is not trusted: a recorder that is
 * still writing (baresip's sndfile dump) fills it in only when it closes the file.
 */
export function readWavFormat(file: string): WavFormat | undefined {
  const fd = openSync(file, 'r');
  try {
    const header = Buffer.alloc(512);
    const length = readSync(fd, header, 0, header.length, 0);
    if (length < 12 || header.toString('ascii', 0, 4) !== 'RIFF' || header.toString('ascii', 8, 12) !== 'WAVE') return undefined;
    let offset = 12;
    let format: Omit<WavFormat, 'dataOffset'> | undefined;
    while (offset + 8 <= length) {
      const id = header.toString('ascii', offset, offset + 4);
      const size = header.readUInt32LE(offset + 4);
      if (id === 'fmt ') {
        const encoding = header.readUInt16LE(offset + 8);
        const bits = header.readUInt16LE(offset + 22);
        // 1 = PCM; 0xFFFE = WAVE_FORMAT_EXTENSIBLE (PCM in its sub-format here)
        if ((encoding !== 1 && encoding !== 0xfffe) || bits !== 16) throw new Error(`${file}: not 16-bit PCM`);
        format = { channels: header.readUInt16LE(offset + 10), sampleRate: header.readUInt32LE(offset + 12) };
      }
      if (id === 'data') return format && { ...format, dataOffset: offset + 8 };
      offset += 8 + size + (size % 2);
    }
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/** The first channel of the samples between byte `from` (at least the data offset) and the end of the file now. */
export function readWavSamples(file: string, format: WavFormat, from: number): { samples: Float32Array; end: number } {
  const frameBytes = 2 * format.channels;
  const start = Math.max(from, format.dataOffset);
  const frames = Math.floor((statSync(file).size - start) / frameBytes);
  if (frames <= 0) return { samples: new Float32Array(0), end: start };
  const bytes = Buffer.alloc(frames * frameBytes);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, bytes, 0, bytes.length, start);
  } finally {
    closeSync(fd);
  }
  const samples = new Float32Array(frames);
  for (let i = 0; i < frames; i++) samples[i] = bytes.readInt16LE(i * frameBytes) / 32768;
  return { samples, end: start + bytes.length };
}
