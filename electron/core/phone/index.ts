// Caller-ID normalisation, display formatting and dial strings: the one phone-number module (core, plain Node).
export {
  MAX_CALLER_ID_INPUT_LENGTH,
  callerIdInvalidReasons,
  formatForDisplay,
  normalizeCallerId,
  normalizeCommandOutput,
  type CallerIdInvalidReason,
  type CallerIdResult,
  type CountryCode,
  type NormalizeCallerIdOptions,
  type NormalizeCommandOutput,
} from './callerId.js';
export { dialString, toSipUriUser, type DialStringOptions, type DialStringResult } from './dialString.js';
export { parseCallerAddress, type CallerAddress } from './sipAddress.js';
export { MAX_DISPLAY_NAME_LENGTH, normalizeDisplayName } from './unicodeText.js';
