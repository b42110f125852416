// The agent state's part of the contract: read and change the operator's state (Available, Not ready with a
// reason, Break, Logged out), ask for a state to apply after the current call, and the agent:state event the
// status bar and the tray follow. Runs anywhere (zod only). Handlers: electron/core/agent/agentHandlers.ts.
import { z } from 'zod';
import { afterCallWorkSchema, agentStateSchema, workflowCode } from '../workflow.js';

/** Epoch milliseconds from core's Clock. */
const timestamp = z.number().int().nonnegative();

/**
 * The states an operator can choose. Ringing, On call and Wrap-up follow the calls and the after-call-work
 * rules; nobody sets them by hand.
 */
export const chosenAgentStates = ['available', 'notReady', 'break', 'loggedOut'] as const;
export type ChosenAgentState = (typeof chosenAgentStates)[number];

/** A state the operator asks for. Not ready and Break may name a reason from `agent.notReadyReasons`. */
export const agentStateRequestSchema = z
  .object({ state: z.enum(chosenAgentStates), reasonCode: workflowCode.optional() })
  .strict();
export type AgentStateRequest = z.infer<typeof agentStateRequestSchema>;

export const agentStatusSchema = z
  .object({
    state: agentStateSchema,
    /** The Not ready / Break reason, or null (none given, or a state without reasons). */
    reasonCode: workflowCode.nullable(),
    /** When this state began. */
    since: timestamp,
    /** The call the state is about (Ringing, On call, Wrap-up), else null. */
    callId: z.string().min(1).max(64).nullable(),
    /** What the operator asked to become once the current call and its after-call work are over. */
    pending: z
      .object({ state: z.enum(chosenAgentStates), reasonCode: workflowCode.nullable() })
      .strict()
      .nullable(),
    /** After-call work in progress: its mode, when it ends by itself (null = no limit), whether the operator may leave it now. */
    acw: z
      .object({ mode: afterCallWorkSchema.shape.mode, deadline: timestamp.nullable(), canExit: z.boolean() })
      .strict()
      .nullable(),
    /** The Not ready / Break reason's maximum duration has passed. */
    overLimit: z.boolean(),
  })
  .strict();
export type AgentStatus = z.infer<typeof agentStatusSchema>;

const none = z.object({}).strict();

export const agentCommands = {
  'agent:getState': { args: none, result: agentStatusSchema },
  /**
   * Applied at once when no call is ringing or connected and no after-call work holds the operator; otherwise
   * it becomes the pending state ("after this call, go Not ready"), as contact-center suites do.
   */
  'agent:setState': { args: agentStateRequestSchema, result: agentStatusSchema },
  /** Sets (or, with null, clears) the state to take after the next call and its after-call work. */
  'agent:requestAfterCall': {
    args: z.object({ after: agentStateRequestSchema.nullable() }).strict(),
    result: agentStatusSchema,
  },
} as const;

export const agentEvents = {
  'agent:state': agentStatusSchema,
} as const;
