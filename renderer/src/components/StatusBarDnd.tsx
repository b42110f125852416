// The status bar's do-not-disturb toggle: shows core's DND state (sip:status, sip:registration) and turns it on or
// off with calls:dnd, by click or Alt+4. While it is on, the phone turns incoming calls away with the code in
// Settings (phone.dndCode). Runs in Chromium.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CommandError } from '../../../electron/shared/ipc/result.js';
import { useBridge } from '../bridge/BridgeContext.js';
import { ariaKeyShortcuts, matchLineShortcut } from '../keyboard/shortcuts.js';
import { useSoftphoneStatus } from '../softphone/useSoftphone.js';
import { useErrorText } from './useErrorText.js';

export function StatusBarDnd() {
  const { t } = useTranslation();
  const bridge = useBridge();
  const status = useSoftphoneStatus();
  const errorText = useErrorText();
  const [error, setError] = useState<CommandError | null>(null);
  const pending = useRef(false);
  const dnd = status?.dnd ?? null;
  const dndRef = useRef(dnd);
  useEffect(() => {
    dndRef.current = dnd;
  }, [dnd]);
  // A refused toggle is old news once the state changes (here, another window, the host CLI).
  const [lastDnd, setLastDnd] = useState(dnd);
  if (lastDnd !== dnd) {
    setLastDnd(dnd);
    setError(null);
  }

  // Toggles what core said last; core answers every change with a sip:registration event that the store applies.
  const toggle = useCallback(async () => {
    const current = dndRef.current;
    if (current === null || pending.current) return;
    pending.current = true;
    const result = await bridge.api.commands['calls:dnd']({ enabled: !current });
    pending.current = false;
    setError(result.ok ? null : result.error);
  }, [bridge]);

  // Alt+4 anywhere in the console, also while typing notes (Alt+digit types nothing).
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (matchLineShortcut(event) !== 'toggleDnd' || dndRef.current === null) return;
      event.preventDefault();
      void toggle();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [toggle]);

  // No softphone in this core (or no answer yet): nothing to turn on.
  if (dnd === null) return null;

  return (
    <li className="dnd-status">
      <button
        type="button"
        className={`button button-quiet dnd-toggle${dnd ? ' dnd-toggle-on' : ''}`}
        // The name stays "Do not disturb" whatever the state: aria-pressed says on or off, the word after is for the eye.
        aria-label={t('statusLine.dnd')}
        aria-pressed={dnd}
        aria-keyshortcuts={ariaKeyShortcuts('toggleDnd')}
        title={t('statusLine.dndHint')}
        onClick={() => void toggle()}
      >
        <span className={`status-dot${dnd ? ' status-dot-error' : ''}`} aria-hidden="true" />
        {t('statusLine.dnd')}
        {/* The state in words too, not colour alone. */}
        <span className="dnd-state" aria-hidden="true">
          {t(dnd ? 'statusLine.dndOn' : 'statusLine.dndOff')}
        </span>
      </button>
      {error && (
        <span className="inline-error" role="alert">
          {errorText(error)}
        </span>
      )}
    </li>
  );
}
