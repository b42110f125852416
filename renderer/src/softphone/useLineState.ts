// What the UI says about the phone line: the registration state from core's SIP user agent, or, while
// core has not answered (or has no softphone), what the settings allow us to say. Runs in Chromium.
import type { SoftphoneStatus } from '../../../electron/shared/ipc/softphone.js';
import { settingValue } from '../../../electron/shared/settings.js';
import { useSettings } from '../bridge/SettingsContext.js';
import { useSoftphoneStatus } from './useSoftphone.js';

export type LineState =
  'unknown' | 'notConfigured' | 'notRegistered' | 'connecting' | 'registering' | 'registered' | 'reconnecting' | 'failed';

export interface LineInfo {
  state: LineState;
  /** Display name or SIP user from settings, for the operator to see which extension this desk is. */
  identity: string | null;
  /** The registration as core reports it (reason, code) when it does. */
  status: SoftphoneStatus | null;
}

function fromStatus(status: SoftphoneStatus): LineState {
  switch (status.state) {
    case 'idle':
      return status.reason === 'not-configured' ? 'notConfigured' : 'notRegistered';
    case 'stopped':
      return 'notRegistered';
    default:
      return status.state;
  }
}

export function useLineState(): LineInfo {
  const { settings } = useSettings();
  const status = useSoftphoneStatus();
  if (!settings) return { state: status ? fromStatus(status) : 'unknown', identity: null, status };
  const servers = settingValue(settings, 'sip.servers');
  const user = settingValue(settings, 'sip.user');
  const displayName = settingValue(settings, 'sip.displayName');
  const identity = displayName || user || null;
  if (status) return { state: fromStatus(status), identity, status };
  return { state: servers.length > 0 && user ? 'notRegistered' : 'notConfigured', identity, status };
}
