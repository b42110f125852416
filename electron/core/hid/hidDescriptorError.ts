// The one error type of the HID parser and report codec (plain Node): bad descriptors, bad files, bad reports.
// Callers catch this type only; anything else escaping from electron/core/hid is a bug (the fuzz test checks).

export type HidDescriptorErrorCode =
  'empty' | 'too-large' | 'truncated' | 'invalid-item' | 'unbalanced' | 'stack' | 'limit' | 'report-ids' | 'file' | 'report';

export class HidDescriptorError extends Error {
  override readonly name = 'HidDescriptorError';
  constructor(
    readonly code: HidDescriptorErrorCode,
    message: string,
    /** Byte offset in the descriptor (or report) where the problem was found, when there is one. */
    readonly offset?: number,
  ) {
    super(offset === undefined ? message : `${message} (at byte ${offset})`);
  }
}
