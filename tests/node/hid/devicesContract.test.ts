// The devices' part of the contract through the real core (startCore → deskServices → dispatcher): headset:status
// and hotkeys:status answer with what the services know, their events carry schema-valid payloads, and a core
// without a HID transport or global shortcuts (browser mode) says so instead of failing.
import { afterEach, describe, expect, it } from 'vitest';
import { startCore, type Core } from '../../../electron/core/app/core.js';
import { createNodeHidTransport } from '../../../electron/core/hid/nodeHidTransport.js';
import type { ShortcutRegistration, ShortcutRegistry } from '../../../electron/core/hotkeys/shortcutRegistry.js';
import { MemoryLogger } from '../../../electron/core/log/memoryLogger.js';
import { devicesCommands, devicesEvents } from '../../../electron/shared/ipc/devices.js';
import { commands, events } from '../../../electron/shared/ipc/contract.js';
import { ManualClock } from '../../support/manualClock.js';
import { migrationsFolder } from '../../support/paths.js';
import { useTempDirs } from '../../support/tempDir.js';
import { MemorySecretStore } from '../sip/support/agent.js';
import { RecordingEventSink } from '../sip/support/recordingEventSink.js';
import { FakeNodeHid, jabraWindows } from './fakeNodeHid.js';
import { loadDescriptor } from './hidTestData.js';

const tempDir = useTempDirs('agentdesk-devices-');

/** Another program owns F9 on this desktop. */
class BusyDesktopRegistry implements ShortcutRegistry {
  readonly registered = new Set<string>();
  register(accelerator: string): ShortcutRegistration {
    if (accelerator === 'F9') return { ok: false, error: 'taken' };
    this.registered.add(accelerator);
    return { ok: true };
  }
  unregisterAll(): void {
    this.registered.clear();
  }
}

let core: Core | undefined;
afterEach(async () => {
  await core?.close();
  core = undefined;
});

function start(options: { hidTransport: Parameters<typeof startCore>[0]['hidTransport']; shortcuts?: ShortcutRegistry }) {
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
    ...options,
  });
  return { core, recorded };
}

async function value(name: string): Promise<unknown> {
  const result = await core!.dispatch(name, {});
  if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`);
  return result.value;
}

describe('devices contract', () => {
  it('is spread into the contract under domain:verb names', () => {
    for (const name of Object.keys(devicesCommands)) expect(commands).toHaveProperty([name]);
    for (const name of Object.keys(devicesEvents)) expect(events).toHaveProperty([name]);
    expect(devicesCommands['headset:status'].args.safeParse({ extra: 1 }).success).toBe(false);
  });

  it('answers with the headset in use and the shortcut another program owns, and sends both as events', async () => {
    const hid = new FakeNodeHid();
    hid.entries = [jabraWindows(1, 0x0b, 5)];
    hid.descriptors.set(hid.entries[0]!.path!, loadDescriptor('0b0e-0307'));
    const transport = createNodeHidTransport({
      clock: new ManualClock(),
      logger: new MemoryLogger(),
      platform: 'win32',
      load: hid.loaded(),
    });
    const { recorded } = start({ hidTransport: transport, shortcuts: new BusyDesktopRegistry() });
    await core!.services;
    await recorded.waitFor('headset:changed', (status) => status.state === 'active');

    expect(await value('headset:status')).toMatchObject({
      state: 'active',
      device: { id: '0b0e:0307', product: 'GN Netcom A/S Jabra EVOLVE LINK MS' },
      controls: { inputs: expect.arrayContaining(['hookSwitch', 'phoneMute']), outputs: expect.arrayContaining(['ledRing']) },
      candidates: 1,
    });
    const hotkeys = (await value('hotkeys:status')) as { available: boolean; shortcuts: { action: string; state: string }[] };
    expect(hotkeys.available).toBe(true);
    expect(hotkeys.shortcuts.map((s) => `${s.action}:${s.state}`)).toEqual([
      'answer:taken',
      'hangup:registered',
      'mute:registered',
      'hold:registered',
      'ready:registered',
      'notReady:registered',
    ]);
    expect(recorded.all('hotkeys:changed')).toEqual([hotkeys]);
    expect(recorded.all('app:notice').map((notice) => notice.code)).toContain('hotkey-taken');
    expect(recorded.contractViolations).toEqual([]);
  });

  it('without a HID transport or global shortcuts (browser mode) says so', async () => {
    const { recorded } = start({ hidTransport: null });
    await core!.services;
    expect(await value('headset:status')).toEqual({ state: 'unavailable', candidates: 0, problem: 'no-transport' });
    expect(await value('hotkeys:status')).toEqual({ available: false, shortcuts: [] });
    expect(recorded.all('headset:changed')).toEqual([]);
  });
});
