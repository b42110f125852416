// Words for agent states and not-ready reasons in the operator's language. State names come from the
// catalogues; reason names from the `agent.notReadyReasons` setting (each carries its own tr/en/ru labels).
// Runs in Chromium.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { builtinNotReadyReasons, labelIn, type AgentState, type NotReadyReason } from '../../../electron/shared/workflow.js';
import { settingValue } from '../../../electron/shared/settings.js';
import { useSettings } from '../bridge/SettingsContext.js';
import { useLocale } from '../i18n/LocaleContext.js';

export interface AgentStateText {
  /** The reasons the centre configured (built-in ones until settings load). */
  reasons: readonly NotReadyReason[];
  stateName(state: AgentState): string;
  /** The reason's label, or its code when the settings no longer have it. */
  reasonName(code: string): string;
  /** "Not ready: Meeting", "Break", "On call". */
  describe(state: AgentState, reasonCode: string | null): string;
}

export function useAgentStateText(): AgentStateText {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const { settings } = useSettings();
  const reasons = settings ? settingValue(settings, 'agent.notReadyReasons') : builtinNotReadyReasons;

  const stateName = useCallback(
    (state: AgentState): string => {
      // Literal keys, so the catalogue check sees every one of them.
      switch (state) {
        case 'loggedOut':
          return t('agentState.states.loggedOut');
        case 'available':
          return t('agentState.states.available');
        case 'notReady':
          return t('agentState.states.notReady');
        case 'ringing':
          return t('agentState.states.ringing');
        case 'onCall':
          return t('agentState.states.onCall');
        case 'wrapUp':
          return t('agentState.states.wrapUp');
        case 'break':
          return t('agentState.states.break');
      }
    },
    [t],
  );
  const reasonName = useCallback(
    (code: string): string => {
      const reason = reasons.find((candidate) => candidate.code === code);
      return reason ? labelIn(reason.label, locale) : code;
    },
    [reasons, locale],
  );
  const describe = useCallback(
    (state: AgentState, reasonCode: string | null): string =>
      reasonCode === null
        ? stateName(state)
        : t('agentState.withReason', { state: stateName(state), reason: reasonName(reasonCode) }),
    [t, stateName, reasonName],
  );
  return { reasons, stateName, reasonName, describe };
}
