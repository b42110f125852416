// The `?` sheet: every in-app shortcut from keyboard/shortcuts.ts by group, then the system-wide ones with the
// keys the settings give them now (policy included) and whether each one works. Runs in Chromium.
import { Fragment, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { hotkeyActions, type HotkeyAction, type HotkeyState, type HotkeyStatus } from '../../../electron/shared/ipc/devices.js';
import { settingValue, type SettingKey } from '../../../electron/shared/settings.js';
import { useSettings } from '../bridge/SettingsContext.js';
import { useDeviceStatus } from '../devices/useDeviceStatus.js';
import { shortcutGroups, shortcuts, type KeyName, type ShortcutGroup } from '../keyboard/shortcuts.js';
import { Dialog } from './Dialog.js';

/** Electron accelerator tokens we show as a translated key cap; any other token (F9, Plus, num0) is its own name. */
const acceleratorKeyNames: Record<string, KeyName> = {
  control: 'ctrl',
  ctrl: 'ctrl',
  commandorcontrol: 'ctrl',
  cmdorctrl: 'ctrl',
  shift: 'shift',
  alt: 'alt',
  option: 'alt',
  super: 'super',
  meta: 'super',
  command: 'super',
  cmd: 'super',
};

function KeyCaps({ keys }: { keys: readonly string[] }) {
  return (
    <kbd className="keys">
      {keys.map((key, index) => (
        <Fragment key={`${index}-${key}`}>
          {index > 0 && <span className="keys-plus">+</span>}
          <kbd>{key}</kbd>
        </Fragment>
      ))}
    </kbd>
  );
}

export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { settings } = useSettings();
  const { hotkeys } = useDeviceStatus();
  const globalHeadingId = useId();
  const headingIds = useId();

  const groupTitles: Record<ShortcutGroup, string> = {
    calls: t('devices.sheet.groups.calls'),
    agent: t('devices.sheet.groups.agent'),
    panels: t('devices.sheet.groups.panels'),
    general: t('devices.sheet.groups.general'),
  };
  const actionLabel = (action: HotkeyAction) => {
    const key: SettingKey = `hotkeys.${action}`;
    return t(`settings.keys.${key}.label`);
  };
  const stateTexts = (status: HotkeyStatus | undefined): string => {
    const texts: Record<HotkeyState, () => string> = {
      registered: () => t('devices.sheet.states.registered'),
      taken: () => t('devices.sheet.states.taken'),
      invalid: () => t('devices.sheet.states.invalid'),
      duplicate: () => t('devices.sheet.states.duplicate', { action: actionLabel(status?.duplicateOf ?? 'answer') }),
      unset: () => t('devices.sheet.states.unset'),
      off: () => t('devices.sheet.states.off'),
    };
    return status ? texts[status.state]() : '';
  };
  const keyCapsOf = (accelerator: string) =>
    accelerator.split('+').map((token) => {
      const known = acceleratorKeyNames[token.toLowerCase()];
      return known ? t(`keys.${known}`) : token;
    });

  const globalOn = settings ? settingValue(settings, 'hotkeys.global') : true;
  // In browser mode nothing registers system-wide keys; the sheet still shows what the desktop app would use.
  const registered = hotkeys?.available === true;
  const globalNote = !globalOn
    ? t('devices.sheet.globalOff')
    : hotkeys && !hotkeys.available
      ? t('devices.sheet.globalUnavailable')
      : t('devices.sheet.globalIntro');

  return (
    <Dialog title={t('shortcuts.title')} onClose={onClose} className="shortcuts-dialog">
      {shortcutGroups.map((group, groupIndex) => {
        const entries = shortcuts.filter((shortcut) => shortcut.group === group);
        if (entries.length === 0) return null; // the agent group fills when agent-state shortcuts exist
        const headingId = `${headingIds}-${groupIndex}`;
        return (
          <section key={group} className="shortcuts-group" aria-labelledby={headingId}>
            <h3 id={headingId} className="shortcuts-group-title">
              {groupTitles[group]}
            </h3>
            <table className="shortcuts-table" aria-labelledby={headingId}>
              <thead>
                <tr>
                  <th scope="col">{t('shortcuts.columnKeys')}</th>
                  <th scope="col">{t('shortcuts.columnAction')}</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((shortcut) => (
                  <tr key={shortcut.id}>
                    <td>
                      <KeyCaps keys={shortcut.keys.map((key) => t(`keys.${key}`))} />
                    </td>
                    <td>{t(`shortcuts.actions.${shortcut.id}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        );
      })}
      <section className="shortcuts-group" aria-labelledby={globalHeadingId}>
        <h3 id={globalHeadingId} className="shortcuts-group-title">
          {t('devices.sheet.globalTitle')}
        </h3>
        <p className="shortcuts-note">{globalNote}</p>
        <table className="shortcuts-table" aria-labelledby={globalHeadingId}>
          <thead>
            <tr>
              <th scope="col">{t('shortcuts.columnKeys')}</th>
              <th scope="col">{t('shortcuts.columnAction')}</th>
              {registered && <th scope="col">{t('devices.sheet.columnState')}</th>}
            </tr>
          </thead>
          <tbody>
            {hotkeyActions.map((action) => {
              const accelerator = settings ? settingValue(settings, `hotkeys.${action}`) : '';
              const status = hotkeys?.shortcuts.find((shortcut) => shortcut.action === action);
              const problem = status?.state === 'taken' || status?.state === 'invalid' || status?.state === 'duplicate';
              return (
                <tr key={action} className={problem ? 'shortcut-problem' : undefined}>
                  <td>{accelerator === '' ? t('devices.sheet.noKey') : <KeyCaps keys={keyCapsOf(accelerator)} />}</td>
                  <td>{actionLabel(action)}</td>
                  {registered && <td>{stateTexts(status)}</td>}
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
    </Dialog>
  );
}
