// HotkeyService (vitest, Node) with the real SettingsService (policy locks, validation) and an in-memory
// ShortcutRegistry that can play "another program owns this key". Every failed registration must reach the
// operator as an app:notice; none may be lost silently.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHotkeyService, HOTKEY_PAUSE_MAX_MS, HOTKEY_REPEAT_GUARD_MS, type HotkeyAction } from '../../../electron/core/hotkeys/index.js';
import type { ShortcutRegistration, ShortcutRegistry } from '../../../electron/core/hotkeys/shortcutRegistry.js';
import { MemoryLogger } from '../../../electron/core/log/memoryLogger.js';
import type { EventSink } from '../../../electron/core/ports.js';
import { loadProvisioning, noProvisioning, type Provisioning } from '../../../electron/core/settings/provisioning.js';
import { SettingsService } from '../../../electron/core/settings/settingsService.js';
import { UserSettingsFile } from '../../../electron/core/settings/userSettingsFile.js';
import type { EventName, EventPayload } from '../../../electron/shared/ipc/contract.js';
import { hotkeysStatusSchema } from '../../../electron/shared/ipc/devices.js';
import { CommandFailure } from '../../../electron/shared/ipc/result.js';
import { parseAccelerator, type Locale } from '../../../electron/shared/settings.js';
import { useTempDirs } from '../../support/tempDir.js';
import { ManualClock } from '../../support/manualClock.js';

const tempDir = useTempDirs('agentdesk-hotkeys-');

/** A desktop in memory: other programs' shortcuts in `taken`, ours in `registered`, keyed by canonical text. */
class MemoryShortcutRegistry implements ShortcutRegistry {
  readonly taken = new Set<string>();
  readonly unsupported = new Set<string>();
  readonly registered = new Map<string, () => void>();
  register(accelerator: string, callback: () => void): ShortcutRegistration {
    const parsed = parseAccelerator(accelerator);
    if (!parsed.ok || this.unsupported.has(parsed.accelerator.text)) return { ok: false, error: 'invalid' };
    const key = parsed.accelerator.text;
    if (this.taken.has(key) || this.registered.has(key)) return { ok: false, error: 'taken' };
    this.registered.set(key, callback);
    return { ok: true };
  }
  unregisterAll(): void {
    this.registered.clear();
  }
  /** The operator presses a key combination anywhere on the desktop. */
  press(accelerator: string): void {
    const parsed = parseAccelerator(accelerator);
    if (parsed.ok) this.registered.get(parsed.accelerator.text)?.();
  }
}

function settingsWith(provisioning?: unknown): SettingsService {
  let loaded: Provisioning = { ...noProvisioning };
  if (provisioning !== undefined) {
    const file = join(tempDir(), 'config.json');
    writeFileSync(file, JSON.stringify(provisioning));
    loaded = loadProvisioning(file, true);
  }
  return new SettingsService(loaded, new UserSettingsFile(tempDir()), new ManualClock(), new MemoryLogger());
}

function setup(
  options: { settings?: SettingsService; systemLocale?: Locale; platform?: NodeJS.Platform; failing?: HotkeyAction[] } = {},
) {
  const settings = options.settings ?? settingsWith();
  const registry = new MemoryShortcutRegistry();
  const notices: EventPayload<'app:notice'>[] = [];
  const changes: EventPayload<'hotkeys:changed'>[] = [];
  const events: EventSink = {
    emit<K extends EventName>(name: K, payload: EventPayload<K>) {
      if (name === 'app:notice') notices.push(payload as EventPayload<'app:notice'>);
      if (name === 'hotkeys:changed') changes.push(structuredClone(payload as EventPayload<'hotkeys:changed'>));
    },
  };
  const fired: HotkeyAction[] = [];
  const handler = (action: HotkeyAction) => () => {
    fired.push(action);
    if (options.failing?.includes(action)) return Promise.reject(new CommandFailure('conflict', 'No call to answer'));
  };
  const clock = new ManualClock();
  const logger = new MemoryLogger();
  const service = createHotkeyService({
    registry,
    settings,
    events,
    logger,
    clock,
    systemLocale: options.systemLocale ?? 'en',
    platform: options.platform ?? 'linux',
    handlers: {
      answer: handler('answer'),
      hangup: handler('hangup'),
      mute: handler('mute'),
      hold: handler('hold'),
      ready: handler('ready'),
      notReady: handler('notReady'),
    },
  });
  return { service, settings, registry, notices, changes, fired, clock, logger };
}

describe('registration', () => {
  it('registers the six defaults globally and runs the action of the key pressed', () => {
    const h = setup();
    const status = h.service.start();
    expect(status.map((s) => [s.action, s.accelerator, s.state])).toEqual([
      ['answer', 'F9', 'registered'],
      ['hangup', 'F10', 'registered'],
      ['mute', 'F8', 'registered'],
      ['hold', 'F7', 'registered'],
      ['ready', 'Control+Shift+F9', 'registered'],
      ['notReady', 'Control+Shift+F10', 'registered'],
    ]);
    h.registry.press('F9');
    h.registry.press('Ctrl+Shift+F10');
    h.registry.press('F12'); // not ours
    expect(h.fired).toEqual(['answer', 'notReady']);
    expect(h.notices).toEqual([]);
  });

  it('pauses while a shortcut is recorded in Settings: no key is held or fires, and they come back (by themselves after a minute)', () => {
    const h = setup();
    h.service.start();
    const before = h.service.snapshot();
    expect(h.service.pause(true)).toEqual(before); // a pause is not a problem to show
    expect(h.registry.registered.size).toBe(0);
    h.registry.press('F10');
    expect(h.fired).toEqual([]);
    // A shortcut saved while paused is taken when the pause ends, not before.
    h.settings.set('hotkeys.hangup', 'Alt+F10');
    expect(h.registry.registered.size).toBe(0);
    h.service.pause(false);
    expect(h.registry.registered.has('Alt+F10')).toBe(true);
    h.registry.press('Alt+F10');
    expect(h.fired).toEqual(['hangup']);

    // A window that crashed while recording never says "resume": the pause ends by itself.
    h.service.pause(true);
    h.clock.advance(HOTKEY_PAUSE_MAX_MS - 1);
    expect(h.registry.registered.size).toBe(0);
    h.clock.advance(1);
    expect(h.registry.registered.size).toBe(6);
    expect(h.logger.lines.map((line) => line.message)).toContain('hotkey pause ran out: the shortcuts are back');
    h.service.stop();
    expect(h.clock.pending()).toEqual([]);
  });

  it('a key owned by another program is reported as an app:notice with a stable code; the rest still work', () => {
    const h = setup();
    h.registry.taken.add('F9');
    h.registry.taken.add('Control+Shift+F10');
    const status = h.service.start();
    expect(status.filter((s) => s.state !== 'registered').map((s) => [s.action, s.state])).toEqual([
      ['answer', 'taken'],
      ['notReady', 'taken'],
    ]);
    expect(h.notices).toEqual([
      {
        level: 'warning',
        code: 'hotkey-taken',
        message:
          'The shortcut F9 for “Answer” is already used by another program, so it does not work in AgentDesk. Choose another key in Settings → Shortcuts, or close that program.',
      },
      { level: 'warning', code: 'hotkey-taken', message: expect.stringContaining('Control+Shift+F10 for “Not ready”') },
    ]);
    expect(h.logger.lines.filter((line) => line.message === 'hotkey not registered')).toHaveLength(2);
    h.registry.press('F10');
    expect(h.fired).toEqual(['hangup']);
  });

  it("writes the notice in the operator's language: ui.locale, or the system's when it is 'system'", () => {
    const turkish = setup({ systemLocale: 'tr' });
    turkish.registry.taken.add('F8');
    turkish.service.start();
    expect(turkish.notices[0]!.message).toBe(
      "“Sessize al” için F8 kısayolu başka bir program tarafından kullanılıyor, bu yüzden AgentDesk'te çalışmıyor. Ayarlar → Kısayollar bölümünden başka bir tuş seçin ya da o programı kapatın.",
    );
    const russian = setup({ systemLocale: 'tr' });
    russian.settings.set('ui.locale', 'ru');
    russian.registry.taken.add('F7');
    russian.service.start();
    expect(russian.notices[0]!.message).toMatch(/^Сочетание F7 для «Удержание» уже занято другой программой/);
  });

  it('the same key for two actions: the first keeps it, the second is reported (CommandOrControl = Ctrl off macOS)', () => {
    const h = setup();
    h.settings.set('hotkeys.hangup', 'f9');
    h.settings.set('hotkeys.ready', 'CmdOrCtrl+Shift+F9');
    h.service.start();
    expect(h.service.status().filter((s) => s.state === 'duplicate')).toEqual([
      { action: 'hangup', accelerator: 'f9', state: 'duplicate', duplicateOf: 'answer' },
    ]);
    expect(h.notices.map((n) => n.code)).toEqual(['hotkey-duplicate']);
    expect(h.notices[0]!.message).toBe(
      'The shortcut f9 is set for both “Answer” and “Hang up”; it works only for “Answer”. Choose another key for “Hang up” in Settings → Shortcuts.',
    );

    const mac = setup({ platform: 'darwin' });
    mac.settings.set('hotkeys.ready', 'CmdOrCtrl+Shift+F9');
    mac.settings.set('hotkeys.notReady', 'Super+Shift+F9');
    mac.service.start();
    expect(mac.service.status().find((s) => s.action === 'notReady')).toMatchObject({ state: 'duplicate', duplicateOf: 'ready' });
  });

  it('a shortcut the platform cannot register is reported as hotkey-invalid; a registry that throws too', () => {
    const h = setup();
    h.registry.unsupported.add('F8');
    h.registry.register = ((original) =>
      function (this: MemoryShortcutRegistry, accelerator: string, callback: () => void) {
        if (accelerator === 'F7') throw new TypeError('Error processing argument at index 0, conversion failure from F7');
        return original.call(this, accelerator, callback);
      })(h.registry.register);
    h.service.start();
    expect(
      h.service
        .status()
        .filter((s) => s.state === 'invalid')
        .map((s) => s.action),
    ).toEqual(['mute', 'hold']);
    expect(h.notices.map((n) => n.code)).toEqual(['hotkey-invalid', 'hotkey-invalid']);
  });
});

describe('following the settings', () => {
  it('registers again on every hotkeys.* change; a fixed problem is forgotten, a new one announced', () => {
    const h = setup();
    h.registry.taken.add('F9');
    h.service.start();
    expect(h.notices).toHaveLength(1);

    h.settings.set('hotkeys.answer', 'F11');
    expect(h.service.status()[0]).toEqual({ action: 'answer', accelerator: 'F11', state: 'registered' });
    h.registry.press('F9');
    h.registry.press('F11');
    expect(h.fired).toEqual(['answer']);
    h.settings.set('hotkeys.mute', 'Alt+F8'); // a change elsewhere: answer's state is unchanged, nothing re-announced
    expect(h.notices).toHaveLength(1);

    h.settings.reset('hotkeys.answer'); // back to F9, still taken: announced again
    expect(h.notices).toHaveLength(2);
    expect(h.registry.registered.has('Alt+F8')).toBe(true);
    expect(h.registry.registered.has('F8')).toBe(false);
  });

  it("hotkeys.global off registers nothing; '' leaves one action without a key", () => {
    const h = setup();
    h.service.start();
    h.settings.set('hotkeys.global', false);
    expect(h.registry.registered.size).toBe(0);
    expect(new Set(h.service.status().map((s) => s.state))).toEqual(new Set(['off']));
    h.settings.set('hotkeys.global', true);
    h.settings.set('hotkeys.hold', '');
    expect(h.service.status().find((s) => s.action === 'hold')).toEqual({ action: 'hold', accelerator: '', state: 'unset' });
    expect(h.registry.registered.size).toBe(5);
    expect(h.notices).toEqual([]);
  });

  it('IT policy locks a shortcut: the policy value is registered and the operator cannot change it', () => {
    const settings = settingsWith({ policy: { hotkeys: { answer: 'Control+Shift+A', global: true } }, lockReason: 'Set by IT' });
    const h = setup({ settings });
    h.service.start();
    expect(h.service.status()[0]).toEqual({ action: 'answer', accelerator: 'Control+Shift+A', state: 'registered' });
    expect(() => settings.set('hotkeys.answer', 'F9')).toThrow(/locked/);
    expect(() => settings.set('hotkeys.global', false)).toThrow(/locked/);
    expect(settings.resolve('hotkeys.answer')).toMatchObject({ source: 'policy', locked: true });
  });

  it('publishes every registration as hotkeys:changed for the status bar, only when something changed', () => {
    const h = setup();
    h.registry.taken.add('F9');
    h.service.start();
    expect(h.changes).toHaveLength(1);
    expect(h.changes[0]).toEqual(h.service.snapshot());
    expect(h.changes[0]).toMatchObject({
      available: true,
      shortcuts: expect.arrayContaining([{ action: 'answer', accelerator: 'F9', state: 'taken' }]),
    });
    expect(h.changes[0]!.shortcuts.map((s) => s.action)).toEqual(['answer', 'hangup', 'mute', 'hold', 'ready', 'notReady']);

    h.settings.set('hotkeys.global', true); // re-registered, nothing moved: quiet
    expect(h.changes).toHaveLength(1);
    h.settings.set('hotkeys.answer', 'F11');
    expect(h.changes).toHaveLength(2);
    expect(h.changes[1]!.shortcuts[0]).toEqual({ action: 'answer', accelerator: 'F11', state: 'registered' });
    // The contract's schema accepts what the service sends.
    expect(hotkeysStatusSchema.parse(h.changes[1])).toEqual(h.changes[1]);
  });

  it('stop() releases the keys and stops following the settings', () => {
    const h = setup();
    h.service.start();
    h.service.stop();
    expect(h.registry.registered.size).toBe(0);
    h.settings.set('hotkeys.answer', 'F11');
    expect(h.registry.registered.size).toBe(0);
  });
});

describe('validation in the settings schema (Electron accelerator grammar)', () => {
  it('refuses what Electron cannot parse and what would take typing keys system-wide, with the reason', () => {
    const settings = settingsWith();
    const refusal = (value: unknown) => {
      try {
        settings.set('hotkeys.answer', value);
      } catch (error) {
        expect(error).toBeInstanceOf(CommandFailure);
        return (error as CommandFailure).details?.[0]?.message;
      }
      return 'accepted';
    };
    expect(refusal('Ctrl+Shift+A')).toBe('accepted');
    expect(refusal('num5')).toMatch(/needs Ctrl, Alt or Super/);
    expect(refusal('A')).toMatch(/needs Ctrl, Alt or Super/);
    expect(refusal('Shift+Space')).toMatch(/needs Ctrl, Alt or Super/);
    expect(refusal('Ctrl+Alt+Q')).toMatch(/AltGr/); // Turkish Q: AltGr+Q types @
    expect(refusal('Ctrl+Hyper+F1')).toMatch(/"Hyper" is not a key Electron knows/);
    expect(refusal('Ctrl+')).toMatch(/empty part/);
    expect(refusal('Ctrl+Shift')).toMatch(/no key/);
    expect(refusal('F1+F2')).toMatch(/more than one key/);
    expect(refusal('Ctrl+Ş')).toMatch(/ASCII/);
    expect(refusal(9)).not.toBe('accepted');
    expect(settings.get('hotkeys.answer')).toBe('Ctrl+Shift+A');
  });

  it('a bad shortcut in a provisioning file is a reported problem and the default stays', () => {
    const settings = settingsWith({ defaults: { hotkeys: { hangup: 'Enter', mute: 'numsub' } } });
    expect(settings.problems()).toEqual([expect.objectContaining({ field: 'defaults.hotkeys.hangup' })]);
    expect(settings.get('hotkeys.hangup')).toBe('F10');
    expect(settings.get('hotkeys.mute')).toBe('numsub');
  });
});

describe('pressing', () => {
  it('a held key fires once: repeats within the guard are dropped', () => {
    const h = setup();
    h.service.start();
    h.registry.press('F10');
    h.clock.advance(30);
    h.registry.press('F10'); // auto-repeat
    h.registry.press('F9'); // another action is not held back
    h.clock.advance(HOTKEY_REPEAT_GUARD_MS);
    h.registry.press('F10');
    expect(h.fired).toEqual(['hangup', 'answer', 'hangup']);
  });

  it('an action that fails (no call to answer) is logged and changes nothing else', async () => {
    const h = setup({ failing: ['answer'] });
    h.service.start();
    h.registry.press('F9');
    await Promise.resolve();
    expect(h.logger.lines.find((line) => line.message === 'hotkey action did nothing')?.fields).toMatchObject({
      action: 'answer',
      error: 'No call to answer',
    });
    expect(h.notices).toEqual([]);
  });
});
