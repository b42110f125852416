// The auto-answer editor in the Settings dialog: "Answer by itself" and the delay in seconds, one draft saved
// with the row's Save button (the row checks the delay against the setting's schema). Runs in Chromium.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { autoAnswerDraft, autoAnswerText } from '../settings/settingEditors.js';

interface SettingAutoAnswerProps {
  /** The row's editor text (settingEditors' auto-answer draft). */
  text: string;
  onText(text: string): void;
  /** The row's label: names the group. */
  labelId: string;
  disabled: boolean;
  'aria-describedby': string;
  'aria-invalid': true | undefined;
}

export function SettingAutoAnswer({ text, onText, labelId, disabled, ...described }: SettingAutoAnswerProps) {
  const { t } = useTranslation();
  const delayId = useId();
  const draft = autoAnswerDraft(text);
  return (
    <div role="group" aria-labelledby={labelId} className="auto-answer">
      <label className="auto-answer-enabled">
        <input
          type="checkbox"
          checked={draft.enabled}
          disabled={disabled}
          aria-describedby={described['aria-describedby']}
          onChange={(event) => onText(autoAnswerText({ ...draft, enabled: event.target.checked }))}
        />
        {t('settingsEditors.autoAnswer.enabled')}
      </label>
      <label htmlFor={delayId} className="auto-answer-delay-label">
        {t('settingsEditors.autoAnswer.delay')}
      </label>
      <input
        {...described}
        id={delayId}
        // Text, not number: Chromium's number field reads a decimal comma ("1,5" on tr/ru keyboards) as ''.
        type="text"
        inputMode="decimal"
        className="auto-answer-delay"
        value={draft.delaySeconds}
        disabled={disabled}
        onChange={(event) => onText(autoAnswerText({ ...draft, delaySeconds: event.target.value }))}
      />
    </div>
  );
}
