// The call-script viewer: the current step with the call's values filled in (plain text; unknown values marked),
// the question's input, the catalogue item or article to show, the suggested disposition, and the path taken.
// Keyboard: Enter or → next, ← or Backspace back (outside text fields), 1–9 choose; Ctrl+Enter next from a
// multi-line answer. Runs in Chromium.
import { useId, useLayoutEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import {
  fillTemplate,
  stepById,
  type QuestionStep,
  type ScriptRun,
  type ScriptStep,
} from '../../../electron/shared/callScript.js';
import type { ScriptArticle, ScriptForCall, ScriptItem } from '../../../electron/shared/ipc/scripts.js';
import type { Locale } from '../../../electron/shared/settings.js';
import type { Disposition } from '../../../electron/shared/workflow.js';
import { formatNumber } from '../i18n/format.js';
import { currentAnswer, currentStep, goBack, goNext, parseNumberAnswer, withAnswer } from './scriptNavigation.js';
import { useScriptText, type ViewerProblem } from './useScriptText.js';

export interface ScriptViewerProps {
  script: ScriptForCall;
  run: ScriptRun;
  /** A step change (next, back, a breadcrumb): shown and saved at once. */
  onMove: (run: ScriptRun) => void;
  /** An answer picked or typed. */
  onAnswer: (run: ScriptRun) => void;
  dispositions: readonly Disposition[];
  locale: Locale;
}

type Problem = ViewerProblem;

/** True when a key press is meant for a field (typing), not for moving through the script. */
function isTextEntry(target: EventTarget): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !['button', 'checkbox', 'radio', 'submit', 'reset'].includes(target.type);
}

/** The options a step offers to the number keys: a choice's options, or yes / no. */
function keyedOptions(step: ScriptStep): readonly (string | boolean)[] {
  if (step.kind !== 'question') return [];
  if (step.answer === 'choice') return step.options.map((option) => option.value);
  if (step.answer === 'yesNo') return [true, false];
  return [];
}

export function ScriptViewer({ script, run, onMove, onAnswer, dispositions, locale }: ScriptViewerProps) {
  const { t } = useTranslation();
  const { problemText, suggestionText } = useScriptText();
  const definition = script.script.definition;
  const step = currentStep(definition, run);
  const position = run.path.length;
  // Both belong to the step on screen: a new step (or the same id again further down the path) starts clean.
  const stepKey = `${position}-${step.id}`;
  const [problemOf, setProblemOf] = useState<{ stepKey: string; problem: Problem } | null>(null);
  const problem = problemOf?.stepKey === stepKey ? problemOf.problem : null;
  const setProblem = (next: Problem | null) => setProblemOf(next === null ? null : { stepKey, problem: next });
  /** The number field holds text that is not a number ("4x"): its answer is unset, and "next" says why. */
  const [unreadableAt, setUnreadableAt] = useState<string | null>(null);
  const unreadable = unreadableAt === stepKey;
  const headingRef = useRef<HTMLHeadingElement>(null);
  const fieldRef = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  /** Set by the operator's own moves: only then does focus follow the step (never stolen on a call's arrival). */
  const movedHere = useRef(false);
  const baseId = useId();
  const textId = `${baseId}-text`;
  const problemId = `${baseId}-problem`;

  useLayoutEffect(() => {
    if (!movedHere.current) return;
    movedHere.current = false;
    (fieldRef.current ?? headingRef.current)?.focus();
  }, [position, step.id]);

  const next = () => {
    if (unreadable) {
      setProblem('type');
      return;
    }
    const result = goNext(definition, run);
    if (!result.ok) {
      setProblem(result.problem);
      return;
    }
    movedHere.current = true;
    onMove(result.run);
  };
  const back = () => {
    const previous = goBack(run);
    if (!previous) return;
    movedHere.current = true;
    onMove(previous);
  };
  const choose = (value: string | boolean) => {
    setProblem(null);
    onAnswer(withAnswer(run, value));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.defaultPrevented || event.altKey) return;
    const target = event.target;
    const command = event.ctrlKey || event.metaKey;
    if (event.key === 'Enter' && command) {
      event.preventDefault();
      next();
      return;
    }
    if (command) return;
    const typing = isTextEntry(target);
    // On an answer option the arrows move between the options, as in every radio group (screen readers rely on
    // it); Enter, Ctrl+Enter and Backspace still move through the script.
    const onOption = target instanceof HTMLInputElement && target.type === 'radio';
    if (onOption && event.key.startsWith('Arrow')) return;
    const onControl =
      target instanceof HTMLButtonElement || target instanceof HTMLAnchorElement || target instanceof HTMLSelectElement;
    if (event.key === 'Enter') {
      // Enter keeps its own meaning on buttons and in a multi-line answer.
      if (onControl || target instanceof HTMLTextAreaElement) return;
      event.preventDefault();
      next();
    } else if (event.key === 'ArrowRight' && !typing) {
      event.preventDefault();
      next();
    } else if ((event.key === 'ArrowLeft' || event.key === 'Backspace') && !typing) {
      event.preventDefault();
      back();
    } else if (!typing && !event.shiftKey && /^[1-9]$/.test(event.key)) {
      const value = keyedOptions(step)[Number(event.key) - 1];
      if (value !== undefined) {
        event.preventDefault();
        choose(value);
      }
    }
  };

  const suggestion = [...run.path]
    .reverse()
    .map((entry) => stepById(definition, entry.stepId))
    .find((s) => s?.kind === 'suggest');

  return (
    <div className="script-viewer" onKeyDown={onKeyDown}>
      <nav className="script-path" aria-label={t('callScript.pathLabel')}>
        <ol>
          {run.path.map((entry, index) => {
            const visited = stepById(definition, entry.stepId);
            const label = visited?.title ?? entry.stepId;
            const current = index === run.path.length - 1;
            return (
              <li key={`${index}-${entry.stepId}`}>
                {current ? (
                  <span aria-current="step">{label}</span>
                ) : (
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => {
                      movedHere.current = true;
                      onMove({ ...run, path: run.path.slice(0, index + 1) });
                    }}
                  >
                    {label}
                  </button>
                )}
              </li>
            );
          })}
        </ol>
      </nav>

      <section className={`script-step script-step-${step.kind}`} aria-labelledby={`${baseId}-heading`}>
        <h3 id={`${baseId}-heading`} ref={headingRef} tabIndex={-1} className="script-step-title">
          {step.title ?? t('callScript.stepFallback')}
        </h3>
        {'text' in step && step.text !== undefined && (
          <p id={textId} className="script-text">
            <FilledText text={step.text} script={script} />
          </p>
        )}
        {step.kind === 'question' && (
          <QuestionInput
            key={stepKey}
            step={step}
            run={run}
            labelledBy={textId}
            problemId={problem ? problemId : undefined}
            fieldRef={fieldRef}
            onAnswer={(updated, readable = true) => {
              setProblem(null);
              setUnreadableAt(readable ? null : stepKey);
              onAnswer(updated);
            }}
            onChoose={choose}
          />
        )}
        {step.kind === 'show' && step.item !== undefined && (
          <ItemCard code={step.item} item={script.items.find((item) => item.code === step.item)} locale={locale} />
        )}
        {step.kind === 'show' && step.article !== undefined && (
          <ArticleCard slug={step.article} article={script.articles.find((article) => article.slug === step.article)} />
        )}
        {step.kind === 'suggest' && (
          <p className="script-suggestion script-suggestion-now">{suggestionText(step, dispositions, locale)}</p>
        )}
        {step.kind === 'end' && <p className="script-end">{t('callScript.end')}</p>}
        {problem && (
          <p id={problemId} role="alert" className="script-problem">
            {problemText(problem)}
          </p>
        )}
      </section>

      <div className="script-actions">
        <button type="button" className="button" onClick={back} disabled={run.path.length <= 1}>
          {t('callScript.back')}
        </button>
        <button type="button" className="button button-primary" onClick={next} disabled={step.kind === 'end'}>
          {t('callScript.next')}
        </button>
      </div>
      <p className="script-keys">{t('callScript.keysHint')}</p>
      {suggestion?.kind === 'suggest' && step.kind !== 'suggest' && (
        <p className="script-suggestion">{suggestionText(suggestion, dispositions, locale)}</p>
      )}
    </div>
  );
}

/** The step's text with the call's values: React text nodes only; unknown values marked for the operator. */
function FilledText({ text, script }: { text: string; script: ScriptForCall }) {
  const { t } = useTranslation();
  const { variableName } = useScriptText();
  return fillTemplate(text, script.values).map((part, index) =>
    part.kind === 'text' ? (
      <span key={index}>{part.text}</span>
    ) : part.kind === 'value' ? (
      <span key={index} className="script-value">
        {part.text}
      </span>
    ) : (
      <mark key={index} className="script-missing" title={t('callScript.missingHint')}>
        {t('callScript.missing', { name: variableName(part.variable) })}
      </mark>
    ),
  );
}

interface QuestionInputProps {
  step: QuestionStep;
  run: ScriptRun;
  labelledBy: string;
  problemId: string | undefined;
  fieldRef: RefObject<(HTMLInputElement & HTMLTextAreaElement) | null>;
  /** `readable` is false while a number field holds text that is not a number. */
  onAnswer: (run: ScriptRun, readable?: boolean) => void;
  onChoose: (value: string | boolean) => void;
}

function QuestionInput({ step, run, labelledBy, problemId, fieldRef, onAnswer, onChoose }: QuestionInputProps) {
  const { t } = useTranslation();
  const answer = currentAnswer(run);
  const name = useId();
  const hintId = `${name}-hint`;
  // The number field keeps what was typed ("12," on the way to "12,5"); the run holds only numbers.
  const [numberText, setNumberText] = useState(typeof answer === 'number' ? String(answer) : '');
  const hint = !step.required ? t('callScript.optional') : undefined;
  const describedBy = (hasHint: boolean) => [problemId, hasHint ? hintId : undefined].filter(Boolean).join(' ') || undefined;

  if (step.answer === 'choice' || step.answer === 'yesNo') {
    const options =
      step.answer === 'choice'
        ? step.options.map((option) => ({ value: option.value as string | boolean, label: option.label }))
        : [
            { value: true, label: t('callScript.yes') },
            { value: false, label: t('callScript.no') },
          ];
    return (
      <div
        role="radiogroup"
        aria-labelledby={labelledBy}
        aria-describedby={describedBy(hint !== undefined)}
        className="script-options"
      >
        {options.map((option, index) => (
          <label key={String(option.value)} className="script-option">
            <input
              type="radio"
              name={name}
              aria-label={option.label}
              checked={answer === option.value}
              onChange={() => onChoose(option.value)}
            />
            <kbd aria-hidden="true">{index + 1}</kbd>
            <span>{option.label}</span>
          </label>
        ))}
        {hint && (
          <p id={hintId} className="script-hint">
            {hint}
          </p>
        )}
      </div>
    );
  }

  if (step.answer === 'number') {
    const range =
      step.min !== undefined && step.max !== undefined
        ? t('callScript.numberBetween', { min: step.min, max: step.max })
        : step.min !== undefined
          ? t('callScript.numberAtLeast', { min: step.min })
          : step.max !== undefined
            ? t('callScript.numberAtMost', { max: step.max })
            : undefined;
    return (
      <div className="script-field">
        <input
          ref={fieldRef}
          type="text"
          inputMode={step.integer ? 'numeric' : 'decimal'}
          aria-labelledby={labelledBy}
          aria-describedby={describedBy(range !== undefined || hint !== undefined)}
          aria-invalid={problemId ? true : undefined}
          value={numberText}
          onChange={(event) => {
            const typed = event.target.value;
            const value = parseNumberAnswer(typed);
            setNumberText(typed);
            onAnswer(withAnswer(run, value), value !== undefined || typed.trim() === '');
          }}
        />
        {step.unit !== undefined && <span className="script-unit">{step.unit}</span>}
        {(range ?? hint) && (
          <p id={hintId} className="script-hint">
            {[range, hint].filter(Boolean).join(' ')}
          </p>
        )}
      </div>
    );
  }

  const text = typeof answer === 'string' ? answer : '';
  const change = (value: string) => onAnswer(withAnswer(run, value === '' ? undefined : value));
  return (
    <div className="script-field">
      {step.multiline ? (
        <textarea
          ref={fieldRef}
          rows={3}
          maxLength={step.maxLength}
          aria-labelledby={labelledBy}
          aria-describedby={describedBy(hint !== undefined)}
          aria-invalid={problemId ? true : undefined}
          value={text}
          onChange={(event) => change(event.target.value)}
        />
      ) : (
        <input
          ref={fieldRef}
          type="text"
          maxLength={step.maxLength}
          aria-labelledby={labelledBy}
          aria-describedby={describedBy(hint !== undefined)}
          aria-invalid={problemId ? true : undefined}
          value={text}
          onChange={(event) => change(event.target.value)}
        />
      )}
      {hint && (
        <p id={hintId} className="script-hint">
          {hint}
        </p>
      )}
    </div>
  );
}

function money(minor: number, currency: string | null, locale: Locale): string {
  return formatNumber(minor / 100, locale, currency ? { style: 'currency', currency } : { minimumFractionDigits: 2 });
}

function ItemCard({ code, item, locale }: { code: string; item: ScriptItem | undefined; locale: Locale }) {
  const { t } = useTranslation();
  const { unavailableText } = useScriptText();
  if (!item) return <p className="script-problem">{t('callScript.itemMissing', { code })}</p>;
  return (
    <article className="script-card" aria-label={t('callScript.item')}>
      <p className="script-card-title">
        <span>{item.name}</span> <code>{item.code}</code>
      </p>
      {item.description && <p>{item.description}</p>}
      {item.priceMinor !== null && <p>{t('callScript.price', { price: money(item.priceMinor, item.currency, locale) })}</p>}
      {item.discountPercent !== null && (
        <p>{t('callScript.discountPercent', { percent: formatNumber(item.discountPercent, locale) })}</p>
      )}
      {item.discountMinor !== null && (
        <p>{t('callScript.discountAmount', { amount: money(item.discountMinor, item.currency, locale) })}</p>
      )}
      {item.unavailable && <p className="script-unavailable">{unavailableText(item.unavailable)}</p>}
    </article>
  );
}

function ArticleCard({ slug, article }: { slug: string; article: ScriptArticle | undefined }) {
  const { t } = useTranslation();
  if (!article) return <p className="script-problem">{t('callScript.articleMissing', { slug })}</p>;
  return (
    <article className="script-card" aria-label={t('callScript.article')}>
      <p className="script-card-title">{article.title}</p>
      <p className="script-article-body">{article.body}</p>
    </article>
  );
}
