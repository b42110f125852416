// The refusal a call gets once its wrap-up is filed: no new draft, no script save (a late save would start a
// second wrap-up for the call). Shared by the wrap-up and script services. Plain Node (core).
import { CommandFailure } from '../../shared/ipc/result.js';

/**
 * `details[0].message` of the refusal. The contract's error codes are a closed list, so the code is `conflict`
 * and this marker says which conflict it is.
 */
export const WRAP_UP_FILED = 'wrapUpFiled';

export function wrapUpAlreadyFiled(): CommandFailure {
  return new CommandFailure('conflict', 'The wrap-up of this call is already filed', [
    { path: 'callId', message: WRAP_UP_FILED },
  ]);
}

/** Whether `error` is that refusal. */
export function isWrapUpFiledFailure(error: unknown): error is CommandFailure {
  return error instanceof CommandFailure && error.code === 'conflict' && error.details?.[0]?.message === WRAP_UP_FILED;
}
