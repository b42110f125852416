// The call-script format: what a script file may say, how its steps connect, how its text fills in with the
// call's values, and which runs (path + answers) are valid. Runs anywhere: core validates imported files and
// saved progress with it, the renderer navigates and renders with the same functions.
// The format is documented for script authors in electron/core/scripts/README.md.
import { z } from 'zod';
import { workflowCode } from './workflow.js';

export const scriptLimits = {
  /** One script file, before parsing. */
  fileBytes: 256 * 1024,
  /** Script files in one imported directory. */
  filesPerImport: 200,
  steps: 200,
  text: 4000,
  title: 80,
  name: 120,
  description: 1000,
  optionLabel: 120,
  /** Choices are picked with the number keys 1–9. */
  options: 9,
  numberRanges: 20,
  /** Dialled numbers / queues one script (or one rules entry) may claim. */
  matchEntries: 50,
  matchValue: 64,
  /** Steps in one saved run; a run that loops through a question may revisit steps. */
  pathLength: 500,
  textAnswer: 2000,
  /** A filled-in value (a customer's name, a tariff): longer values are cut. */
  value: 200,
} as const;

// ---------------------------------------------------------------------------------------------------------------
// Variables

/**
 * The variables a script may use, as `{{customer.name}}`. A fixed list on purpose: a typo in a script is refused
 * at import instead of reaching a customer as a blank. core fills them per call (electron/core/scripts/scriptValues.ts).
 */
export const scriptVariables = [
  'customer.name',
  'customer.company',
  'customer.accountNumber',
  /** The tariff's catalogue name when the customer's tariff is a catalogue code, else the tariff as stored. */
  'customer.tariff',
  'customer.segment',
  'customer.city',
  'customer.email',
  /** The operator: sip.displayName, else the SIP user. */
  'agent.name',
  /** The other party's number in international format (inbound: the caller; outbound: the dialled number). */
  'call.number',
  /** Inbound: the number the caller dialled (the service line), as the PBX sent it. */
  'call.dialledNumber',
  /** Inbound: the queue the PBX routed the call through. */
  'call.queue',
  /** Today's date, written the way the script's language writes it. */
  'call.date',
] as const;
export type ScriptVariable = (typeof scriptVariables)[number];
export const scriptVariableSchema = z.enum(scriptVariables);

/** A call's values; absent, null or blank values show as a visible placeholder, never as "undefined". */
export type ScriptValues = Partial<Record<ScriptVariable, string | null>>;
export const scriptValuesSchema = z.partialRecord(scriptVariableSchema, z.string().max(scriptLimits.value).nullable());

export type TemplatePart = { kind: 'text'; text: string } | { kind: 'variable'; variable: ScriptVariable };

/** Splits `text` into literal text and variables; unknown variables and unclosed braces are problems. */
export function parseTemplate(text: string): { parts: TemplatePart[]; problems: string[] } {
  const parts: TemplatePart[] = [];
  const problems: string[] = [];
  let at = 0;
  while (at < text.length) {
    const open = text.indexOf('{{', at);
    if (open === -1) break;
    const close = text.indexOf('}}', open + 2);
    if (close === -1) {
      problems.push(`"{{" at character ${open + 1} is never closed with "}}"`);
      break;
    }
    if (open > at) parts.push({ kind: 'text', text: text.slice(at, open) });
    const name = text.slice(open + 2, close).trim();
    if ((scriptVariables as readonly string[]).includes(name)) parts.push({ kind: 'variable', variable: name as ScriptVariable });
    else {
      problems.push(
        name === ''
          ? `empty variable "{{}}" at character ${open + 1}`
          : `unknown variable "{{${name.slice(0, 40)}}}"; known: ${scriptVariables.join(', ')}`,
      );
      parts.push({ kind: 'text', text: text.slice(open, close + 2) });
    }
    at = close + 2;
  }
  if (at < text.length) parts.push({ kind: 'text', text: text.slice(at) });
  return { parts, problems };
}

/** Filled text: literal text, a value, or a missing value the viewer marks so the operator asks instead. */
export type FilledPart =
  | { kind: 'text'; text: string }
  | { kind: 'value'; variable: ScriptVariable; text: string }
  | { kind: 'missing'; variable: ScriptVariable };

/**
 * Fills the variables of `text` with `values`, as plain text: one pass, so a value that itself contains
 * "{{…}}" stays literal, and nothing here is ever markup (the viewer renders React text nodes).
 */
export function fillTemplate(text: string, values: ScriptValues): FilledPart[] {
  return parseTemplate(text).parts.map((part) => {
    if (part.kind === 'text') return part;
    const value = cleanValue(values[part.variable]);
    return value === '' ? { kind: 'missing', variable: part.variable } : { kind: 'value', variable: part.variable, text: value };
  });
}

/** The filled text as one string, missing values as `placeholder(variable)` ("[customer.name]" by default). */
export function fillTemplateText(
  text: string,
  values: ScriptValues,
  placeholder: (variable: ScriptVariable) => string = (variable) => `[${variable}]`,
): string {
  return fillTemplate(text, values)
    .map((part) => (part.kind === 'missing' ? placeholder(part.variable) : part.text))
    .join('');
}

/** A value as plain, single-line text: controls and bidi overrides removed, whitespace collapsed, capped. */
export function cleanValue(value: string | null | undefined): string {
  if (typeof value !== 'string') return '';
  const cleaned = value
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (cleaned.length <= scriptLimits.value) return cleaned;
  const cut = cleaned.slice(0, scriptLimits.value);
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}

// ---------------------------------------------------------------------------------------------------------------
// The script definition

export const scriptKeySchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'must be 1–64 lower-case letters, digits, ".", "_" or "-" (e.g. inbound-service-tr)');
export const stepIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'must be 1–64 lower-case letters, digits, "_" or "-" (e.g. ask-reason)');
/** BCP 47 primary language, optionally with a region: tr, en, ru, en-GB. */
export const scriptLanguageSchema = z.string().regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, 'must be a language code such as tr, en or ru');

/** Text the operator reads out: variables checked here, so an unknown one is refused at import. */
const templateText = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .superRefine((text, context) => {
      for (const problem of parseTemplate(text).problems) context.addIssue({ code: 'custom', message: problem });
    });
const title = z.string().min(1).max(scriptLimits.title);
const target = stepIdSchema;

const stepBase = {
  id: stepIdSchema,
  /** Short name for the breadcrumb; the step id otherwise. */
  title: title.optional(),
};

const sayStep = z
  .object({ ...stepBase, kind: z.literal('say'), text: templateText(scriptLimits.text), next: target.optional() })
  .strict();

const questionBase = {
  ...stepBase,
  kind: z.literal('question'),
  text: templateText(scriptLimits.text),
  /** The operator must answer before going on (default); an optional question may be skipped. */
  required: z.boolean().default(true),
  /** Where any answer without a branch of its own goes (else the step below). */
  next: target.optional(),
};

const textQuestion = z
  .object({
    ...questionBase,
    answer: z.literal('text'),
    maxLength: z.number().int().min(1).max(scriptLimits.textAnswer).default(500),
    multiline: z.boolean().default(false),
  })
  .strict();

const numberRange = z
  .object({ min: z.number().finite().optional(), max: z.number().finite().optional(), next: target })
  .strict()
  .refine((range) => range.min === undefined || range.max === undefined || range.min <= range.max, {
    message: 'min must not be above max',
  });

const numberQuestion = z
  .object({
    ...questionBase,
    answer: z.literal('number'),
    min: z.number().finite().optional(),
    max: z.number().finite().optional(),
    integer: z.boolean().default(false),
    /** Shown beside the field: "GB", "TL", "months". */
    unit: z.string().min(1).max(20).optional(),
    /** The first range the answer falls in (min and max inclusive) decides the next step. */
    ranges: z.array(numberRange).max(scriptLimits.numberRanges).default([]),
  })
  .strict()
  .refine((step) => step.min === undefined || step.max === undefined || step.min <= step.max, {
    message: 'min must not be above max',
    path: ['min'],
  });

const yesNoQuestion = z
  .object({ ...questionBase, answer: z.literal('yesNo'), ifYes: target.optional(), ifNo: target.optional() })
  .strict();

const choiceOption = z
  .object({ value: workflowCode, label: z.string().min(1).max(scriptLimits.optionLabel), next: target.optional() })
  .strict();

const choiceQuestion = z
  .object({
    ...questionBase,
    answer: z.literal('choice'),
    options: z
      .array(choiceOption)
      .min(2)
      .max(scriptLimits.options, `at most ${scriptLimits.options} options: they are chosen with the keys 1–9`),
  })
  .strict()
  .superRefine((step, context) => {
    const seen = new Set<string>();
    step.options.forEach((option, index) => {
      if (seen.has(option.value))
        context.addIssue({
          code: 'custom',
          message: `option value "${option.value}" appears twice`,
          path: ['options', index, 'value'],
        });
      seen.add(option.value);
    });
  });

const questionStep = z.discriminatedUnion('answer', [textQuestion, numberQuestion, yesNoQuestion, choiceQuestion], {
  error: 'answer must be text, number, yesNo or choice',
});

const showStep = z
  .object({
    ...stepBase,
    kind: z.literal('show'),
    /** What to say while showing it (optional). */
    text: templateText(scriptLimits.text).optional(),
    /** A catalogue item's code (tariff, service, product, promotion)… */
    item: z.string().min(1).max(64).optional(),
    /** …or a knowledge article's slug: exactly one of the two. */
    article: z.string().min(1).max(128).optional(),
    next: target.optional(),
  })
  .strict()
  .refine((step) => (step.item === undefined) !== (step.article === undefined), {
    message: 'a show step needs exactly one of item (a catalogue code) or article (a knowledge article slug)',
  });

const suggestStep = z
  .object({
    ...stepBase,
    kind: z.literal('suggest'),
    text: templateText(scriptLimits.text).optional(),
    /** A code from the workflow.dispositions setting; checked against it at import. */
    disposition: workflowCode,
    subcode: workflowCode.optional(),
    next: target.optional(),
  })
  .strict();

const endStep = z.object({ ...stepBase, kind: z.literal('end'), text: templateText(scriptLimits.text).optional() }).strict();

export const scriptStepSchema = z.discriminatedUnion('kind', [sayStep, questionStep, showStep, suggestStep, endStep], {
  error: 'kind must be say, question, show, suggest or end',
});
export type ScriptStep = z.output<typeof scriptStepSchema>;
export type QuestionStep = Extract<ScriptStep, { kind: 'question' }>;
export type ScriptAnswerType = QuestionStep['answer'];

const matchValue = z.string().trim().min(1).max(scriptLimits.matchValue);

/**
 * When this script is chosen for a call (a field of the script, or an entry of the directory's rules file).
 * Order of precedence: dialled number, then queue, then the inbound/outbound default; among several scripts
 * at the same level, the one in the customer's language, then the desk's, then the most recently imported.
 */
export const scriptChoiceSchema = z
  .object({
    inboundDefault: z.boolean().default(false),
    outboundDefault: z.boolean().default(false),
    /** Inbound calls to these numbers (service lines, DIDs), written as people write them. */
    dialledNumbers: z.array(matchValue).max(scriptLimits.matchEntries).default([]),
    /** Inbound calls the PBX routed through these queues (X-Queue header, else the Diversion user). */
    queues: z.array(matchValue).max(scriptLimits.matchEntries).default([]),
  })
  .strict();
export type ScriptChoice = z.output<typeof scriptChoiceSchema>;

const scriptFields = {
  key: scriptKeySchema,
  /** The author's version number; the desk numbers versions itself when it is absent. */
  version: z.number().int().min(1).max(1_000_000).optional(),
  name: z.string().trim().min(1).max(scriptLimits.name),
  language: scriptLanguageSchema,
  description: z.string().max(scriptLimits.description).optional(),
  /** The first step's id; the first step in the list otherwise. */
  start: stepIdSchema.optional(),
  choose: scriptChoiceSchema.optional(),
  steps: z.array(scriptStepSchema).min(1).max(scriptLimits.steps),
};

/** A script file as written (JSON or YAML), checked for shape and for a sound step graph. */
export const scriptFileSchema = z
  .object(scriptFields)
  .strict()
  .superRefine((script, context) => {
    for (const problem of checkStepGraph(script))
      context.addIssue({ code: 'custom', message: problem.message, path: problem.path });
  });
export type ScriptFile = z.output<typeof scriptFileSchema>;

/** What the desk stores and sends: the file's definition with the choice rules that apply to it merged in. */
export type ScriptDefinition = ScriptFile;
export const scriptDefinitionSchema = scriptFileSchema;

/** The directory's rules file (rules.yaml / rules.yml / rules.json): choice rules for scripts of the same import. */
export const scriptRulesFileSchema = z
  .object({
    rules: z.array(scriptChoiceSchema.extend({ script: scriptKeySchema }).strict()).max(scriptLimits.filesPerImport * 2),
  })
  .strict();
export type ScriptRulesFile = z.output<typeof scriptRulesFileSchema>;

// ---------------------------------------------------------------------------------------------------------------
// The step graph

export type ProblemPath = (string | number)[];
export interface GraphProblem {
  path: ProblemPath;
  message: string;
}

/** Minimal view of a definition for graph work (the file schema's input and output both fit). */
interface GraphScript {
  start?: string | undefined;
  steps: readonly ScriptStep[] | readonly GraphStepInput[];
}
type GraphStepInput = { id: string; kind: string } & Record<string, unknown>;

export function startStepId(script: GraphScript): string | undefined {
  return script.start ?? script.steps[0]?.id;
}

/** Where a step may go next: explicit targets with the path of the field naming them, plus "the step below". */
function exits(step: GraphStepInput): { targets: { id: string; path: ProblemPath }[]; fallsThrough: boolean } {
  const targets: { id: string; path: ProblemPath }[] = [];
  const add = (id: unknown, path: ProblemPath) => {
    if (typeof id === 'string') targets.push({ id, path });
  };
  if (step.kind === 'end') return { targets, fallsThrough: false };
  add(step.next, ['next']);
  if (step.kind !== 'question') return { targets, fallsThrough: step.next === undefined };
  // A question needs its default exit when some answer (or no answer, when optional) has no branch of its own.
  let everyAnswerBranched = false;
  if (step.answer === 'choice' && Array.isArray(step.options)) {
    const options = step.options as { next?: unknown }[];
    options.forEach((option, index) => add(option.next, ['options', index, 'next']));
    everyAnswerBranched = options.every((option) => typeof option.next === 'string');
  } else if (step.answer === 'yesNo') {
    add(step.ifYes, ['ifYes']);
    add(step.ifNo, ['ifNo']);
    everyAnswerBranched = typeof step.ifYes === 'string' && typeof step.ifNo === 'string';
  } else if (step.answer === 'number' && Array.isArray(step.ranges)) {
    const ranges = step.ranges as { min?: unknown; max?: unknown; next?: unknown }[];
    ranges.forEach((range, index) => add(range.next, ['ranges', index, 'next']));
    everyAnswerBranched = ranges.some((range) => range.min === undefined && range.max === undefined);
  }
  const optional = step.required === false;
  return { targets, fallsThrough: step.next === undefined && (optional || !everyAnswerBranched) };
}

/**
 * The step graph's soundness: unique ids, every target exists, every step reachable from the start, no loop
 * the operator cannot leave (a cycle must pass through a question), and every step can still reach an end.
 */
export function checkStepGraph(script: GraphScript): GraphProblem[] {
  const problems: GraphProblem[] = [];
  const steps = script.steps as readonly GraphStepInput[];
  const index = new Map<string, number>();
  steps.forEach((step, at) => {
    if (index.has(step.id)) problems.push({ path: ['steps', at, 'id'], message: `step id "${step.id}" is used twice` });
    else index.set(step.id, at);
  });
  const start = startStepId(script);
  if (script.start !== undefined && !index.has(script.start)) {
    problems.push({ path: ['start'], message: `there is no step "${script.start}"` });
    return problems;
  }
  if (start === undefined) return problems;

  const successors = new Map<string, string[]>();
  steps.forEach((step, at) => {
    const { targets, fallsThrough } = exits(step);
    const next: string[] = [];
    for (const target of targets) {
      if (index.has(target.id)) next.push(target.id);
      else problems.push({ path: ['steps', at, ...target.path], message: `there is no step "${target.id}"` });
    }
    if (fallsThrough) {
      const below = steps[at + 1];
      if (below) next.push(below.id);
      else
        problems.push({
          path: ['steps', at],
          message: `step "${step.id}" is the last one but is not an end step: give it a next step or add an end step`,
        });
    }
    if (!successors.has(step.id)) successors.set(step.id, next);
  });
  if (problems.length > 0) return problems;

  // Reachable from the start.
  const reached = new Set<string>([start]);
  const queue = [start];
  while (queue.length > 0) {
    for (const next of successors.get(queue.shift()!) ?? []) {
      if (!reached.has(next)) {
        reached.add(next);
        queue.push(next);
      }
    }
  }
  steps.forEach((step, at) => {
    if (!reached.has(step.id))
      problems.push({ path: ['steps', at], message: `step "${step.id}" can never be reached from the start ("${start}")` });
  });

  // A loop through say/show/suggest steps only would have the operator click "next" forever.
  const isQuestion = (id: string) => steps[index.get(id)!]!.kind === 'question';
  const colour = new Map<string, 'open' | 'done'>();
  const reportedLoops = new Set<string>();
  const visit = (id: string, trail: string[]) => {
    colour.set(id, 'open');
    trail.push(id);
    for (const next of successors.get(id) ?? []) {
      if (isQuestion(next)) continue;
      if (colour.get(next) === 'open') {
        const loop = [...trail.slice(trail.indexOf(next)), next];
        const key = [...loop].sort().join(' ');
        if (!reportedLoops.has(key)) {
          reportedLoops.add(key);
          problems.push({
            path: ['steps', index.get(next)!],
            message: `steps ${loop.map((s) => `"${s}"`).join(' → ')} loop without a question: the operator could never leave`,
          });
        }
      } else if (!colour.has(next)) visit(next, trail);
    }
    trail.pop();
    colour.set(id, 'done');
  };
  for (const step of steps) if (!isQuestion(step.id) && !colour.has(step.id)) visit(step.id, []);

  // Every reachable step can still reach an end step.
  const predecessors = new Map<string, string[]>();
  for (const [from, nexts] of successors)
    for (const next of nexts) predecessors.set(next, [...(predecessors.get(next) ?? []), from]);
  const canEnd = new Set(steps.filter((step) => step.kind === 'end').map((step) => step.id));
  if (canEnd.size === 0) {
    problems.push({ path: ['steps'], message: 'the script has no end step' });
    return problems;
  }
  const back = [...canEnd];
  while (back.length > 0) {
    for (const previous of predecessors.get(back.shift()!) ?? []) {
      if (!canEnd.has(previous)) {
        canEnd.add(previous);
        back.push(previous);
      }
    }
  }
  steps.forEach((step, at) => {
    if (reached.has(step.id) && !canEnd.has(step.id))
      problems.push({ path: ['steps', at], message: `from step "${step.id}" the script can never reach an end step` });
  });
  return problems;
}

/** 'steps[3].options[1].next' */
export function formatProblemPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const part of path) {
    if (typeof part === 'number') text += `[${part}]`;
    else text += text === '' ? String(part) : `.${String(part)}`;
  }
  return text || '(root)';
}

// ---------------------------------------------------------------------------------------------------------------
// Runs: the path taken and the answers (seam with the wrap-up draft: its `script` part)

export const scriptAnswerSchema = z.union([z.string().max(scriptLimits.textAnswer), z.number().finite(), z.boolean()]);
export type ScriptAnswer = z.infer<typeof scriptAnswerSchema>;

export const scriptPathEntrySchema = z.object({ stepId: stepIdSchema, answer: scriptAnswerSchema.optional() }).strict();
export type ScriptPathEntry = z.infer<typeof scriptPathEntrySchema>;

/**
 * A call's progress through a script: the script version (call_scripts.id) and the steps visited in order, each
 * with its answer. The last entry is where the operator is now (its answer, if any, is not confirmed yet).
 * Saved in the wrap-up draft's `script` part, filed as interactions.script_id / script_run.
 */
export const scriptRunSchema = z
  .object({
    scriptId: z.string().min(1).max(64),
    path: z.array(scriptPathEntrySchema).min(1).max(scriptLimits.pathLength),
  })
  .strict();
export type ScriptRun = z.infer<typeof scriptRunSchema>;

export function stepById(script: ScriptDefinition, id: string): ScriptStep | undefined {
  return script.steps.find((step) => step.id === id);
}

/** Why an answer does not fit its question, or null when it does. Stable codes: the viewer translates them. */
export type AnswerProblem = 'required' | 'type' | 'tooLong' | 'notInteger' | 'belowMin' | 'aboveMax' | 'unknownOption';

export function checkAnswer(step: QuestionStep, answer: ScriptAnswer | undefined): AnswerProblem | null {
  if (answer === undefined || answer === '') return step.required ? 'required' : null;
  switch (step.answer) {
    case 'text':
      if (typeof answer !== 'string') return 'type';
      return answer.length > step.maxLength ? 'tooLong' : null;
    case 'number':
      if (typeof answer !== 'number' || !Number.isFinite(answer)) return 'type';
      if (step.integer && !Number.isInteger(answer)) return 'notInteger';
      if (step.min !== undefined && answer < step.min) return 'belowMin';
      if (step.max !== undefined && answer > step.max) return 'aboveMax';
      return null;
    case 'yesNo':
      return typeof answer === 'boolean' ? null : 'type';
    case 'choice':
      if (typeof answer !== 'string') return 'type';
      return step.options.some((option) => option.value === answer) ? null : 'unknownOption';
  }
}

/** The step after `stepId` given its answer; undefined at an end step (or for an unknown step). */
export function nextStepId(script: ScriptDefinition, stepId: string, answer?: ScriptAnswer): string | undefined {
  const at = script.steps.findIndex((step) => step.id === stepId);
  const step = script.steps[at];
  if (!step || step.kind === 'end') return undefined;
  const below = script.steps[at + 1]?.id;
  if (step.kind !== 'question' || answer === undefined || answer === '') return step.next ?? below;
  let branch: string | undefined;
  if (step.answer === 'choice') branch = step.options.find((option) => option.value === answer)?.next;
  else if (step.answer === 'yesNo') branch = answer === true ? step.ifYes : answer === false ? step.ifNo : undefined;
  else if (step.answer === 'number' && typeof answer === 'number')
    branch = step.ranges.find(
      (range) => (range.min === undefined || answer >= range.min) && (range.max === undefined || answer <= range.max),
    )?.next;
  return branch ?? step.next ?? below;
}

/** Why a run does not fit its script (a stale window, a tampered message), or [] when it does. */
export function checkRun(script: ScriptDefinition, run: Pick<ScriptRun, 'path'>): GraphProblem[] {
  const problems: GraphProblem[] = [];
  const start = startStepId(script);
  run.path.forEach((entry, at) => {
    const step = stepById(script, entry.stepId);
    const path: ProblemPath = ['path', at];
    if (!step) {
      problems.push({ path: [...path, 'stepId'], message: `the script has no step "${entry.stepId}"` });
      return;
    }
    if (at === 0 && entry.stepId !== start) problems.push({ path: [...path, 'stepId'], message: `a run starts at "${start}"` });
    const current = at === run.path.length - 1;
    if (step.kind !== 'question') {
      if (entry.answer !== undefined) problems.push({ path: [...path, 'answer'], message: `step "${step.id}" takes no answer` });
    } else {
      const problem = checkAnswer(step, entry.answer);
      // The current step's answer may still be unanswered; anything given must fit.
      if (problem && !(current && problem === 'required'))
        problems.push({ path: [...path, 'answer'], message: `answer to "${step.id}": ${problem}` });
    }
    const following = run.path[at + 1];
    if (following && following.stepId !== nextStepId(script, step.id, entry.answer))
      problems.push({ path: [...path], message: `"${following.stepId}" does not follow "${step.id}" with that answer` });
  });
  return problems;
}
