// The `?` sheet: every keyboard shortcut that exists, read from keyboard/shortcuts.ts. Runs in Chromium.
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { shortcuts } from '../keyboard/shortcuts.js';
import { Dialog } from './Dialog.js';

export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Dialog title={t('shortcuts.title')} onClose={onClose} className="shortcuts-dialog">
      <table className="shortcuts-table">
        <thead>
          <tr>
            <th scope="col">{t('shortcuts.columnKeys')}</th>
            <th scope="col">{t('shortcuts.columnAction')}</th>
          </tr>
        </thead>
        <tbody>
          {shortcuts.map((shortcut) => (
            <tr key={shortcut.id}>
              <td>
                <kbd className="keys">
                  {shortcut.keys.map((key, index) => (
                    <Fragment key={key}>
                      {index > 0 && <span className="keys-plus">+</span>}
                      <kbd>{t(`keys.${key}`)}</kbd>
                    </Fragment>
                  ))}
                </kbd>
              </td>
              <td>{t(`shortcuts.actions.${shortcut.id}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Dialog>
  );
}
