// The softphone's part of the contract: strict, length-capped arguments, domain:verb names, and
// handlers that cover every command and answer through the real dispatcher (typed errors included).
import { describe, expect, it } from 'vitest';
import { createDispatcher, type CommandHandlers } from '../../../electron/core/ipc/dispatcher.js';
import { MemoryLogger } from '../../../electron/core/log/memoryLogger.js';
import { sipConfigFromSettings } from '../../../electron/core/sip/sipConfig.js';
import { softphoneHandlers } from '../../../electron/core/sip/softphoneHandlers.js';
import { commands, events } from '../../../electron/shared/ipc/contract.js';
import { softphoneCommands, softphoneEvents } from '../../../electron/shared/ipc/softphone.js';
import type { SettingsValues } from '../../../electron/shared/settings.js';
import { createTestAgent } from './support/agent.js';

const callId = '01939c6e-7a1b-7cc0-8d3e-0123456789ab';
/** One valid argument object per command. */
const validArgs: Record<keyof typeof softphoneCommands, Record<string, unknown>> = {
  'sip:status': {},
  'sip:reconnect': {},
  'calls:dnd': { enabled: true },
  'calls:list': {},
  'calls:dial': { target: '+90 532 123 45 67' },
  'calls:answer': { callId },
  'calls:decline': { callId, code: 603 },
  'calls:hangup': { callId },
  'calls:hold': { callId },
  'calls:resume': { callId },
  'calls:mute': { callId, muted: true },
  'calls:dtmf': { callId, tones: '12*#', method: 'info' },
  'calls:transfer': { callId, target: 'sip:2003@lab.test' },
  'calls:consult': { callId, target: '2003' },
  'calls:cancelConsult': { callId },
  'calls:attendedTransfer': { callId, targetCallId: callId },
  'calls:conference': { callIds: [callId, callId.replace(/b$/, 'c')] },
  'sip:setPassword': { password: 'correct horse battery staple' },
};

describe('softphone contract', () => {
  it('is spread into the contract under domain:verb names', () => {
    for (const name of Object.keys(softphoneCommands)) {
      expect(name).toMatch(/^(sip|calls):[a-z][a-zA-Z]+$/);
      expect(commands).toHaveProperty([name]);
    }
    for (const name of Object.keys(softphoneEvents)) expect(events).toHaveProperty([name]);
    expect(Object.keys(validArgs).sort()).toEqual(Object.keys(softphoneCommands).sort());
  });

  it('accepts valid arguments and refuses unknown keys on every command', () => {
    for (const [name, args] of Object.entries(validArgs)) {
      const schema = softphoneCommands[name as keyof typeof softphoneCommands].args;
      expect(schema.safeParse(args).success, name).toBe(true);
      expect(schema.safeParse({ ...args, extra: 'x' }).success, name).toBe(false);
    }
  });

  it('caps lengths and refuses malformed values', () => {
    const { args: dial } = softphoneCommands['calls:dial'];
    expect(dial.safeParse({ target: '1'.repeat(256) }).success).toBe(true);
    expect(dial.safeParse({ target: '1'.repeat(257) }).success).toBe(false);
    expect(dial.safeParse({ target: '   ' }).success).toBe(false);
    expect(softphoneCommands['calls:answer'].args.safeParse({ callId: 'x'.repeat(65) }).success).toBe(false);
    expect(softphoneCommands['calls:decline'].args.safeParse({ callId, code: 404 }).success).toBe(false);
    const { args: dtmf } = softphoneCommands['calls:dtmf'];
    expect(dtmf.safeParse({ callId, tones: '1'.repeat(33) }).success).toBe(false);
    expect(dtmf.safeParse({ callId, tones: '1<script>' }).success).toBe(false);
    expect(dtmf.safeParse({ callId, tones: '1', method: 'sms' }).success).toBe(false);
  });

  it('has a handler for every command, answering through the dispatcher with typed errors', async () => {
    const agent = await createTestAgent({ servers: [], user: '' });
    const handlers = softphoneHandlers(agent.service);
    expect(Object.keys(handlers).sort()).toEqual(Object.keys(softphoneCommands).sort());
    const dispatch = createDispatcher(handlers as CommandHandlers, new MemoryLogger());
    agent.service.start(); // nothing configured: the phone says so instead of trying

    const status = await dispatch('sip:status', {});
    expect(status).toMatchObject({ ok: true, value: { state: 'idle', reason: 'not-configured', dnd: false } });
    expect(await dispatch('calls:dnd', { enabled: true })).toMatchObject({ ok: true, value: { dnd: true } });
    expect(await dispatch('calls:list', {})).toEqual({ ok: true, value: [] });
    expect(await dispatch('calls:answer', { callId })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await dispatch('calls:dial', { target: '1002' })).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    expect(await dispatch('calls:hangup', { callId: 42 })).toMatchObject({ ok: false, error: { code: 'invalid_args' } });
    expect(agent.events.contractViolations).toEqual([]);
  });
});

describe('sip config from settings', () => {
  it('reads the account, ICE servers, dialing rules and phone behaviour from the settings model', () => {
    const values: Partial<SettingsValues> = {
      'sip.servers': ['wss://pbx1.example:7443/ws', 'wss://pbx2.example:7443/ws'],
      'sip.domain': 'pbx.example',
      'sip.user': '1001',
      'sip.authUser': '',
      'sip.displayName': 'Ayşe',
      'sip.iceServers': [],
      'phone.defaultCountry': 'TR',
      'phone.outsideLinePrefix': '9',
      'phone.declineCode': 486,
      'phone.dndCode': 480,
      'phone.dtmfMethod': 'info',
      'phone.autoAnswer': { enabled: true, delayMs: 1500 },
      'phone.honourAnswerAfter': true,
    };
    const config = sipConfigFromSettings({ get: (key) => values[key] as never }, { declineCode: 603 });
    expect(config).toMatchObject({
      servers: ['wss://pbx1.example:7443/ws', 'wss://pbx2.example:7443/ws'],
      domain: 'pbx.example',
      user: '1001',
      displayName: 'Ayşe',
      iceServers: [], // no public STUN unless settings name one
      dialing: { defaultCountry: 'TR', outsideLinePrefix: '9' },
      declineCode: 603,
      dndCode: 480,
      dtmfMethod: 'info',
      autoAnswer: { enabled: true, delayMs: 1500 },
      honourAnswerAfter: true,
      maxLines: 2,
    });
    expect(config.authUser).toBeUndefined();
  });
});
