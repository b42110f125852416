// The one contract between the UI and the process that runs core (Electron main or the host).
// Every command: zod schemas for its arguments and its result. Every event: its payload schema.
// Runs anywhere. Add a command here, then its handler in core; preload and the renderer follow by type.
import { z } from 'zod';
import { effectiveSettingsSchema, locales, settingKeySchema } from '../settings.js';
import { errorCodes } from './result.js';
import { agentCommands, agentEvents } from './agent.js';
import { attentionEvents } from './attention.js';
import { callQualityEvents } from './callQuality.js';
import { catalogueCommands } from './catalogue.js';
import { customerCommands, customerEvents } from './customers.js';
import { devicesCommands, devicesEvents } from './devices.js';
import { scriptCommands } from './scripts.js';
import { softphoneCommands, softphoneEvents } from './softphone.js';
import { workspaceCommands } from './workspace.js';
import { wrapUpCommands, wrapUpEvents } from './wrapUp.js';

/** The error half of a Result, as a bridge client checks it before trusting it. */
export const commandErrorSchema = z
  .object({
    code: z.enum(errorCodes),
    message: z.string(),
    details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .strict();

/** Commands take one object argument; an empty object when there is nothing to say. */
const none = z.object({}).strict();

export const appInfoSchema = z
  .object({
    name: z.string(),
    version: z.string(),
    mode: z.enum(['electron', 'host']),
    platform: z.string(),
    systemLocale: z.enum(locales),
    dataDir: z.string(),
    database: z.object({ path: z.string(), schemaVersion: z.number().int(), journalMode: z.string() }).strict(),
  })
  .strict();
export type AppInfo = z.infer<typeof appInfoSchema>;

export const commands = {
  'app:info': { args: none, result: appInfoSchema },
  'settings:get': { args: none, result: effectiveSettingsSchema },
  'settings:set': {
    args: z.object({ key: settingKeySchema, value: z.unknown() }).strict(),
    result: effectiveSettingsSchema,
  },
  'settings:reset': { args: z.object({ key: settingKeySchema }).strict(), result: effectiveSettingsSchema },
  ...softphoneCommands,
  ...customerCommands,
  ...devicesCommands,
  ...catalogueCommands,
  ...agentCommands,
  ...wrapUpCommands,
  ...scriptCommands,
  ...workspaceCommands,
} as const;

export const events = {
  'settings:changed': effectiveSettingsSchema,
  /** Something the operator must read: a setting problem, a failed shortcut, a lost connection. */
  'app:notice': z
    .object({
      level: z.enum(['info', 'warning', 'error']),
      code: z.string().max(64),
      message: z.string().max(2000),
    })
    .strict(),
  ...softphoneEvents,
  ...callQualityEvents,
  ...attentionEvents,
  ...customerEvents,
  ...devicesEvents,
  ...agentEvents,
  ...wrapUpEvents,
} as const;

export type Commands = typeof commands;
export type CommandName = keyof Commands;
export type CommandArgs<K extends CommandName> = z.input<Commands[K]['args']>;
export type CommandValue<K extends CommandName> = z.output<Commands[K]['result']>;
export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<K extends EventName> = z.output<Events[K]>;

export const commandNames = Object.keys(commands) as CommandName[];
export const eventNames = Object.keys(events) as EventName[];

export function isCommandName(name: unknown): name is CommandName {
  return typeof name === 'string' && Object.hasOwn(commands, name);
}
export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(events, name);
}

/** Upper bound for one serialized message on any bridge; larger payloads are refused unread. */
export const maxMessageBytes = 1024 * 1024;
