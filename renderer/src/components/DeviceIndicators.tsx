// Status-bar indicators for the devices core drives without a window: the headset (none, which one and whether
// its call buttons work, or why not) and the global shortcuts that could not be registered. Runs in Chromium.
//
// Core also sends an app:notice for these problems, but it opens the headset and registers the keys before any
// window listens, so that notice can be gone before the UI exists: these indicators are what keeps a problem
// visible until it is fixed.
import { useTranslation } from 'react-i18next';
import type { HeadsetStatus } from '../../../electron/shared/ipc/devices.js';
import { hotkeyProblems, useDeviceStatus } from '../devices/useDeviceStatus.js';
import { ariaKeyShortcuts } from '../keyboard/shortcuts.js';

type Dot = 'ok' | 'warning' | 'error' | 'idle';

function useHeadsetText(): (status: HeadsetStatus) => { text: string; dot: Dot } {
  const { t } = useTranslation();
  return (status) => {
    const name = status.device?.product || status.device?.id || t('devices.headset.unnamed');
    switch (status.state) {
      case 'disabled':
        return { text: t('devices.headset.off'), dot: 'idle' };
      case 'searching':
        return { text: t('devices.headset.none'), dot: 'idle' };
      case 'active':
        return { text: t('devices.headset.active', { name }), dot: 'ok' };
      case 'no-access':
        return { text: t('devices.headset.noAccess', { name }), dot: 'warning' };
      case 'failed':
        return status.problem === 'descriptor-unavailable'
          ? { text: t('devices.headset.unsupported', { name }), dot: 'warning' }
          : { text: t('devices.headset.openFailed', { name }), dot: 'warning' };
      case 'unavailable':
        return status.problem === 'driver-missing'
          ? { text: t('devices.headset.driverMissing'), dot: 'error' }
          : { text: t('devices.headset.noTransport'), dot: 'idle' };
    }
  };
}

/** The headset item: nothing until core has answered (a core without headset support says nothing). */
export function HeadsetIndicator() {
  const { headset } = useDeviceStatus();
  const describe = useHeadsetText();
  if (!headset) return null;
  const { text, dot } = describe(headset);
  return (
    // The title repeats the sentence (cut short when the product name is long), then the technical reason (an OS
    // error text) for IT; the visible sentence itself says what is wrong.
    <li className="headset-status" title={headset.detail ? `${text}\n${headset.detail}` : text}>
      <span className={`status-dot status-dot-${dot}`} aria-hidden="true" />
      <span className="headset-text">{text}</span>
    </li>
  );
}

/** Shown only while a global shortcut does not work: opens the shortcut sheet, which says which and why. */
export function HotkeyProblemsIndicator({ onOpenShortcuts }: { onOpenShortcuts: () => void }) {
  const { t } = useTranslation();
  const { hotkeys } = useDeviceStatus();
  const problems = hotkeyProblems(hotkeys);
  if (problems.length === 0) return null;
  return (
    <li>
      <span className="status-dot status-dot-warning" aria-hidden="true" />
      <button
        type="button"
        className="button button-quiet hotkey-problems"
        onClick={onOpenShortcuts}
        aria-keyshortcuts={ariaKeyShortcuts('showShortcuts')}
      >
        {t('devices.hotkeys.problems', { count: problems.length })}
      </button>
    </li>
  );
}
