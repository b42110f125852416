// headset:devices through the real core (startCore → deskServices → dispatcher) over the Linux hidraw transport on
// a fake sysfs/dev tree with real descriptors: the telephony headsets connected now, one per model, for Settings.
import { afterEach, describe, expect, it } from 'vitest';
import { startCore, type Core } from '../../../electron/core/app/core.js';
import { createLinuxHidrawTransport } from '../../../electron/core/hid/linuxHidrawTransport.js';
import { MemoryLogger } from '../../../electron/core/log/memoryLogger.js';
import { devicesCommands } from '../../../electron/shared/ipc/devices.js';
import { ManualClock } from '../../support/manualClock.js';
import { migrationsFolder } from '../../support/paths.js';
import { useTempDirs } from '../../support/tempDir.js';
import { MemorySecretStore } from '../sip/support/agent.js';
import { RecordingEventSink } from '../sip/support/recordingEventSink.js';
import { FakeHidrawTree } from './fakeHidraw.js';
import { loadDescriptor } from './hidTestData.js';

const tempDir = useTempDirs('agentdesk-headset-devices-');

let core: Core | undefined;
afterEach(async () => {
  await core?.close();
  core = undefined;
});

function start(hidTransport: Parameters<typeof startCore>[0]['hidTransport']) {
  const recorded = new RecordingEventSink();
  core = startCore({
    mode: 'host',
    version: '0.0.0-test',
    dataDir: tempDir(),
    migrationsFolder,
    onDamagedDatabase: 'fail',
    systemLocale: 'en',
    logger: new MemoryLogger(),
    events: recorded,
    secrets: new MemorySecretStore(),
    hidTransport,
  });
  return recorded;
}

describe('headset:devices', () => {
  it('lists each connected telephony headset model once, including one the OS will not let us open, and no gaming headset', async () => {
    const fake = new FakeHidrawTree(tempDir());
    // A gaming headset: consumer-page volume keys only, no Telephony controls.
    fake.add({ number: 0, vendorId: 0x046d, productId: 0x0ac4, name: 'Logitech G535', descriptor: loadDescriptor('046d-0ac4') });
    // Two Jabras of the same model: one entry, since headset.device names a model.
    for (const number of [3, 5]) {
      fake.add({
        number,
        vendorId: 0x0b0e,
        productId: 0x0307,
        name: 'GN Netcom A/S Jabra EVOLVE LINK MS',
        descriptor: loadDescriptor('0b0e-0307'),
        interfaceNumber: 3,
        node: 'fifo',
      });
    }
    // No device node we may open (no udev rule): still connected, still a choice.
    fake.add({
      number: 4,
      bus: 0x0005,
      vendorId: 0x047f,
      productId: 0x02e6,
      name: 'Poly BT700',
      descriptor: loadDescriptor('047f-02e6'),
      node: 'none',
    });
    const recorded = start(
      createLinuxHidrawTransport({
        sysClassDir: fake.sysClassDir,
        devDir: fake.devDir,
        clock: new ManualClock(),
        logger: new MemoryLogger(),
        pollIntervalMs: 0,
        useFsWatch: false,
      }),
    );
    await core!.services;

    const answer = await core!.dispatch('headset:devices', {});
    expect(answer).toEqual({
      ok: true,
      value: {
        devices: [
          { id: '0b0e:0307', product: 'GN Netcom A/S Jabra EVOLVE LINK MS' },
          { id: '047f:02e6', product: 'Poly BT700' },
        ],
      },
    });
    expect(recorded.contractViolations).toEqual([]);
    // Read-only and argument-free, like headset:status.
    expect(devicesCommands['headset:devices'].args.safeParse({ id: '0b0e:0307' }).success).toBe(false);
    expect(await core!.dispatch('headset:devices', { rescan: true })).toMatchObject({
      ok: false,
      error: { code: 'invalid_args' },
    });
  });

  it('answers an empty list where this computer cannot reach headsets (browser mode)', async () => {
    start(null);
    await core!.services;
    expect(await core!.dispatch('headset:devices', {})).toEqual({ ok: true, value: { devices: [] } });
  });
});
