// How the live calls relate for attended transfer and the local conference: which call a consultation is for,
// and which actions make sense now. Pure; the call buttons (SoftphoneCall) and the shortcuts
// (keyboard/useConsultShortcuts.ts) both ask here, so a key never does what no button offers. Runs in Chromium.
import type { CallView } from '../../../electron/shared/ipc/softphone.js';

const isConnected = (call: CallView) => call.state === 'active' || call.state === 'held';
const isTransferring = (call: CallView) => call.transfer?.status === 'pending';

/**
 * The call `call` consults for, while that consultation is still one: the original call is live and the two
 * have not been joined in a conference (a conference line keeps its `consultFor`, but is no longer a consultation).
 */
export function consultedCall(call: CallView, calls: readonly CallView[]): CallView | undefined {
  if (call.consultFor === undefined || call.conference === true) return undefined;
  return calls.find((other) => other.id === call.consultFor && other.state !== 'ended');
}

/** The consultation running for `call` (attended transfer, step 1), if any. */
export function consultationOf(call: CallView, calls: readonly CallView[]): CallView | undefined {
  return calls.find((other) => other.state !== 'ended' && consultedCall(other, calls)?.id === call.id);
}

/** Consult (attended transfer, step 1) is offered on a connected call that is not itself part of one. */
export function canConsult(call: CallView, calls: readonly CallView[]): boolean {
  return (
    isConnected(call) &&
    call.conference !== true &&
    !isTransferring(call) &&
    consultedCall(call, calls) === undefined &&
    consultationOf(call, calls) === undefined
  );
}

/** Complete transfer: the consultation and the call it is for are both connected, and neither is being transferred. */
export function canCompleteTransfer(consultation: CallView, calls: readonly CallView[]): boolean {
  const original = consultedCall(consultation, calls);
  return (
    original !== undefined &&
    isConnected(consultation) &&
    isConnected(original) &&
    !isTransferring(consultation) &&
    !isTransferring(original)
  );
}

/**
 * The calls Conference on `call` would join: `call` and every other connected call (none being transferred).
 * Empty when there is nothing to join, or when they are all in the conference already.
 */
export function conferenceCallIds(call: CallView, calls: readonly CallView[]): string[] {
  if (!isConnected(call) || isTransferring(call)) return [];
  const others = calls.filter((other) => other.id !== call.id && isConnected(other) && !isTransferring(other));
  if (others.length === 0) return [];
  if (call.conference === true && others.every((other) => other.conference === true)) return [];
  return [call.id, ...others.map((other) => other.id)];
}

/** What to show for a party in a note about another call: the name, else the number, else nothing. */
export function partyOf(call: CallView): string {
  return call.displayName || call.remoteNumber || call.remoteUser;
}
