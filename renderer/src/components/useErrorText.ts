// Turns a command error into operator language: a softphone failure's reason when core gave one (every line in
// use, hold refused…), else the code, translated; the English message from the core is not shown (it is for the
// log). Runs in Chromium.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { CommandError } from '../../../electron/shared/ipc/result.js';
import { softphoneFailureText } from '../softphone/failureText.js';

export function useErrorText(): (error: CommandError) => string {
  const { t } = useTranslation();
  return useCallback((error: CommandError) => softphoneFailureText(t, error) ?? t(`errors.${error.code}`), [t]);
}
