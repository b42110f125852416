// The script tab's content: the script of the call in front of the operator (or why there is none), which
// script it is and why it was chosen, a way to start another one, and the viewer. Runs in Chromium.
import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { settingDefinitions } from '../../../electron/shared/settings.js';
import { dispositionsSchema, type Disposition } from '../../../electron/shared/workflow.js';
import { useSettings } from '../bridge/SettingsContext.js';
import { EmptyState } from '../components/EmptyState.js';
import { DocumentIcon } from '../components/Icons.js';
import { useLocale } from '../i18n/LocaleContext.js';
import { ScriptViewer } from './ScriptViewer.js';
import { useCallScript, type CallScriptState } from './useCallScript.js';
import { useScriptText } from './useScriptText.js';

function useDispositions(): readonly Disposition[] {
  const { settings } = useSettings();
  const value = settings?.settings.find((setting) => setting.key === 'workflow.dispositions')?.value;
  return useMemo(() => {
    const parsed = dispositionsSchema.safeParse(value);
    return parsed.success ? parsed.data : settingDefinitions['workflow.dispositions'].builtin;
  }, [value]);
}

export function CallScriptPanel() {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const dispositions = useDispositions();
  const state = useCallScript();
  const { reasonText } = useScriptText();
  const icon = <DocumentIcon width="32" height="32" />;

  if (state.status === 'idle') {
    return (
      <EmptyState icon={icon} title={t('script.scriptEmptyTitle')}>
        {t('callScript.noCallBody')}
      </EmptyState>
    );
  }
  if (state.status === 'loading') return <p className="script-loading">{t('callScript.loading')}</p>;
  if (state.status === 'error') {
    return (
      <div className="script-none">
        <p role="alert">{t('callScript.loadFailed')}</p>
        <button type="button" className="button" onClick={state.reload}>
          {t('callScript.retry')}
        </button>
      </div>
    );
  }
  if (state.status === 'none' || !state.script || !state.run) {
    return (
      <div className="script-none">
        <EmptyState icon={icon} title={t('callScript.noneTitle')}>
          {t('callScript.noneBody')}
        </EmptyState>
        <ScriptSwitcher state={state} />
      </div>
    );
  }

  const { script } = state;
  return (
    <div className="call-script">
      <header className="script-header">
        <p className="script-name">
          <span lang={script.script.language}>{script.script.name}</span>{' '}
          <span className="script-version">{t('callScript.version', { version: script.script.version })}</span>
        </p>
        <p className="script-reason">{reasonText(script.reason)}</p>
        <ScriptSwitcher state={state} />
      </header>
      <div lang={script.script.language}>
        <ScriptViewer
          script={script}
          run={state.run}
          onMove={state.move}
          onAnswer={state.answer}
          dispositions={dispositions}
          locale={locale}
        />
      </div>
      {state.saveState === 'failed' && (
        <p role="status" className="script-save-failed">
          {t('callScript.saveFailed')}
        </p>
      )}
    </div>
  );
}

/** Starts another active script for the call; the list loads when the operator opens it. */
function ScriptSwitcher({ state }: { state: CallScriptState }) {
  const { t } = useTranslation();
  const id = useId();
  const current = state.script?.script.id;
  if (!state.callId && !state.script) return null;
  return (
    <div className="script-switch">
      <label htmlFor={id} className="visually-hidden">
        {t('callScript.switchLabel')}
      </label>
      <select
        id={id}
        value=""
        onFocus={() => {
          if (!state.scripts) state.loadScripts();
        }}
        onPointerDown={() => {
          if (!state.scripts) state.loadScripts();
        }}
        onChange={(event) => {
          if (event.target.value) void state.switchTo(event.target.value);
        }}
      >
        <option value="">{current ? t('callScript.switchStart') : t('callScript.switchNone')}</option>
        {(state.scripts ?? [])
          .filter((summary) => summary.id !== current)
          .map((summary) => (
            <option key={summary.id} value={summary.id} lang={summary.language}>
              {summary.name}
            </option>
          ))}
      </select>
    </div>
  );
}
