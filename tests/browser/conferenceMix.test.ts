// Browser tier: one conference line's mix (renderer/src/media/conferenceMix.ts) in Debian's Chromium, heard
// through WebAudio. Two parties shouting at once add up past full scale; the line's limiter keeps what it
// sends below it (no clipping for the third party) while both voices stay in the mix, and quiet speech passes
// at its own level.
import { build } from 'esbuild';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium.js';
import { repoRoot } from '../support/paths.js';
import type * as ConferenceMixExports from '../../renderer/src/media/conferenceMix.js';

let browser: Browser;
let page: Page;

beforeAll(async () => {
  const bundle = await build({
    entryPoints: [join(repoRoot, 'renderer/src/media/conferenceMix.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    globalName: 'ConferenceMixModule',
    target: 'chrome120',
  });
  browser = await launchChromium();
  page = await browser.newPage();
  await page.setContent('<!doctype html><title>conference mix</title><body></body>');
  await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

interface Heard {
  /** Largest sample magnitude sent, after the limiter has settled (1.0 = full scale). */
  peak: number;
  /** Level of each party's tone in what the line sends, dB. */
  microphoneDb: number;
  remoteDb: number;
}

/** The operator's microphone (440 Hz) and another line (1000 Hz), each at `amplitude`, mixed by one LineMix. */
async function mixTones(amplitude: number): Promise<Heard> {
  return page.evaluate(async (level) => {
    const { LineMix } = (window as unknown as { ConferenceMixModule: typeof ConferenceMixExports }).ConferenceMixModule;
    const context = new AudioContext();
    await context.resume();
    const tone = (frequency: number) => {
      const oscillator = context.createOscillator();
      oscillator.frequency.value = frequency;
      const gain = context.createGain();
      gain.gain.value = level;
      const out = context.createMediaStreamDestination();
      oscillator.connect(gain).connect(out);
      oscillator.start();
      return out.stream.getAudioTracks()[0]!;
    };
    const mix = new LineMix(context, tone(440));
    mix.setRemotes(new Map([['other-line', tone(1000)]]));
    const analyser = context.createAnalyser();
    analyser.fftSize = 8192;
    analyser.smoothingTimeConstant = 0;
    context.createMediaStreamSource(new MediaStream([mix.track])).connect(analyser);
    await new Promise((resolve) => setTimeout(resolve, 500)); // past the limiter's attack
    const samples = new Float32Array(analyser.fftSize);
    let peak = 0;
    for (let i = 0; i < 10; i++) {
      analyser.getFloatTimeDomainData(samples);
      for (const sample of samples) peak = Math.max(peak, Math.abs(sample));
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const bins = new Float32Array(analyser.frequencyBinCount);
    analyser.getFloatFrequencyData(bins);
    const binOf = (hz: number) => Math.round(hz / (context.sampleRate / analyser.fftSize));
    const levelAt = (hz: number) => Math.max(...[-2, -1, 0, 1, 2].map((d) => bins[binOf(hz) + d]!));
    const heard = { peak, microphoneDb: levelAt(440), remoteDb: levelAt(1000) };
    mix.close();
    await context.close();
    return heard;
  }, amplitude);
}

describe('conference line mix', () => {
  it('keeps two loud parties below full scale, both still heard', async () => {
    const loud = await mixTones(0.9); // summed, the two tones peak near 1.8
    expect(loud.peak).toBeLessThan(1);
    expect(loud.microphoneDb).toBeGreaterThan(-30);
    expect(loud.remoteDb).toBeGreaterThan(-30);
  }, 30_000);

  it('passes speech-level audio at its own level', async () => {
    const quiet = await mixTones(0.1); // about −20 dBFS each, far below the limiter's threshold
    expect(quiet.peak).toBeGreaterThan(0.17);
    expect(quiet.peak).toBeLessThan(0.22);
  }, 30_000);
});
