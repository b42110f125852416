// Test support: CallView fixtures for renderer tests — a connected inbound call from a Turkish mobile number, as
// core's calls:list / calls:state would carry it; each test overrides what it is about.
import type { CallView } from '../../../electron/shared/ipc/softphone.js';

/** 28 Nov 2026, 09:00 UTC: the fixtures' clock. */
export const fixtureTime = Date.UTC(2026, 10, 28, 9, 0, 0);

export function activeInboundCall(overrides: Partial<CallView> = {}): CallView {
  return {
    id: 'c1',
    line: 1,
    direction: 'inbound',
    state: 'active',
    remoteUri: '<sip:+905321234567@lab.test>',
    remoteUser: '+905321234567',
    remoteNumber: '+905321234567',
    displayName: '',
    callWaiting: false,
    muted: false,
    remoteHold: false,
    invitedAt: fixtureTime,
    answeredAt: fixtureTime,
    at: fixtureTime,
    ...overrides,
  };
}
