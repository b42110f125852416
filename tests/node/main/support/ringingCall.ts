// Test support for main's tests: a call ringing in from a Turkish mobile number, as core's calls:state carries it;
// each test overrides what it is about (its id, state, caller name).
import type { CallView } from '../../../../electron/shared/ipc/softphone.js';

export function ringingCall(overrides: Partial<CallView> = {}): CallView {
  return {
    id: 'c1',
    line: 1,
    direction: 'inbound',
    state: 'ringing',
    remoteUri: '<sip:+905321234567@lab.test>',
    remoteUser: '+905321234567',
    remoteNumber: '+905321234567',
    displayName: 'Ayşe Yılmaz',
    callWaiting: false,
    muted: false,
    remoteHold: false,
    invitedAt: 1,
    at: 1,
    ...overrides,
  };
}
