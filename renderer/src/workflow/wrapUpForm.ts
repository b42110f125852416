// The wrap-up form's values, how they map to the draft content core stores (seam 3), and the zod schema
// react-hook-form validates them with — the same rules core applies at submit (electron/shared/wrapUpRules.ts),
// with each problem carried as its message key so the panel can say it in the operator's language.
// Runs in Chromium.
import { zodResolver } from '@hookform/resolvers/zod';
import type { Resolver } from 'react-hook-form';
import { z } from 'zod';
import {
  wrapUpLimits,
  wrapUpProblemKeys,
  type CallbackPart,
  type DraftContent,
  type DraftFormContent,
  type OrderLine,
  type TicketPart,
  type WrapUpProblem,
} from '../../../electron/shared/ipc/wrapUp.js';
import { workflowCode, type Disposition } from '../../../electron/shared/workflow.js';
import { checkWrapUp } from '../../../electron/shared/wrapUpRules.js';

export interface WrapUpFormValues {
  /** '' while none is chosen. */
  disposition: string;
  subcode: string;
  notes: string;
  fields: Record<string, string | string[]>;
  /** Which optional parts the operator added (or the disposition asked for). */
  include: { ticket: boolean; order: boolean; callback: boolean };
  ticket: TicketPart;
  order: { lines: OrderLine[] };
  callback: CallbackPart;
}

export const emptyTicket = (): TicketPart => ({
  kind: 'request',
  department: '',
  priority: 'normal',
  subject: '',
  description: '',
});
export const emptyCallback = (): CallbackPart => ({ date: '', time: '', dueAt: null, assignee: 'me', number: '', note: '' });

export function emptyFormValues(): WrapUpFormValues {
  return {
    disposition: '',
    subcode: '',
    notes: '',
    fields: {},
    include: { ticket: false, order: false, callback: false },
    ticket: emptyTicket(),
    order: { lines: [] },
    callback: emptyCallback(),
  };
}

export function formValuesFrom(content: DraftContent): WrapUpFormValues {
  return {
    disposition: content.disposition ?? '',
    subcode: content.subcode ?? '',
    notes: content.notes,
    fields: { ...content.fields },
    include: {
      ticket: content.ticket !== undefined,
      order: content.order !== undefined,
      callback: content.callback !== undefined,
    },
    ticket: content.ticket ?? emptyTicket(),
    order: content.order ?? { lines: [] },
    callback: content.callback ?? emptyCallback(),
  };
}

/** The instant a local date (`YYYY-MM-DD`) and time (`HH:MM`) mean on this desk, or null. */
export function localInstant(date: string, time: string): number | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{2}):(\d{2})$/.exec(time);
  if (!d || !t) return null;
  const [year, month, day, hour, minute] = [Number(d[1]), Number(d[2]), Number(d[3]), Number(t[1]), Number(t[2])];
  const at = new Date(year, month - 1, day, hour, minute);
  if (at.getFullYear() !== year || at.getMonth() !== month - 1 || at.getDate() !== day || at.getHours() !== hour) return null;
  return at.getTime();
}

const cap = (text: unknown, max: number) => (typeof text === 'string' ? text.slice(0, max) : '');
const isCode = (value: unknown): value is string => workflowCode.safeParse(value).success;

/** Order lines as the contract takes them: an emptied quantity input gives NaN, which is saved as 0. */
export function cleanLines(lines: readonly OrderLine[]): OrderLine[] {
  return lines.slice(0, wrapUpLimits.orderLines).map((line) => {
    const quantity = Number.isFinite(line.quantity) ? Math.min(wrapUpLimits.quantity, Math.max(0, Math.trunc(line.quantity))) : 0;
    // The promotion select gives '' for "no promotion": the contract wants the key absent then.
    const { promotionId, ...rest } = line;
    return {
      ...rest,
      ...(promotionId ? { promotionId } : {}),
      description: cap(line.description, wrapUpLimits.lineDescription),
      quantity,
    };
  });
}

/**
 * The draft content for these values. Inputs can hold what the contract refuses (an emptied quantity is
 * NaN, a lone checkbox is a boolean): this cleans them so a save is never refused for the form's sake.
 */
export function contentFrom(values: WrapUpFormValues): DraftFormContent {
  const fields: DraftFormContent['fields'] = {};
  for (const [id, value] of Object.entries(values.fields ?? {})) {
    if (!isCode(id)) continue;
    if (typeof value === 'string') fields[id] = cap(value, wrapUpLimits.fieldText);
    else if (Array.isArray(value)) fields[id] = value.filter(isCode).slice(0, wrapUpLimits.multiChoiceValues);
  }
  const content: DraftFormContent = { notes: cap(values.notes, wrapUpLimits.notes), fields };
  if (isCode(values.disposition)) content.disposition = values.disposition;
  if (isCode(values.subcode)) content.subcode = values.subcode;
  if (values.include.ticket) {
    const t = values.ticket;
    content.ticket = {
      kind: t.kind,
      department: cap(t.department, 64),
      priority: t.priority,
      subject: cap(t.subject, wrapUpLimits.ticketSubject),
      description: cap(t.description, wrapUpLimits.ticketDescription),
    };
  }
  if (values.include.order) content.order = { lines: cleanLines(values.order.lines ?? []) };
  if (values.include.callback) {
    const c = values.callback;
    content.callback = {
      date: cap(c.date, 10),
      time: cap(c.time, 5),
      dueAt: localInstant(c.date, c.time),
      assignee: c.assignee === 'anyone' ? 'anyone' : 'me',
      number: cap(c.number, 64),
      note: cap(c.note, wrapUpLimits.callbackNote),
    };
  }
  return content;
}

/** The form field a problem's content path belongs to (a missing part is shown on its "add" checkbox). */
export function formPath(path: string): string {
  if (path === 'ticket' || path === 'order' || path === 'callback') return `include.${path}`;
  if (path === 'call') return 'root.call';
  if (/^order\.lines\.\d+$/.test(path)) return `${path}.catalogueItemId`;
  return path;
}

/** A problem travels through react-hook-form as its message: the key and parameters, as JSON. */
export function encodeProblem(problem: Pick<WrapUpProblem, 'key' | 'params'>): string {
  return JSON.stringify(problem.params ? { key: problem.key, params: problem.params } : { key: problem.key });
}

const encodedProblem = z.object({
  key: z.enum(wrapUpProblemKeys),
  params: z.record(z.string(), z.union([z.number(), z.string()])).optional(),
});

export function decodeProblem(message: string | undefined): Pick<WrapUpProblem, 'key' | 'params'> | undefined {
  if (!message) return undefined;
  try {
    const parsed = encodedProblem.safeParse(JSON.parse(message));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * react-hook-form's resolver: the values' shape is the form's own, so the schema only runs the shared
 * rules over the content they make, reading the dispositions and the time when it runs.
 */
export function wrapUpResolver(dispositions: () => readonly Disposition[], now: () => number): Resolver<WrapUpFormValues> {
  const schema = z
    .custom<WrapUpFormValues>((value) => typeof value === 'object' && value !== null)
    .superRefine((values, context) => {
      for (const problem of checkWrapUp(contentFrom(values), dispositions(), now()).problems) {
        context.addIssue({ code: 'custom', path: formPath(problem.path).split('.'), message: encodeProblem(problem) });
      }
    });
  return zodResolver(schema) as Resolver<WrapUpFormValues>;
}
