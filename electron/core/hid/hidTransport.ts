// The HidTransport port: how core finds, opens, reads and writes HID devices (plain Node types only).
// Linux implements it without native code (./linuxHidrawTransport.ts), every OS with node-hid (./nodeHidTransport.ts);
// ./chooseHidTransport.ts picks one.

export type HidBus = 'usb' | 'bluetooth' | 'i2c' | 'other';

export interface HidDeviceInfo {
  /** Opaque to core, stable while the device stays plugged in: `/dev/hidraw3` on Linux, a hidapi path elsewhere. */
  path: string;
  vendorId: number;
  productId: number;
  /** As the OS names the device (Linux: manufacturer and product in one string). */
  product: string;
  bus: HidBus;
  /** USB interface number when the OS says it (`input3` → 3). */
  interfaceNumber?: number;
  /**
   * Usage page of the device's main top-level collection: the Telephony page (0x0B) when it has one, else its
   * first. `undefined` when the transport cannot tell without opening the device.
   */
  usagePage?: number;
  usage?: number;
  /** The report descriptor, when the transport can read it without opening the device (Linux sysfs can). */
  descriptor?: Uint8Array;
  /** Whether this process may open the device (Linux: read/write permission on /dev/hidrawN). */
  accessible?: boolean;
}

export interface HidDeviceHandle {
  readonly info: HidDeviceInfo;
  /** The report descriptor as the OS hands it over; core parses it with describeHidDescriptor. */
  readonly descriptor: Uint8Array;
  /**
   * Input reports as hidraw/hidapi read them: report-ID byte first when the device uses report IDs.
   * Returns the unsubscribe function.
   */
  onInputReport(listener: (report: Uint8Array) => void): () => void;
  /** Called once when the device stops working (unplugged, read error). The handle is closed by then. */
  onClosed(listener: (reason: string) => void): () => void;
  /** Writes one output report: report-ID byte (0 when the device has none), then the data. */
  write(report: Uint8Array): Promise<void>;
  close(): Promise<void>;
}

export type HidPlugEvent = { type: 'added'; device: HidDeviceInfo } | { type: 'removed'; path: string };

export interface HidTransport {
  /** Every HID device the OS shows, telephony or not. */
  list(): Promise<HidDeviceInfo[]>;
  open(path: string): Promise<HidDeviceHandle>;
  /** Starts hot-plug notifications; returns the function that stops them. */
  watch(listener: (event: HidPlugEvent) => void): () => void;
}

/**
 * Why a call failed, so the service can tell "no permission" (fix: udev rule) from "gone". `unsupported`: the
 * transport cannot run on this machine (node-hid missing) · `no-descriptor`: the device opened, but this OS path
 * cannot hand over its report descriptor, without which its reports cannot be read.
 */
export class HidTransportError extends Error {
  override readonly name = 'HidTransportError';
  constructor(
    readonly code: 'permission' | 'not-found' | 'io' | 'unsupported' | 'no-descriptor',
    message: string,
  ) {
    super(message);
  }
}

/** `0b0e:0307`: the form the `headset.device` setting and the CLI use. */
export function deviceIdOf(device: Pick<HidDeviceInfo, 'vendorId' | 'productId'>): string {
  const hex = (value: number) => value.toString(16).padStart(4, '0');
  return `${hex(device.vendorId)}:${hex(device.productId)}`;
}

/**
 * Hot-plug events between two scans, keyed by path: gone paths first, then new ones. A path that now names
 * another model (hidraw numbers and Windows paths are reused) is that device removed and the new one added.
 */
export function diffHidDevices(
  previous: ReadonlyMap<string, HidDeviceInfo>,
  current: ReadonlyMap<string, HidDeviceInfo>,
): HidPlugEvent[] {
  const events: HidPlugEvent[] = [];
  const replaced = (path: string) => {
    const before = previous.get(path);
    const now = current.get(path);
    return before !== undefined && now !== undefined && deviceIdOf(before) !== deviceIdOf(now);
  };
  for (const path of previous.keys()) if (!current.has(path) || replaced(path)) events.push({ type: 'removed', path });
  for (const [path, device] of current) if (!previous.has(path) || replaced(path)) events.push({ type: 'added', device });
  return events;
}
