// Contract handlers for the softphone commands (sip:*, calls:*), to spread into core's CommandHandlers.
// Plain Node. The dispatcher has already parsed the arguments with the contract's schemas.
import type { softphoneCommands } from '../../shared/ipc/softphone.js';
import type { CommandHandlers } from '../ipc/dispatcher.js';
import type { SipService } from './sipService.js';

export type SoftphoneCommandName = keyof typeof softphoneCommands;
export type SoftphoneHandlers = Pick<CommandHandlers, SoftphoneCommandName>;

export function softphoneHandlers(service: SipService): SoftphoneHandlers {
  return {
    'sip:status': () => service.status(),
    'sip:reconnect': () => service.reconnect(),
    'sip:setPassword': ({ password }) => service.setPassword(password),
    'calls:dnd': ({ enabled }) => service.setDoNotDisturb(enabled),
    'calls:list': () => service.listCalls(),
    'calls:dial': ({ target }) => service.dial(target),
    'calls:answer': ({ callId }) => service.answer(callId),
    'calls:decline': ({ callId, code }) => service.decline(callId, code),
    'calls:hangup': ({ callId }) => service.hangup(callId),
    'calls:hold': ({ callId }) => service.hold(callId),
    'calls:resume': ({ callId }) => service.resume(callId),
    'calls:mute': ({ callId, muted }) => service.mute(callId, muted),
    'calls:dtmf': ({ callId, tones, method }) => service.sendDtmf(callId, tones, method),
    'calls:transfer': ({ callId, target }) => service.transfer(callId, target),
    'calls:consult': ({ callId, target }) => service.consult(callId, target),
    'calls:cancelConsult': ({ callId }) => service.cancelConsult(callId),
    'calls:attendedTransfer': ({ callId, targetCallId }) => service.attendedTransfer(callId, targetCallId),
    'calls:conference': ({ callIds }) => service.conference(callIds),
  };
}
