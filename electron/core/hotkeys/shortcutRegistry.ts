// The ShortcutRegistry port: system-wide keyboard shortcuts (plain Node types). Electron main implements it
// with globalShortcut (electron/main/adapters/globalShortcutRegistry.ts); tests with an in-memory registry.

export type ShortcutRegistration = { ok: true } | { ok: false; error: 'taken' | 'invalid' };

export interface ShortcutRegistry {
  /**
   * Registers `accelerator` (Electron accelerator syntax) for the whole desktop. `taken`: another program (or the
   * OS) owns it; `invalid`: the platform cannot express it.
   */
  register(accelerator: string, callback: () => void): ShortcutRegistration;
  /** Releases every shortcut this registry registered. */
  unregisterAll(): void;
}
