// Effective settings for the whole UI: loaded once with settings:get, kept fresh by settings:changed and
// reloaded after every reconnect (events sent while we were away are lost). Runs in Chromium.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { CommandError, Result } from '../../../electron/shared/ipc/result.js';
import type { EffectiveSettings, SettingKey } from '../../../electron/shared/settings.js';
import { markOnce, settingsReadyMark } from '../firstPaint.js';
import { useAgentDesk, useConnection, useEvent } from './BridgeContext.js';

export interface SettingsState {
  /** null until the first settings:get answers. */
  settings: EffectiveSettings | null;
  loading: boolean;
  /** Why the last load failed, if it did. */
  error: CommandError | null;
  set: (key: SettingKey, value: unknown) => Promise<Result<EffectiveSettings>>;
  reset: (key: SettingKey) => Promise<Result<EffectiveSettings>>;
  reload: () => Promise<void>;
}

const SettingsContext = createContext<SettingsState | null>(null);

export function SettingsProvider({ children }: { children: ReactNode }) {
  const api = useAgentDesk();
  const connection = useConnection();
  const [settings, setSettings] = useState<EffectiveSettings | null>(null);
  const [error, setError] = useState<CommandError | null>(null);
  // Loading = no answer yet while there is a connection to wait for. Waiting on a retry is not loading:
  // the dialog then says AgentDesk cannot be reached. A reload keeps showing the values it replaces.
  const loading =
    settings === null && error === null && (connection.status === 'connecting' || connection.status === 'connected');

  const applyLoaded = useCallback((result: Result<EffectiveSettings>) => {
    if (result.ok) {
      markOnce(settingsReadyMark);
      setSettings(result.value);
      setError(null);
    } else {
      setError(result.error);
    }
  }, []);

  const reload = useCallback(async () => {
    applyLoaded(await api.commands['settings:get']({}));
  }, [api, applyLoaded]);

  useEffect(() => {
    if (connection.status !== 'connected') return;
    // An answer that arrives after the connection changed again is stale: the next load replaces it.
    let stale = false;
    void api.commands['settings:get']({}).then((result) => {
      if (!stale) applyLoaded(result);
    });
    return () => {
      stale = true;
    };
  }, [api, connection.status, applyLoaded]);

  useEvent('settings:changed', setSettings);

  const set = useCallback(
    async (key: SettingKey, value: unknown) => {
      const result = await api.commands['settings:set']({ key, value });
      if (result.ok) setSettings(result.value);
      return result;
    },
    [api],
  );
  const reset = useCallback(
    async (key: SettingKey) => {
      const result = await api.commands['settings:reset']({ key });
      if (result.ok) setSettings(result.value);
      return result;
    },
    [api],
  );

  const state = useMemo(() => ({ settings, loading, error, set, reset, reload }), [settings, loading, error, set, reset, reload]);
  return <SettingsContext.Provider value={state}>{children}</SettingsContext.Provider>;
}

export function useSettings(): SettingsState {
  const state = useContext(SettingsContext);
  if (!state) throw new Error('useSettings() needs a <SettingsProvider> above it');
  return state;
}
