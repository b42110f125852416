// Benchmark: a call-script step change (keydown → the next step rendered), target ≤ 16 ms (one frame). The real
// ScriptViewer on the demo inbound script, in happy-dom (React's work alone) and in Debian Chromium (with style
// and layout). The page is bundled with esbuild for both (JSX with React's automatic runtime, production React).
// Prints p50/p95; never fails on time. Run: npm run bench script.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { Window } from 'happy-dom';
import { parse } from 'yaml';
import { scriptDefinitionSchema } from '../../electron/shared/callScript.js';
import { launchChromium } from '../support/chromium.js';
import type * as BenchPage from './support/scriptBenchPage.js';
import { repoRoot } from '../support/paths.js';
import { summary } from '../support/stats.js';

const moves = Number(process.env.BENCH_RUNS ?? 300);
/** The bench page as one bundle: `entry` says what to expose. */
async function bundlePage(entry: string, platform: 'node' | 'browser'): Promise<string> {
  const result = await build({
    absWorkingDir: repoRoot,
    stdin: { contents: entry, resolveDir: repoRoot, loader: 'tsx' },
    bundle: true,
    format: platform === 'node' ? 'esm' : 'iife',
    platform,
    target: platform === 'node' ? 'node20' : 'chrome130',
    jsx: 'automatic',
    minify: !process.env.BENCH_DEV,
    write: false,
    define: { 'process.env.NODE_ENV': process.env.BENCH_DEV ? '"development"' : '"production"' },
    logLevel: 'warning',
  });
  return result.outputFiles[0]!.text;
}

const definition = scriptDefinitionSchema.parse(
  parse(readFileSync(join(repoRoot, 'db', 'demo', 'scripts', 'inbound-service-tr.yaml'), 'utf8')),
);

// ---- happy-dom: the DOM classes React and the viewer use, as globals of this Node process ----
{
  const window = new Window({ url: 'http://localhost/' });
  const globals = [
    'window',
    'document',
    'navigator',
    'Node',
    'Element',
    'HTMLElement',
    'HTMLInputElement',
    'HTMLTextAreaElement',
    'HTMLSelectElement',
    'HTMLButtonElement',
    'HTMLAnchorElement',
    'KeyboardEvent',
    'Event',
    'MutationObserver',
    'getComputedStyle',
  ] as const;
  for (const name of globals)
    Object.defineProperty(globalThis, name, {
      value: (window as unknown as Record<string, unknown>)[name],
      configurable: true,
      writable: true,
    });
  const dir = mkdtempSync(join(tmpdir(), 'agentdesk-bench-'));
  const file = join(dir, 'scriptBenchPage.mjs');
  writeFileSync(file, await bundlePage("export * from './tests/bench/support/scriptBenchPage.tsx';", 'node'));
  const { mountScriptBench, runScriptBench } = (await import(pathToFileURL(file).href)) as typeof BenchPage;
  rmSync(dir, { recursive: true, force: true });
  const container = window.document.createElement('div');
  window.document.body.append(container as never);
  mountScriptBench(container as unknown as HTMLElement, definition);
  await runScriptBench(30); // warm-up: JIT and React's first renders
  const { commit } = await runScriptBench(moves);
  console.log(`script step change in happy-dom, keydown → committed (n=${moves}): ${summary(commit, 'ms', 2)}   target <= 16 ms`);
  await window.happyDOM.close();
}

// ---- Chromium: the same page bundled, with the app's stylesheet, style and layout included ----
{
  const page = await bundlePage(
    `import { mountScriptBench, runScriptBench } from './tests/bench/support/scriptBenchPage.tsx';
      window.benchMount = (definition) => mountScriptBench(document.getElementById('root'), definition);
      window.benchRun = runScriptBench;`,
    'browser',
  );
  const css = readFileSync(join(repoRoot, 'renderer', 'src', 'styles', 'app.css'), 'utf8');
  const browser = await launchChromium();
  try {
    const tab = await browser.newPage();
    await tab.setContent('<!doctype html><html lang="tr"><body><div id="root" class="panel script-panel"></div></body></html>');
    await tab.addStyleTag({ content: css });
    await tab.addScriptTag({ content: page });
    await tab.evaluate((script) => (window as unknown as { benchMount: (d: unknown) => void }).benchMount(script), definition);
    type Run = (n: number) => Promise<{ commit: number[]; layout: number[] }>;
    await tab.evaluate(() => (window as unknown as { benchRun: Run }).benchRun(30));
    const timings = await tab.evaluate((n) => (window as unknown as { benchRun: Run }).benchRun(n), moves);
    console.log(
      `script step change in Chromium, keydown → committed (n=${moves}): ${summary(timings.commit, 'ms', 2)}   target <= 16 ms`,
    );
    console.log(
      `script step change in Chromium, keydown → laid out (n=${moves}): ${summary(timings.layout, 'ms', 2)}   target <= 16 ms`,
    );
  } finally {
    await browser.close();
  }
}
