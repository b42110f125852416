// The shape of `window.agentDesk`: one function per contract command, one subscriber per event.
// Built from the contract's keys by `buildAgentDeskApi`, in preload (Electron) and in the renderer's
// WebSocket client (host mode) alike, so the renderer sees the same object in both modes.
import {
  commandNames,
  eventNames,
  type CommandArgs,
  type CommandName,
  type CommandValue,
  type EventName,
  type EventPayload,
} from './contract.js';
import type { Result } from './result.js';

export type CommandFunctions = {
  readonly [K in CommandName]: (args: CommandArgs<K>) => Promise<Result<CommandValue<K>>>;
};
export type EventSubscribers = {
  readonly [K in EventName]: (listener: (payload: EventPayload<K>) => void) => () => void;
};

export interface AgentDeskApi {
  readonly commands: CommandFunctions;
  readonly events: EventSubscribers;
}

export type RawInvoke = (name: CommandName, args: unknown) => Promise<Result<unknown>>;
export type RawSubscribe = (name: EventName, listener: (payload: unknown) => void) => () => void;

export function buildAgentDeskApi(invoke: RawInvoke, subscribe: RawSubscribe): AgentDeskApi {
  const commands: Record<string, unknown> = {};
  for (const name of commandNames) commands[name] = (args: unknown) => invoke(name, args);
  const events: Record<string, unknown> = {};
  for (const name of eventNames) events[name] = (listener: (payload: unknown) => void) => subscribe(name, listener);
  return Object.freeze({
    commands: Object.freeze(commands) as CommandFunctions,
    events: Object.freeze(events) as EventSubscribers,
  });
}
