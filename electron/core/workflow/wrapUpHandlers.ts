// The wrap-up and callback commands of the contract, answered by WrapUpService and CallbackScheduler.
// Plain Node (core). Spread into the desk services' handler map; arguments arrive checked by the dispatcher.
import type { wrapUpCommands } from '../../shared/ipc/wrapUp.js';
import type { CommandHandlers } from '../ipc/dispatcher.js';
import type { CallbackScheduler } from './callbackScheduler.js';
import type { WrapUpService } from './wrapUpService.js';

export type WrapUpCommandName = keyof typeof wrapUpCommands;
export type WrapUpHandlers = Pick<CommandHandlers, WrapUpCommandName>;

export function wrapUpHandlers(wrapUp: WrapUpService, callbacks: CallbackScheduler): WrapUpHandlers {
  return {
    'wrapup:open': ({ callId, customerId }) => wrapUp.openDraft(callId, customerId),
    'wrapup:drafts': () => wrapUp.listDrafts(),
    'wrapup:get': ({ draftId }) => wrapUp.getDraft(draftId),
    'wrapup:save': (args) => wrapUp.saveDraft(args),
    'wrapup:discard': ({ draftId }) => wrapUp.discard(draftId),
    'wrapup:submit': (args) => wrapUp.submit(args),
    'wrapup:quote': (args) => wrapUp.quote(args),
    'wrapup:promotions': (args) => wrapUp.promotions(args),
    'wrapup:departments': () => wrapUp.departments(),
    'callbacks:list': ({ scope }) => callbacks.list(scope),
    'callbacks:setStatus': ({ id, status }) => callbacks.setStatus(id, status),
  };
}
