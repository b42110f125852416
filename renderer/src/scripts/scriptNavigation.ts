// Moving through a call script: start, answer, next, back — pure functions over a run (path + answers), the
// same rules core checks a saved run against (electron/shared/callScript.ts). Runs in Chromium.
import {
  checkAnswer,
  nextStepId,
  startStepId,
  stepById,
  type AnswerProblem,
  type ScriptAnswer,
  type ScriptDefinition,
  type ScriptRun,
  type ScriptStep,
} from '../../../electron/shared/callScript.js';

export function startRun(scriptId: string, script: ScriptDefinition): ScriptRun {
  return { scriptId, path: [{ stepId: startStepId(script)! }] };
}

/** A saved run if it still fits the script (same version, known steps), else a fresh start. */
export function restoreRun(scriptId: string, script: ScriptDefinition, saved: ScriptRun | null): ScriptRun {
  if (saved && saved.scriptId === scriptId && saved.path.every((entry) => stepById(script, entry.stepId))) return saved;
  return startRun(scriptId, script);
}

export function currentStep(script: ScriptDefinition, run: ScriptRun): ScriptStep {
  const entry = run.path[run.path.length - 1]!;
  return stepById(script, entry.stepId) ?? script.steps[0]!;
}

export function currentAnswer(run: ScriptRun): ScriptAnswer | undefined {
  return run.path[run.path.length - 1]?.answer;
}

/** The run with the current step's answer set (undefined clears it). */
export function withAnswer(run: ScriptRun, answer: ScriptAnswer | undefined): ScriptRun {
  const path = run.path.slice();
  const { stepId } = path[path.length - 1]!;
  path[path.length - 1] = answer === undefined ? { stepId } : { stepId, answer };
  return { ...run, path };
}

export type NextResult = { ok: true; run: ScriptRun } | { ok: false; problem: AnswerProblem | 'atEnd' };

/** One step on: refused while the current question's answer does not fit, or at an end step. */
export function goNext(script: ScriptDefinition, run: ScriptRun): NextResult {
  const step = currentStep(script, run);
  const answer = currentAnswer(run);
  if (step.kind === 'question') {
    const problem = checkAnswer(step, answer);
    if (problem) return { ok: false, problem };
  }
  const next = nextStepId(script, step.id, step.kind === 'question' ? answer : undefined);
  if (next === undefined) return { ok: false, problem: 'atEnd' };
  const path = step.kind === 'question' && (answer === undefined || answer === '') ? withAnswer(run, undefined).path : run.path;
  return { ok: true, run: { ...run, path: [...path, { stepId: next }] } };
}

/** One step back (the step left keeps no answer; the step returned to keeps its own, to change or confirm). */
export function goBack(run: ScriptRun): ScriptRun | undefined {
  if (run.path.length <= 1) return undefined;
  return { ...run, path: run.path.slice(0, -1) };
}

/** Reads what the operator typed in a number field: "12", "12.5" or "12,5" (Turkish and Russian decimals). */
export function parseNumberAnswer(text: string): number | undefined {
  const trimmed = text.trim().replace(/\s/g, '');
  if (!/^-?\d+([.,]\d+)?$/.test(trimmed)) return undefined;
  const value = Number(trimmed.replace(',', '.'));
  return Number.isFinite(value) ? value : undefined;
}
