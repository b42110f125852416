// Status bar (bottom): agent state, line registration (its reason, "Reconnect now"), do-not-disturb, headset, bridge
// connection, network, global shortcuts that do not work, language, and the buttons for settings and the shortcut
// sheet. Runs in Chromium.
import { useTranslation } from 'react-i18next';
import { AgentStateMenu } from '../agent/AgentStateMenu.js';
import { ConnectionStatus } from './ConnectionStatus.js';
import { HeadsetIndicator, HotkeyProblemsIndicator } from './DeviceIndicators.js';
import { GearIcon, KeyboardIcon } from './Icons.js';
import { LocaleSwitcher } from './LocaleSwitcher.js';
import { StatusBarDnd } from './StatusBarDnd.js';
import { StatusBarLine } from './StatusBarLine.js';
import { useOnline } from './useOnline.js';

export function StatusBar({ onOpenSettings, onOpenShortcuts }: { onOpenSettings: () => void; onOpenShortcuts: () => void }) {
  const { t } = useTranslation();
  const online = useOnline();

  return (
    <div className="status-bar">
      <ul className="status-items">
        <li>
          <AgentStateMenu />
        </li>
        <StatusBarLine />
        <StatusBarDnd />
        <HeadsetIndicator />
        <li>
          <ConnectionStatus />
        </li>
        <li>
          <span className={`status-dot status-dot-${online ? 'ok' : 'error'}`} aria-hidden="true" />
          {t('status.network', { state: t(online ? 'network.online' : 'network.offline') })}
        </li>
        <HotkeyProblemsIndicator onOpenShortcuts={onOpenShortcuts} />
      </ul>
      <div className="status-actions">
        <LocaleSwitcher />
        <button type="button" className="button button-quiet" onClick={onOpenShortcuts} aria-keyshortcuts="?">
          <KeyboardIcon />
          {t('shortcuts.open')}
        </button>
        <button type="button" className="button button-quiet" onClick={onOpenSettings} aria-keyshortcuts="Control+,">
          <GearIcon />
          {t('settings.open')}
        </button>
      </div>
    </div>
  );
}
