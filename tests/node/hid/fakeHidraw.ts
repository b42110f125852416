// Test support: a fake Linux hidraw tree in a temp dir — sys/class/hidraw/hidrawN/device/{uevent,report_descriptor}
// as the kernel lays them out, and dev/hidrawN as a FIFO (live reports) or a regular file. The transport under
// test reads and writes these with the same fs calls it uses on real devices.
import { execFileSync } from 'node:child_process';
import {
  closeSync,
  constants,
  mkdirSync,
  openSync,
  readdirSync,
  readlinkSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';

export interface FakeHidDevice {
  number: number;
  /** HID bus: 0x0003 USB, 0x0005 Bluetooth. */
  bus?: number;
  vendorId: number;
  productId: number;
  name: string;
  descriptor: Uint8Array;
  /** USB interface, written as HID_PHYS …/inputN. */
  interfaceNumber?: number;
  /** fifo: reports are written by the test; file: its content is read once, then end of stream; none: no node. */
  node?: 'fifo' | 'file' | 'none';
  fileContent?: Uint8Array;
}

export class FakeHidrawTree {
  readonly sysClassDir: string;
  readonly devDir: string;
  private readonly writers = new Map<number, number>();

  constructor(root: string) {
    this.sysClassDir = join(root, 'sys', 'class', 'hidraw');
    this.devDir = join(root, 'dev');
    mkdirSync(this.sysClassDir, { recursive: true });
    mkdirSync(this.devDir, { recursive: true });
  }

  add(device: FakeHidDevice): string {
    const name = `hidraw${device.number}`;
    const deviceDir = join(this.sysClassDir, name, 'device');
    mkdirSync(deviceDir, { recursive: true });
    const hex = (value: number, width: number) => value.toString(16).toUpperCase().padStart(width, '0');
    const bus = device.bus ?? 0x0003;
    // The lines hid-core.c's hid_uevent() writes, in its order.
    writeFileSync(
      join(deviceDir, 'uevent'),
      [
        'DRIVER=hid-generic',
        `HID_ID=${hex(bus, 4)}:${hex(device.vendorId, 8)}:${hex(device.productId, 8)}`,
        `HID_NAME=${device.name}`,
        `HID_PHYS=usb-0000:00:14.0-2/input${device.interfaceNumber ?? 0}`,
        'HID_UNIQ=',
        `MODALIAS=hid:b${hex(bus, 4)}g0001v${hex(device.vendorId, 8)}p${hex(device.productId, 8)}`,
        '',
      ].join('\n'),
    );
    writeFileSync(join(deviceDir, 'report_descriptor'), device.descriptor);
    const path = join(this.devDir, name);
    const node = device.node ?? 'fifo';
    if (node === 'fifo') execFileSync('mkfifo', ['-m', '0660', path]);
    if (node === 'file') writeFileSync(path, device.fileContent ?? new Uint8Array(0));
    return path;
  }

  /** Unplug: the sysfs entry and the node disappear (the kernel removes both). */
  remove(number: number): void {
    rmSync(join(this.sysClassDir, `hidraw${number}`), { recursive: true, force: true });
    rmSync(join(this.devDir, `hidraw${number}`), { force: true });
  }

  /**
   * Sends one input report as the device would: one write on the FIFO. Call it only while the transport has
   * the node open (a reader exists), or the open for writing would block.
   */
  send(number: number, report: Uint8Array): void {
    let fd = this.writers.get(number);
    if (fd === undefined) {
      fd = openSync(join(this.devDir, `hidraw${number}`), constants.O_WRONLY);
      this.writers.set(number, fd);
    }
    writeSync(fd, report);
  }

  /**
   * Closes the test's write ends. A closed handle may still have a read pending on a FIFO (the transport lets go
   * of the node when that read returns), so every FIFO with a reader first gets one byte to return it.
   */
  close(): void {
    for (const fd of this.writers.values()) {
      try {
        writeSync(fd, new Uint8Array([0]));
      } catch {
        // the reader is gone already (EPIPE)
      }
    }
    for (const name of readdirSync(this.devDir)) {
      if (this.writers.has(Number(name.replace('hidraw', '')))) continue;
      if (!statSync(join(this.devDir, name)).isFIFO()) continue;
      try {
        const fd = openSync(join(this.devDir, name), constants.O_WRONLY | constants.O_NONBLOCK);
        writeSync(fd, new Uint8Array([0]));
        closeSync(fd);
      } catch {
        // nobody reads it (ENXIO)
      }
    }
    for (const fd of this.writers.values()) closeSync(fd);
    this.writers.clear();
  }
}

/** How many fds of this process point at `path` (from /proc/self/fd), to see that a handle let go of its node. */
export function openFdsOn(path: string): number {
  let count = 0;
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      if (readlinkSync(join('/proc/self/fd', fd)) === path) count++;
    } catch {
      // the fd closed while we looked
    }
  }
  return count;
}

/** Resolves with the next value `subscribe` hands over, or rejects after `ms`. */
export function nextValue<T>(subscribe: (listener: (value: T) => void) => () => void, ms = 2000): Promise<T> {
  return new Promise((resolve, reject) => {
    let done = false;
    let stop: () => void = () => undefined;
    const timer = setTimeout(() => {
      done = true;
      stop();
      reject(new Error(`nothing arrived within ${ms} ms`));
    }, ms);
    stop = subscribe((value) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      queueMicrotask(() => stop());
      resolve(value);
    });
  });
}
