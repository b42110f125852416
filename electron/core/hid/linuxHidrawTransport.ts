// HidTransport for Linux without native code (plain Node): devices from /sys/class/hidraw, reports through
// /dev/hidrawN with ordinary file I/O, hot-plug from inotify on /dev plus a slow poll. Roots are injectable,
// so tests run the same code against a fake sysfs/dev tree in a temp dir.
//
// What the kernel gives us (drivers/hid/hidraw.c, hid-core.c):
// - /sys/class/hidraw/hidrawN/device is the HID device: `uevent` has HID_ID=<bus>:<vendor>:<product> (hex),
//   HID_NAME and HID_PHYS (…/input3), `report_descriptor` the raw descriptor, world-readable.
// - read() on /dev/hidrawN returns exactly one input report (report-ID byte first when the device uses IDs)
//   and blocks until one arrives; it fails with EIO once the device is unplugged. write() sends one output
//   report, report-ID byte first (0 when the device has none).
//
// Reads block, and Node runs blocking fs calls on libuv's thread pool (4 threads by default), so an open
// headset keeps one pool thread waiting in read(). We open one headset at a time. A pending read cannot be
// interrupted from Node, and closing its fd while it is queued could let it read from whatever file reuses
// the number, so close() stops delivering reports at once and releases the fd when that read returns: at the
// next button press, or at unplug (EIO). Writes already started are waited for the same way.
import * as fs from 'node:fs';
import { access, readFile, readdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Clock, Logger } from '../ports.js';
import { MAX_DESCRIPTOR_BYTES } from './hidItems.js';
import { parseHidDescriptor } from './parseHidDescriptor.js';
import { TELEPHONY_PAGE } from './telephonyUsages.js';
import {
  diffHidDevices,
  HidTransportError,
  type HidBus,
  type HidDeviceHandle,
  type HidDeviceInfo,
  type HidPlugEvent,
  type HidTransport,
} from './hidTransport.js';

export interface LinuxHidrawTransportOptions {
  /** Default /sys/class/hidraw. */
  sysClassDir?: string;
  /** Where the hidrawN nodes are; default /dev. */
  devDir?: string;
  clock: Clock;
  logger: Logger;
  /** Rescan period while watching; inotify on /dev normally reports sooner. 0 = no polling. Default 2000 ms. */
  pollIntervalMs?: number;
  /** Also react to inotify events on devDir and sysClassDir (fs.watch). Default true. */
  useFsWatch?: boolean;
}

/** hidraw hands over at most HID_MAX_BUFFER_SIZE bytes per report (include/linux/hid.h). */
const READ_BUFFER_BYTES = 16384;
/** Several inotify events arrive per plug (node created, then its mode changed by udev): one rescan for all. */
const RESCAN_DEBOUNCE_MS = 150;
const HIDRAW_NAME = /^hidraw(\d+)$/;

export function createLinuxHidrawTransport(options: LinuxHidrawTransportOptions): HidTransport {
  return new LinuxHidrawTransport(options);
}

class LinuxHidrawTransport implements HidTransport {
  private readonly sysClassDir: string;
  private readonly devDir: string;

  constructor(private readonly options: LinuxHidrawTransportOptions) {
    this.sysClassDir = options.sysClassDir ?? '/sys/class/hidraw';
    this.devDir = options.devDir ?? '/dev';
  }

  async list(): Promise<HidDeviceInfo[]> {
    let names: string[];
    try {
      names = await readdir(this.sysClassDir);
    } catch (error) {
      // No hidraw driver loaded, or not Linux: no devices, not an error.
      if (errnoOf(error) === 'ENOENT') return [];
      throw error;
    }
    const numbered = names
      .map((name) => ({ name, number: HIDRAW_NAME.exec(name)?.[1] }))
      .filter((entry): entry is { name: string; number: string } => entry.number !== undefined)
      .sort((a, b) => Number(a.number) - Number(b.number));
    const devices: HidDeviceInfo[] = [];
    for (const { name } of numbered) {
      const device = await this.describe(name);
      if (device) devices.push(device);
    }
    return devices;
  }

  async open(path: string): Promise<HidDeviceHandle> {
    const name = basename(path);
    // Only our own nodes: the path comes from list(), but a setting or a caller must not turn this into "open any file".
    if (dirname(path) !== this.devDir || !HIDRAW_NAME.test(name)) {
      throw new HidTransportError('not-found', `${path} is not a hidraw device`);
    }
    const info = await this.describe(name);
    if (!info) throw new HidTransportError('not-found', `${path}: the device is gone`);
    if (!info.descriptor) throw new HidTransportError('io', `${path}: its report descriptor cannot be read`);
    const fd = await new Promise<number>((resolve, reject) => {
      fs.open(path, fs.constants.O_RDWR, (error, opened) => {
        if (!error) return resolve(opened);
        const code = errnoOf(error);
        if (code === 'EACCES' || code === 'EPERM') {
          reject(
            new HidTransportError('permission', `${path}: permission denied (see the udev rule in electron/core/hid/README.md)`),
          );
        } else if (code === 'ENOENT' || code === 'ENODEV' || code === 'ENXIO') {
          reject(new HidTransportError('not-found', `${path}: the device is gone`));
        } else {
          reject(new HidTransportError('io', `${path}: ${code ?? String(error)}`));
        }
      });
    });
    return new HidrawHandle(info, info.descriptor, fd, this.options.logger);
  }

  watch(listener: (event: HidPlugEvent) => void): () => void {
    const { clock, logger } = this.options;
    const pollIntervalMs = this.options.pollIntervalMs ?? 2000;
    let known: Map<string, HidDeviceInfo> | undefined;
    let stopped = false;
    let scanning = false;
    let scanAgain = false;
    let debounce: { cancel(): void } | undefined;
    let poll: { cancel(): void } | undefined;
    const watchers: fs.FSWatcher[] = [];

    const scan = async (): Promise<void> => {
      if (scanning) {
        scanAgain = true;
        return;
      }
      scanning = true;
      try {
        do {
          scanAgain = false;
          const devices = await this.list().catch((error: unknown) => {
            logger.warn('hidraw scan failed', { error: String(error) });
            return undefined;
          });
          if (!devices || stopped) continue;
          const current = new Map(devices.map((device) => [device.path, device]));
          // The first scan is the baseline: devices already present are what list() reports, not plug events.
          if (known) for (const event of diffHidDevices(known, current)) listener(event);
          known = current;
        } while (scanAgain && !stopped);
      } finally {
        scanning = false;
      }
    };
    const scheduleScan = () => {
      if (stopped) return;
      debounce?.cancel();
      debounce = clock.setTimeout(() => void scan(), RESCAN_DEBOUNCE_MS);
    };
    const schedulePoll = () => {
      if (stopped || pollIntervalMs <= 0) return;
      poll = clock.setTimeout(() => {
        void scan().finally(schedulePoll);
      }, pollIntervalMs);
    };

    if (this.options.useFsWatch ?? true) {
      // inotify on sysfs does not report new device directories, so /dev (devtmpfs creates hidrawN there)
      // is the prompt signal; the sysfs watch costs nothing where it works. The poll covers the rest.
      for (const dir of [this.devDir, this.sysClassDir]) {
        try {
          const watcher = fs.watch(dir, { persistent: false }, (_event, filename) => {
            if (filename === null || HIDRAW_NAME.test(String(filename))) scheduleScan();
          });
          watcher.on('error', (error) => logger.warn('hidraw watch failed; polling only', { dir, error: String(error) }));
          watchers.push(watcher);
        } catch (error) {
          logger.info('hidraw watch unavailable; polling only', { dir, error: errnoOf(error) ?? String(error) });
        }
      }
    }
    void scan();
    schedulePoll();

    return () => {
      stopped = true;
      debounce?.cancel();
      poll?.cancel();
      for (const watcher of watchers) watcher.close();
    };
  }

  /** One hidraw node from sysfs, or undefined when it vanished or is not a HID device we can read. */
  private async describe(name: string): Promise<HidDeviceInfo | undefined> {
    const deviceDir = join(this.sysClassDir, name, 'device');
    let uevent: string;
    try {
      uevent = await readFile(join(deviceDir, 'uevent'), 'utf8');
    } catch {
      return undefined;
    }
    const ids = parseHidUevent(uevent);
    if (!ids) return undefined;
    const descriptor = await readSysfsDescriptor(join(deviceDir, 'report_descriptor'));
    const path = join(this.devDir, name);
    const device: HidDeviceInfo = {
      path,
      vendorId: ids.vendorId,
      productId: ids.productId,
      product: ids.name,
      bus: ids.bus,
      accessible: await access(path, fs.constants.R_OK | fs.constants.W_OK).then(
        () => true,
        () => false,
      ),
    };
    if (ids.interfaceNumber !== undefined) device.interfaceNumber = ids.interfaceNumber;
    if (descriptor) {
      device.descriptor = descriptor;
      Object.assign(device, mainCollectionUsage(descriptor));
    }
    return device;
  }
}

export interface HidUeventIds {
  bus: HidBus;
  vendorId: number;
  productId: number;
  name: string;
  interfaceNumber?: number;
}

/** Reads the HID_ID / HID_NAME / HID_PHYS lines of a HID device's uevent file (format of hid-core.c hid_uevent). */
export function parseHidUevent(text: string): HidUeventIds | undefined {
  const fields = new Map<string, string>();
  for (const line of text.split('\n')) {
    const equals = line.indexOf('=');
    if (equals > 0) fields.set(line.slice(0, equals), line.slice(equals + 1).trim());
  }
  const id = /^([0-9a-f]{4}):([0-9a-f]{8}):([0-9a-f]{8})$/i.exec(fields.get('HID_ID') ?? '');
  if (!id) return undefined;
  const busNumber = Number.parseInt(id[1]!, 16);
  // BUS_USB 0x03, BUS_BLUETOOTH 0x05, BUS_I2C 0x18 (include/uapi/linux/input.h).
  const bus: HidBus = busNumber === 0x03 ? 'usb' : busNumber === 0x05 ? 'bluetooth' : busNumber === 0x18 ? 'i2c' : 'other';
  const ids: HidUeventIds = {
    bus,
    vendorId: Number.parseInt(id[2]!, 16) & 0xffff,
    productId: Number.parseInt(id[3]!, 16) & 0xffff,
    name: fields.get('HID_NAME') ?? '',
  };
  const input = /\/input(\d+)$/.exec(fields.get('HID_PHYS') ?? '');
  if (input) ids.interfaceNumber = Number(input[1]);
  return ids;
}

async function readSysfsDescriptor(file: string): Promise<Uint8Array | undefined> {
  try {
    const bytes = new Uint8Array(await readFile(file));
    return bytes.length > 0 && bytes.length <= MAX_DESCRIPTOR_BYTES ? bytes : undefined;
  } catch {
    return undefined;
  }
}

/** The Telephony top-level collection's usage when there is one, else the first collection's. */
function mainCollectionUsage(descriptor: Uint8Array): { usagePage: number; usage: number } | Record<string, never> {
  try {
    const topLevel = parseHidDescriptor(descriptor).collections.filter((collection) => collection.depth === 0);
    const main = topLevel.find((collection) => Math.floor(collection.usage / 0x10000) === TELEPHONY_PAGE) ?? topLevel[0];
    return main ? { usagePage: Math.floor(main.usage / 0x10000), usage: main.usage % 0x10000 } : {};
  } catch {
    return {}; // a descriptor we cannot parse: listed, but with no usage page
  }
}

class HidrawHandle implements HidDeviceHandle {
  private readonly reportListeners = new Set<(report: Uint8Array) => void>();
  private readonly closedListeners = new Set<(reason: string) => void>();
  private readonly buffer = Buffer.alloc(READ_BUFFER_BYTES);
  private readonly pendingWrites = new Set<Promise<void>>();
  private closed = false;
  /** Why the device went away (end of stream, read error), for an onClosed listener that comes late. */
  private closedReason: string | undefined;
  private started = false;
  private reading = false;
  private fdReleased = false;

  constructor(
    readonly info: HidDeviceInfo,
    readonly descriptor: Uint8Array,
    private readonly fd: number,
    private readonly logger: Logger,
  ) {
    // Reading starts with the first report listener (onInputReport): a report read before anyone listens would
    // be lost, and how long the caller takes to subscribe is not ours to guess.
  }

  onInputReport(listener: (report: Uint8Array) => void): () => void {
    this.reportListeners.add(listener);
    if (!this.started && !this.closed) {
      this.started = true;
      this.readNext();
    }
    return () => this.reportListeners.delete(listener);
  }

  onClosed(listener: (reason: string) => void): () => void {
    const reason = this.closedReason;
    if (reason !== undefined) {
      queueMicrotask(() => listener(reason));
      return () => undefined;
    }
    this.closedListeners.add(listener);
    return () => this.closedListeners.delete(listener);
  }

  write(report: Uint8Array): Promise<void> {
    if (this.closed) return Promise.reject(new HidTransportError('io', `${this.info.path} is closed`));
    const written = new Promise<void>((resolve, reject) => {
      fs.write(this.fd, report, 0, report.length, null, (error, count) => {
        if (error) {
          return reject(new HidTransportError('io', `${this.info.path}: write failed: ${errnoOf(error) ?? String(error)}`));
        }
        if (count !== report.length) {
          return reject(new HidTransportError('io', `${this.info.path}: wrote ${count} of ${report.length} bytes`));
        }
        resolve();
      });
    });
    this.pendingWrites.add(written);
    const settled = () => {
      this.pendingWrites.delete(written);
      this.releaseFdIfIdle();
    };
    written.then(settled, settled);
    return written;
  }

  /** Stops delivering reports at once; resolves when the writes already started (the LEDs-off report) are done. */
  async close(): Promise<void> {
    this.shutDown(undefined);
    await Promise.allSettled([...this.pendingWrites]);
  }

  private readNext(): void {
    if (this.closed) return this.releaseFdIfIdle();
    this.reading = true;
    fs.read(this.fd, this.buffer, 0, this.buffer.length, null, (error, bytesRead) => {
      this.reading = false;
      if (this.closed) return this.releaseFdIfIdle();
      if (error) {
        // EIO/ENODEV: unplugged (hidraw_read returns -EIO once the device is gone).
        return this.shutDown(`read failed: ${errnoOf(error) ?? String(error)}`);
      }
      if (bytesRead === 0) return this.shutDown('end of stream');
      const report = new Uint8Array(this.buffer.subarray(0, bytesRead)); // a copy: the buffer is reused
      for (const listener of this.reportListeners) {
        try {
          listener(report);
        } catch (listenerError) {
          this.logger.error('hid report listener failed', { error: String(listenerError) });
        }
      }
      this.readNext();
    });
  }

  private shutDown(reason: string | undefined): void {
    if (this.closed) return;
    this.closed = true;
    this.closedReason = reason;
    this.reportListeners.clear();
    this.releaseFdIfIdle();
    if (reason !== undefined) {
      for (const listener of this.closedListeners) listener(reason);
    }
    this.closedListeners.clear();
  }

  /** The fd goes only once nothing queued on the thread pool can still use its number (a read or a write). */
  private releaseFdIfIdle(): void {
    if (!this.closed || this.reading || this.pendingWrites.size > 0 || this.fdReleased) return;
    this.fdReleased = true;
    fs.close(this.fd, () => undefined);
  }
}

function errnoOf(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : undefined;
}
