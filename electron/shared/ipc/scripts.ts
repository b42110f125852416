// The call scripts' part of the contract: the script chosen for a call (with its values and saved place), one
// script version by id, the list, and saving the operator's progress. Runs anywhere (zod only). Spread into
// contract.ts; handlers in electron/core/scripts/scriptHandlers.ts. The format itself is in ../callScript.ts.
import { z } from 'zod';
import {
  scriptChoiceSchema,
  scriptDefinitionSchema,
  scriptKeySchema,
  scriptLanguageSchema,
  scriptRunSchema,
  scriptValuesSchema,
} from '../callScript.js';

const id = z.string().min(1).max(64);
const timestamp = z.number().int().nonnegative();

/** One imported version of a script (call_scripts row). */
export const callScriptSchema = z
  .object({
    id,
    key: scriptKeySchema,
    version: z.number().int().positive(),
    name: z.string().max(200),
    language: scriptLanguageSchema,
    /** Offered to new calls; an older version stays readable for the calls that followed it. */
    active: z.boolean(),
    importedAt: timestamp,
    definition: scriptDefinitionSchema,
  })
  .strict();
export type CallScript = z.infer<typeof callScriptSchema>;

export const callScriptSummarySchema = callScriptSchema
  .omit({ definition: true })
  .extend({ steps: z.number().int().nonnegative(), choose: scriptChoiceSchema.nullable() })
  .strict();
export type CallScriptSummary = z.infer<typeof callScriptSummarySchema>;

/** Why a call got its script. */
export const scriptChoiceReasons = ['dialledNumber', 'queue', 'inboundDefault', 'outboundDefault', 'operator'] as const;
export type ScriptChoiceReason = (typeof scriptChoiceReasons)[number];

/** A catalogue item a show step points at, with whether this customer may be offered it now. */
export const scriptItemSchema = z
  .object({
    code: z.string().max(64),
    kind: z.string().max(20),
    name: z.string().max(500),
    description: z.string().max(4000).nullable(),
    priceMinor: z.number().int().nullable(),
    currency: z.string().max(3).nullable(),
    discountPercent: z.number().nullable(),
    discountMinor: z.number().int().nullable(),
    /** null = may be offered; otherwise why not (the step still shows it, marked). */
    unavailable: z.enum(['inactive', 'notYetValid', 'expired', 'segment']).nullable(),
  })
  .strict();
export type ScriptItem = z.infer<typeof scriptItemSchema>;

export const scriptArticleSchema = z
  .object({
    slug: z.string().max(128),
    kind: z.string().max(20),
    language: z.string().max(35),
    title: z.string().max(500),
    body: z.string().max(20_000),
  })
  .strict();
export type ScriptArticle = z.infer<typeof scriptArticleSchema>;

/** What the viewer needs for one call: the script version, the call's values and where the operator is. */
export const scriptForCallSchema = z
  .object({
    callId: id,
    script: callScriptSchema,
    reason: z.enum(scriptChoiceReasons),
    values: scriptValuesSchema,
    /** The saved place (path and answers); null when the operator has not moved yet. */
    run: scriptRunSchema.nullable(),
    /** The catalogue items and articles the script's show steps name (those that exist). */
    items: z.array(scriptItemSchema).max(200),
    articles: z.array(scriptArticleSchema).max(200),
  })
  .strict();
export type ScriptForCall = z.infer<typeof scriptForCallSchema>;

export const scriptCommands = {
  /**
   * The script for a call (chosen by the rules when the call started, or by the operator), with its values and
   * the saved place. Without callId: the most recent call. null when no script applies (none imported, no rule
   * matches) or the call is unknown to this desk.
   */
  'scripts:forCall': { args: z.object({ callId: id.optional() }).strict(), result: scriptForCallSchema.nullable() },
  /** One script version by id, active or not (a past interaction's script). */
  'scripts:get': { args: z.object({ id }).strict(), result: callScriptSchema },
  'scripts:list': {
    args: z.object({ includeInactive: z.boolean().optional() }).strict(),
    result: z.array(callScriptSummarySchema).max(2000),
  },
  /**
   * Saves the operator's place in a call's script: kept in core for a reloading window and merged into the
   * call's wrap-up draft. A run of another active script switches the call to it (the operator's choice).
   * Refused (invalid_args) when the path does not follow the script.
   */
  'scripts:saveProgress': {
    args: z.object({ callId: id, run: scriptRunSchema }).strict(),
    result: z.object({ run: scriptRunSchema, draftSaved: z.boolean() }).strict(),
  },
} as const;
