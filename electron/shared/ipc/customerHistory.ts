// The customer history part of the contract: a customer's interactions, newest first, each with its call,
// script run, disposition, notes, tickets, orders and callbacks, a page at a time. Runs anywhere.
// Spread into catalogue.ts's commands (one domain file for the lead to wire). Capped, strict, checked both ways.
import { z } from 'zod';
import { localizedLabel } from '../workflow.js';

export const historyLimits = {
  pageSize: 50,
  defaultPageSize: 20,
  notes: 4000,
  /** Records of one kind filed with one interaction: a wrap-up files one of each, imports may bring more. */
  perInteraction: 20,
  orderLines: 100,
  scriptAnswers: 200,
  answerText: 2000,
  /** Custom wrap-up fields per interaction (a disposition defines at most 30) and options of a multi-choice. */
  fields: 30,
  fieldText: 10_000,
  fieldChoices: 50,
} as const;
const L = historyLimits;

const id = z.string().min(1).max(64);
const timestamp = z.number().int().nonnegative();
const nullableText = (max: number) => z.string().max(max).nullable();

/** A code with the label settings give it now; label null when the code is no longer in `workflow.dispositions`. */
const labelledCode = z.object({ code: z.string().max(200), label: localizedLabel.nullable() }).strict();

/** Where the next page starts: the last entry of this one (history is ordered by time, then id). */
export const historyCursorSchema = z.object({ occurredAt: timestamp, id }).strict();
export type HistoryCursor = z.infer<typeof historyCursorSchema>;

export const scriptAnswerSchema = z
  .object({
    stepId: z.string().max(200),
    /** The question as the script asked it, when the script version is still on the desk. */
    prompt: nullableText(L.answerText),
    /** As answered (callScript.ts scriptAnswerSchema); a choice as its option's label. */
    answer: z.union([z.string().max(L.answerText), z.number(), z.boolean()]).nullable(),
  })
  .strict();
export type ScriptAnswer = z.infer<typeof scriptAnswerSchema>;

/** A chosen option: its code as stored, with its label when the field's definition still has that option. */
const chosenOption = z.object({ code: z.string().max(200), label: localizedLabel.nullable() }).strict();

/**
 * A custom wrap-up field as filed (interactions.custom_fields), typed as the disposition defines it today; a field
 * the settings no longer define keeps the shape it was stored in (text, number, or a list as multiChoice).
 */
export const historyFieldSchema = z
  .object({
    id: z.string().max(64),
    /** The field's label from the disposition's definition; null = no longer defined (show the id). */
    label: localizedLabel.nullable(),
    value: z.discriminatedUnion('type', [
      z.object({ type: z.literal('text'), text: z.string().max(L.fieldText) }).strict(),
      z.object({ type: z.literal('number'), number: z.number() }).strict(),
      /** A calendar date, `YYYY-MM-DD` as the form stores it (no time zone). */
      z.object({ type: z.literal('date'), date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }).strict(),
      z.object({ type: z.literal('choice'), choice: chosenOption }).strict(),
      z.object({ type: z.literal('multiChoice'), choices: z.array(chosenOption).max(L.fieldChoices) }).strict(),
    ]),
  })
  .strict();
export type HistoryField = z.infer<typeof historyFieldSchema>;

export const historyEntrySchema = z
  .object({
    id,
    kind: z.enum(['call', 'note']),
    direction: z.enum(['inbound', 'outbound']).nullable(),
    occurredAt: timestamp,
    agent: nullableText(200),
    notes: nullableText(L.notes),
    call: z
      .object({
        id,
        direction: z.enum(['inbound', 'outbound']),
        e164: nullableText(32),
        inviteAt: timestamp,
        answerAt: timestamp.nullable(),
        endAt: timestamp.nullable(),
        durationMs: z.number().int().nonnegative().nullable(),
      })
      .strict()
      .nullable(),
    /** The disposition filed (older records may carry free text here: then label is null). */
    disposition: labelledCode.nullable(),
    subcode: labelledCode.nullable(),
    /** The disposition's custom fields, in the order it defines them (absent: none, or an older host). */
    fields: z.array(historyFieldSchema).max(L.fields).optional(),
    /** Filed by the after-call-work timeout, not sent by the operator (absent: sent by the operator). */
    autoFiled: z.literal(true).optional(),
    script: z
      .object({
        scriptId: z.string().max(64),
        /** null when that script version is no longer on the desk. */
        name: nullableText(200),
        version: z.number().int().nullable(),
        answers: z.array(scriptAnswerSchema).max(L.scriptAnswers),
      })
      .strict()
      .nullable(),
    tickets: z
      .array(
        z
          .object({
            id,
            kind: z.enum(['complaint', 'request', 'question']),
            status: z.enum(['open', 'in_progress', 'resolved', 'closed']),
            priority: z.enum(['low', 'normal', 'high', 'urgent']),
            subject: z.string().max(500),
            department: nullableText(200),
            createdAt: timestamp,
          })
          .strict(),
      )
      .max(L.perInteraction),
    orders: z
      .array(
        z
          .object({
            id,
            status: z.enum(['submitted', 'fulfilled', 'cancelled']),
            currency: z.string().max(3),
            totalMinor: z.number().int(),
            createdAt: timestamp,
            lines: z
              .array(
                z
                  .object({
                    description: z.string().max(500),
                    quantity: z.number().int(),
                    unitPriceMinor: z.number().int(),
                    discountMinor: z.number().int(),
                    lineTotalMinor: z.number().int(),
                  })
                  .strict(),
              )
              .max(L.orderLines),
          })
          .strict(),
      )
      .max(L.perInteraction),
    callbacks: z
      .array(
        z
          .object({
            id,
            dueAt: timestamp,
            /** null = anyone may call back. */
            assignee: nullableText(200),
            status: z.enum(['scheduled', 'notified', 'done', 'cancelled']),
            note: nullableText(L.notes),
          })
          .strict(),
      )
      .max(L.perInteraction),
  })
  .strict();
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

export const historyPageSchema = z
  .object({
    entries: z.array(historyEntrySchema).max(L.pageSize),
    /** Pass as `before` for the next (older) page; null when this was the last. */
    next: historyCursorSchema.nullable(),
  })
  .strict();
export type HistoryPage = z.infer<typeof historyPageSchema>;

export const customerHistoryCommands = {
  'customers:history': {
    args: z
      .object({
        customerId: id,
        /** Entries strictly older than this cursor; absent = the newest. */
        before: historyCursorSchema.optional(),
        limit: z.number().int().min(1).max(L.pageSize).optional(),
      })
      .strict(),
    result: historyPageSchema,
  },
} as const;
