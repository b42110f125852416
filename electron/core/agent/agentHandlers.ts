// Contract handlers for the agent state commands (agent:*), to spread into core's CommandHandlers.
// Plain Node. The dispatcher has already parsed the arguments with the contract's schemas.
import type { agentCommands } from '../../shared/ipc/agent.js';
import type { CommandHandlers } from '../ipc/dispatcher.js';
import type { AgentStateService } from './agentStateService.js';

export type AgentCommandName = keyof typeof agentCommands;

export function agentHandlers(service: AgentStateService): Pick<CommandHandlers, AgentCommandName> {
  return {
    'agent:getState': () => service.status(),
    'agent:setState': (request) => service.setState(request),
    'agent:requestAfterCall': ({ after }) => service.requestAfterCall(after),
  };
}
