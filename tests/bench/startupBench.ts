// Benchmark: host cold start to ready (empty DB: open + migrate + bridge listening) and renderer first
// paint in Chromium through the host. Prints figures; never fails on time. Run: npm run bench.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium } from '../support/chromium.js';
import { startHostProcess } from '../support/host.js';
import { rendererDist } from '../support/paths.js';
import { summary } from '../support/stats.js';

const runs = Number(process.env.BENCH_RUNS ?? 15);
const dirs: string[] = [];
const freshDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'agentdesk-bench-'));
  dirs.push(dir);
  return dir;
};

try {
  const coldStarts: number[] = [];
  for (let i = 0; i < runs; i++) {
    const host = await startHostProcess(freshDir());
    coldStarts.push(host.startupMs);
    await host.stop();
  }
  console.log(`host cold start to ready, empty DB (n=${runs}): ${summary(coldStarts)}   target <= 300 ms`);

  if (!existsSync(join(rendererDist, 'index.html'))) {
    console.log('renderer first paint: skipped, dist/renderer is not built (npm run build)');
  } else {
    const host = await startHostProcess(freshDir());
    const browser = await launchChromium();
    const paints: number[] = [];
    const settingsReady: number[] = [];
    try {
      for (let i = 0; i < runs; i++) {
        const context = await browser.newContext();
        const page = await context.newPage();
        await page.goto(host.url);
        await page.waitForFunction(() => performance.getEntriesByName('agentdesk:settings-ready').length > 0, undefined, { timeout: 10_000 });
        // Navigation start -> the console frame's first render; -> settings answered through the bridge.
        const [paint, ready] = await page.evaluate(() =>
          ['agentdesk:first-paint', 'agentdesk:settings-ready'].map((mark) => performance.getEntriesByName(mark)[0]!.startTime),
        );
        paints.push(paint!);
        settingsReady.push(ready!);
        await context.close();
      }
    } finally {
      await browser.close();
      await host.stop();
    }
    console.log(`renderer first paint in Chromium (n=${runs}): ${summary(paints)}   target <= 1000 ms`);
    console.log(`renderer settings loaded through the bridge (n=${runs}): ${summary(settingsReady)}`);
  }
} finally {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
}
