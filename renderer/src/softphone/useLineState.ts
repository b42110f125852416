// What the UI can honestly say about the phone line today. Runs in Chromium.
// There is no SIP user agent yet (it lands with the softphone work), so a line is either not configured
// (no SIP server in settings) or configured but not registered — never "ready".
import { settingValue } from '../../../electron/shared/settings.js';
import { useSettings } from '../bridge/SettingsContext.js';

export type LineState = 'unknown' | 'notConfigured' | 'notRegistered';

export interface LineInfo {
  state: LineState;
  /** Display name or SIP user from settings, for the operator to see which extension this desk is. */
  identity: string | null;
}

export function useLineState(): LineInfo {
  const { settings } = useSettings();
  if (!settings) return { state: 'unknown', identity: null };
  const servers = settingValue(settings, 'sip.servers');
  const user = settingValue(settings, 'sip.user');
  const displayName = settingValue(settings, 'sip.displayName');
  const identity = displayName || user || null;
  return { state: servers.length > 0 && user ? 'notRegistered' : 'notConfigured', identity };
}
