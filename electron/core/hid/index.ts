// Public surface of the HID call-control module (plain Node): descriptor → description → report codec.
export { HidDescriptorError, type HidDescriptorErrorCode } from './hidDescriptorError.js';
export { describeHidDescriptor, type HidControl, type HidDescription, type HidReportSize } from './describeHidDescriptor.js';
export {
  decodeInputPayload,
  decodeInputReport,
  encodeOutputReports,
  type DecodedInputReport,
  type EncodedOutputReport,
  type HidControlValues,
} from './hidReportCodec.js';
export { parseHexDescriptorText, readDescriptorFile } from './readDescriptorFile.js';
export { HID_CONTROL_NAMES, type HidControlName } from './telephonyUsages.js';
