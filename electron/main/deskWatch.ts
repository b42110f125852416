// What Electron main must know about the desk without asking core: how many calls are live (quitting then needs
// the operator's yes) and the desk's language (ui.locale, for main's own texts: native dialogs, the tray, the
// dial-link notice). Fed core's contract events (calls:state, settings:changed); pure, so it is tested in plain Node.
import type { EventSink } from '../core/ports.js';
import type { EventName, EventPayload } from '../shared/ipc/contract.js';
import type { CallView } from '../shared/ipc/softphone.js';
import { settingValue, type EffectiveSettings, type Locale } from '../shared/settings.js';
import type { NotReadyReason } from '../shared/workflow.js';

export class DeskWatch implements EventSink {
  private readonly liveCallIds = new Set<string>();
  private uiLocale: Locale | 'system' = 'system';
  private readonly localeListeners = new Set<(locale: Locale) => void>();
  private readonly settingsListeners = new Set<() => void>();
  private reasons: readonly NotReadyReason[] = [];

  /** `systemLocale`: the OS's language, used while ui.locale is 'system'. */
  constructor(private readonly systemLocale: Locale) {}

  emit<K extends EventName>(name: K, payload: EventPayload<K>): void {
    if (name === 'calls:state') {
      const call = payload as CallView;
      // Every state but `ended` has someone on the other end (ringing in, being dialled, talking, on hold).
      if (call.state === 'ended') this.liveCallIds.delete(call.id);
      else this.liveCallIds.add(call.id);
    } else if (name === 'settings:changed') this.settingsChanged(payload as EffectiveSettings);
  }

  /** The settings as core has them now (settings:get at startup, then every settings:changed). */
  settingsChanged(all: EffectiveSettings): void {
    const before = this.locale;
    this.uiLocale = settingValue(all, 'ui.locale');
    this.reasons = settingValue(all, 'agent.notReadyReasons');
    for (const listener of [...this.settingsListeners]) listener();
    const now = this.locale;
    if (now === before) return;
    for (const listener of [...this.localeListeners]) listener(now);
  }

  /** Calls `listener` after every settings change core reports (the tray menu lists the Not ready reasons). */
  onSettingsChange(listener: () => void): () => void {
    this.settingsListeners.add(listener);
    return () => this.settingsListeners.delete(listener);
  }

  /** `agent.notReadyReasons` as core has them now (none before core has said). */
  get notReadyReasons(): readonly NotReadyReason[] {
    return this.reasons;
  }

  /**
   * Calls `listener` each time the desk's language changes (the operator picks another one, or ui.locale goes back
   * to 'system' on a desk whose OS speaks another), so texts main keeps on screen (the tray) are redrawn.
   */
  onLocaleChange(listener: (locale: Locale) => void): () => void {
    this.localeListeners.add(listener);
    return () => this.localeListeners.delete(listener);
  }

  get liveCalls(): number {
    return this.liveCallIds.size;
  }

  get locale(): Locale {
    return this.uiLocale === 'system' ? this.systemLocale : this.uiLocale;
  }
}
