// The Linux hidraw transport against a fake sysfs/dev tree in a temp dir (vitest, Node): real uevent parsing,
// real descriptor reads, real open/read/write on FIFOs and files, hot-plug by polling and by inotify.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { describeHidDescriptor } from '../../../electron/core/hid/describeHidDescriptor.js';
import { isTelephonyDevice } from '../../../electron/core/hid/headsetService.js';
import { HidTransportError, type HidDeviceHandle, type HidPlugEvent } from '../../../electron/core/hid/hidTransport.js';
import { createLinuxHidrawTransport, parseHidUevent } from '../../../electron/core/hid/linuxHidrawTransport.js';
import { MemoryLogger } from '../../../electron/core/log/memoryLogger.js';
import { systemClock, type Clock } from '../../../electron/core/ports.js';
import { useTempDirs } from '../../support/tempDir.js';
import { FakeHidrawTree, nextValue, openFdsOn } from './fakeHidraw.js';
import { hexBytes, loadDescriptor } from './hidTestData.js';
import { ManualClock } from '../../support/manualClock.js';

const tempDir = useTempDirs('agentdesk-hidraw-');
const trees: FakeHidrawTree[] = [];
const handles: HidDeviceHandle[] = [];

function tree(): FakeHidrawTree {
  const made = new FakeHidrawTree(tempDir());
  trees.push(made);
  return made;
}

function transportFor(
  fake: FakeHidrawTree,
  clock: Clock = new ManualClock(),
  extra: { useFsWatch?: boolean; pollIntervalMs?: number } = {},
) {
  return createLinuxHidrawTransport({
    sysClassDir: fake.sysClassDir,
    devDir: fake.devDir,
    clock,
    logger: new MemoryLogger(),
    useFsWatch: extra.useFsWatch ?? false,
    pollIntervalMs: extra.pollIntervalMs ?? 1000,
  });
}

const jabra = {
  vendorId: 0x0b0e,
  productId: 0x0307,
  name: 'GN Netcom A/S Jabra EVOLVE LINK MS',
  descriptor: loadDescriptor('0b0e-0307'),
};

afterEach(async () => {
  for (const handle of handles.splice(0)) await handle.close();
  for (const fake of trees.splice(0)) fake.close();
});

describe('parseHidUevent', () => {
  it('reads bus, ids, name and USB interface the way hid-core.c writes them', () => {
    expect(
      parseHidUevent(
        'DRIVER=hid-generic\nHID_ID=0003:0000047F:000002EC\nHID_NAME=Plantronics Plantronics Voyager Base CD\nHID_PHYS=usb-0000:00:14.0-1/input3\nHID_UNIQ=\n',
      ),
    ).toEqual({
      bus: 'usb',
      vendorId: 0x047f,
      productId: 0x02ec,
      name: 'Plantronics Plantronics Voyager Base CD',
      interfaceNumber: 3,
    });
    expect(parseHidUevent('HID_ID=0005:0000047F:0000C053\nHID_NAME=Poly BT\nHID_PHYS=7c:b2:7d:00:00:01\n')).toMatchObject({
      bus: 'bluetooth',
      vendorId: 0x047f,
    });
    expect(parseHidUevent('DRIVER=hid-generic\n')).toBeUndefined();
    expect(parseHidUevent('HID_ID=0003:zz:00000001\n')).toBeUndefined();
  });
});

describe('list', () => {
  it('lists hidraw nodes in number order with ids, name, bus, interface, main usage and the descriptor', async () => {
    const fake = tree();
    fake.add({ ...jabra, number: 10, interfaceNumber: 3 });
    fake.add({ number: 2, vendorId: 0x046d, productId: 0x0ac4, name: 'Logitech G535', descriptor: loadDescriptor('046d-0ac4') });
    fake.add({
      number: 4,
      bus: 0x0005,
      vendorId: 0x047f,
      productId: 0x02e6,
      name: 'Poly BT700',
      descriptor: loadDescriptor('047f-02e6'),
      node: 'none',
    });
    // Junk the scan must step over: a non-hidraw entry, and a hidraw entry without a uevent.
    fake.add({ number: 7, vendorId: 1, productId: 1, name: 'x', descriptor: loadDescriptor('046d-0ac4') });
    writeFileSync(join(fake.sysClassDir, 'hidraw7', 'device', 'uevent'), 'DRIVER=hid-generic\n');
    writeFileSync(join(fake.sysClassDir, 'README'), 'not a device');

    const devices = await transportFor(fake).list();
    expect(devices.map((d) => [d.path, d.vendorId, d.productId, d.bus, d.usagePage, d.accessible])).toEqual([
      [join(fake.devDir, 'hidraw2'), 0x046d, 0x0ac4, 'usb', 0x000c, true],
      [join(fake.devDir, 'hidraw4'), 0x047f, 0x02e6, 'bluetooth', 0x000b, false], // no node: cannot be opened
      [join(fake.devDir, 'hidraw10'), 0x0b0e, 0x0307, 'usb', 0x000b, true],
    ]);
    const jabraInfo = devices[2]!;
    expect(jabraInfo).toMatchObject({ product: 'GN Netcom A/S Jabra EVOLVE LINK MS', interfaceNumber: 3, usage: 0x0005 });
    expect(jabraInfo.descriptor).toEqual(loadDescriptor('0b0e-0307'));
  });

  it('lists devices whose descriptor is junk or oversized without a usage, and never as telephony', async () => {
    const fake = tree();
    fake.add({ ...jabra, number: 1, descriptor: hexBytes('05 0b 09 05 a1 01 09 20') }); // truncated: no End Collection
    fake.add({ ...jabra, number: 2, descriptor: new Uint8Array(5000).fill(0x05) }); // larger than any real one
    const devices = await transportFor(fake).list();
    expect(devices.map((d) => [d.path, d.usagePage, d.descriptor?.length, isTelephonyDevice(d)])).toEqual([
      [join(fake.devDir, 'hidraw1'), undefined, 8, false],
      [join(fake.devDir, 'hidraw2'), undefined, undefined, false],
    ]);
    await expect(transportFor(fake).open(join(fake.devDir, 'hidraw2'))).rejects.toMatchObject({ code: 'io' });
  });

  it('is empty when there is no hidraw class at all (no driver, or not Linux)', async () => {
    const missing = createLinuxHidrawTransport({
      sysClassDir: join(tempDir(), 'nothing'),
      devDir: tempDir(),
      clock: new ManualClock(),
      logger: new MemoryLogger(),
    });
    expect(await missing.list()).toEqual([]);
  });
});

describe('open, read, write, close', () => {
  it('delivers each report written to the node, and writes output reports to it', async () => {
    const fake = tree();
    const path = fake.add({ ...jabra, number: 3 });
    const handle = await transportFor(fake).open(path);
    handles.push(handle);
    expect(describeHidDescriptor(handle.descriptor).telephony).toBe(true);
    expect(handle.info).toMatchObject({ vendorId: 0x0b0e, productId: 0x0307 });

    const reports = (listener: (report: Uint8Array) => void) => handle.onInputReport(listener);
    let next = nextValue(reports);
    fake.send(3, hexBytes('02 01 00'));
    expect([...(await next)]).toEqual([0x02, 0x01, 0x00]);
    next = nextValue(reports);
    fake.send(3, hexBytes('02 05 00'));
    expect([...(await next)]).toEqual([0x02, 0x05, 0x00]);

    // The FIFO loops our own output back into our reader: what arrives is exactly what write() put there.
    next = nextValue(reports);
    await handle.write(hexBytes('02 24 00'));
    expect([...(await next)]).toEqual([0x02, 0x24, 0x00]);
  });

  it('close() stops the reports at once and lets go of the node when the pending read returns', async () => {
    const fake = tree();
    const path = fake.add({ ...jabra, number: 3 });
    const handle = await transportFor(fake).open(path);
    const seen: number[][] = [];
    handle.onInputReport((report) => seen.push([...report]));
    const next = nextValue((listener: (report: Uint8Array) => void) => handle.onInputReport(listener));
    fake.send(3, hexBytes('02 01 00'));
    await next;
    expect(openFdsOn(path)).toBe(2); // ours and the test's write end

    await handle.close();
    fake.send(3, hexBytes('02 00 00')); // a press after close: releases the blocked read, is not delivered
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(seen).toEqual([[2, 1, 0]]);
    expect(openFdsOn(path)).toBe(1); // only the test's write end is left
    await expect(handle.write(hexBytes('02 00 00'))).rejects.toThrow(HidTransportError);
  });

  it('close() waits for a write in flight, and the fd goes once the read it left pending returns', async () => {
    const fake = tree();
    const path = fake.add({ ...jabra, number: 4 });
    const handle = await transportFor(fake).open(path);
    const seen: number[][] = [];
    handle.onInputReport((report) => seen.push([...report]));
    const written = handle.write(hexBytes('02 00 00')); // the LEDs-off report a closing service sends
    await handle.close();
    await expect(written).resolves.toBeUndefined();
    // The FIFO hands that report to the read still pending: it returns, delivers nothing, and lets go of the node.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(seen).toEqual([]);
    expect(openFdsOn(path)).toBe(0);
  });

  it('reports the end of the device (read returns nothing) through onClosed', async () => {
    const fake = tree();
    const path = fake.add({ ...jabra, number: 5, node: 'file', fileContent: hexBytes('02 01 00') });
    const handle = await transportFor(fake).open(path);
    const reports: number[][] = [];
    handle.onInputReport((report) => reports.push([...report]));
    const reason = await nextValue((listener: (why: string) => void) => handle.onClosed(listener));
    expect(reason).toBe('end of stream');
    expect(reports).toEqual([[2, 1, 0]]);
    expect(openFdsOn(path)).toBe(0);
  });

  it('refuses paths that are not its hidraw nodes, and nodes that are gone', async () => {
    const fake = tree();
    const transport = transportFor(fake);
    fake.add({ ...jabra, number: 1, node: 'none' });
    await expect(transport.open('/etc/passwd')).rejects.toMatchObject({ code: 'not-found' });
    await expect(transport.open(join(fake.devDir, 'tty0'))).rejects.toMatchObject({ code: 'not-found' });
    await expect(transport.open(join(fake.devDir, 'hidraw9'))).rejects.toMatchObject({ code: 'not-found' });
    await expect(transport.open(join(fake.devDir, 'hidraw1'))).rejects.toMatchObject({ code: 'not-found' });
  });
});

describe('watch', () => {
  it('polls: no events for what is already there, then added and removed as devices come and go', async () => {
    const fake = tree();
    fake.add({ ...jabra, number: 1 });
    const clock = new ManualClock();
    const transport = transportFor(fake, clock, { pollIntervalMs: 1000 });
    const events: HidPlugEvent[] = [];
    const stop = transport.watch((event) => events.push(event));
    await settle();
    expect(events).toEqual([]);

    fake.add({ number: 6, vendorId: 0x047f, productId: 0x02ec, name: 'Poly', descriptor: loadDescriptor('047f-02ec') });
    clock.advance(1000);
    // The poll's file reads finish on the thread pool: wait for them rather than for a fixed time.
    await vi.waitFor(() => expect(events.map(summary)).toEqual([['added', join(fake.devDir, 'hidraw6')]]), { timeout: 5000 });

    fake.remove(1);
    clock.advance(1000);
    await vi.waitFor(
      () =>
        expect(events.map(summary)).toEqual([
          ['added', join(fake.devDir, 'hidraw6')],
          ['removed', join(fake.devDir, 'hidraw1')],
        ]),
      { timeout: 5000 },
    );

    stop();
    fake.remove(6);
    clock.advance(5000);
    await settle();
    expect(events).toHaveLength(2);
    expect(clock.pending()).toEqual([]);
  });

  it('reacts to inotify on the dev directory without waiting for the poll', async () => {
    const fake = tree();
    const transport = transportFor(fake, systemClock, { useFsWatch: true, pollIntervalMs: 0 });
    const added = nextValue((listener: (event: HidPlugEvent) => void) => transport.watch(listener), 5000);
    await new Promise((resolve) => setTimeout(resolve, 200)); // the baseline scan
    fake.add({ ...jabra, number: 8 });
    expect(summary(await added)).toEqual(['added', join(fake.devDir, 'hidraw8')]);
  });
});

function summary(event: HidPlugEvent): [string, string] {
  return event.type === 'added' ? ['added', event.device.path] : ['removed', event.path];
}

/** Lets the transport's fs promises finish (the poll itself runs on the manual clock). */
async function settle(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 50));
}
