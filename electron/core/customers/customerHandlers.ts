// The customer commands of the contract, answered by CustomerService, the live caller cards and the file service.
// Plain Node (core).
// Spread into core.ts's handler map; arguments arrive already checked by the dispatcher.
import type { CommandHandlers } from '../ipc/dispatcher.js';
import type { customerCommands } from '../../shared/ipc/customers.js';
import { CommandFailure } from '../../shared/ipc/result.js';
import type { CallerCardSource } from './callerCards.js';
import type { CustomerFileService } from './customerFileService.js';
import type { CustomerService } from './customerService.js';

export type CustomerHandlers = Pick<CommandHandlers, keyof typeof customerCommands>;

/**
 * `callerCards` is absent where no softphone runs (then every call answers not_found); `files` where nothing may
 * be written beside the database (then import and export answer unavailable).
 */
export function customerHandlers(
  customers: CustomerService,
  callerCards?: CallerCardSource,
  files?: CustomerFileService,
): CustomerHandlers {
  const fileService = (): CustomerFileService => {
    if (!files) throw new CommandFailure('unavailable', 'Import and export are not available here');
    return files;
  };
  return {
    'customers:getCallerCard': ({ callId }) => {
      const card = callerCards?.current(callId);
      if (!card) throw new CommandFailure('not_found', 'No caller card for this call');
      return card;
    },
    'customers:linkCall': ({ callId, customerId }) => {
      if (!callerCards) throw new CommandFailure('not_found', 'No caller card for this call');
      return callerCards.link(callId, customerId);
    },
    'customers:search': ({ query, limit }) => customers.search(query, limit),
    'customers:get': ({ id }) => customers.card(id),
    'customers:lookupCaller': ({ e164 }) => customers.lookupCaller(e164),
    'customers:create': (args) => customers.create(args),
    'customers:update': (args) => customers.update(args),
    'customers:addNote': ({ customerId, text, callId }) =>
      customers.addInteraction({ customerId, kind: 'note', notes: text, callId: callId ?? null }),
    'customers:importBegin': ({ fileName, bytes }) => fileService().beginUpload(fileName, bytes),
    'customers:importChunk': ({ uploadId, offset, data }) => fileService().appendChunk(uploadId, offset, data),
    'customers:importRun': ({ uploadId, dryRun }) => fileService().runImport(uploadId, dryRun),
    'customers:importCancel': ({ uploadId }) => fileService().cancelImport(uploadId),
    'customers:export': ({ kind, format, progressId }) => fileService().export(kind, format, progressId),
    'customers:exportCancel': ({ progressId }) => fileService().cancelExport(progressId),
    'customers:downloadRead': ({ downloadId, offset }) => fileService().readDownload(downloadId, offset),
    'customers:downloadSave': ({ downloadId }) => fileService().saveDownload(downloadId),
    'customers:downloadDiscard': ({ downloadId }) => fileService().discardDownload(downloadId),
  };
}
