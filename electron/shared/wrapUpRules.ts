// What makes a wrap-up complete, checked the same way in the form (react-hook-form's zod resolver) and in
// core at submit: the disposition and its sub-code exist, custom fields match their definitions, and the
// parts the disposition's flags ask for are there and filled in. Runs anywhere (pure TS).
// Checks that need the database or the phone-number rules (departments, catalogue validity, prices,
// the call log, the callback number) are core's.
import type { DraftFormContent, FieldValue, WrapUpProblem } from './ipc/wrapUp.js';
import { wrapUpLimits } from './ipc/wrapUp.js';
import type { Disposition, DispositionField } from './workflow.js';

export type TypedFieldValue = string | number | string[];

export interface WrapUpCheck {
  problems: WrapUpProblem[];
  /** The chosen disposition, when it exists. */
  disposition: Disposition | undefined;
  /** The disposition's custom fields as stored: numbers as numbers, dates as `YYYY-MM-DD`, empty ones left out. */
  customFields: Record<string, TypedFieldValue>;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `1234.5`, `1234,5`, `-3`: a number as people type it in tr/en/ru (one decimal separator, no grouping). */
export function parseTypedNumber(text: string): number | undefined {
  const trimmed = text.trim().replace(',', '.');
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(trimmed)) return undefined;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : undefined;
}

/** A real calendar date written `YYYY-MM-DD` (what `<input type="date">` gives). */
export function isCalendarDate(text: string): boolean {
  const match = isoDate.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const isEmpty = (value: FieldValue | undefined) =>
  value === undefined || (typeof value === 'string' ? value.trim() === '' : value.length === 0);

function checkField(
  field: DispositionField,
  value: FieldValue | undefined,
  problems: WrapUpProblem[],
): TypedFieldValue | undefined {
  const path = `fields.${field.id}`;
  if (isEmpty(value)) {
    if (field.required) problems.push({ path, key: 'required' });
    return undefined;
  }
  const options = new Set((field.options ?? []).map((option) => option.value));
  switch (field.type) {
    case 'text': {
      if (typeof value !== 'string') break;
      const text = value.trim();
      const max = field.maxLength ?? wrapUpLimits.fieldText;
      if (text.length > max) problems.push({ path, key: 'tooLong', params: { max } });
      return text;
    }
    case 'number': {
      if (typeof value !== 'string') break;
      const number = parseTypedNumber(value);
      if (number === undefined) {
        problems.push({ path, key: 'notANumber' });
        return undefined;
      }
      if (field.min !== undefined && number < field.min) problems.push({ path, key: 'tooSmall', params: { min: field.min } });
      if (field.max !== undefined && number > field.max) problems.push({ path, key: 'tooLarge', params: { max: field.max } });
      return number;
    }
    case 'date': {
      if (typeof value !== 'string') break;
      if (!isCalendarDate(value.trim())) {
        problems.push({ path, key: 'invalidDate' });
        return undefined;
      }
      return value.trim();
    }
    case 'choice': {
      if (typeof value !== 'string') break;
      if (!options.has(value)) problems.push({ path, key: 'unknownOption' });
      return value;
    }
    case 'multiChoice': {
      if (!Array.isArray(value)) break;
      if (value.some((choice) => !options.has(choice))) problems.push({ path, key: 'unknownOption' });
      return [...new Set(value)];
    }
  }
  // A value of the wrong shape (text where a list belongs): the field's definition changed under the draft.
  problems.push({ path, key: field.type === 'number' ? 'notANumber' : 'unknownOption' });
  return undefined;
}

/**
 * Checks a wrap-up against the centre's dispositions at `now`. Problems come in form order (disposition,
 * sub-code, fields, ticket, order, callback), so the first one is where the operator should look first.
 */
export function checkWrapUp(content: DraftFormContent, dispositions: readonly Disposition[], now: number): WrapUpCheck {
  const problems: WrapUpProblem[] = [];
  const customFields: Record<string, TypedFieldValue> = {};
  const disposition = content.disposition === undefined ? undefined : dispositions.find((d) => d.code === content.disposition);

  if (content.disposition === undefined) problems.push({ path: 'disposition', key: 'required' });
  else if (!disposition) problems.push({ path: 'disposition', key: 'unknownOption' });

  if (disposition) {
    if (content.subcode !== undefined) {
      if (!disposition.subcodes.some((s) => s.code === content.subcode)) problems.push({ path: 'subcode', key: 'unknownOption' });
    } else if (disposition.subcodes.length > 0) {
      problems.push({ path: 'subcode', key: 'required' });
    }
    for (const field of disposition.fields) {
      const typed = checkField(field, content.fields[field.id], problems);
      if (typed !== undefined) customFields[field.id] = typed;
    }
  }
  const flags = new Set(disposition?.flags ?? []);

  const { ticket, order, callback } = content;
  if (!ticket && flags.has('complaint')) problems.push({ path: 'ticket', key: 'required' });
  if (ticket) {
    if (ticket.department.trim() === '') problems.push({ path: 'ticket.department', key: 'required' });
    if (ticket.subject.trim() === '') problems.push({ path: 'ticket.subject', key: 'required' });
  }

  if (flags.has('sale') && (!order || order.lines.length === 0)) problems.push({ path: 'order', key: 'noOrderLines' });
  if (order) {
    const currency = order.lines[0]?.currency;
    order.lines.forEach((line, index) => {
      if (line.quantity < 1) problems.push({ path: `order.lines.${index}.quantity`, key: 'tooSmall', params: { min: 1 } });
      if (line.currency !== currency) problems.push({ path: `order.lines.${index}.currency`, key: 'currencyMismatch' });
    });
  }

  if (!callback && flags.has('callback')) problems.push({ path: 'callback', key: 'required' });
  if (callback) {
    if (callback.dueAt === null) {
      if (callback.date.trim() === '') problems.push({ path: 'callback.date', key: 'required' });
      else if (!isCalendarDate(callback.date)) problems.push({ path: 'callback.date', key: 'invalidDate' });
      if (callback.time.trim() === '') problems.push({ path: 'callback.time', key: 'required' });
      if (callback.date.trim() !== '' && callback.time.trim() !== '' && isCalendarDate(callback.date))
        problems.push({ path: 'callback.time', key: 'invalidDate' });
    } else if (callback.dueAt <= now) {
      problems.push({ path: 'callback.date', key: 'inPast' });
    } else if (callback.dueAt > now + wrapUpLimits.callbackHorizonDays * DAY_MS) {
      problems.push({ path: 'callback.date', key: 'tooFar', params: { max: wrapUpLimits.callbackHorizonDays } });
    }
  }

  return { problems, disposition, customFields };
}
