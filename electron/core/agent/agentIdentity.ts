// Who the operator at this desk is, for every record that names an agent (state log, interactions,
// drafts, callbacks). Plain Node. The SIP user is the identity the PBX and the centre's reports share;
// a back-office desk without SIP is "desk" until a login exists.
import type { SettingsService } from '../settings/settingsService.js';

export const deskAgentId = 'desk';

export function currentAgentId(settings: Pick<SettingsService, 'get'>): string {
  const sipUser = settings.get('sip.user');
  return typeof sipUser === 'string' && sipUser.trim() !== '' ? sipUser.trim() : deskAgentId;
}
