// Which device a remembered audio choice means: same id, else same label (ids change across USB ports),
// else the system default reported as missing; Chromium's default/communications aliases mean "default".
import { describe, expect, it } from 'vitest';
import { resolveDevice, selectableDevices, type AudioDevice } from '../../renderer/src/media/audioDevices.js';

const devices: AudioDevice[] = [
  { deviceId: 'default', label: 'Default - Jabra Evolve2 40', kind: 'audiooutput' },
  { deviceId: 'communications', label: 'Communications - Jabra Evolve2 40', kind: 'audiooutput' },
  { deviceId: 'out-jabra', label: 'Jabra Evolve2 40', kind: 'audiooutput' },
  { deviceId: 'out-speakers', label: 'Realtek Speakers', kind: 'audiooutput' },
  { deviceId: 'in-jabra', label: 'Jabra Evolve2 40', kind: 'audioinput' },
];

describe('resolveDevice', () => {
  it('keeps the default when nothing was chosen', () => {
    expect(resolveDevice(null, devices, 'audiooutput')).toEqual({ deviceId: '', missing: null });
    expect(resolveDevice({ id: 'default', label: 'x' }, devices, 'audiooutput')).toEqual({ deviceId: '', missing: null });
  });

  it('finds the device by id, then by label, and only among devices of the same kind', () => {
    expect(resolveDevice({ id: 'out-speakers', label: 'Realtek Speakers' }, devices, 'audiooutput').deviceId).toBe('out-speakers');
    // Replugged into another port: new id, same product.
    expect(resolveDevice({ id: 'old-id', label: 'Jabra Evolve2 40' }, devices, 'audiooutput').deviceId).toBe('out-jabra');
    expect(resolveDevice({ id: 'old-id', label: 'Jabra Evolve2 40' }, devices, 'audioinput').deviceId).toBe('in-jabra');
    expect(resolveDevice({ id: 'in-jabra', label: 'Jabra Evolve2 40' }, devices, 'audiooutput').deviceId).toBe('out-jabra');
  });

  it('falls back to the default and says which choice is missing', () => {
    const choice = { id: 'gone', label: 'Plantronics Blackwire 3220' };
    expect(resolveDevice(choice, devices, 'audiooutput')).toEqual({ deviceId: '', missing: choice });
    // An empty label (chosen before the microphone was allowed) never matches another unnamed device.
    expect(resolveDevice({ id: 'gone', label: '' }, [{ deviceId: 'x', label: '', kind: 'audiooutput' }], 'audiooutput').missing).not.toBeNull();
  });
});

describe('selectableDevices', () => {
  it('lists real devices of a kind without the aliases', () => {
    expect(selectableDevices(devices, 'audiooutput').map((device) => device.deviceId)).toEqual(['out-jabra', 'out-speakers']);
  });
});
