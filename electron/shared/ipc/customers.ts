// The customer store's part of the contract: caller card, search, create/edit, notes (import/export: customerFiles.ts).
// Runs anywhere. Spread into contract.ts. Every string is capped; every object is strict; results are checked too.
import { z } from 'zod';
import { customerFileCommands, customerFileEvents } from './customerFiles.js';

/** Field limits, shared by the contract, the import and the UI's input fields. */
export const customerLimits = {
  name: 200,
  company: 200,
  segment: 50,
  language: 35,
  accountNumber: 64,
  tariff: 100,
  service: 100,
  services: 50,
  address: 500,
  city: 100,
  email: 254,
  notes: 4000,
  externalId: 100,
  phoneLabel: 40,
  /** Numbers a person may enter on one customer (the CRM may have sent more). */
  phones: 10,
  /** A number as typed or pasted, before normalisation. */
  phoneInput: 64,
  query: 200,
  searchResults: 50,
} as const;
const L = customerLimits;

const id = z.string().min(1).max(64);
const e164 = z.string().regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 number such as +905321234567');
const timestamp = z.number().int().nonnegative();
const nullableText = (max: number) => z.string().max(max).nullable();

export const customerPhoneSchema = z
  .object({
    e164,
    label: nullableText(L.phoneLabel),
    /** International format for the card: "+90 532 123 45 67". */
    display: z.string().max(64),
  })
  .strict();

/** The fields an operator may set. Text is trimmed and cleaned of control characters by core. */
const editableFields = {
  name: z.string().min(1).max(L.name),
  company: nullableText(L.company),
  segment: nullableText(L.segment),
  language: nullableText(L.language),
  accountNumber: nullableText(L.accountNumber),
  tariff: nullableText(L.tariff),
  services: z.array(z.string().max(L.service)).max(L.services),
  address: nullableText(L.address),
  city: nullableText(L.city),
  email: nullableText(L.email),
  notes: nullableText(L.notes),
  marketingConsent: z.boolean(),
  doNotCall: z.boolean(),
};

export const customerSchema = z
  .object({
    id,
    externalId: nullableText(L.externalId),
    ...editableFields,
    // Imported records may carry an empty name; an operator may not save one (editableFields).
    name: z.string().max(L.name),
    phones: z.array(customerPhoneSchema).max(100),
    createdAt: timestamp,
    updatedAt: timestamp,
    /** Changes this desk knows of; send it back as `expectedVersion` when editing. */
    version: z.number().int().positive(),
  })
  .strict();
export type Customer = z.infer<typeof customerSchema>;

export const ticketSummarySchema = z
  .object({
    id,
    kind: z.enum(['complaint', 'request', 'question']),
    status: z.enum(['open', 'in_progress', 'resolved', 'closed']),
    priority: z.enum(['low', 'normal', 'high', 'urgent']),
    subject: z.string().max(500),
    description: nullableText(L.notes),
    department: nullableText(200),
    createdAt: timestamp,
  })
  .strict();

export const orderSummarySchema = z
  .object({
    id,
    status: z.enum(['submitted', 'fulfilled', 'cancelled']),
    currency: z.string().max(3),
    totalMinor: z.number().int(),
    createdAt: timestamp,
    lines: z
      .array(
        z.object({ description: z.string().max(500), quantity: z.number().int(), lineTotalMinor: z.number().int() }).strict(),
      )
      .max(100),
  })
  .strict();

export const interactionSummarySchema = z
  .object({
    id,
    kind: z.enum(['call', 'note']),
    direction: z.enum(['inbound', 'outbound']).nullable(),
    /** The disposition chosen for it, e.g. "sale", "complaint", "no answer". */
    outcome: nullableText(200),
    notes: nullableText(L.notes),
    agent: nullableText(200),
    occurredAt: timestamp,
    callId: id.nullable(),
    durationMs: z.number().int().nonnegative().nullable(),
  })
  .strict();

/** Everything the caller card shows for one customer. */
export const customerCardSchema = z
  .object({
    customer: customerSchema,
    openTickets: z.array(ticketSummarySchema).max(20),
    lastOrders: z.array(orderSummarySchema).max(20),
    lastInteractions: z.array(interactionSummarySchema).max(20),
  })
  .strict();
export type CustomerCard = z.infer<typeof customerCardSchema>;

/** Why a search hit was found; hits come in this order (exact number/account first, then prefixes). */
export const searchMatchKinds = ['phone', 'account', 'externalId', 'phonePartial', 'accountPrefix', 'name', 'text'] as const;

export const customerHitSchema = z
  .object({
    id,
    externalId: nullableText(L.externalId),
    name: z.string().max(L.name),
    company: nullableText(L.company),
    city: nullableText(L.city),
    accountNumber: nullableText(L.accountNumber),
    segment: nullableText(L.segment),
    doNotCall: z.boolean(),
    phones: z.array(e164).max(100),
    match: z.enum(searchMatchKinds),
  })
  .strict();
export type CustomerHit = z.infer<typeof customerHitSchema>;

/** The caller card for a ringing call: 0 matches → "new customer" form; several → a chooser. */
export const callerLookupSchema = z
  .object({
    e164,
    /** How many customers have this number (counted up to 50). */
    total: z.number().int().nonnegative(),
    /** Cards of the first matches (at most 5), most recently updated first. */
    matches: z.array(customerCardSchema).max(5),
  })
  .strict();
export type CallerLookup = z.infer<typeof callerLookupSchema>;

/**
 * The card of one call, inbound or outbound: the lookup of the other party's number, tied to the call.
 * Sent again, fresh, whenever the customers on it change while the call is on.
 */
export const callerCardSchema = z
  .object({
    /** Our id for the call (as in calls:state), not the SIP Call-ID. */
    callId: id,
    e164,
    /** How many customers have this number (counted up to 50). */
    total: z.number().int().nonnegative(),
    matches: z.array(customerCardSchema).max(5),
    /**
     * The customer this call is about: the only match, or the one the operator chose or created from the
     * card (customers:linkCall). Absent while undecided. Listed first in `matches` when it is set.
     */
    linkedCustomerId: id.optional(),
  })
  .strict();
export type CallerCard = z.infer<typeof callerCardSchema>;

/** A number as the operator typed or pasted it; the desk normalises it to E.164 or says why not. */
export const phoneInputSchema = z
  .object({ number: z.string().min(1).max(L.phoneInput), label: nullableText(L.phoneLabel).optional() })
  .strict();

export const createCustomerArgsSchema = z
  .object({
    ...editableFields,
    company: editableFields.company.optional(),
    segment: editableFields.segment.optional(),
    language: editableFields.language.optional(),
    accountNumber: editableFields.accountNumber.optional(),
    tariff: editableFields.tariff.optional(),
    services: editableFields.services.optional(),
    address: editableFields.address.optional(),
    city: editableFields.city.optional(),
    email: editableFields.email.optional(),
    notes: editableFields.notes.optional(),
    marketingConsent: editableFields.marketingConsent.optional(),
    doNotCall: editableFields.doNotCall.optional(),
    /** E.g. the ringing caller's number, prefilled by the "new customer" form. */
    phones: z.array(phoneInputSchema).max(L.phones).optional(),
  })
  .strict();
export type CreateCustomerArgs = z.infer<typeof createCustomerArgsSchema>;

export const updateCustomerArgsSchema = z
  .object({
    id,
    /** The `version` the form was loaded with; a newer stored version answers `conflict`. */
    expectedVersion: z.number().int().positive(),
    changes: z.object(editableFields).partial().strict(),
    /** When given, the customer's numbers become exactly these. */
    phones: z.array(phoneInputSchema).max(L.phones).optional(),
  })
  .strict();
export type UpdateCustomerArgs = z.infer<typeof updateCustomerArgsSchema>;

/** Why customers:changed was sent. */
export const customerChangeReasons = ['created', 'updated', 'interaction', 'ticket', 'order', 'imported', 'seeded'] as const;
export type CustomerChangeReason = (typeof customerChangeReasons)[number];

export const customerCommands = {
  'customers:search': {
    args: z.object({ query: z.string().max(L.query), limit: z.number().int().min(1).max(L.searchResults).optional() }).strict(),
    result: z.array(customerHitSchema).max(L.searchResults),
  },
  'customers:get': { args: z.object({ id }).strict(), result: customerCardSchema },
  'customers:lookupCaller': { args: z.object({ e164 }).strict(), result: callerLookupSchema },
  /** The card of a ringing or live call, for a page that (re)loads during it; not_found when there is none. */
  'customers:getCallerCard': { args: z.object({ callId: id }).strict(), result: callerCardSchema },
  /**
   * Ties a live call to a customer (chosen in the card's chooser, or just created from its form): the card
   * shows that customer from then on, in every window, and the wrap-up files the call under them.
   */
  'customers:linkCall': { args: z.object({ callId: id, customerId: id }).strict(), result: callerCardSchema },
  'customers:create': { args: createCustomerArgsSchema, result: customerCardSchema },
  'customers:update': { args: updateCustomerArgsSchema, result: customerCardSchema },
  'customers:addNote': {
    args: z.object({ customerId: id, text: z.string().min(1).max(L.notes), callId: id.optional() }).strict(),
    result: interactionSummarySchema,
  },
  ...customerFileCommands,
} as const;

export const customerEvents = {
  /**
   * A call's card: an inbound call's when it starts ringing (before that ringing calls:state), an outbound
   * call's when it is dialled (before its dialing calls:state), and again whenever it changes during the call.
   */
  'customers:callerCard': callerCardSchema,
  /** Customers changed (edited, a note, call, ticket or order added, an import): refresh open cards and result lists. */
  'customers:changed': z
    .object({
      reason: z.enum(customerChangeReasons),
      /** The customers concerned; empty after a bulk change (import, seed): refresh everything shown. */
      customerIds: z.array(id).max(100),
    })
    .strict(),
  ...customerFileEvents,
} as const;
