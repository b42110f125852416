// The envelope every contract command answers with. Runs anywhere (main, host, preload, renderer).
// Free of zod on purpose: the sandboxed preload bundles this file and must stay small.

/** Error codes a command can answer with. Stable strings: the renderer translates them. */
export const errorCodes = [
  'invalid_args', // arguments failed the contract's schema
  'unknown_command', // no such command in the contract
  'forbidden', // sender is not our origin / main frame, or the bridge token is wrong
  'too_large', // payload over the bridge's size limit
  'locked', // a setting locked by policy
  'not_found',
  'conflict',
  'unavailable', // a service that is not running (e.g. no database)
  'internal', // a bug or an unexpected failure; details are in the log, not in the message
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export interface CommandError {
  code: ErrorCode;
  message: string;
  /** Optional field-level details, e.g. which setting or which argument path failed. */
  details?: { path: string; message: string }[] | undefined;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: CommandError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail(code: ErrorCode, message: string, details?: CommandError['details']): Result<never> {
  return { ok: false, error: details ? { code, message, details } : { code, message } };
}

/** Thrown by services to answer with a specific code; anything else becomes `internal`. */
export class CommandFailure extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: CommandError['details'],
  ) {
    super(message);
    this.name = 'CommandFailure';
  }
}
