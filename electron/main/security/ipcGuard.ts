// The gate in front of core for every ipcMain.handle channel: sender, size, then the dispatcher.
// Pure (no electron import): main extracts the sender facts from the IpcMainInvokeEvent.
import type { Dispatch } from '../../core/ipc/dispatcher.js';
import type { Logger } from '../../core/ports.js';
import type { CommandName } from '../../shared/ipc/contract.js';
import { fail, type Result } from '../../shared/ipc/result.js';
import { hasOrigin } from './origin.js';

export interface SenderFacts {
  /** event.senderFrame?.url; null when the frame is gone (navigated or destroyed) */
  senderFrameUrl: string | null | undefined;
  /** event.senderFrame is its webContents' main frame (no parent) */
  isMainFrame: boolean;
}

/** Our origin and the main frame: an iframe or a page that navigated elsewhere gets nothing. */
export function isTrustedSender(sender: SenderFacts, appOrigin: string): boolean {
  return sender.isMainFrame === true && hasOrigin(sender.senderFrameUrl, appOrigin);
}

/** UTF-8 size of the JSON form of `value`; null when it has no JSON form (cycles, BigInt). */
export function jsonByteLength(value: unknown): number | null {
  try {
    const text = JSON.stringify(value);
    return text === undefined ? 0 : Buffer.byteLength(text, 'utf8');
  } catch {
    return null;
  }
}

export interface InvokeGuardOptions {
  appOrigin: string;
  maxBytes: number;
  dispatch: Dispatch;
  logger: Logger;
}

export async function guardedInvoke(
  name: CommandName,
  args: unknown,
  sender: SenderFacts,
  options: InvokeGuardOptions,
): Promise<Result<unknown>> {
  if (!isTrustedSender(sender, options.appOrigin)) {
    options.logger.warn('ipc refused: untrusted sender', {
      command: name,
      frame: String(sender.senderFrameUrl ?? '(none)').slice(0, 200),
      isMainFrame: sender.isMainFrame,
    });
    return fail('forbidden', 'Sender not allowed');
  }
  const size = jsonByteLength(args);
  if (size === null) return fail('invalid_args', `Arguments for ${name} are not plain data`);
  if (size > options.maxBytes) {
    options.logger.warn('ipc refused: too large', { command: name, bytes: size });
    return fail('too_large', `Arguments for ${name} exceed ${options.maxBytes} bytes`);
  }
  return options.dispatch(name, args);
}
