// The customer commands of the contract, answered by CustomerService. Plain Node (core).
// Spread into core.ts's handler map; arguments arrive already checked by the dispatcher.
import type { CommandHandlers } from '../ipc/dispatcher.js';
import type { customerCommands } from '../../shared/ipc/customers.js';
import { CommandFailure } from '../../shared/ipc/result.js';
import type { CallerCardSource } from './callerCards.js';
import type { CustomerService } from './customerService.js';

export type CustomerHandlers = Pick<CommandHandlers, keyof typeof customerCommands>;

/** `callerCards` is absent where no softphone runs (then every call answers not_found). */
export function customerHandlers(customers: CustomerService, callerCards?: CallerCardSource): CustomerHandlers {
  return {
    'customers:getCallerCard': ({ callId }) => {
      const card = callerCards?.current(callId);
      if (!card) throw new CommandFailure('not_found', 'No caller card for this call');
      return card;
    },
    'customers:search': ({ query, limit }) => customers.search(query, limit),
    'customers:get': ({ id }) => customers.card(id),
    'customers:lookupCaller': ({ e164 }) => customers.lookupCaller(e164),
    'customers:create': (args) => customers.create(args),
    'customers:update': (args) => customers.update(args),
    'customers:addNote': ({ customerId, text, callId }) =>
      customers.addInteraction({ customerId, kind: 'note', notes: text, callId: callId ?? null }),
  };
}
