// The workspace part of the contract: what a desk holds, and the first-run choice between the demo workspace
// (customers, tariffs, promotions, knowledge base, departments, call scripts in Turkish and English) and an
// empty one, so a new user sees a working console at once.
import { z } from 'zod';

const count = z.number().int().nonnegative();

export const workspaceStatusSchema = z
  .object({
    customers: count,
    catalogueItems: count,
    /** No customers yet and no choice made: the console offers the demo. */
    firstRun: z.boolean(),
  })
  .strict();
export type WorkspaceStatus = z.infer<typeof workspaceStatusSchema>;

const none = z.object({}).strict();

export const workspaceCommands = {
  'workspace:status': { args: none, result: workspaceStatusSchema },
  /** Loads the demo workspace (safe to run again: nothing is duplicated) and answers with the new status. */
  'workspace:seedDemo': {
    args: none,
    result: z.object({ status: workspaceStatusSchema, customersCreated: count, scriptsImported: count }).strict(),
  },
  /** The operator chose an empty workspace: the offer is not shown again. */
  'workspace:startEmpty': { args: none, result: workspaceStatusSchema },
} as const;
