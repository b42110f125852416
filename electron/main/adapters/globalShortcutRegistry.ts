// ShortcutRegistry on Electron's globalShortcut (Electron main, after app `ready`: the module refuses to work
// before it). Shortcuts are system-wide: they fire while another program has the focus.
//
// - register() returns false when the OS or another program owns the accelerator: reported as `taken`.
// - It throws a TypeError ("conversion failure") for an accelerator Electron cannot parse: reported as
//   `invalid`. Settings validate the grammar first, so this is the last line, not the check.
// - Linux: works on X11. Under Wayland only through the GlobalShortcuts portal, which Electron uses when
//   started with `--enable-features=GlobalShortcutsPortal` (electron/electron#38288); without it registration
//   can succeed and the keys still never arrive from other windows, which no API tells us.
import type { GlobalShortcut } from 'electron';
import type { ShortcutRegistration, ShortcutRegistry } from '../../core/hotkeys/shortcutRegistry.js';

/** The part of Electron's globalShortcut this adapter uses. */
export type GlobalShortcutLike = Pick<GlobalShortcut, 'register' | 'unregister'>;

export class GlobalShortcutRegistry implements ShortcutRegistry {
  /** Only our own registrations are released: globalShortcut.unregisterAll() would also drop other modules'. */
  private readonly registered = new Set<string>();

  constructor(private readonly globalShortcut: GlobalShortcutLike) {}

  register(accelerator: string, callback: () => void): ShortcutRegistration {
    let ok: boolean;
    try {
      ok = this.globalShortcut.register(accelerator, callback);
    } catch {
      return { ok: false, error: 'invalid' };
    }
    if (!ok) return { ok: false, error: 'taken' };
    this.registered.add(accelerator);
    return { ok: true };
  }

  unregisterAll(): void {
    for (const accelerator of this.registered) this.globalShortcut.unregister(accelerator);
    this.registered.clear();
  }
}
