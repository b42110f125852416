// HidTransport on node-hid 3 (hidapi), for Windows and macOS, and for Linux when asked (plain Node). node-hid
// is loaded on first use (./nodeHidLoader.ts): without it the desk starts, and list() says why.
//
// What hidapi gives and what it does not:
// - devicesAsync() lists one entry per top-level collection. On Windows each collection has its own path (the
//   telephony one is the path to open); on macOS and Linux the collections of one interface share a path. We
//   keep one entry per path, the Telephony collection's (usage page 0x0B) when there is one.
// - No report descriptor: node-hid 3.4.0 does not wrap hid_get_report_descriptor. On Linux the descriptor comes
//   from sysfs for the same /dev/hidrawN (hidapi's hidraw backend); elsewhere open() fails with `no-descriptor`
//   unless the installed node-hid has getReportDescriptor(). Without a descriptor, reports cannot be decoded.
// - No hot-plug events: we poll devicesAsync() and diff. Every enumeration walks the USB bus (node-hid README,
//   "Cost of HID.devices()"), so the period is seconds, not milliseconds.
// - Reads run on node-hid's own thread (HIDAsync 'data' events), not on libuv's pool; reports arrive as hidapi
//   reads them: report-ID byte first when the device uses report IDs, as on hidraw. Writes take the ID byte first.
import type { Clock, Logger } from '../ports.js';
import { MAX_DESCRIPTOR_BYTES } from './hidItems.js';
import {
  diffHidDevices,
  HidTransportError,
  type HidBus,
  type HidDeviceHandle,
  type HidDeviceInfo,
  type HidPlugEvent,
  type HidTransport,
} from './hidTransport.js';
import { createLinuxHidrawTransport } from './linuxHidrawTransport.js';
import { loadNodeHid, type LoadedNodeHid, type NodeHidAsyncDevice, type NodeHidDevice } from './nodeHidLoader.js';
import { TELEPHONY_PAGE } from './telephonyUsages.js';

export interface NodeHidTransportOptions {
  clock: Clock;
  logger: Logger;
  /** Default process.platform. */
  platform?: NodeJS.Platform;
  /** How often watch() enumerates while watching. Default 3000 ms; 0 = only the first scan. */
  pollIntervalMs?: number;
  /** Default: import node-hid (./nodeHidLoader.ts). Tests hand in a fake module or a failing load. */
  load?: () => Promise<LoadedNodeHid>;
  /**
   * Linux only: the sysfs/dev roots that supply what hidapi does not (descriptor, permission, bus).
   * Default /sys/class/hidraw and /dev.
   */
  linuxRoots?: { sysClassDir?: string; devDir?: string };
}

export const NODE_HID_POLL_INTERVAL_MS = 3000;

export function createNodeHidTransport(options: NodeHidTransportOptions): HidTransport {
  return new NodeHidTransport(options);
}

/**
 * node-hid's entries → one HidDeviceInfo per path, in a stable order. Entries without a path cannot be opened
 * and are dropped. Pure.
 */
export function hidDevicesFromNodeHid(entries: readonly NodeHidDevice[]): HidDeviceInfo[] {
  const byPath = new Map<string, NodeHidDevice>();
  for (const entry of entries) {
    if (!entry.path) continue;
    const kept = byPath.get(entry.path);
    if (!kept || (kept.usagePage !== TELEPHONY_PAGE && entry.usagePage === TELEPHONY_PAGE)) byPath.set(entry.path, entry);
  }
  return [...byPath.values()]
    .map((entry): HidDeviceInfo => {
      const device: HidDeviceInfo = {
        path: entry.path!,
        vendorId: entry.vendorId & 0xffff,
        productId: entry.productId & 0xffff,
        product: productName(entry),
        bus: busOf(entry),
      };
      if (entry.interface >= 0) device.interfaceNumber = entry.interface;
      if (entry.usagePage !== undefined) device.usagePage = entry.usagePage;
      if (entry.usage !== undefined) device.usage = entry.usage;
      return device;
    })
    .sort((a, b) => a.path.localeCompare(b.path, 'en', { numeric: true }));
}

/** "GN Netcom A/S Jabra EVOLVE LINK MS", like Linux's HID_NAME: manufacturer, then product unless it repeats it. */
function productName(entry: NodeHidDevice): string {
  const manufacturer = entry.manufacturer?.trim() ?? '';
  const product = entry.product?.trim() ?? '';
  if (!manufacturer) return product;
  if (!product) return manufacturer;
  return product.toLowerCase().startsWith(manufacturer.toLowerCase()) ? product : `${manufacturer} ${product}`;
}

/**
 * hidapi 0.15 has a bus type, node-hid 3.4 does not pass it on. Windows names Bluetooth HID devices after the
 * HID service UUIDs (classic 0x1124, Low Energy 0x1812); a USB device has an interface number.
 */
function busOf(entry: NodeHidDevice): HidBus {
  const path = entry.path?.toLowerCase() ?? '';
  if (path.includes('00001124-0000-1000-8000-00805f9b34fb') || path.includes('00001812-0000-1000-8000-00805f9b34fb')) {
    return 'bluetooth';
  }
  return entry.interface >= 0 ? 'usb' : 'other';
}

/** Linux: what sysfs knows about the same /dev/hidrawN (descriptor, permission, bus) completes hidapi's entry. */
export function withSysfsDetails(devices: readonly HidDeviceInfo[], sysfs: readonly HidDeviceInfo[]): HidDeviceInfo[] {
  const byPath = new Map(sysfs.map((device) => [device.path, device]));
  return devices.map((device) => {
    const known = byPath.get(device.path);
    if (!known) return device;
    const merged: HidDeviceInfo = { ...device, bus: known.bus };
    if (known.descriptor) merged.descriptor = known.descriptor;
    if (known.accessible !== undefined) merged.accessible = known.accessible;
    if (merged.interfaceNumber === undefined && known.interfaceNumber !== undefined)
      merged.interfaceNumber = known.interfaceNumber;
    if (merged.usagePage === undefined && known.usagePage !== undefined) {
      merged.usagePage = known.usagePage;
      if (known.usage !== undefined) merged.usage = known.usage;
    }
    return merged;
  });
}

class NodeHidTransport implements HidTransport {
  private loading: Promise<LoadedNodeHid> | undefined;
  private readonly platform: NodeJS.Platform;
  private readonly sysfs: HidTransport | undefined;

  constructor(private readonly options: NodeHidTransportOptions) {
    this.platform = options.platform ?? process.platform;
    // No fs.watch and no poll: it is only asked to list, when we list.
    this.sysfs =
      this.platform === 'linux'
        ? createLinuxHidrawTransport({
            ...options.linuxRoots,
            clock: options.clock,
            logger: options.logger,
            pollIntervalMs: 0,
            useFsWatch: false,
          })
        : undefined;
  }

  /** Loads node-hid once; a failed load stays failed (the binary will not appear while we run). */
  private nodeHid(): Promise<LoadedNodeHid> {
    if (!this.loading) {
      this.loading = (this.options.load ?? (() => loadNodeHid({ platform: this.platform })))();
      this.loading.then(
        ({ hidapiVersion }) => this.options.logger.info('node-hid loaded', { hidapi: hidapiVersion, platform: this.platform }),
        () => undefined, // list() reports it
      );
    }
    return this.loading;
  }

  async list(): Promise<HidDeviceInfo[]> {
    const { api } = await this.nodeHid();
    let entries: NodeHidDevice[];
    try {
      entries = await api.devicesAsync();
    } catch (error) {
      throw new HidTransportError('io', `HID enumeration failed: ${messageOf(error)}`);
    }
    const devices = hidDevicesFromNodeHid(entries);
    if (!this.sysfs) return devices;
    return withSysfsDetails(devices, await this.sysfs.list().catch(() => []));
  }

  async open(path: string): Promise<HidDeviceHandle> {
    const { api } = await this.nodeHid();
    // Only paths the OS lists right now: a setting or a caller must not turn this into "open anything".
    const info = (await this.list()).find((device) => device.path === path);
    if (!info) throw new HidTransportError('not-found', `${path}: the device is gone`);
    // hidapi's open error does not say "permission"; sysfs does (Linux).
    if (info.accessible === false) {
      throw new HidTransportError('permission', `${path}: permission denied (see the udev rule in electron/core/hid/README.md)`);
    }
    let device: NodeHidAsyncDevice;
    try {
      // Not exclusive (macOS): the OS and other softphones keep seeing the headset's buttons.
      device = await api.HIDAsync.open(path, { nonExclusive: true });
    } catch (error) {
      throw new HidTransportError('io', `${path}: ${messageOf(error)}`);
    }
    const descriptor = await this.descriptorOf(device, info);
    if (!descriptor) {
      await device.close().catch(() => undefined);
      throw new HidTransportError(
        'no-descriptor',
        `${path}: node-hid cannot read HID report descriptors on ${this.platform}, so the headset's reports cannot be decoded`,
      );
    }
    return new NodeHidHandle(info, descriptor, device, this.options.logger);
  }

  private async descriptorOf(device: NodeHidAsyncDevice, info: HidDeviceInfo): Promise<Uint8Array | undefined> {
    if (typeof device.getReportDescriptor === 'function') {
      try {
        const bytes = Uint8Array.from(await device.getReportDescriptor());
        if (bytes.length > 0 && bytes.length <= MAX_DESCRIPTOR_BYTES) return bytes;
      } catch (error) {
        this.options.logger.warn('node-hid getReportDescriptor failed', { path: info.path, error: messageOf(error) });
      }
    }
    return info.descriptor;
  }

  watch(listener: (event: HidPlugEvent) => void): () => void {
    const { clock, logger } = this.options;
    const pollIntervalMs = this.options.pollIntervalMs ?? NODE_HID_POLL_INTERVAL_MS;
    let known: Map<string, HidDeviceInfo> | undefined;
    let stopped = false;
    let failing = false;
    let timer: { cancel(): void } | undefined;

    /** One enumeration and diff; false when polling is pointless (node-hid cannot load). */
    const scan = async (): Promise<boolean> => {
      try {
        const current = new Map((await this.list()).map((device) => [device.path, device]));
        if (stopped) return false;
        // The first scan is the baseline: devices already present are what list() reports, not plug events.
        if (known) for (const event of diffHidDevices(known, current)) listener(event);
        known = current;
        failing = false;
        return true;
      } catch (error) {
        if (error instanceof HidTransportError && error.code === 'unsupported') return false;
        // One line per failing stretch, not one every few seconds.
        if (!failing) logger.warn('node-hid scan failed', { error: messageOf(error) });
        failing = true;
        return true;
      }
    };
    const next = (again: boolean) => {
      if (!again || stopped || pollIntervalMs <= 0) return;
      timer = clock.setTimeout(() => void scan().then(next), pollIntervalMs);
    };
    void scan().then(next);
    return () => {
      stopped = true;
      timer?.cancel();
    };
  }
}

class NodeHidHandle implements HidDeviceHandle {
  private readonly reportListeners = new Set<(report: Uint8Array) => void>();
  private readonly closedListeners = new Set<(reason: string) => void>();
  private closed = false;
  private closing: Promise<void> | undefined;

  constructor(
    readonly info: HidDeviceInfo,
    readonly descriptor: Uint8Array,
    private readonly device: NodeHidAsyncDevice,
    private readonly logger: Logger,
  ) {
    // Adding the 'data' listener starts node-hid's read thread.
    device.on('data', (data) => this.deliver(data));
    // A read error is how hidapi says the device went away (unplugged, or the OS took it back).
    device.on('error', (error) => {
      this.shutDown(`read failed: ${messageOf(error)}`);
      void this.release();
    });
  }

  onInputReport(listener: (report: Uint8Array) => void): () => void {
    this.reportListeners.add(listener);
    return () => this.reportListeners.delete(listener);
  }

  onClosed(listener: (reason: string) => void): () => void {
    this.closedListeners.add(listener);
    return () => this.closedListeners.delete(listener);
  }

  async write(report: Uint8Array): Promise<void> {
    if (this.closed) throw new HidTransportError('io', `${this.info.path} is closed`);
    try {
      // hidapi returns the bytes written; on Windows that is the padded report length, so only failure counts.
      await this.device.write(Buffer.from(report.buffer, report.byteOffset, report.byteLength));
    } catch (error) {
      throw new HidTransportError('io', `${this.info.path}: write failed: ${messageOf(error)}`);
    }
  }

  /** Stops delivering reports at once, then lets node-hid stop its read thread and close the device. */
  async close(): Promise<void> {
    this.shutDown(undefined);
    await this.release();
  }

  private deliver(data: Buffer): void {
    if (this.closed) return;
    const report = Uint8Array.from(data);
    for (const listener of this.reportListeners) {
      try {
        listener(report);
      } catch (listenerError) {
        this.logger.error('hid report listener failed', { error: String(listenerError) });
      }
    }
  }

  private shutDown(reason: string | undefined): void {
    if (this.closed) return;
    this.closed = true;
    this.reportListeners.clear();
    if (reason !== undefined) for (const listener of this.closedListeners) listener(reason);
    this.closedListeners.clear();
  }

  private release(): Promise<void> {
    this.closing ??= this.device.close().catch((error: unknown) => {
      this.logger.info('node-hid close failed', { path: this.info.path, error: messageOf(error) });
    });
    return this.closing;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
