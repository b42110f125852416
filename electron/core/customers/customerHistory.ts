// A customer's history for the caller card: each interaction, newest first, with its call, the script run and
// its answers, the disposition and sub-code (with today's labels), notes, and the tickets, orders and callbacks
// filed with it — a page at a time. Plain Node (core). Reads only, through db/repositories/customerHistory.ts.
import type Database from 'better-sqlite3';
import {
  CustomerHistoryRepository,
  type HistoryInteractionRow,
  type HistoryScriptRow,
} from '../../../db/repositories/customerHistory.js';
import {
  historyLimits as L,
  type HistoryCursor,
  type HistoryEntry,
  type HistoryField,
  type HistoryPage,
  type ScriptAnswer,
} from '../../shared/ipc/customerHistory.js';
import { CommandFailure } from '../../shared/ipc/result.js';
import type { Disposition, DispositionField } from '../../shared/workflow.js';
import { cap } from './customerFields.js';

export interface CustomerHistoryOptions {
  sqlite: Database.Database;
  /** Whether the customer exists (CustomerService.repository fits). */
  customers: { get(id: string): unknown };
  /** The dispositions as configured now (`workflow.dispositions`), for labels. */
  dispositions: () => readonly Disposition[];
}

export class CustomerHistory {
  private readonly reads: CustomerHistoryRepository;

  constructor(private readonly options: CustomerHistoryOptions) {
    this.reads = new CustomerHistoryRepository(options.sqlite);
  }

  /** Interactions strictly older than `before` (or the newest), at most `limit`, with what was filed with each. */
  page(customerId: string, before?: HistoryCursor, limit: number = L.defaultPageSize): HistoryPage {
    const size = Math.min(Math.max(1, limit), L.pageSize);
    // One read transaction: a wrap-up committing meanwhile shows whole or not at all.
    return this.options.sqlite.transaction(() => {
      if (!this.options.customers.get(customerId)) throw new CommandFailure('not_found', 'No such customer');
      const rows = this.reads.interactions(customerId, before, size + 1);
      const page = rows.slice(0, size);
      const ids = page.map((row) => row.id);
      const filed = this.reads.filedWith(customerId, ids);
      const scriptIds = [...new Set(page.flatMap((row) => (row.scriptId === null ? [] : [row.scriptId])))];
      const scripts = new Map(this.reads.scripts(scriptIds).map((script) => [script.id, script]));
      const dispositions = this.options.dispositions();

      const linesByOrder = groupBy(filed.lines, (line) => line.orderId);
      const ticketsBy = groupBy(filed.tickets, (ticket) => ticket.interactionId);
      const ordersBy = groupBy(filed.orders, (order) => order.interactionId);
      const callbacksBy = groupBy(filed.callbacks, (callback) => callback.interactionId);

      const entries = page.map((row): HistoryEntry => ({
        id: row.id,
        kind: row.kind,
        direction: row.direction,
        occurredAt: row.occurredAt,
        agent: cap(row.agent, 200),
        notes: cap(row.notes, L.notes),
        call: callOf(row),
        ...dispositionOf(row, dispositions),
        ...customFieldsOf(row, dispositions),
        script: scriptOf(row, row.scriptId === null ? undefined : scripts.get(row.scriptId)),
        tickets: (ticketsBy.get(row.id) ?? []).slice(0, L.perInteraction).map(({ interactionId: _i, ...ticket }) => ({
          ...ticket,
          subject: cap(ticket.subject, 500) ?? '',
          department: cap(ticket.department, 200),
        })),
        orders: (ordersBy.get(row.id) ?? []).slice(0, L.perInteraction).map(({ interactionId: _i, ...order }) => ({
          ...order,
          lines: (linesByOrder.get(order.id) ?? [])
            .slice(0, L.orderLines)
            .map(({ orderId: _o, ...line }) => ({ ...line, description: cap(line.description, 500) ?? '' })),
        })),
        callbacks: (callbacksBy.get(row.id) ?? []).slice(0, L.perInteraction).map(({ interactionId: _i, ...callback }) => ({
          ...callback,
          assignee: cap(callback.assignee, 200),
          note: cap(callback.note, L.notes),
        })),
      }));
      const last = page.at(-1);
      return { entries, next: rows.length > size && last ? { occurredAt: last.occurredAt, id: last.id } : null };
    })();
  }
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const list = groups.get(key(item));
    if (list) list.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}

function callOf(row: HistoryInteractionRow): HistoryEntry['call'] {
  if (row.callId === null || row.callDirection === null || row.callInviteAt === null) return null;
  return {
    id: row.callId,
    direction: row.callDirection,
    e164: cap(row.callE164, 32),
    inviteAt: row.callInviteAt,
    answerAt: row.callAnswerAt,
    endAt: row.callEndAt,
    durationMs: row.callDurationMs === null ? null : Math.max(0, row.callDurationMs),
  };
}

/**
 * The outcome as a configured disposition, labelled as settings name it today. Records from before dispositions
 * were codes (or from a centre that has since renamed them) keep their text, without a label.
 */
function dispositionOf(
  row: HistoryInteractionRow,
  dispositions: readonly Disposition[],
): Pick<HistoryEntry, 'disposition' | 'subcode'> {
  if (row.outcome === null) return { disposition: null, subcode: null };
  const known = dispositions.find((disposition) => disposition.code === row.outcome);
  const subcode =
    row.outcomeSubcode === null
      ? null
      : {
          code: cap(row.outcomeSubcode, 200) ?? '',
          label: known?.subcodes.find((sub) => sub.code === row.outcomeSubcode)?.label ?? null,
        };
  return { disposition: { code: cap(row.outcome, 200) ?? '', label: known?.label ?? null }, subcode };
}

/**
 * The custom fields filed with the wrap-up (interactions.custom_fields, as wrapUpRules.ts stores them: numbers as
 * numbers, dates `YYYY-MM-DD`, choices as option codes), typed and labelled by the filed disposition's field
 * definitions as settings have them now, in their order; fields no longer defined follow, by id. Keys starting
 * with `_` are the desk's own marks, not fields: `_autoFiled` (wrapUpService.ts AUTO_FILED_KEY) becomes `autoFiled`.
 * Read leniently: a value that does not fit its definition is shown as stored, rather than failing the history.
 */
function customFieldsOf(
  row: HistoryInteractionRow,
  dispositions: readonly Disposition[],
): Pick<HistoryEntry, 'fields' | 'autoFiled'> {
  const stored = parseJson(row.customFields);
  if (!isRecord(stored)) return {};
  const definitions = dispositions.find((disposition) => disposition.code === row.outcome)?.fields ?? [];
  const known = new Map(definitions.map((definition) => [definition.id, definition]));
  const ids = Object.keys(stored).filter((key) => !key.startsWith('_'));
  const ordered = [
    ...definitions.filter((definition) => ids.includes(definition.id)).map((definition) => definition.id),
    ...ids.filter((key) => !known.has(key)),
  ];
  const fields: HistoryField[] = [];
  for (const id of ordered.slice(0, L.fields)) {
    const definition = known.get(id);
    const value = fieldValue(stored[id], definition);
    if (value) fields.push({ id: cap(id, 64) ?? '', label: definition?.label ?? null, value });
  }
  return {
    ...(fields.length > 0 ? { fields } : {}),
    ...(isRecord(stored._autoFiled) ? { autoFiled: true as const } : {}),
  };
}

function fieldValue(value: unknown, definition: DispositionField | undefined): HistoryField['value'] | undefined {
  const option = (code: string) => ({
    code: cap(code, 200) ?? '',
    label: definition?.options?.find((candidate) => candidate.value === code)?.label ?? null,
  });
  if (Array.isArray(value)) {
    const codes = value.filter((item): item is string => typeof item === 'string');
    return { type: 'multiChoice', choices: codes.slice(0, L.fieldChoices).map(option) };
  }
  if (typeof value === 'number') return Number.isFinite(value) ? { type: 'number', number: value } : undefined;
  if (typeof value !== 'string') return undefined;
  switch (definition?.type) {
    case 'date':
      if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return { type: 'date', date: value };
      break;
    case 'choice':
      return { type: 'choice', choice: option(value) };
    case 'multiChoice':
      return { type: 'multiChoice', choices: [option(value)] };
  }
  return { type: 'text', text: cap(value, L.fieldText) ?? '' };
}

/**
 * The script part of the wrap-up as stored in interactions.script_run: `scriptRunSchema` of
 * electron/shared/callScript.ts, `{ scriptId, path: [{ stepId, answer? }] }`. Read leniently: a run or a definition
 * this build cannot read shows the script with what it can, rather than failing the whole history.
 */
function scriptOf(row: HistoryInteractionRow, script: HistoryScriptRow | undefined): HistoryEntry['script'] {
  const run = parseJson(row.scriptRun);
  const runScriptId = isRecord(run) && typeof run.scriptId === 'string' ? run.scriptId : null;
  const scriptId = row.scriptId ?? runScriptId;
  if (scriptId === null) return null;
  const questions = script ? scriptQuestions(parseJson(script.definition)) : new Map<string, Question>();
  const path = isRecord(run) && Array.isArray(run.path) ? run.path : [];
  const answers: ScriptAnswer[] = [];
  for (const step of path.slice(0, L.scriptAnswers)) {
    if (!isRecord(step) || typeof step.stepId !== 'string') continue;
    // Steps that only said or showed something carry no answer: the history lists the questions answered.
    if (!('answer' in step) || step.answer === undefined) continue;
    const question = questions.get(step.stepId);
    const answer = answerValue(step.answer);
    answers.push({
      stepId: cap(step.stepId, 200) ?? '',
      prompt: cap(question?.prompt ?? null, L.answerText),
      // A choice is stored as its option's code; the operator chose it by its label.
      answer: typeof answer === 'string' ? (cap(question?.options.get(answer) ?? null, L.answerText) ?? answer) : answer,
    });
  }
  return {
    scriptId: cap(scriptId, 64) ?? '',
    name: script ? cap(script.name, 200) : null,
    version: script ? script.version : null,
    answers,
  };
}

function answerValue(value: unknown): ScriptAnswer['answer'] {
  if (typeof value === 'string') return cap(value, L.answerText);
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean') return value;
  return null;
}

interface Question {
  /** The step's short title, else its text (as written: variables are not filled in after the call). */
  prompt: string | null;
  /** Choice questions: option code → label. */
  options: Map<string, string>;
}

/** The questions of a stored script definition (callScript.ts: `steps: [{ id, kind, title?, text, options? }]`). */
function scriptQuestions(definition: unknown): Map<string, Question> {
  const questions = new Map<string, Question>();
  const steps = isRecord(definition) && Array.isArray(definition.steps) ? definition.steps : [];
  for (const step of steps) {
    if (!isRecord(step) || typeof step.id !== 'string') continue;
    const prompt = [step.title, step.text].find((value): value is string => typeof value === 'string') ?? null;
    const options = new Map<string, string>();
    if (Array.isArray(step.options))
      for (const option of step.options)
        if (isRecord(option) && typeof option.value === 'string' && typeof option.label === 'string')
          options.set(option.value, option.label);
    questions.set(step.id, { prompt, options });
  }
  return questions;
}

function parseJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
