// The call commands the softphone's buttons and shortcuts send, with the last failure kept for display.
// Runs in Chromium.
import { useCallback, useMemo, useState } from 'react';
import type { CommandError, Result } from '../../../electron/shared/ipc/result.js';
import { useAgentDesk } from '../bridge/BridgeContext.js';
import { useRememberDialled } from './useSoftphone.js';

export interface CallActions {
  dial(target: string): Promise<boolean>;
  answer(callId: string): Promise<boolean>;
  decline(callId: string): Promise<boolean>;
  hangup(callId: string): Promise<boolean>;
  hold(callId: string): Promise<boolean>;
  resume(callId: string): Promise<boolean>;
  mute(callId: string, muted: boolean): Promise<boolean>;
  dtmf(callId: string, tones: string): Promise<boolean>;
  transfer(callId: string, target: string): Promise<boolean>;
  /** Attended transfer, step 1: holds `callId` and calls `target` on a free line. */
  consult(callId: string, target: string): Promise<boolean>;
  /** Hangs up the consultation `callId` and resumes the call it consulted for. */
  cancelConsult(callId: string): Promise<boolean>;
  /** Attended transfer, step 2: the party of `callId` and the party of `targetCallId` talk; our legs end. */
  attendedTransfer(callId: string, targetCallId: string): Promise<boolean>;
  /** Joins these connected calls in the local conference. */
  conference(callIds: string[]): Promise<boolean>;
}

export function useCallActions(): { actions: CallActions; error: CommandError | null; clearError: () => void } {
  const api = useAgentDesk();
  const rememberDialled = useRememberDialled();
  const [error, setError] = useState<CommandError | null>(null);
  const clearError = useCallback(() => setError(null), []);

  const actions = useMemo((): CallActions => {
    const run = async (pending: Promise<Result<unknown>>): Promise<boolean> => {
      const result = await pending;
      setError(result.ok ? null : result.error);
      return result.ok;
    };
    const { commands } = api;
    return {
      dial: async (target) => {
        const dialled = await commands['calls:dial']({ target });
        // Redial after a failure repeats what the operator dialled, not the URI the dialing rules made of it.
        if (dialled.ok) rememberDialled(dialled.value.id, target);
        return run(Promise.resolve(dialled));
      },
      answer: (callId) => run(commands['calls:answer']({ callId })),
      decline: (callId) => run(commands['calls:decline']({ callId })),
      hangup: (callId) => run(commands['calls:hangup']({ callId })),
      hold: (callId) => run(commands['calls:hold']({ callId })),
      resume: (callId) => run(commands['calls:resume']({ callId })),
      mute: (callId, muted) => run(commands['calls:mute']({ callId, muted })),
      dtmf: (callId, tones) => run(commands['calls:dtmf']({ callId, tones })),
      transfer: (callId, target) => run(commands['calls:transfer']({ callId, target })),
      consult: (callId, target) => run(commands['calls:consult']({ callId, target })),
      cancelConsult: (callId) => run(commands['calls:cancelConsult']({ callId })),
      attendedTransfer: (callId, targetCallId) => run(commands['calls:attendedTransfer']({ callId, targetCallId })),
      conference: (callIds) => run(commands['calls:conference']({ callIds })),
    };
  }, [api, rememberDialled]);

  return { actions, error, clearError };
}
