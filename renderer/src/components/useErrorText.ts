// Turns a command error into operator language: the code is translated, the English message from the
// core is not shown (it is for the log). Runs in Chromium.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { CommandError } from '../../../electron/shared/ipc/result.js';

export function useErrorText(): (error: CommandError) => string {
  const { t } = useTranslation();
  return useCallback((error: CommandError) => t(`errors.${error.code}`), [t]);
}
