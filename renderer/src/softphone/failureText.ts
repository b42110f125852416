// What a failed softphone command says to the operator: the reason core attached to its failure (see
// softphoneFailureReasons in electron/shared/ipc/softphone.ts), translated; undefined for any other failure,
// which then reads as its error code. Runs in Chromium.
import type { TFunction } from 'i18next';
import type { CommandError } from '../../../electron/shared/ipc/result.js';
import { softphoneFailureOf } from '../../../electron/shared/ipc/softphone.js';

/** Literal keys on purpose: the catalogue scan checks each one exists in tr, en and ru. */
export function softphoneFailureText(t: TFunction, error: CommandError): string | undefined {
  const failure = softphoneFailureOf(error);
  if (!failure) return undefined;
  const code = failure.sipCode ?? '?';
  switch (failure.reason) {
    case 'not-registered':
      return t('softphoneNotices.failure.not-registered');
    case 'lines-busy':
      return t('softphoneNotices.failure.lines-busy');
    case 'call-ended':
      return t('softphoneNotices.failure.call-ended');
    case 'not-ringing':
      return t('softphoneNotices.failure.not-ringing');
    case 'media-failed':
      return t('softphoneNotices.failure.media-failed');
    case 'call-ending':
      return t('softphoneNotices.failure.call-ending');
    case 'not-held':
      return t('softphoneNotices.failure.not-held');
    case 'no-media':
      return t('softphoneNotices.failure.no-media');
    case 'not-connected':
      return t('softphoneNotices.failure.not-connected');
    case 'not-confirmed':
      return t('softphoneNotices.failure.not-confirmed');
    case 'hold-refused':
      return t('softphoneNotices.failure.hold-refused');
    case 'resume-refused':
      return t('softphoneNotices.failure.resume-refused');
    case 'transfer-pending':
      return t('softphoneNotices.failure.transfer-pending');
    case 'transfer-refused':
      return t('softphoneNotices.failure.transfer-refused', { code });
    case 'not-consultation':
      return t('softphoneNotices.failure.not-consultation');
    case 'consulted-call-ended':
      return t('softphoneNotices.failure.consulted-call-ended');
    case 'transfer-to-self':
      return t('softphoneNotices.failure.transfer-to-self');
    case 'conference-too-small':
      return t('softphoneNotices.failure.conference-too-small');
    case 'conference-mix-failed':
      return t('softphoneNotices.failure.conference-mix-failed');
    case 'dtmf-unavailable':
      return t('softphoneNotices.failure.dtmf-unavailable');
    case 'dtmf-refused':
      return t('softphoneNotices.failure.dtmf-refused', { code });
    case 'invalid-sip-address':
      return t('softphoneNotices.failure.invalid-sip-address');
    case 'invalid-number':
      return t('softphoneNotices.failure.invalid-number');
  }
}
