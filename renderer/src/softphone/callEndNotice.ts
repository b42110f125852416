// Why a call ended, in the operator's terms: turns core's endReason / hungUpBy / sipCode (set in
// electron/core/sip/sipService.ts, finish and inferEnding) into the notice the softphone bar shows, or null for an
// ending the operator needs no word about. Pure; runs in Chromium (and in tests).
import type { TFunction } from 'i18next';
import type { CallView } from '../../../electron/shared/ipc/softphone.js';

export const callEndKinds = [
  'busy',
  'notFound',
  'invalidNumber',
  'unreachable',
  'noAnswer',
  'declined',
  'forbidden',
  'cancelled',
  'mediaLost',
  'setupFailed',
  'answerFailed',
  'network',
  'unexpected',
] as const;
export type CallEndKind = (typeof callEndKinds)[number];

/** A call that ended for a reason the operator should read, and what Redial would dial. */
export interface CallEndNotice {
  /** The call's last view (state 'ended'). */
  call: CallView;
  kind: CallEndKind;
  /** Outbound calls the operator placed: what to dial again (what they typed, else the number or URI dialled). */
  redialTarget?: string;
}

/** A final response to our INVITE that core files as 'rejected' (or any code we meet without a better reason). */
function refusalKind(code: number | undefined): CallEndKind {
  switch (code) {
    case undefined:
      return 'unexpected';
    case 486:
    case 600:
      return 'busy';
    case 404:
    case 410: // Gone: the number was in service once
    case 604: // Does Not Exist Anywhere
      return 'notFound';
    case 484: // Address Incomplete
    case 485: // Ambiguous
    case 416: // Unsupported URI Scheme
      return 'invalidNumber';
    case 408: // the proxy gave up waiting for an answer
      return 'noAnswer';
    case 480: // Temporarily Unavailable
    case 502:
    case 503:
    case 504:
      return 'unreachable';
    case 603:
      return 'declined';
    case 403:
      return 'forbidden';
    case 487: // Request Terminated, not by us (a CANCEL of ours is endReason 'cancelled')
      return 'cancelled';
    default:
      return 'network';
  }
}

/**
 * The notice for an ended call, or null when the operator needs none: a normal hang-up after an answer (either
 * side), a transfer, what the operator did themselves (declined, cancelled), and inbound calls that never reached
 * the operator's hands (missed — in a ring-all queue that is every call a colleague took —, refused by
 * do-not-disturb, agent state or full lines: the call history lists those).
 */
export function callEndKind(call: CallView): CallEndKind | null {
  if (call.state !== 'ended') return null;
  const code = call.sipCode;
  switch (call.endReason) {
    case 'busy':
      return 'busy';
    case 'unreachable':
      // 404/410/604 nobody by that number, 408 nobody answered in time, 480 not reachable now.
      return code === undefined || code === 480 ? 'unreachable' : refusalKind(code);
    case 'rejected':
      return refusalKind(code);
    case 'failed':
      if (call.answeredAt !== undefined) return 'mediaLost';
      return call.direction === 'inbound' ? 'answerFailed' : 'setupFailed';
    case 'cancelled':
      return call.hungUpBy === 'local' ? null : 'cancelled';
    case 'completed':
    case 'declined':
    case 'transferred':
    case 'missed':
    case 'dnd':
    case 'agent-unavailable':
    case 'lines-busy':
    case undefined:
      return null;
  }
}

/**
 * What Redial dials for an outbound call: the text the operator dialled when known (the dialling rules apply
 * again, an extension's DTMF too), else the E.164 number, else the URI that was called. None for consultations:
 * their target field belongs to the call they consult for.
 */
export function redialTargetOf(call: CallView, dialled: string | undefined): string | undefined {
  if (call.direction !== 'outbound' || call.consultFor !== undefined) return undefined;
  return dialled ?? call.remoteNumber ?? (call.remoteUri || undefined);
}

/** The sentence saying why the call ended. Literal keys on purpose: the catalogue scan checks each one. */
export function callEndText(t: TFunction, notice: Pick<CallEndNotice, 'kind' | 'call'>): string {
  switch (notice.kind) {
    case 'busy':
      return t('softphoneNotices.ended.busy');
    case 'notFound':
      return t('softphoneNotices.ended.notFound');
    case 'invalidNumber':
      return t('softphoneNotices.ended.invalidNumber');
    case 'unreachable':
      return t('softphoneNotices.ended.unreachable');
    case 'noAnswer':
      return t('softphoneNotices.ended.noAnswer');
    case 'declined':
      return t('softphoneNotices.ended.declined');
    case 'forbidden':
      return t('softphoneNotices.ended.forbidden');
    case 'cancelled':
      return t('softphoneNotices.ended.cancelled');
    case 'mediaLost':
      return t('softphoneNotices.ended.mediaLost');
    case 'setupFailed':
      return t('softphoneNotices.ended.setupFailed');
    case 'answerFailed':
      return t('softphoneNotices.ended.answerFailed');
    case 'network':
      return t('softphoneNotices.ended.network', { code: notice.call.sipCode ?? '' });
    case 'unexpected':
      return t('softphoneNotices.ended.unexpected');
  }
}
