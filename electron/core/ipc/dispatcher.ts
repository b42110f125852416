// Turns an untrusted (name, args) pair from any bridge into a typed handler call. Plain Node.
// Used by Electron main (after its sender check) and by the host's WebSocket bridge (after its token
// check): both answer with the same Result envelope, and invalid input changes nothing.
import type { z } from 'zod';
import { commands, isCommandName, type CommandName, type CommandValue, type Commands } from '../../shared/ipc/contract.js';
import { CommandFailure, fail, ok, type Result } from '../../shared/ipc/result.js';
import type { Logger } from '../ports.js';

export type CommandHandlers = {
  [K in CommandName]: (args: z.output<Commands[K]['args']>) => Promise<CommandValue<K>> | CommandValue<K>;
};

export type Dispatch = (name: unknown, args: unknown) => Promise<Result<unknown>>;

export function zodIssuesToDetails(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.slice(0, 20).map((issue) => ({
    path: issue.path.map(String).join('.') || '(root)',
    message: issue.message,
  }));
}

export function createDispatcher(handlers: CommandHandlers, logger: Logger): Dispatch {
  return async (name, rawArgs) => {
    if (!isCommandName(name)) return fail('unknown_command', `Unknown command: ${String(name).slice(0, 64)}`);
    const spec = commands[name];
    const parsed = spec.args.safeParse(rawArgs ?? {});
    if (!parsed.success) {
      return fail('invalid_args', `Invalid arguments for ${name}`, zodIssuesToDetails(parsed.error));
    }
    try {
      const handler = handlers[name] as (args: unknown) => unknown;
      const value = await handler(parsed.data);
      // The result is checked too: a handler that breaks the contract is a bug we want loud in tests.
      const checked = spec.result.safeParse(value);
      if (!checked.success) {
        logger.error('command result broke the contract', { command: name, issues: zodIssuesToDetails(checked.error) });
        return fail('internal', 'Internal error');
      }
      return ok(checked.data);
    } catch (error) {
      if (error instanceof CommandFailure) return fail(error.code, error.message, error.details);
      logger.error('command failed', { command: name, error: error instanceof Error ? error.message : String(error) });
      return fail('internal', 'Internal error');
    }
  };
}
