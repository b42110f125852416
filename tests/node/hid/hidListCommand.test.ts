// `agentdesk hid list` (vitest, Node): the command itself, pointed at a fake sysfs/dev tree through its
// AGENTDESK_HIDRAW_* variables, and at this machine's real /sys/class/hidraw.
import { Command } from 'commander';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { registerHidCommands } from '../../../electron/host/cli/commands/hid.js';
import { useTempDirs } from '../../support/tempDir.js';
import { FakeHidrawTree } from './fakeHidraw.js';
import { loadDescriptor } from './hidTestData.js';

const tempDir = useTempDirs('agentdesk-hidlist-');

async function run(args: string[], env: Record<string, string | undefined> = {}): Promise<string> {
  const saved = {
    AGENTDESK_HIDRAW_SYS_DIR: process.env.AGENTDESK_HIDRAW_SYS_DIR,
    AGENTDESK_HIDRAW_DEV_DIR: process.env.AGENTDESK_HIDRAW_DEV_DIR,
    AGENTDESK_HID_TRANSPORT: process.env.AGENTDESK_HID_TRANSPORT,
  };
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  const out: string[] = [];
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out.push(String(chunk));
    return true;
  });
  try {
    const program = new Command('agentdesk').exitOverride();
    registerHidCommands(program);
    await program.parseAsync(args, { from: 'user' });
  } finally {
    write.mockRestore();
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
  return out.join('');
}

afterEach(() => vi.restoreAllMocks());

describe('agentdesk hid list', () => {
  it('lists every hidraw device and says which are telephony headsets and which it may open', async () => {
    const fake = new FakeHidrawTree(tempDir());
    fake.add({
      number: 0,
      vendorId: 0x046d,
      productId: 0x0ac4,
      name: 'Logitech G535',
      descriptor: loadDescriptor('046d-0ac4'),
      node: 'file',
    });
    fake.add({
      number: 3,
      vendorId: 0x0b0e,
      productId: 0x0307,
      name: 'GN Netcom A/S Jabra EVOLVE LINK MS',
      descriptor: loadDescriptor('0b0e-0307'),
      interfaceNumber: 3,
      node: 'file',
    });
    fake.add({
      number: 4,
      bus: 0x0005,
      vendorId: 0x047f,
      productId: 0x02e6,
      name: 'Poly BT700',
      descriptor: loadDescriptor('047f-02e6'),
      node: 'none',
    });
    const env = { AGENTDESK_HIDRAW_SYS_DIR: fake.sysClassDir, AGENTDESK_HIDRAW_DEV_DIR: fake.devDir };

    expect(JSON.parse(await run(['hid', 'list', '--json'], env))).toEqual([
      {
        path: `${fake.devDir}/hidraw0`,
        id: '046d:0ac4',
        product: 'Logitech G535',
        bus: 'usb',
        interfaceNumber: 0,
        usagePage: '0x000C',
        telephony: false,
        accessible: true,
      },
      {
        path: `${fake.devDir}/hidraw3`,
        id: '0b0e:0307',
        product: 'GN Netcom A/S Jabra EVOLVE LINK MS',
        bus: 'usb',
        interfaceNumber: 3,
        usagePage: '0x000B',
        telephony: true,
        accessible: true,
      },
      {
        path: `${fake.devDir}/hidraw4`,
        id: '047f:02e6',
        product: 'Poly BT700',
        bus: 'bluetooth',
        interfaceNumber: 0,
        usagePage: '0x000B',
        telephony: true,
        accessible: false,
      },
    ]);

    const text = await run(['hid', 'list'], env);
    expect(text).toContain('0b0e:0307  usb       telephony GN Netcom A/S Jabra EVOLVE LINK MS\n');
    expect(text).toMatch(/hidraw4 +047f:02e6 {2}bluetooth telephony Poly BT700 {2}\(no access: install the udev rule/);
  });

  it('prints an empty list when there are no HID devices', async () => {
    const empty = new FakeHidrawTree(tempDir());
    const env = { AGENTDESK_HIDRAW_SYS_DIR: empty.sysClassDir, AGENTDESK_HIDRAW_DEV_DIR: empty.devDir };
    expect(JSON.parse(await run(['hid', 'list', '--json'], env))).toEqual([]);
    expect(await run(['hid', 'list'], env)).toBe('No HID devices found (linux-hidraw).\n');
    // The real /sys/class/hidraw: empty on the build machine, a list of devices on a desk.
    const real = JSON.parse(await run(['hid', 'list', '--json'])) as { path: string; telephony: boolean }[];
    expect(Array.isArray(real)).toBe(true);
    for (const device of real)
      expect(device).toMatchObject({ path: expect.stringMatching(/^\/dev\/hidraw\d+$/), telephony: expect.any(Boolean) });
  });

  it('lists through node-hid when asked (the real node-hid 3.4 here), with sysfs filling in what hidapi lacks', async () => {
    const viaNodeHid = JSON.parse(await run(['hid', 'list', '--transport', 'node-hid', '--json'])) as { path: string }[];
    expect(Array.isArray(viaNodeHid)).toBe(true);
    // Same devices as the hidraw transport sees: hidapi's hidraw backend lists the same /dev/hidrawN nodes.
    const viaHidraw = JSON.parse(await run(['hid', 'list', '--transport', 'linux-hidraw', '--json'])) as { path: string }[];
    expect(viaNodeHid.map((device) => device.path).sort()).toEqual(viaHidraw.map((device) => device.path).sort());
    const text = await run(['hid', 'list'], { AGENTDESK_HID_TRANSPORT: 'node-hid' });
    if (viaNodeHid.length === 0) expect(text).toBe('No HID devices found (node-hid).\n');
    else expect(text.trimEnd().split('\n')).toHaveLength(viaNodeHid.length);
  });

  it('refuses an unknown --transport and says which exist', async () => {
    await expect(run(['hid', 'list', '--transport', 'libusb'])).rejects.toThrow(
      '"libusb" is not a HID transport (auto, linux-hidraw, node-hid, none)',
    );
    await expect(run(['hid', 'list'], { AGENTDESK_HID_TRANSPORT: 'none' })).rejects.toThrow(
      'no HID transport (AGENTDESK_HID_TRANSPORT=none)',
    );
  });
});
