// Browser tier: the ringer (renderer/src/media/ringer.ts) in Debian's Chromium, heard through WebAudio.
// An incoming ring is the 440 + 480 Hz pair in a 1 s on / 3 s off cadence; call waiting is a quiet 440 Hz
// beep; each output gets its own <audio> element (own device, own volume); an output that cannot be opened
// falls back to the default device; stop() leaves nothing playing.
import { build } from 'esbuild';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium.js';
import { repoRoot } from '../support/paths.js';
import type * as RingerExports from '../../renderer/src/media/ringer.js';

type RingerModule = typeof RingerExports;

let browser: Browser;
let page: Page;

beforeAll(async () => {
  const bundle = await build({
    entryPoints: [join(repoRoot, 'renderer/src/media/ringer.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    globalName: 'RingerModule',
    target: 'chrome120',
  });
  browser = await launchChromium();
  page = await browser.newPage();
  await page.setContent('<!doctype html><title>ringer</title><body></body>');
  await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
  // A probe that listens to whatever a ringer element plays: dominant frequency and level, 0–600 Hz.
  await page.evaluate(() => {
    const w = window as unknown as Record<string, unknown>;
    const context = new AudioContext();
    w.listen = (element: HTMLAudioElement) => {
      const analyser = context.createAnalyser();
      analyser.fftSize = 8192;
      analyser.smoothingTimeConstant = 0;
      context.createMediaStreamSource(element.srcObject as MediaStream).connect(analyser);
      return () => {
        const bins = new Float32Array(analyser.frequencyBinCount);
        analyser.getFloatFrequencyData(bins);
        const hz = context.sampleRate / analyser.fftSize;
        let best = 0;
        for (let i = 1; i < 600 / hz; i++) if (bins[i]! > bins[best]!) best = i;
        return { frequency: best * hz, level: bins[best]! };
      };
    };
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

/** Samples what the first ringer element plays every 100 ms for `ms`. */
async function listen(ms: number): Promise<{ frequency: number; level: number }[]> {
  return page.evaluate(async (duration) => {
    const w = window as unknown as { listen: (element: HTMLAudioElement) => () => { frequency: number; level: number } };
    const element = document.querySelector<HTMLAudioElement>('audio[data-ringer]');
    if (!element) throw new Error('no ringer element');
    const read = w.listen(element);
    const samples: { frequency: number; level: number }[] = [];
    for (let t = 0; t < duration; t += 100) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      samples.push(read());
    }
    return samples;
  }, ms);
}

describe('ringer', () => {
  it('rings 440/480 Hz in a 1 s on / 3 s off cadence, on every output with its own volume', async () => {
    await page.evaluate(async () => {
      const { Ringer } = (window as unknown as { RingerModule: RingerModule }).RingerModule;
      const ringer = new Ringer();
      (window as unknown as { ringer: unknown }).ringer = ringer;
      await ringer.ring('incoming', [
        { deviceId: '', volume: 0.8 },
        { deviceId: 'no-such-headset', volume: 0.3 },
      ]);
    });
    const players = await page.$$eval('audio[data-ringer]', (elements) =>
      elements.map((element) => {
        const audio = element as HTMLAudioElement;
        return { kind: audio.dataset.ringer, sink: audio.dataset.sinkId, volume: audio.volume, paused: audio.paused };
      }),
    );
    // The headset id does not exist here: that output still rings, on the default device.
    expect(players).toEqual([
      { kind: 'incoming', sink: '', volume: 0.8, paused: false },
      { kind: 'incoming', sink: '', volume: 0.3, paused: false },
    ]);

    const samples = await listen(4200);
    const loud = samples.filter((sample) => sample.level > -60);
    const quiet = samples.filter((sample) => sample.level < -90);
    // About a quarter of the time on, the rest silent.
    expect(loud.length).toBeGreaterThanOrEqual(7);
    expect(loud.length).toBeLessThanOrEqual(14);
    expect(quiet.length).toBeGreaterThanOrEqual(25);
    // The ring is 440/480 Hz. A 100 ms read can land on the 1 s burst's start or end, where the window holds only
    // part of the tone and a click: one such edge sample may peak elsewhere (a loaded CI machine reads late).
    const offTone = loud.filter((sample) => ![440, 480].some((hz) => Math.abs(sample.frequency - hz) < 12));
    expect(offTone.length, JSON.stringify(samples)).toBeLessThanOrEqual(1);
  }, 30_000);

  it('switches to the quiet call-waiting beep without a second element, and stop() silences everything', async () => {
    await page.evaluate(async () => {
      const ringer = (window as unknown as { ringer: { ring(kind: string, outputs: unknown[]): Promise<void> } }).ringer;
      await ringer.ring('waiting', [{ deviceId: '', volume: 0.5 }]);
    });
    expect(await page.$$eval('audio[data-ringer]', (elements) => elements.map((e) => (e as HTMLElement).dataset.ringer))).toEqual([
      'waiting',
    ]);
    const samples = await listen(4000);
    const loud = samples.filter((sample) => sample.level > -70);
    expect(loud.length).toBeGreaterThanOrEqual(1);
    expect(loud.length).toBeLessThanOrEqual(8);
    // A beep lasts 0.2 s and the probe's window 0.17 s, so most reads hold only part of a beep, whose peak
    // widens and can sit a few bins (5.9 Hz each) off 440 Hz. The loudest read is at 440 Hz, and none comes near
    // the ring's 480 Hz: this is the single-tone beep, not a quiet ring.
    const loudest = loud.reduce((best, sample) => (sample.level > best.level ? sample : best));
    expect(Math.abs(loudest.frequency - 440), JSON.stringify(samples)).toBeLessThan(12);
    for (const sample of loud) expect(Math.abs(sample.frequency - 440), JSON.stringify(samples)).toBeLessThan(30);

    await page.evaluate(() => (window as unknown as { ringer: { stop(): void } }).ringer.stop());
    expect(await page.$$('audio[data-ringer]')).toHaveLength(0);
  }, 30_000);
});
