// HotkeyService (plain Node): registers the hotkeys.* settings as global shortcuts through the ShortcutRegistry
// port, registers them again whenever one of those settings changes (policy can lock any of them), and tells
// the operator about every shortcut that could not be taken — an app:notice with a stable code, never silence —
// and publishes every registration's state (`hotkeys:changed`) for the status bar and the shortcut sheet.
import {
  hotkeyActions,
  type HotkeyAction,
  type HotkeysStatus,
  type HotkeyState,
  type HotkeyStatus,
} from '../../shared/ipc/devices.js';
import { parseAccelerator, type Accelerator, type Locale, type SettingKey, type SettingValue } from '../../shared/settings.js';
import type { Clock, EventSink, Logger } from '../ports.js';
import { hotkeyNoticeCodes, hotkeyNoticeText, type HotkeyProblem } from './hotkeyNotices.js';
import type { ShortcutRegistry } from './shortcutRegistry.js';

export { hotkeyActions, type HotkeyAction, type HotkeyState, type HotkeyStatus } from '../../shared/ipc/devices.js';

export const hotkeySettingKeys = {
  answer: 'hotkeys.answer',
  hangup: 'hotkeys.hangup',
  mute: 'hotkeys.mute',
  hold: 'hotkeys.hold',
  ready: 'hotkeys.ready',
  notReady: 'hotkeys.notReady',
} as const satisfies Record<HotkeyAction, SettingKey>;

/** What each shortcut does. A rejected promise (no call to answer…) is logged; nothing else happens. */
export type HotkeyHandlers = Record<HotkeyAction, () => void | Promise<unknown>>;

/** The settings the service reads (SettingsService fits). */
export interface HotkeySettings {
  get<K extends SettingKey>(key: K): SettingValue<K>;
  onChange(listener: (change: { key: SettingKey }) => void): () => void;
}

export interface HotkeyServiceDeps {
  registry: ShortcutRegistry;
  settings: HotkeySettings;
  handlers: HotkeyHandlers;
  events: EventSink;
  logger: Logger;
  clock: Clock;
  /** For notice texts when ui.locale is 'system'. */
  systemLocale: Locale;
  /** Decides what CommandOrControl means when comparing shortcuts; default process.platform. */
  platform?: NodeJS.Platform;
}

/**
 * A held key repeats, and some platforms deliver every repeat to a global shortcut. Hanging up on the repeat
 * would end the held call too, so one action fires at most once per this many ms.
 */
export const HOTKEY_REPEAT_GUARD_MS = 400;

/** The longest a pause (recording a shortcut in Settings) holds the shortcuts off before they come back by themselves. */
export const HOTKEY_PAUSE_MAX_MS = 60_000;

export class HotkeyService {
  private current: HotkeyStatus[] = [];
  /** Problems already reported, as "action|accelerator|state": a problem that persists is not re-announced. */
  private reported = new Set<string>();
  private readonly lastFired = new Map<HotkeyAction, number>();
  private stopListening: (() => void) | undefined;
  /** The registrations last sent as hotkeys:changed (JSON). */
  private published = '';
  /** Set while paused: the timer that ends the pause by itself. */
  private pauseTimer: { cancel(): void } | undefined;

  constructor(private readonly deps: HotkeyServiceDeps) {}

  /** Registers the shortcuts and follows the settings from now on. */
  start(): HotkeyStatus[] {
    this.stopListening ??= this.deps.settings.onChange((change) => {
      // While paused the shortcuts stay off; resuming registers them from the settings as they are then.
      if (change.key.startsWith('hotkeys.') && !this.pauseTimer) this.apply();
    });
    return this.apply();
  }

  stop(): void {
    this.stopListening?.();
    this.stopListening = undefined;
    this.pauseTimer?.cancel();
    this.pauseTimer = undefined;
    this.deps.registry.unregisterAll();
    this.current = [];
  }

  /**
   * `hotkeys:pause`: true lets go of every global shortcut (the operator is recording one in Settings), false takes
   * them again. The status keeps saying what is registered: a pause is not a problem to show.
   */
  pause(paused: boolean): HotkeysStatus {
    this.pauseTimer?.cancel();
    this.pauseTimer = undefined;
    if (paused) {
      this.deps.registry.unregisterAll();
      this.pauseTimer = this.deps.clock.setTimeout(() => {
        this.deps.logger.warn('hotkey pause ran out: the shortcuts are back');
        this.pauseTimer = undefined;
        this.apply();
      }, HOTKEY_PAUSE_MAX_MS);
      this.deps.logger.info('hotkeys paused');
    } else {
      this.apply();
    }
    return this.snapshot();
  }

  status(): HotkeyStatus[] {
    return this.current;
  }

  /** What `hotkeys:status` answers and `hotkeys:changed` carries. */
  snapshot(): HotkeysStatus {
    return { available: true, shortcuts: this.current };
  }

  /** Drops every registration and makes them again from the settings; reports new problems. */
  apply(): HotkeyStatus[] {
    const { registry, settings } = this.deps;
    registry.unregisterAll();
    const global = settings.get('hotkeys.global');
    const owners = new Map<string, HotkeyAction>();
    this.current = hotkeyActions.map((action): HotkeyStatus => {
      const accelerator = settings.get(hotkeySettingKeys[action]);
      if (!global) return { action, accelerator, state: 'off' };
      if (accelerator === '') return { action, accelerator, state: 'unset' };
      const parsed = parseAccelerator(accelerator);
      if (!parsed.ok) return { action, accelerator, state: 'invalid' };
      const identity = this.identity(parsed.accelerator);
      const owner = owners.get(identity);
      if (owner) return { action, accelerator, state: 'duplicate', duplicateOf: owner };
      owners.set(identity, action);
      return { action, accelerator, state: this.register(accelerator, action) };
    });
    this.report();
    this.publish();
    return this.current;
  }

  /** Sends the registrations when they differ from the last ones sent: a settings change that moves no key is quiet. */
  private publish(): void {
    const text = JSON.stringify(this.current);
    if (text === this.published) return;
    this.published = text;
    this.deps.events.emit('hotkeys:changed', this.snapshot());
  }

  private register(accelerator: string, action: HotkeyAction): HotkeyState {
    try {
      const result = this.deps.registry.register(accelerator, () => this.fire(action));
      return result.ok ? 'registered' : result.error;
    } catch (error) {
      this.deps.logger.warn('hotkey registration threw', { action, accelerator, error: String(error) });
      return 'invalid';
    }
  }

  /** The shortcut as the OS sees it: CommandOrControl is Cmd on macOS and Ctrl elsewhere. */
  private identity(accelerator: Accelerator): string {
    const resolved = (this.deps.platform ?? process.platform) === 'darwin' ? 'Super' : 'Control';
    const modifiers = new Set(accelerator.modifiers.map((m) => (m === 'CommandOrControl' ? resolved : m)));
    return [...[...modifiers].sort(), accelerator.key].join('+');
  }

  private fire(action: HotkeyAction): void {
    const now = this.deps.clock.now();
    const last = this.lastFired.get(action);
    if (last !== undefined && now - last < HOTKEY_REPEAT_GUARD_MS) return;
    this.lastFired.set(action, now);
    this.deps.logger.info('hotkey pressed', { action });
    const failed = (error: unknown) =>
      this.deps.logger.info('hotkey action did nothing', {
        action,
        error: error instanceof Error ? error.message : String(error),
      });
    try {
      const result = this.deps.handlers[action]();
      if (result && typeof result.then === 'function') result.then(undefined, failed);
    } catch (error) {
      failed(error);
    }
  }

  private report(): void {
    const { events, logger, settings, systemLocale } = this.deps;
    const uiLocale = settings.get('ui.locale');
    const locale = uiLocale === 'system' ? systemLocale : uiLocale;
    const stillFailing = new Set<string>();
    for (const status of this.current) {
      if (status.state !== 'taken' && status.state !== 'invalid' && status.state !== 'duplicate') continue;
      const problem: HotkeyProblem = status.state;
      const key = `${status.action}|${status.accelerator}|${problem}`;
      stillFailing.add(key);
      if (this.reported.has(key)) continue;
      logger.warn('hotkey not registered', { ...status });
      events.emit('app:notice', {
        level: 'warning',
        code: hotkeyNoticeCodes[problem],
        message: hotkeyNoticeText(locale, problem, status.accelerator, status.action, status.duplicateOf),
      });
    }
    // Forget the ones that got fixed, so the same problem coming back is announced again.
    this.reported = stillFailing;
  }
}

export function createHotkeyService(deps: HotkeyServiceDeps): HotkeyService {
  return new HotkeyService(deps);
}
