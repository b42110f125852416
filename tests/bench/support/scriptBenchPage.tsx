// Benchmark page: the real ScriptViewer (renderer/src/scripts/) on a demo script, driven by key presses, timing
// each step change from the keydown to the new step in the DOM (and, in Chromium, through layout). Runs in
// happy-dom under tsx and, bundled by esbuild, in Chromium. Used by tests/bench/scriptStepBench.ts.
import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import type { ScriptAnswer, ScriptDefinition, ScriptRun } from '../../../electron/shared/callScript.js';
import type { ScriptForCall } from '../../../electron/shared/ipc/scripts.js';
import { builtinDispositions } from '../../../electron/shared/workflow.js';
import { createI18n } from '../../../renderer/src/i18n/i18n.js';
import { ScriptViewer } from '../../../renderer/src/scripts/ScriptViewer.js';

/** Answers the harness gives each question again when the run comes back to it (the operator's picks). */
const answers: Record<string, ScriptAnswer> = { verify: true, reason: 'tariff', 'tariff-interest': true, 'anything-else': false };

function prefill(run: ScriptRun): ScriptRun {
  const last = run.path[run.path.length - 1]!;
  const answer = answers[last.stepId];
  if (last.answer !== undefined || answer === undefined) return run;
  return { ...run, path: [...run.path.slice(0, -1), { ...last, answer }] };
}

function Harness({ script }: { script: ScriptForCall }) {
  const [run, setRun] = useState<ScriptRun>(() => prefill({ scriptId: script.script.id, path: [{ stepId: 'greeting' }] }));
  return (
    <ScriptViewer
      script={script}
      run={run}
      onMove={(next) => setRun(prefill(next))}
      onAnswer={(next) => setRun(next)}
      dispositions={builtinDispositions}
      locale="tr"
    />
  );
}

export function benchScript(definition: ScriptDefinition): ScriptForCall {
  return {
    callId: 'bench',
    script: {
      id: 'bench-v1',
      key: definition.key,
      version: 1,
      name: definition.name,
      language: definition.language,
      active: true,
      importedAt: 0,
      definition,
    },
    reason: 'inboundDefault',
    values: { 'customer.name': 'Işık Yıldırım', 'agent.name': 'Derya Kaya', 'customer.tariff': 'Süper Konuşkan 20 GB' },
    run: null,
    items: [
      {
        code: 'TRF-KONUSKAN-20',
        kind: 'tariff',
        name: 'Süper Konuşkan 20 GB',
        description: '20 GB internet, 1000 dakika, 250 SMS; 12 ay taahhütlü.',
        priceMinor: 34990,
        currency: 'TRY',
        discountPercent: null,
        discountMinor: null,
        unavailable: null,
      },
    ],
    articles: [],
  };
}

const currentHeading = () => document.querySelector<HTMLElement>('.script-step-title');

/** Mounts the viewer and focuses it the way the operator would (a click into the step). */
export function mountScriptBench(container: HTMLElement, definition: ScriptDefinition): void {
  createRoot(container).render(
    <I18nextProvider i18n={createI18n('tr')}>
      <Harness script={benchScript(definition)} />
    </I18nextProvider>,
  );
}

/**
 * `moves` step changes, alternating three steps forward (greeting → verify → reason → tariff offer) and three
 * back. Returns per move: keydown → new step committed to the DOM, and → laid out (a forced layout).
 */
export async function runScriptBench(moves: number): Promise<{ commit: number[]; layout: number[] }> {
  const commit: number[] = [];
  const layout: number[] = [];
  for (let tries = 0; !currentHeading() && tries < 1000; tries++) await new Promise((resolve) => setTimeout(resolve, 1));
  currentHeading()!.focus();
  for (let move = 0; move < moves; move++) {
    const key = Math.floor(move / 3) % 2 === 0 ? 'ArrowRight' : 'ArrowLeft';
    const before = currentHeading()!.textContent;
    const started = performance.now();
    (document.activeElement ?? document.body).dispatchEvent(
      new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }),
    );
    // React commits a keydown's update at once or in a microtask: wait for it without a timer's delay.
    for (let spins = 0; currentHeading()!.textContent === before; spins++) {
      if (spins > 10_000) throw new Error(`step did not change on ${key} (move ${move})`);
      await Promise.resolve();
    }
    commit.push(performance.now() - started);
    document.body.getBoundingClientRect();
    void document.body.offsetHeight;
    layout.push(performance.now() - started);
    // Key presses come in separate tasks; yielding here (untimed) keeps React's nested-update guard out of the way.
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return { commit, layout };
}
