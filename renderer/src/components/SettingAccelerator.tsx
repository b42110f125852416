// A global-shortcut editor in the Settings dialog: the accelerator as text, and "Record", which takes the next key
// combination pressed (physical keys, so the keyboard layout does not matter; Esc cancels). The recorded text
// goes into the field; the row's Save sends it and the core checks it. Runs in Chromium.
import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useBridge } from '../bridge/BridgeContext.js';
import { recordAccelerator } from '../settings/recordAccelerator.js';

interface SettingAcceleratorProps {
  id: string;
  /** The row's label: with the button's own text, it names the Record button ("Record Answer"). */
  labelId: string;
  disabled: boolean;
  text: string;
  /** The text is a draft not saved yet (the "Recorded … Save to use it" line is for drafts only). */
  dirty: boolean;
  onText(text: string): void;
  'aria-describedby': string;
  'aria-invalid': true | undefined;
}

export function SettingAccelerator({ labelId, text, dirty, onText, ...control }: SettingAcceleratorProps) {
  const { t } = useTranslation();
  const buttonTextId = useId();
  const [recording, setRecording] = useState(false);
  const [recorded, setRecorded] = useState<string | null>(null);
  const bridge = useBridge();

  // The desk's global shortcuts are let go while recording: the OS would take such a key (F8 hangs up) before this
  // window sees it. Core takes them again when recording ends, or by itself after a minute.
  useEffect(() => {
    if (!recording) return;
    const pause = bridge.api.commands['hotkeys:pause'];
    void pause({ paused: true });
    return () => void pause({ paused: false });
  }, [recording, bridge]);

  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (!recording) return;
    // While recording, every key is the shortcut's: not a click on this button, not Escape closing the dialog,
    // not the desk's own shortcuts (their listeners are on window, after React's root).
    event.preventDefault();
    event.stopPropagation();
    const result = recordAccelerator(event.nativeEvent);
    if (result.kind === 'incomplete') return;
    setRecording(false);
    if (result.kind === 'accelerator') {
      onText(result.text);
      setRecorded(result.text);
    }
  };

  return (
    <span className="accelerator-control">
      <input {...control} type="text" value={text} spellCheck={false} onChange={(event) => onText(event.target.value)} />
      {/* Locked by IT: the text stays read-only and there is nothing to record. */}
      {!control.disabled && (
        <button
          type="button"
          className={`button ${recording ? 'recording' : ''}`}
          aria-labelledby={`${buttonTextId} ${labelId}`}
          aria-pressed={recording}
          onClick={() => {
            setRecorded(null);
            setRecording((now) => !now);
          }}
          onKeyDown={onKeyDown}
          onBlur={() => setRecording(false)}
        >
          <span id={buttonTextId}>{recording ? t('settingsEditors.record.recording') : t('settingsEditors.record.button')}</span>
        </button>
      )}
      <span className="accelerator-status" role="status">
        {recording
          ? t('settingsEditors.record.prompt')
          : dirty && recorded === text
            ? t('settingsEditors.record.recorded', { accelerator: recorded })
            : ''}
      </span>
    </span>
  );
}
