// One setting in the Settings dialog: its editor, where its value comes from, its lock, its errors.
// A locked setting is read-only and says why (aria-describedby points at the reason). Runs in Chromium.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CommandError, Result } from '../../../electron/shared/ipc/result.js';
import type { AudioDeviceChoice, EffectiveSetting, EffectiveSettings } from '../../../electron/shared/settings.js';
import { useSettings } from '../bridge/SettingsContext.js';
import { settingErrorPath } from '../settings/settingErrorPath.js';
import { autoAnswerDelaySeconds, fromEditorText, settingEditors, toEditorText } from '../settings/settingEditors.js';
import { DeviceSelect } from './DeviceSelect.js';
import { LockIcon } from './Icons.js';
import { SettingAccelerator } from './SettingAccelerator.js';
import { SettingAutoAnswer } from './SettingAutoAnswer.js';
import { SettingHeadsetSelect } from './SettingHeadsetSelect.js';
import { useErrorText } from './useErrorText.js';

type RowError = { kind: 'command'; error: CommandError } | { kind: 'invalidJson' } | { kind: 'invalidDelay' };

export function SettingRow({ setting }: { setting: EffectiveSetting }) {
  const { t } = useTranslation();
  const { set, reset } = useSettings();
  const errorText = useErrorText();
  const editor = settingEditors[setting.key];
  const controlId = useId();
  const labelId = useId();
  const hintId = useId();
  const lockId = useId();
  const errorId = useId();
  const statusId = useId();

  // null while the operator has not typed: the editor then follows the effective value as it changes.
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<RowError | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);

  const shownText = draft ?? toEditorText(editor, setting.value);
  const describedBy = [hintId, setting.locked ? lockId : null, error ? errorId : null].filter(Boolean).join(' ');

  const apply = async (action: () => Promise<Result<EffectiveSettings>>) => {
    setBusy(true);
    setError(null);
    setSaved(false);
    const result = await action();
    setBusy(false);
    if (result.ok) {
      setDraft(null);
      setSaved(true);
    } else {
      setError({ kind: 'command', error: result.error });
    }
  };

  const save = (text: string) => {
    const parsed = fromEditorText(editor, text);
    if (!parsed.ok) {
      setError({ kind: parsed.reason });
      setSaved(false);
      return;
    }
    void apply(() => set(setting.key, parsed.value));
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (draft !== null) save(draft);
  };

  const onEdit = (text: string) => {
    setDraft(text);
    setSaved(false);
  };

  // A slider sends a value per step while dragged: save once it rests.
  const volumeTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const scheduleVolumeSave = (text: string) => {
    if (volumeTimer.current) clearTimeout(volumeTimer.current);
    volumeTimer.current = setTimeout(() => save(text), 400);
  };
  useEffect(() => () => void (volumeTimer.current && clearTimeout(volumeTimer.current)), []);

  const common = {
    id: controlId,
    disabled: setting.locked,
    'aria-describedby': describedBy,
    'aria-invalid': error ? true : undefined,
  } as const;

  /**
   * Core's details name a path in English ("sip.servers.1: must be…"): say which entry, in the operator's language.
   * Field names (`urls`, `delayMs`) are the schema's, not words: they stay in the English detail beside this line.
   */
  const invalidPartText = (path: string) => {
    const entries = settingErrorPath(setting.key, path).flatMap((part) => ('entry' in part ? [part.entry] : []));
    if (entries.length === 0) return t('settingsEditors.invalid.value');
    const where = entries.map((entry) => t('settingsEditors.invalid.entry', { number: entry })).join(' › ');
    return t('settingsEditors.invalid.at', { path: where });
  };

  let control;
  if (editor.kind === 'choice') {
    control = (
      <select {...common} value={shownText} disabled={setting.locked || busy} onChange={(event) => save(event.target.value)}>
        {editor.options.map((option) => (
          <option key={option.value} value={option.value}>
            {t(option.label)}
          </option>
        ))}
      </select>
    );
  } else if (editor.kind === 'device') {
    control = (
      <DeviceSelect
        {...common}
        disabled={setting.locked || busy}
        deviceKind={editor.deviceKind}
        value={(setting.value ?? null) as AudioDeviceChoice | null}
        onChoose={(choice) => void apply(() => set(setting.key, choice))}
      />
    );
  } else if (editor.kind === 'volume') {
    const percent = Number(shownText) || 0;
    control = (
      <span className="volume-control">
        <input
          {...common}
          type="range"
          min={0}
          max={100}
          step={5}
          value={percent}
          aria-valuetext={t('settings.percent', { value: percent })}
          onChange={(event) => {
            onEdit(event.target.value);
            scheduleVolumeSave(event.target.value);
          }}
        />
        <output htmlFor={controlId}>{t('settings.percent', { value: percent })}</output>
      </span>
    );
  } else if (editor.kind === 'autoAnswer') {
    control = (
      <SettingAutoAnswer
        text={shownText}
        onText={onEdit}
        labelId={labelId}
        disabled={setting.locked}
        aria-describedby={describedBy}
        aria-invalid={common['aria-invalid']}
      />
    );
  } else if (editor.kind === 'headset') {
    control = (
      <SettingHeadsetSelect
        {...common}
        disabled={setting.locked || busy}
        value={typeof setting.value === 'string' ? setting.value : ''}
        onChoose={(id) => void apply(() => set(setting.key, id))}
      />
    );
  } else if (editor.kind === 'accelerator') {
    control = <SettingAccelerator {...common} labelId={labelId} text={shownText} dirty={draft !== null} onText={onEdit} />;
  } else if (editor.kind === 'text') {
    control = (
      <input {...common} type="text" value={shownText} spellCheck={false} onChange={(event) => onEdit(event.target.value)} />
    );
  } else {
    control = (
      <textarea
        {...common}
        rows={editor.kind === 'json' ? 5 : 3}
        value={shownText}
        spellCheck={false}
        className={editor.kind === 'json' ? 'code-input' : undefined}
        onChange={(event) => onEdit(event.target.value)}
      />
    );
  }

  return (
    <form className={`setting ${setting.locked ? 'setting-locked' : ''}`} onSubmit={onSubmit} noValidate>
      <div className="setting-head">
        {editor.kind === 'autoAnswer' ? (
          // Two controls with their own labels: this one names their group.
          <span id={labelId} className="setting-label">
            {t(`settings.keys.${setting.key}.label`)}
          </span>
        ) : (
          <label id={labelId} htmlFor={controlId} className="setting-label">
            {t(`settings.keys.${setting.key}.label`)}
          </label>
        )}
        <span className={`badge badge-${setting.source}`}>{t(`settings.source.${setting.source}`)}</span>
      </div>
      {control}
      <p id={hintId} className="setting-hint">
        {t(`settings.keys.${setting.key}.hint`)}
      </p>
      {setting.locked && (
        <p id={lockId} className="setting-lock">
          <LockIcon />
          {setting.brokenPolicy
            ? t('settings.lockedPolicyBroken')
            : setting.lockReason
              ? t('settings.lockedBecause', { reason: setting.lockReason })
              : t('settings.lockedByPolicy')}
        </p>
      )}
      {error && (
        <div id={errorId} className="setting-error" role="alert">
          {error.kind === 'invalidJson' ? (
            <p>{t('settings.invalidJson')}</p>
          ) : error.kind === 'invalidDelay' ? (
            <p>{t('settingsEditors.autoAnswer.invalidDelay', autoAnswerDelaySeconds)}</p>
          ) : (
            <>
              <p>{errorText(error.error)}</p>
              {error.error.details && error.error.details.length > 0 && (
                <ul className="error-details">
                  {error.error.details.map((detail, index) => (
                    <li key={index}>
                      {invalidPartText(detail.path)}{' '}
                      {/* The schema's own words, in English: secondary, for IT and for the log. */}
                      <span className="error-detail-technical" lang="en">
                        {t('settings.errorDetail', { path: detail.path, message: detail.message })}
                      </span>
                    </li>
                  ))}
                </ul>
              )}
            </>
          )}
        </div>
      )}
      {!setting.locked && (
        <div className="setting-actions">
          {editor.kind !== 'choice' && editor.kind !== 'device' && editor.kind !== 'volume' && editor.kind !== 'headset' && (
            <button type="submit" className="button" disabled={draft === null || busy} aria-describedby={statusId}>
              {t('settings.save')}
            </button>
          )}
          {setting.source === 'user' && (
            <button type="button" className="button" disabled={busy} onClick={() => void apply(() => reset(setting.key))}>
              {t('settings.reset')}
            </button>
          )}
          <span id={statusId} className="setting-status" role="status">
            {saved ? t('settings.saved') : ''}
          </span>
        </div>
      )}
    </form>
  );
}
