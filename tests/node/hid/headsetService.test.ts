// HeadsetService (vitest, Node): which headset it picks from the settings, unplug/replug, no-access notices,
// and one run end to end over the Linux hidraw transport on a fake sysfs/dev tree with real descriptors.
import { afterEach, describe, expect, it } from 'vitest';
import type { CallControlPort } from '../../../electron/core/hid/headsetCallControl.js';
import {
  createHeadsetService,
  type HeadsetService,
  type HeadsetSettings,
  type HeadsetStatus,
} from '../../../electron/core/hid/headsetService.js';
import {
  HidTransportError,
  type HidDeviceHandle,
  type HidDeviceInfo,
  type HidPlugEvent,
  type HidTransport,
} from '../../../electron/core/hid/hidTransport.js';
import { createLinuxHidrawTransport } from '../../../electron/core/hid/linuxHidrawTransport.js';
import { MemoryLogger } from '../../../electron/core/log/memoryLogger.js';
import type { EventSink } from '../../../electron/core/ports.js';
import type { EventName, EventPayload } from '../../../electron/shared/ipc/contract.js';
import { settingDefinitions, type SettingKey, type SettingValue } from '../../../electron/shared/settings.js';
import { useTempDirs } from '../../support/tempDir.js';
import { FakeHidrawTree, nextValue } from './fakeHidraw.js';
import { hexBytes, loadDescriptor } from './hidTestData.js';
import { ManualClock } from '../../support/manualClock.js';

const tempDir = useTempDirs('agentdesk-headset-');

class FakeSettings implements HeadsetSettings {
  private readonly values = new Map<SettingKey, unknown>();
  private readonly listeners = new Set<(change: { key: SettingKey }) => void>();
  get<K extends SettingKey>(key: K): SettingValue<K> {
    return (this.values.has(key) ? this.values.get(key) : settingDefinitions[key].builtin) as SettingValue<K>;
  }
  set<K extends SettingKey>(key: K, value: SettingValue<K>): void {
    this.values.set(key, settingDefinitions[key].schema.parse(value));
    for (const listener of this.listeners) listener({ key });
  }
  onChange(listener: (change: { key: SettingKey }) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

class MemoryHandle implements HidDeviceHandle {
  readonly written: string[] = [];
  closed = false;
  private readonly reports = new Set<(report: Uint8Array) => void>();
  private readonly ends = new Set<(reason: string) => void>();
  constructor(
    readonly info: HidDeviceInfo,
    readonly descriptor: Uint8Array,
  ) {}
  onInputReport(listener: (report: Uint8Array) => void) {
    this.reports.add(listener);
    return () => this.reports.delete(listener);
  }
  onClosed(listener: (reason: string) => void) {
    this.ends.add(listener);
    return () => this.ends.delete(listener);
  }
  async write(report: Uint8Array) {
    this.written.push(Array.from(report, (b) => b.toString(16).padStart(2, '0')).join(' '));
  }
  async close() {
    this.closed = true;
  }
  input(hex: string) {
    for (const listener of this.reports) listener(hexBytes(hex));
  }
  end(reason: string) {
    this.closed = true;
    for (const listener of this.ends) listener(reason);
  }
}

/** HidTransport in memory: devices are plugged and unplugged by the test. */
class MemoryTransport implements HidTransport {
  readonly handles = new Map<string, MemoryHandle>();
  readonly denied = new Set<string>();
  private devices: HidDeviceInfo[] = [];
  private readonly listeners = new Set<(event: HidPlugEvent) => void>();
  async list() {
    return [...this.devices];
  }
  async open(path: string) {
    if (this.denied.has(path)) throw new HidTransportError('permission', `${path}: permission denied`);
    const info = this.devices.find((device) => device.path === path);
    if (!info?.descriptor) throw new HidTransportError('not-found', `${path}: gone`);
    const handle = new MemoryHandle(info, info.descriptor);
    this.handles.set(path, handle);
    return handle;
  }
  watch(listener: (event: HidPlugEvent) => void) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  plug(device: HidDeviceInfo) {
    this.devices.push(device);
    for (const listener of this.listeners) listener({ type: 'added', device });
  }
  unplug(path: string) {
    this.devices = this.devices.filter((device) => device.path !== path);
    this.handles.get(path)?.end('read failed: EIO');
    for (const listener of this.listeners) listener({ type: 'removed', path });
  }
}

function device(path: string, name: string, product = name): HidDeviceInfo {
  const [vendor, productId] = name.split('-').map((part) => Number.parseInt(part, 16));
  return { path, vendorId: vendor!, productId: productId!, product, bus: 'usb', descriptor: loadDescriptor(name) };
}

function setup(transport: HidTransport = new MemoryTransport()) {
  const settings = new FakeSettings();
  const notices: EventPayload<'app:notice'>[] = [];
  const events: EventSink = {
    emit<K extends EventName>(name: K, payload: EventPayload<K>) {
      if (name === 'app:notice') notices.push(payload as EventPayload<'app:notice'>);
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
  const clock = new ManualClock();
  const logger = new MemoryLogger();
  const service = createHeadsetService({ transport, settings, callControl: port, clock, logger, events, systemLocale: 'en' });
  const statuses: HeadsetStatus[] = [];
  service.onStatus((status) => statuses.push(status));
  services.push(service);
  return { service, settings, notices, actions, clock, logger, statuses };
}

const services: HeadsetService[] = [];
afterEach(async () => {
  for (const service of services.splice(0)) await service.stop();
});

describe('choosing the headset', () => {
  it("'' takes the first telephony device and skips the rest; its buttons drive calls", async () => {
    const transport = new MemoryTransport();
    transport.plug(device('/dev/hidraw1', '046d-0ac4', 'Logitech G535'));
    transport.plug(device('/dev/hidraw2', '0b0e-0307', 'Jabra EVOLVE LINK MS'));
    transport.plug(device('/dev/hidraw3', '047f-02ec', 'Poly Voyager'));
    const { service, actions } = setup(transport);
    await service.start();
    expect(service.status()).toEqual({
      state: 'active',
      device: { id: '0b0e:0307', path: '/dev/hidraw2', product: 'Jabra EVOLVE LINK MS' },
      // What the status bar calls "telephony ok": the Jabra's buttons and lights, from its descriptor.
      controls: {
        inputs: ['hookSwitch', 'lineBusyTone', 'phoneMute', 'flash', 'redial'],
        outputs: ['ledOffHook', 'ledMute', 'ledRing', 'ledHold', 'ledMicrophone', 'ringer'],
      },
      candidates: 2,
    });
    const jabra = transport.handles.get('/dev/hidraw2')!;
    expect(jabra.written).toEqual(['02 00 00']);
    expect(transport.handles.has('/dev/hidraw3')).toBe(false); // the second headset is not even opened

    service.setCallState({ phase: 'ringing' });
    expect(jabra.written.at(-1)).toBe('02 24 00');
    jabra.input('02 01 00');
    expect(actions).toEqual(['answer']);
  });

  it('vendor:product takes that model only, waits for it, and keeps it when another headset is plugged', async () => {
    const transport = new MemoryTransport();
    transport.plug(device('/dev/hidraw2', '0b0e-0307'));
    const { service, settings, statuses } = setup(transport);
    settings.set('headset.device', '047F:02EC');
    await service.start();
    expect(service.status()).toEqual({ state: 'searching', candidates: 0 });

    transport.plug(device('/dev/hidraw6', '047f-02ec'));
    await service.reconcile();
    expect(service.status()).toMatchObject({ state: 'active', device: { path: '/dev/hidraw6' } });

    transport.plug(device('/dev/hidraw4', '047f-02ec')); // a second one of the same model, lower number
    await service.reconcile();
    expect(service.status()).toMatchObject({ state: 'active', device: { path: '/dev/hidraw6' }, candidates: 2 });
    expect(statuses.map((s) => s.state)).toEqual(['active', 'active']); // searching was the start state
  });

  it('survives unplug and replug, and sends the current call state to the replugged headset', async () => {
    const transport = new MemoryTransport();
    transport.plug(device('/dev/hidraw2', '0b0e-0307'));
    const { service, actions } = setup(transport);
    await service.start();
    service.setCallState({ phase: 'connected', held: false, muted: true, lines: 1, waiting: false });

    transport.unplug('/dev/hidraw2');
    await service.reconcile();
    expect(service.status()).toEqual({ state: 'searching', candidates: 0 });

    transport.plug(device('/dev/hidraw7', '0b0e-0307')); // back, under a new number
    await service.reconcile();
    expect(service.status()).toMatchObject({ state: 'active', device: { path: '/dev/hidraw7' } });
    const replugged = transport.handles.get('/dev/hidraw7')!;
    expect(replugged.written).toEqual(['02 03 00']); // Off-Hook + Mute: the call goes on
    replugged.input('02 01 00'); // its first report: off-hook, as it should be
    expect(actions).toEqual([]);
    replugged.input('02 05 00');
    expect(actions).toEqual(['setMuted(false)']);
  });

  it('headset.enabled off switches the headset off and closes it; on opens it again', async () => {
    const transport = new MemoryTransport();
    transport.plug(device('/dev/hidraw2', '0b0e-0307'));
    const { service, settings } = setup(transport);
    await service.start();
    service.setCallState({ phase: 'ringing' });
    settings.set('headset.enabled', false);
    await service.reconcile();
    expect(service.status()).toEqual({ state: 'disabled', candidates: 0 });
    const handle = transport.handles.get('/dev/hidraw2')!;
    expect(handle.written).toEqual(['02 00 00', '02 24 00', '02 00 00']); // no ringing left behind
    expect(handle.closed).toBe(true);
    settings.set('headset.enabled', true);
    await service.reconcile();
    expect(service.status().state).toBe('active');
  });

  it('tells the operator once, in their language, when a headset may not be opened (no udev rule)', async () => {
    const transport = new MemoryTransport();
    transport.plug(device('/dev/hidraw2', '0b0e-0307', 'Jabra EVOLVE LINK MS'));
    transport.denied.add('/dev/hidraw2');
    const { service, settings, notices } = setup(transport);
    settings.set('ui.locale', 'tr');
    await service.start();
    await service.reconcile();
    expect(service.status()).toEqual({
      state: 'no-access',
      device: { id: '0b0e:0307', path: '/dev/hidraw2', product: 'Jabra EVOLVE LINK MS' },
      candidates: 1,
      problem: 'permission',
    });
    expect(notices).toEqual([
      {
        level: 'warning',
        code: 'headset-no-access',
        message: expect.stringContaining('“Jabra EVOLVE LINK MS” kulaklığı bağlı'),
      },
    ]);
  });
});

describe('end to end over hidraw (fake sysfs and /dev)', () => {
  it('finds the Jabra in sysfs, answers on its hook switch, and follows it through unplug and replug', async () => {
    const fake = new FakeHidrawTree(tempDir());
    fake.add({ number: 1, vendorId: 0x046d, productId: 0x0ac4, name: 'Logitech G535', descriptor: loadDescriptor('046d-0ac4') });
    fake.add({
      number: 3,
      vendorId: 0x0b0e,
      productId: 0x0307,
      name: 'Jabra EVOLVE LINK MS',
      descriptor: loadDescriptor('0b0e-0307'),
    });
    const clock = new ManualClock();
    const transport = createLinuxHidrawTransport({
      sysClassDir: fake.sysClassDir,
      devDir: fake.devDir,
      clock,
      logger: new MemoryLogger(),
      useFsWatch: false,
      pollIntervalMs: 1000,
    });
    const { service, actions, logger } = setup(transport);
    try {
      // Ringing before start, so the headset gets one LED write ('02 24 00'). The FIFO hands our own writes back
      // to our reader, and unlike hidraw it joins writes that were not read yet: wait until that one was read
      // (its bit 2 reads as a Phone Mute press, ignored while ringing) before the test "presses" anything.
      service.setCallState({ phase: 'ringing' });
      await service.start();
      expect(service.status()).toMatchObject({ state: 'active', device: { id: '0b0e:0307', path: `${fake.devDir}/hidraw3` } });
      await waitFor(() => logger.lines.some((line) => line.message === 'headset mute press with no call'));
      fake.send(3, hexBytes('02 01 00')); // off-hook, through the FIFO
      await waitFor(() => actions.length > 0);
      expect(actions).toEqual(['answer']);

      const statusChange = (listener: (status: HeadsetStatus) => void) => service.onStatus(listener);
      let next = nextValue(statusChange);
      fake.remove(3);
      clock.advance(1000); // the poll notices
      expect(await next).toEqual({ state: 'searching', candidates: 0 });

      next = nextValue(statusChange);
      fake.add({
        number: 9,
        vendorId: 0x0b0e,
        productId: 0x0307,
        name: 'Jabra EVOLVE LINK MS',
        descriptor: loadDescriptor('0b0e-0307'),
      });
      clock.advance(1000);
      expect(await next).toMatchObject({ state: 'active', device: { path: `${fake.devDir}/hidraw9` } });
    } finally {
      await service.stop();
      fake.close();
    }
  });
});

async function waitFor(condition: () => boolean, ms = 2000): Promise<void> {
  const until = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
