// The node-hid HidTransport (vitest, Node): its pure parts (one entry per path, plug diffing, the platform's
// choice), the lazy loader's errors, the transport and its handle on an in-memory node-hid, HeadsetService on
// top of it, and the real node-hid 3.4 of this machine (no headset here: it must list, and list nothing odd).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { chooseHidTransport, createHidTransport } from '../../../electron/core/hid/chooseHidTransport.js';
import type { CallControlPort } from '../../../electron/core/hid/headsetCallControl.js';
import { createHeadsetService, type HeadsetService } from '../../../electron/core/hid/headsetService.js';
import {
  diffHidDevices,
  HidTransportError,
  type HidDeviceInfo,
  type HidPlugEvent,
  type HidTransport,
} from '../../../electron/core/hid/hidTransport.js';
import { loadNodeHid } from '../../../electron/core/hid/nodeHidLoader.js';
import {
  createNodeHidTransport,
  hidDevicesFromNodeHid,
  NODE_HID_POLL_INTERVAL_MS,
  withSysfsDetails,
} from '../../../electron/core/hid/nodeHidTransport.js';
import { MemoryLogger } from '../../../electron/core/log/memoryLogger.js';
import type { EventSink } from '../../../electron/core/ports.js';
import type { EventName, EventPayload } from '../../../electron/shared/ipc/contract.js';
import { settingDefinitions, type SettingKey, type SettingValue } from '../../../electron/shared/settings.js';
import { ManualClock } from '../../support/manualClock.js';
import { useTempDirs } from '../../support/tempDir.js';
import { FakeHidrawTree } from './fakeHidraw.js';
import { FakeNodeHid, jabraWindows } from './fakeNodeHid.js';
import { hexBytes, loadDescriptor } from './hidTestData.js';

const tempDir = useTempDirs('agentdesk-nodehid-');

const info = (path: string, vendorId: number, productId: number): HidDeviceInfo => ({
  path,
  vendorId,
  productId,
  product: '',
  bus: 'usb',
});

describe('node-hid entries → devices (pure)', () => {
  it('keeps one device per path, the Telephony collection when a path has several (macOS, Linux)', () => {
    const path = 'DevSrvsID:4294970021';
    const devices = hidDevicesFromNodeHid([
      {
        vendorId: 0x047f,
        productId: 0x02ec,
        path,
        product: 'Plantronics Voyager Base CD',
        manufacturer: 'Plantronics',
        release: 0,
        interface: 3,
        usagePage: 0x0c,
        usage: 1,
      },
      {
        vendorId: 0x047f,
        productId: 0x02ec,
        path,
        product: 'Plantronics Voyager Base CD',
        manufacturer: 'Plantronics',
        release: 0,
        interface: 3,
        usagePage: 0x0b,
        usage: 5,
      },
      {
        vendorId: 0x047f,
        productId: 0x02ec,
        path,
        product: 'Plantronics Voyager Base CD',
        manufacturer: 'Plantronics',
        release: 0,
        interface: 3,
        usagePage: 0xffa0,
        usage: 1,
      },
    ]);
    expect(devices).toEqual([
      {
        path,
        vendorId: 0x047f,
        productId: 0x02ec,
        product: 'Plantronics Voyager Base CD',
        bus: 'usb',
        interfaceNumber: 3,
        usagePage: 0x0b,
        usage: 5,
      },
    ]);
  });

  it('lists each Windows collection path on its own, so the telephony one is the one opened', () => {
    const devices = hidDevicesFromNodeHid([jabraWindows(3, 0x0c, 1), jabraWindows(1, 0x0b, 5), jabraWindows(2, 0xff00, 5)]);
    expect(devices.map((device) => [device.path.match(/col0\d/)?.[0], device.usagePage])).toEqual([
      ['col01', 0x0b],
      ['col02', 0xff00],
      ['col03', 0x0c],
    ]);
    expect(devices[0]).toMatchObject({ product: 'GN Netcom A/S Jabra EVOLVE LINK MS', bus: 'usb', interfaceNumber: 3 });
  });

  it('drops entries without a path, names Bluetooth devices by their HID service UUID, and sorts hidraw numbers as numbers', () => {
    const devices = hidDevicesFromNodeHid([
      { vendorId: 1, productId: 1, release: 0, interface: 0 }, // no path: cannot be opened
      { vendorId: 0x047f, productId: 0x02e6, path: '/dev/hidraw10', product: 'Poly BT700', release: 0, interface: 0 },
      {
        vendorId: 0x046d,
        productId: 0x0ac4,
        path: '/dev/hidraw2',
        manufacturer: 'Logitech',
        product: 'Logitech G535',
        release: 0,
        interface: 3,
      },
      {
        vendorId: 0x0b0e,
        productId: 0x24c4,
        path: '\\\\?\\hid#{00001124-0000-1000-8000-00805f9b34fb}_vid&00020b0e_pid&24c4&col01#9&1f2e3d4c&0&0000#{4d1e55b2-f16f-11cf-88cb-001111000030}',
        product: 'Jabra Evolve2 65',
        release: 0,
        interface: -1,
        usagePage: 0x0b,
        usage: 5,
      },
    ]);
    expect(devices.map((device) => [device.path.slice(0, 14), device.product, device.bus, device.interfaceNumber])).toEqual([
      ['/dev/hidraw2', 'Logitech G535', 'usb', 3], // the product already says the maker: not "Logitech Logitech G535"
      ['/dev/hidraw10', 'Poly BT700', 'usb', 0],
      ['\\\\?\\hid#{00001', 'Jabra Evolve2 65', 'bluetooth', undefined],
    ]);
  });

  it('takes descriptor, permission and bus from sysfs for the same node (Linux)', () => {
    const descriptor = loadDescriptor('0b0e-0307');
    const [merged] = withSysfsDetails(
      [{ path: '/dev/hidraw3', vendorId: 0x0b0e, productId: 0x0307, product: 'Jabra', bus: 'usb' }],
      [
        {
          ...info('/dev/hidraw3', 0x0b0e, 0x0307),
          bus: 'bluetooth',
          descriptor,
          accessible: false,
          interfaceNumber: 3,
          usagePage: 0x0b,
          usage: 5,
        },
        { ...info('/dev/hidraw4', 0x046d, 0x0ac4), accessible: true },
      ],
    );
    expect(merged).toEqual({
      path: '/dev/hidraw3',
      vendorId: 0x0b0e,
      productId: 0x0307,
      product: 'Jabra',
      bus: 'bluetooth',
      descriptor,
      accessible: false,
      interfaceNumber: 3,
      usagePage: 0x0b,
      usage: 5,
    });
  });
});

describe('plug diffing (pure)', () => {
  const map = (...devices: HidDeviceInfo[]) => new Map(devices.map((device) => [device.path, device]));

  it('reports removed paths first, then added ones, and nothing for devices that stayed', () => {
    const before = map(info('a', 1, 1), info('b', 2, 2));
    const after = map(info('b', 2, 2), info('c', 3, 3));
    expect(diffHidDevices(before, after)).toEqual([
      { type: 'removed', path: 'a' },
      { type: 'added', device: info('c', 3, 3) },
    ]);
    expect(diffHidDevices(after, after)).toEqual([]);
  });

  it('treats a reused path that now names another model as an unplug and a plug', () => {
    expect(diffHidDevices(map(info('/dev/hidraw3', 0x0b0e, 0x0307)), map(info('/dev/hidraw3', 0x047f, 0x02ec)))).toEqual([
      { type: 'removed', path: '/dev/hidraw3' },
      { type: 'added', device: info('/dev/hidraw3', 0x047f, 0x02ec) },
    ]);
  });
});

describe('choosing the transport (pure)', () => {
  it.each([
    ['linux', undefined, 'linux-hidraw', false],
    ['linux', ' AUTO ', 'linux-hidraw', false],
    ['linux', 'node-hid', 'node-hid', false],
    ['linux', 'none', 'none', false],
    ['win32', undefined, 'node-hid', false],
    ['darwin', '', 'node-hid', false],
    ['darwin', 'linux-hidraw', 'node-hid', true], // there is no hidraw on macOS
    ['linux', 'libusb', 'linux-hidraw', true], // unknown: the default, with a warning
  ] as const)('%s with %j → %s', (platform, requested, kind, warned) => {
    const choice = chooseHidTransport(platform, requested);
    expect(choice.kind).toBe(kind);
    expect(choice.warning !== undefined).toBe(warned);
    expect(choice.reason.length).toBeGreaterThan(0);
  });

  it('makes no transport for none, and loads nothing while making one', () => {
    const deps = { clock: new ManualClock(), logger: new MemoryLogger(), platform: 'win32' as const };
    expect(createHidTransport('none', deps)).toBeNull();
    expect(createHidTransport('node-hid', deps)).not.toBeNull();
    expect(deps.logger.lines).toEqual([]);
  });
});

describe('loading node-hid lazily', () => {
  it('says clearly that node-hid is missing when the module cannot be imported', async () => {
    // A real failed import (a path that cannot exist), not a hand-made error.
    const missingModule: string = '/nonexistent/agentdesk/node-hid.js';
    const failure = await loadNodeHid({ importModule: () => import(missingModule) }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(HidTransportError);
    expect(failure).toMatchObject({ code: 'unsupported' });
    expect((failure as Error).message).toMatch(
      /^node-hid is not available, so headset buttons are off: the module could not be imported: Cannot find module/,
    );
    expect((failure as Error).message).not.toContain('\n'); // one line, fit for a status bar tooltip and a log line
  });

  it('fails on the native part at load time, not at the first scan', async () => {
    const broken = new FakeNodeHid();
    broken.getHidapiVersion = () => {
      throw new Error('No native build was found for platform=linux arch=riscv64 runtime=electron abi=130');
    };
    await expect(loadNodeHid({ importModule: async () => ({ default: broken }), platform: 'linux' })).rejects.toThrow(
      'node-hid is not available, so headset buttons are off: its native part could not be loaded: No native build was found',
    );
    await expect(loadNodeHid({ importModule: async () => ({ default: { devices: () => [] } }) })).rejects.toMatchObject({
      code: 'unsupported',
      message: expect.stringContaining('does not have the node-hid 3 API'),
    });
  });

  it('selects hidapi’s hidraw backend on Linux before the binding loads, and leaves the driver alone elsewhere', async () => {
    const linux = new FakeNodeHid();
    await loadNodeHid({ importModule: async () => ({ default: linux }), platform: 'linux' });
    expect(linux.calls).toEqual(['setDriverType hidraw', 'getHidapiVersion']);
    const windows = new FakeNodeHid();
    await loadNodeHid({ importModule: async () => windows, platform: 'win32' }); // a bundler's namespace, no default
    expect(windows.calls).toEqual(['getHidapiVersion']);
  });

  it('loads the real node-hid 3.4 installed here', async () => {
    const { api, hidapiVersion } = await loadNodeHid();
    expect(hidapiVersion).toMatch(/^\d+\.\d+\.\d+$/);
    expect(Array.isArray(await api.devicesAsync())).toBe(true);
  });

  it('a transport whose node-hid cannot load rejects list() with that reason and stops polling', async () => {
    const clock = new ManualClock();
    const logger = new MemoryLogger();
    const transport = createNodeHidTransport({
      clock,
      logger,
      platform: 'win32',
      load: () => loadNodeHid({ importModule: () => Promise.reject(new Error("Cannot find module 'node-hid'")) }),
    });
    const stop = transport.watch(() => undefined);
    await expect(transport.list()).rejects.toMatchObject({
      code: 'unsupported',
      message: expect.stringContaining("Cannot find module 'node-hid'"),
    });
    await vi.waitFor(() => expect(clock.pending()).toEqual([]));
    stop();
  });
});

describe('the node-hid transport', () => {
  it('opens the Windows telephony collection, gets its descriptor when node-hid can, reads and writes reports', async () => {
    const hid = new FakeNodeHid();
    hid.entries = [jabraWindows(1, 0x0b, 5), jabraWindows(3, 0x0c, 1)];
    const telephonyPath = hid.entries[0]!.path!;
    hid.descriptors.set(telephonyPath, loadDescriptor('0b0e-0307'));
    const transport = createNodeHidTransport({
      clock: new ManualClock(),
      logger: new MemoryLogger(),
      platform: 'win32',
      load: hid.loaded(),
    });

    const handle = await transport.open(telephonyPath);
    expect(hid.calls).toContain(`open ${telephonyPath} {"nonExclusive":true}`);
    expect(handle.descriptor).toEqual(loadDescriptor('0b0e-0307'));
    const reports: string[] = [];
    handle.onInputReport((report) => reports.push(Buffer.from(report).toString('hex')));
    const device = hid.opened.get(telephonyPath)!;
    device.input('02 01 00');
    expect(reports).toEqual(['020100']);
    await handle.write(hexBytes('02 04 00'));
    expect(device.written).toEqual(['02 04 00']);

    await handle.close();
    expect(device.closed).toBe(true);
    device.input('02 00 00'); // a report racing the close is not delivered
    expect(reports).toEqual(['020100']);
    await expect(handle.write(hexBytes('02 00 00'))).rejects.toMatchObject({ code: 'io' });
  });

  it('refuses a device it cannot describe (node-hid 3.4 on Windows/macOS) and closes it again', async () => {
    const hid = new FakeNodeHid();
    hid.entries = [jabraWindows(1, 0x0b, 5)];
    const path = hid.entries[0]!.path!;
    const transport = createNodeHidTransport({
      clock: new ManualClock(),
      logger: new MemoryLogger(),
      platform: 'darwin',
      load: hid.loaded(),
    });
    await expect(transport.open(path)).rejects.toMatchObject({
      code: 'no-descriptor',
      message: expect.stringContaining('node-hid cannot read HID report descriptors on darwin'),
    });
    expect(hid.opened.get(path)?.closed).toBe(true);
    await expect(transport.open('\\\\?\\hid#somewhere-else')).rejects.toMatchObject({ code: 'not-found' });
  });

  it('on Linux takes the descriptor and the permission from sysfs, and says "permission" before hidapi tries', async () => {
    const fake = new FakeHidrawTree(tempDir());
    const jabraPath = fake.add({
      number: 3,
      vendorId: 0x0b0e,
      productId: 0x0307,
      name: 'Jabra',
      descriptor: loadDescriptor('0b0e-0307'),
      node: 'file',
    });
    const polyPath = fake.add({
      number: 4,
      vendorId: 0x047f,
      productId: 0x02ec,
      name: 'Poly',
      descriptor: loadDescriptor('047f-02ec'),
      node: 'none',
    });
    const hid = new FakeNodeHid();
    hid.entries = [
      {
        vendorId: 0x0b0e,
        productId: 0x0307,
        path: jabraPath,
        product: 'Jabra EVOLVE LINK MS',
        release: 0,
        interface: 3,
        usagePage: 0x0b,
        usage: 5,
      },
      {
        vendorId: 0x047f,
        productId: 0x02ec,
        path: polyPath,
        product: 'Poly Voyager',
        release: 0,
        interface: 3,
        usagePage: 0x0b,
        usage: 5,
      },
    ];
    const transport = createNodeHidTransport({
      clock: new ManualClock(),
      logger: new MemoryLogger(),
      platform: 'linux',
      load: hid.loaded(),
      linuxRoots: { sysClassDir: fake.sysClassDir, devDir: fake.devDir },
    });
    const listed = await transport.list();
    expect(listed.map((device) => [device.path, device.accessible, device.descriptor?.length])).toEqual([
      [jabraPath, true, loadDescriptor('0b0e-0307').length],
      [polyPath, false, loadDescriptor('047f-02ec').length],
    ]);
    const handle = await transport.open(jabraPath);
    expect(handle.descriptor).toEqual(loadDescriptor('0b0e-0307'));
    await handle.close();
    await expect(transport.open(polyPath)).rejects.toMatchObject({ code: 'permission' });
    expect(hid.calls.filter((call) => call.startsWith('open'))).toEqual([`open ${jabraPath} {"nonExclusive":true}`]);
  });

  it('reports an unplug (a read error) once through onClosed and releases the device', async () => {
    const hid = new FakeNodeHid();
    hid.entries = [jabraWindows(1, 0x0b, 5)];
    const path = hid.entries[0]!.path!;
    hid.descriptors.set(path, loadDescriptor('0b0e-0307'));
    const transport = createNodeHidTransport({
      clock: new ManualClock(),
      logger: new MemoryLogger(),
      platform: 'win32',
      load: hid.loaded(),
    });
    const handle = await transport.open(path);
    const reasons: string[] = [];
    handle.onClosed((reason) => reasons.push(reason));
    const device = hid.opened.get(path)!;
    device.emit('error', new Error('could not read from HID device'));
    expect(reasons).toEqual(['read failed: could not read from HID device']);
    await vi.waitFor(() => expect(device.closed).toBe(true));
    await handle.close(); // the service closes too: harmless
    expect(reasons).toHaveLength(1);
  });

  it('polls devicesAsync() for hot-plug: a baseline first, then added and removed paths', async () => {
    const hid = new FakeNodeHid();
    hid.entries = [jabraWindows(1, 0x0b, 5)];
    const clock = new ManualClock();
    const transport = createNodeHidTransport({ clock, logger: new MemoryLogger(), platform: 'win32', load: hid.loaded() });
    const events: HidPlugEvent[] = [];
    const stop = transport.watch((event) => events.push(event));
    await vi.waitFor(() => expect(clock.pending()).toEqual([NODE_HID_POLL_INTERVAL_MS]));
    expect(events).toEqual([]); // what was there at start is not a plug

    hid.entries = [jabraWindows(1, 0x0b, 5), jabraWindows(3, 0x0c, 1)];
    clock.advance(NODE_HID_POLL_INTERVAL_MS);
    await vi.waitFor(() => expect(events).toHaveLength(1));
    expect(events[0]).toMatchObject({ type: 'added', device: { usagePage: 0x0c } });

    hid.entries = [];
    await vi.waitFor(() => expect(clock.pending()).toEqual([NODE_HID_POLL_INTERVAL_MS]));
    clock.advance(NODE_HID_POLL_INTERVAL_MS);
    await vi.waitFor(() => expect(events).toHaveLength(3));
    expect(events.slice(1).map((event) => event.type)).toEqual(['removed', 'removed']);
    stop();
    await vi.waitFor(() => expect(clock.pending()).toEqual([]));
  });

  it('lists this machine’s devices through the real node-hid (none here) without error', async () => {
    const transport = createNodeHidTransport({ clock: new ManualClock(), logger: new MemoryLogger() });
    const devices = await transport.list();
    for (const device of devices) {
      expect(device.path.length).toBeGreaterThan(0);
      expect(device.vendorId).toBeGreaterThanOrEqual(0);
    }
  });
});

class FakeSettings {
  get<K extends SettingKey>(key: K): SettingValue<K> {
    return settingDefinitions[key].builtin as SettingValue<K>;
  }
  onChange(): () => void {
    return () => undefined;
  }
}

describe('HeadsetService on node-hid', () => {
  const services: HeadsetService[] = [];
  afterEach(async () => {
    for (const service of services.splice(0)) await service.stop();
  });

  function start(transport: HidTransport) {
    const sent: { name: EventName; payload: unknown }[] = [];
    const events: EventSink = {
      emit<K extends EventName>(name: K, payload: EventPayload<K>) {
        sent.push({ name, payload });
      },
    };
    const actions: string[] = [];
    const port: CallControlPort = {
      answer: () => void actions.push('answer'),
      decline: () => void actions.push('decline'),
      hangup: () => void actions.push('hangup'),
      setMuted: (muted) => void actions.push(`setMuted(${muted})`),
      holdOrResume: () => void actions.push('holdOrResume'),
      swapLines: () => void actions.push('swapLines'),
      redial: () => void actions.push('redial'),
    };
    const service = createHeadsetService({
      transport,
      settings: new FakeSettings(),
      callControl: port,
      clock: new ManualClock(),
      logger: new MemoryLogger(),
      events,
      systemLocale: 'en',
    });
    services.push(service);
    return { service, sent, actions };
  }

  it('answers a ringing call on the Jabra’s hook switch and lights its Ring LED', async () => {
    const hid = new FakeNodeHid();
    hid.entries = [jabraWindows(1, 0x0b, 5), jabraWindows(3, 0x0c, 1)];
    const path = hid.entries[0]!.path!;
    hid.descriptors.set(path, loadDescriptor('0b0e-0307'));
    const { service, actions, sent } = start(
      createNodeHidTransport({ clock: new ManualClock(), logger: new MemoryLogger(), platform: 'win32', load: hid.loaded() }),
    );
    await service.start();
    expect(service.status()).toMatchObject({
      state: 'active',
      device: { id: '0b0e:0307', product: 'GN Netcom A/S Jabra EVOLVE LINK MS' },
    });
    expect(
      sent.filter((event) => event.name === 'headset:changed').map((event) => (event.payload as { state: string }).state),
    ).toEqual(['active']);
    service.setCallState({ phase: 'ringing' });
    const device = hid.opened.get(path)!;
    expect(device.written.at(-1)).toBe('02 24 00'); // Ring LED + Ringer
    device.input('02 01 00');
    expect(actions).toEqual(['answer']);
  });

  it('says "unavailable, driver missing" when node-hid cannot load, and "failed, no descriptor" on macOS', async () => {
    const missing = start(
      createNodeHidTransport({
        clock: new ManualClock(),
        logger: new MemoryLogger(),
        platform: 'win32',
        load: () => loadNodeHid({ importModule: () => Promise.reject(new Error("Cannot find module 'node-hid'")) }),
      }),
    );
    await missing.service.start();
    expect(missing.service.status()).toEqual({
      state: 'unavailable',
      candidates: 0,
      problem: 'driver-missing',
      detail: expect.stringContaining(
        "node-hid is not available, so headset buttons are off: the module could not be imported: Cannot find module 'node-hid'",
      ),
    });
    expect(missing.sent.map((event) => event.name)).toEqual(['headset:changed']);

    const hid = new FakeNodeHid();
    hid.entries = [jabraWindows(1, 0x0b, 5)];
    const mac = start(
      createNodeHidTransport({ clock: new ManualClock(), logger: new MemoryLogger(), platform: 'darwin', load: hid.loaded() }),
    );
    await mac.service.start();
    expect(mac.service.status()).toMatchObject({
      state: 'failed',
      device: { id: '0b0e:0307' },
      candidates: 1,
      problem: 'descriptor-unavailable',
    });
  });
});
