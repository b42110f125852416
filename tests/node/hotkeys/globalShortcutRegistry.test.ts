// The Electron adapter of the ShortcutRegistry port (vitest, Node) against a stand-in with globalShortcut's
// documented behaviour: register() returns false when the key is taken, throws on an accelerator it cannot parse.
import { describe, expect, it } from 'vitest';
import { GlobalShortcutRegistry, type GlobalShortcutLike } from '../../../electron/main/adapters/globalShortcutRegistry.js';

class FakeGlobalShortcut implements GlobalShortcutLike {
  readonly owned = new Map<string, () => void>();
  readonly takenByOthers = new Set(['F9']);
  register(accelerator: string, callback: () => void): boolean {
    if (accelerator.includes('Hyper'))
      throw new TypeError(`Error processing argument at index 0, conversion failure from ${accelerator}`);
    if (this.takenByOthers.has(accelerator) || this.owned.has(accelerator)) return false;
    this.owned.set(accelerator, callback);
    return true;
  }
  unregister(accelerator: string): void {
    this.owned.delete(accelerator);
  }
}

describe('GlobalShortcutRegistry', () => {
  it('maps register() results to ok / taken / invalid', () => {
    const electron = new FakeGlobalShortcut();
    const registry = new GlobalShortcutRegistry(electron);
    let pressed = 0;
    expect(registry.register('F10', () => pressed++)).toEqual({ ok: true });
    expect(registry.register('F9', () => undefined)).toEqual({ ok: false, error: 'taken' });
    expect(registry.register('Hyper+F1', () => undefined)).toEqual({ ok: false, error: 'invalid' });
    electron.owned.get('F10')!();
    expect(pressed).toBe(1);
  });

  it('unregisterAll releases only what it registered', () => {
    const electron = new FakeGlobalShortcut();
    electron.register('Control+Q', () => undefined); // registered by some other part of main
    const registry = new GlobalShortcutRegistry(electron);
    registry.register('F10', () => undefined);
    registry.register('F8', () => undefined);
    registry.unregisterAll();
    expect([...electron.owned.keys()]).toEqual(['Control+Q']);
  });
});
