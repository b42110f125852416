// Public surface of the HID call-control module (plain Node): descriptor → description → report codec,
// the call-control state machine, the HidTransport port with its Linux and node-hid implementations, and HeadsetService.
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
export {
  HeadsetCallControl,
  HOOK_ECHO_WINDOW_MS,
  type CallControlAction,
  type CallControlPort,
  type HeadsetCallState,
  type HeadsetDeviceAttachment,
  type HidOutputSink,
} from './headsetCallControl.js';
export {
  deviceIdOf,
  diffHidDevices,
  HidTransportError,
  type HidBus,
  type HidDeviceHandle,
  type HidDeviceInfo,
  type HidPlugEvent,
  type HidTransport,
} from './hidTransport.js';
export { createLinuxHidrawTransport, parseHidUevent, type LinuxHidrawTransportOptions } from './linuxHidrawTransport.js';
export {
  createNodeHidTransport,
  hidDevicesFromNodeHid,
  NODE_HID_POLL_INTERVAL_MS,
  withSysfsDetails,
  type NodeHidTransportOptions,
} from './nodeHidTransport.js';
export { loadNodeHid, type LoadedNodeHid, type NodeHidApi, type NodeHidDevice } from './nodeHidLoader.js';
export {
  chooseHidTransport,
  createHidTransport,
  HID_TRANSPORT_ENV,
  hidTransportKinds,
  type HidTransportChoice,
  type HidTransportKind,
} from './chooseHidTransport.js';
export {
  createHeadsetService,
  HeadsetService,
  isTelephonyDevice,
  type HeadsetServiceDeps,
  type HeadsetSettings,
  type HeadsetStatus,
} from './headsetService.js';
export { headsetCallStateOf, SoftphoneCallControl, type SoftphoneCalls } from './softphoneCallControl.js';
