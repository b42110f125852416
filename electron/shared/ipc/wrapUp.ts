// The wrap-up's part of the contract: drafts saved on every change, submit (interaction, ticket, order,
// callback in one transaction), order quotes, departments, and callbacks. Runs anywhere (zod only).
// Spread into contract.ts; handlers live in electron/core/workflow/wrapUpHandlers.ts.
//
// The draft content (seam 3 of issue 5) is what the form holds, as typed: it is saved half-filled, so
// its schema checks types and sizes only. What makes a wrap-up complete is checked at submit, by
// electron/shared/wrapUpRules.ts (both sides) and by core against the database.
import { z } from 'zod';
import { workflowCode } from '../workflow.js';

/** Sizes the contract, the form's inputs and core agree on. */
export const wrapUpLimits = {
  notes: 4000,
  /** A text custom field, whatever its own maxLength says. */
  fieldText: 10_000,
  multiChoiceValues: 50,
  ticketSubject: 200,
  ticketDescription: 4000,
  orderLines: 50,
  lineDescription: 500,
  /** Quantity per order line. */
  quantity: 999,
  /** 100,000,000.00 in a two-decimal currency: keeps every product of amounts a safe integer. */
  unitPriceMinor: 10_000_000_000,
  callbackNote: 500,
  /** How far ahead a callback may be scheduled. */
  callbackHorizonDays: 366,
  drafts: 50,
  callbacks: 200,
} as const;
const L = wrapUpLimits;

const id = z.string().min(1).max(64);
const timestamp = z.number().int().nonnegative();
const currency = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as TRY');

export const ticketKinds = ['complaint', 'request', 'question'] as const;
export type TicketKind = (typeof ticketKinds)[number];
export const ticketPriorities = ['low', 'normal', 'high', 'urgent'] as const;
export type TicketPriority = (typeof ticketPriorities)[number];
export const callbackAssignees = ['me', 'anyone'] as const;
export type CallbackAssignee = (typeof callbackAssignees)[number];

/** A custom field as typed: text, number and date fields hold the text typed; multi-choice the values ticked. */
export const fieldValueSchema = z.union([z.string().max(L.fieldText), z.array(workflowCode).max(L.multiChoiceValues)]);
export type FieldValue = z.infer<typeof fieldValueSchema>;

export const ticketPartSchema = z
  .object({
    kind: z.enum(ticketKinds),
    /** A department code (departments.code); '' while none is chosen. */
    department: z.string().max(64),
    priority: z.enum(ticketPriorities),
    subject: z.string().max(L.ticketSubject),
    description: z.string().max(L.ticketDescription),
  })
  .strict();
export type TicketPart = z.infer<typeof ticketPartSchema>;

/** One order line as offered from the catalogue (seam 4: the catalogue panel's "Offer"). */
export const orderLineSchema = z
  .object({
    catalogueItemId: id,
    description: z.string().max(L.lineDescription),
    quantity: z.number().int().min(0).max(L.quantity),
    /** The price the operator saw; core refuses the order if the catalogue's price differs. */
    unitPriceMinor: z.number().int().min(0).max(L.unitPriceMinor),
    currency,
    /** A promotion (catalogue item of kind promotion) applied to this line. */
    promotionId: id.optional(),
  })
  .strict();
export type OrderLine = z.infer<typeof orderLineSchema>;

export const orderPartSchema = z.object({ lines: z.array(orderLineSchema).max(L.orderLines) }).strict();
export type OrderPart = z.infer<typeof orderPartSchema>;

export const callbackPartSchema = z
  .object({
    /** As typed in the form (local date `YYYY-MM-DD` and time `HH:MM`), kept so a reload shows them again. */
    date: z.string().max(10),
    time: z.string().max(5),
    /** The instant those mean on this desk (the renderer knows the operator's time zone); null until both are set. */
    dueAt: timestamp.nullable(),
    assignee: z.enum(callbackAssignees),
    /** The number to call as typed (core normalises it to E.164); '' = the call's or the customer's number. */
    number: z.string().max(64),
    note: z.string().max(L.callbackNote),
  })
  .strict();
export type CallbackPart = z.infer<typeof callbackPartSchema>;

/** The parts the wrap-up form owns (everything but `script`). A part that is absent is not filed. */
export const draftFormContentSchema = z
  .object({
    disposition: workflowCode.optional(),
    subcode: workflowCode.optional(),
    notes: z.string().max(L.notes),
    fields: z.record(workflowCode, fieldValueSchema),
    ticket: ticketPartSchema.optional(),
    order: orderPartSchema.optional(),
    callback: callbackPartSchema.optional(),
  })
  .strict();
export type DraftFormContent = z.infer<typeof draftFormContentSchema>;

/**
 * The whole draft (seam 3). `script` belongs to the call-script viewer (its schema is `scriptRunSchema`
 * in electron/shared/callScript.ts); it is merged in with WrapUpService.updateDraftPart and filed as
 * interactions.script_id / script_run.
 */
export const draftContentSchema = draftFormContentSchema.extend({ script: z.unknown().optional() }).strict();
export type DraftContent = z.infer<typeof draftContentSchema>;

export const emptyDraftContent = (): DraftContent => ({ notes: '', fields: {} });

export const wrapUpDraftSchema = z
  .object({
    id,
    /** The call being wrapped up; null for a wrap-up without a call (back-office entry). */
    callId: id.nullable(),
    customerId: id.nullable(),
    /** For the panel's heading. */
    customerName: z.string().max(200).nullable(),
    /** The other party of the call, when there is a call: its number and name, and whether it is still on. */
    call: z
      .object({ number: z.string().max(24).nullable(), displayName: z.string().max(256).nullable(), live: z.boolean() })
      .strict()
      .nullable(),
    agent: z.string().max(200),
    content: draftContentSchema,
    /** Goes up by one per save; a save must carry the revision it was based on. */
    revision: z.number().int().nonnegative(),
    openedAt: timestamp,
    updatedAt: timestamp,
  })
  .strict();
export type WrapUpDraft = z.infer<typeof wrapUpDraftSchema>;

export const draftSummarySchema = wrapUpDraftSchema
  .pick({
    id: true,
    callId: true,
    customerId: true,
    customerName: true,
    call: true,
    revision: true,
    openedAt: true,
    updatedAt: true,
  })
  .extend({ disposition: workflowCode.nullable() });
export type DraftSummary = z.infer<typeof draftSummarySchema>;

/** Why a wrap-up cannot be filed yet. Stable keys: the renderer translates them. */
export const wrapUpProblemKeys = [
  'required',
  'tooLong', // params.max
  'notANumber',
  'tooSmall', // params.min
  'tooLarge', // params.max
  'invalidDate',
  'unknownOption',
  'noOrderLines',
  'currencyMismatch',
  'inPast',
  'tooFar', // params.max (days)
  'invalidNumber',
  'numberRequired', // no number given and none known for the call or customer
  'unknownDepartment',
  'itemNotFound',
  'itemNotValidNow', // inactive, not yet valid or expired
  'itemNotEligible', // the customer's segment may not get it
  'promotionNotFound',
  'promotionNotValidNow',
  'promotionNotEligible',
  'priceChanged', // params.price (minor units): the catalogue's price now
  'callInProgress', // the call has not ended yet, so it is not in the call log to file against
] as const;
export type WrapUpProblemKey = (typeof wrapUpProblemKeys)[number];

export const wrapUpProblemSchema = z
  .object({
    /** Where, as a path into the draft content: `disposition`, `fields.channel`, `order.lines.0.quantity`, `callback`. */
    path: z.string().max(120),
    key: z.enum(wrapUpProblemKeys),
    params: z.record(z.string().max(32), z.union([z.number(), z.string().max(64)])).optional(),
  })
  .strict();
export type WrapUpProblem = z.infer<typeof wrapUpProblemSchema>;

const pricedLineSchema = z
  .object({
    description: z.string().max(L.lineDescription),
    quantity: z.number().int(),
    unitPriceMinor: z.number().int(),
    grossMinor: z.number().int(),
    discountMinor: z.number().int(),
    totalMinor: z.number().int(),
    promotionName: z.string().max(200).nullable(),
  })
  .strict();

export const pricedOrderSchema = z
  .object({
    currency,
    lines: z.array(pricedLineSchema).max(L.orderLines),
    subtotalMinor: z.number().int(),
    discountMinor: z.number().int(),
    totalMinor: z.number().int(),
  })
  .strict();

export const orderQuoteSchema = z
  .object({
    /** Null when the lines cannot be priced (no lines, or mixed currencies). */
    order: pricedOrderSchema.nullable(),
    /** The customer's language (tr/en/ru), else the desk's. */
    language: z.enum(['tr', 'en', 'ru']),
    readBack: z.string().max(20_000).nullable(),
    /** Lines that cannot be sold as they are (expired, not for this segment, price changed). */
    problems: z.array(wrapUpProblemSchema).max(200),
  })
  .strict();
export type OrderQuote = z.infer<typeof orderQuoteSchema>;

/** A promotion the operator may apply to an order line (valid now, open to the customer's segment). */
export const promotionSchema = z
  .object({
    id,
    name: z.string().max(200),
    discountPercent: z.number().int().nullable(),
    discountMinor: z.number().int().nullable(),
  })
  .strict();
export type Promotion = z.infer<typeof promotionSchema>;

export const departmentSchema = z
  .object({
    code: z.string().max(64),
    name: z.string().max(200),
    /** Where to transfer a call for this department (an extension or a SIP URI), if it takes calls. */
    transferTarget: z.string().max(256).nullable(),
  })
  .strict();
export type Department = z.infer<typeof departmentSchema>;

export const submitResultSchema = z.discriminatedUnion('outcome', [
  z
    .object({
      outcome: z.literal('filed'),
      interactionId: id,
      ticketId: id.nullable(),
      orderId: id.nullable(),
      callbackId: id.nullable(),
      /** The order as stored, with the read-back the customer confirmed. */
      order: pricedOrderSchema.nullable(),
      readBack: z.string().max(20_000).nullable(),
    })
    .strict(),
  z.object({ outcome: z.literal('refused'), problems: z.array(wrapUpProblemSchema).min(1).max(200) }).strict(),
]);
export type SubmitResult = z.infer<typeof submitResultSchema>;

export const callbackStatuses = ['scheduled', 'notified', 'done', 'cancelled'] as const;
export type CallbackStatus = (typeof callbackStatuses)[number];

export const callbackViewSchema = z
  .object({
    id,
    customerId: id.nullable(),
    customerName: z.string().max(200).nullable(),
    e164: z.string().max(24),
    dueAt: timestamp,
    /** The agent who must call back; null = anyone. */
    assignee: z.string().max(200).nullable(),
    createdBy: z.string().max(200),
    note: z.string().max(L.callbackNote).nullable(),
    status: z.enum(callbackStatuses),
    callId: id.nullable(),
    interactionId: id.nullable(),
    createdAt: timestamp,
  })
  .strict();
export type CallbackView = z.infer<typeof callbackViewSchema>;

const draftRef = z.object({ draftId: id }).strict();

export const wrapUpCommands = {
  /** The unfinished draft of this call (or, without a call, of this customer), or a new empty one. */
  'wrapup:open': {
    args: z.object({ callId: id.nullable(), customerId: id.optional() }).strict(),
    result: wrapUpDraftSchema,
  },
  /** This agent's unfinished drafts, most recently changed first. */
  'wrapup:drafts': { args: z.object({}).strict(), result: z.array(draftSummarySchema).max(L.drafts) },
  'wrapup:get': { args: draftRef, result: wrapUpDraftSchema },
  /** Saves the form's parts; `revision` must be the stored one (else `conflict`). The script part is kept. */
  'wrapup:save': {
    args: z
      .object({
        draftId: id,
        revision: z.number().int().nonnegative(),
        content: draftFormContentSchema,
        customerId: id.optional(),
      })
      .strict(),
    result: z.object({ revision: z.number().int().nonnegative(), updatedAt: timestamp }).strict(),
  },
  'wrapup:discard': { args: draftRef, result: z.object({ draftId: id }).strict() },
  /**
   * Saves `content`, then files it: one transaction writes the interaction, ticket, order, callback, the
   * customer's do-not-call flag and every outbox row, and deletes the draft. Incomplete → `refused` with
   * the problems (the content stays saved).
   */
  'wrapup:submit': {
    args: z.object({ draftId: id, revision: z.number().int().nonnegative(), content: draftFormContentSchema }).strict(),
    result: submitResultSchema,
  },
  /** Prices order lines as core will at submit, with the read-back in the customer's language. */
  'wrapup:quote': {
    args: z
      .object({ customerId: id.nullable(), callId: id.nullable(), lines: z.array(orderLineSchema).max(L.orderLines) })
      .strict(),
    result: orderQuoteSchema,
  },
  /** The promotions this customer may get now, for the order lines' promotion choice. */
  'wrapup:promotions': {
    args: z.object({ customerId: id.nullable(), callId: id.nullable() }).strict(),
    result: z.array(promotionSchema).max(500),
  },
  'wrapup:departments': { args: z.object({}).strict(), result: z.array(departmentSchema).max(500) },
  /** Callbacks still to make: mine, anyone's (no assignee), or both; due ones first. */
  'callbacks:list': {
    args: z.object({ scope: z.enum(['mine', 'anyone', 'all']) }).strict(),
    result: z.array(callbackViewSchema).max(L.callbacks),
  },
  'callbacks:setStatus': {
    args: z.object({ id, status: z.enum(['done', 'cancelled']) }).strict(),
    result: callbackViewSchema,
  },
} as const;

export const wrapUpEvents = {
  /** A draft was saved (by any window, or a script step): other windows adopt it. */
  'wrapup:draft': wrapUpDraftSchema,
  /** A draft is gone: filed by the operator, filed with the default disposition (ACW time out), or discarded. */
  'wrapup:closed': z
    .object({
      draftId: id,
      callId: id.nullable(),
      reason: z.enum(['submitted', 'defaultFiled', 'discarded']),
      disposition: workflowCode.nullable(),
      interactionId: id.nullable(),
    })
    .strict(),
  /** A callback is due now: pop the customer's card. Sent once per callback (it is then `notified`). */
  'callbacks:due': callbackViewSchema,
  /** Callbacks were created or changed status: refresh lists. */
  'callbacks:changed': z.object({ ids: z.array(id).max(L.callbacks) }).strict(),
} as const;
