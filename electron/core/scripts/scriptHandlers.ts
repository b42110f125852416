// The call-script commands of the contract, answered by ScriptService. Plain Node (core).
// Spread into the desk services' handler map; arguments arrive already checked by the dispatcher.
import type { CommandHandlers } from '../ipc/dispatcher.js';
import type { scriptCommands } from '../../shared/ipc/scripts.js';
import type { ScriptService } from './scriptService.js';

export type ScriptHandlers = Pick<CommandHandlers, keyof typeof scriptCommands>;

export function scriptHandlers(scripts: ScriptService): ScriptHandlers {
  return {
    'scripts:forCall': ({ callId }) => scripts.forCall(callId),
    'scripts:get': ({ id }) => scripts.get(id),
    'scripts:list': ({ includeInactive }) => scripts.list(includeInactive === true),
    'scripts:saveProgress': ({ callId, run }) => scripts.saveProgress(callId, run),
  };
}
