// Test support: node-hid in memory — a HIDAsync whose reports the test emits and whose writes it records, and
// a module with devicesAsync() entries the test sets — plus the Jabra as Windows lists it.
import { EventEmitter } from 'node:events';
import type { LoadedNodeHid, NodeHidApi, NodeHidAsyncDevice, NodeHidDevice } from '../../../electron/core/hid/nodeHidLoader.js';
import { hexBytes } from './hidTestData.js';

// Windows lists each top-level collection of the Jabra's HID interface under its own path (…&col01…).
export const jabraWindows = (collection: number, usagePage: number, usage: number): NodeHidDevice => ({
  vendorId: 0x0b0e,
  productId: 0x0307,
  path: `\\\\?\\hid#vid_0b0e&pid_0307&mi_03&col0${collection}#8&2a1b3c4d&0&000${collection - 1}#{4d1e55b2-f16f-11cf-88cb-001111000030}`,
  manufacturer: 'GN Netcom A/S',
  product: 'Jabra EVOLVE LINK MS',
  release: 0x0136,
  interface: 3,
  usagePage,
  usage,
});

/** An in-memory HIDAsync: reports are emitted by the test, writes recorded as hex. */
export class FakeHidAsync extends EventEmitter implements NodeHidAsyncDevice {
  readonly written: string[] = [];
  closed = false;
  getReportDescriptor?: () => Promise<Buffer>;
  constructor(readonly path: string) {
    super();
  }
  async write(values: Buffer | number[]): Promise<number> {
    if (this.closed) throw new Error('device has been closed');
    this.written.push(
      Buffer.from(values)
        .toString('hex')
        .replace(/(..)(?!$)/g, '$1 '),
    );
    return values.length;
  }
  async close(): Promise<void> {
    this.closed = true;
    this.removeAllListeners();
  }
  input(hex: string): void {
    this.emit('data', Buffer.from(hexBytes(hex)));
  }
}

export class FakeNodeHid implements NodeHidApi {
  entries: NodeHidDevice[] = [];
  readonly opened = new Map<string, FakeHidAsync>();
  readonly calls: string[] = [];
  descriptors = new Map<string, Uint8Array>();
  devicesAsync = async (): Promise<NodeHidDevice[]> => {
    this.calls.push('devicesAsync');
    return this.entries.map((entry) => ({ ...entry }));
  };
  HIDAsync = {
    open: async (path: string, options?: { nonExclusive?: boolean }): Promise<FakeHidAsync> => {
      this.calls.push(`open ${path} ${JSON.stringify(options)}`);
      if (!this.entries.some((entry) => entry.path === path)) throw new Error(`cannot open device with path ${path}`);
      const device = new FakeHidAsync(path);
      const descriptor = this.descriptors.get(path);
      if (descriptor) device.getReportDescriptor = async () => Buffer.from(descriptor);
      this.opened.set(path, device);
      return device;
    },
  };
  setDriverType = (type: 'hidraw' | 'libusb') => void this.calls.push(`setDriverType ${type}`);
  getHidapiVersion = () => {
    this.calls.push('getHidapiVersion');
    return '0.15.0';
  };
  loaded(): () => Promise<LoadedNodeHid> {
    return () => Promise.resolve({ api: this, hidapiVersion: '0.15.0' });
  }
}
