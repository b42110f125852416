// The first-run choice: a desk with no customers offers the demo workspace (Turkish/English customers,
// tariffs, promotions, knowledge base, departments, call scripts) or an empty start. Asked once; the answer
// is kept by core. Runs in Chromium.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CommandError } from '../../../electron/shared/ipc/result.js';
import { useAgentDesk, useConnection } from '../bridge/BridgeContext.js';
import { Dialog } from './Dialog.js';
import { useErrorText } from './useErrorText.js';

export function FirstRunOffer() {
  const { t } = useTranslation();
  const api = useAgentDesk();
  const connection = useConnection();
  const errorText = useErrorText();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<CommandError | null>(null);

  useEffect(() => {
    if (connection.status !== 'connected') return;
    let current = true;
    void api.commands['workspace:status']({}).then((status) => {
      if (current && status.ok && status.value.firstRun) setOpen(true);
    });
    return () => {
      current = false;
    };
  }, [api, connection.status]);

  if (!open) return null;
  const choose = async (command: 'workspace:seedDemo' | 'workspace:startEmpty') => {
    setBusy(true);
    setError(null);
    const result = await api.commands[command]({});
    setBusy(false);
    if (result.ok) setOpen(false);
    else setError(result.error);
  };
  // Closing without choosing asks again at the next start: nothing was decided.
  return (
    <Dialog title={t('firstRun.title')} onClose={() => setOpen(false)} className="first-run-dialog">
      <p>{t('firstRun.body')}</p>
      <div className="dialog-actions">
        <button type="button" className="button button-primary" disabled={busy} onClick={() => void choose('workspace:seedDemo')}>
          {t('firstRun.loadDemo')}
        </button>
        <button type="button" className="button" disabled={busy} onClick={() => void choose('workspace:startEmpty')}>
          {t('firstRun.startEmpty')}
        </button>
      </div>
      <p className="muted" role="status">
        {busy ? t('firstRun.loading') : ''}
      </p>
      {error && (
        <p className="inline-error" role="alert">
          {errorText(error)}
        </p>
      )}
    </Dialog>
  );
}
