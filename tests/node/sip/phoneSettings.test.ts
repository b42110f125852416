// Phone behaviour settings through a real Kamailio with sip.js callers: decline and do-not-disturb codes,
// DTMF by SIP INFO, auto-answer (policy-locked, delayed, cancelled by the caller, never over a live call)
// and intercom answer-after from Alert-Info / Call-Info. Settings come from a real provisioning file.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MemoryLogger } from '../../../electron/core/log/memoryLogger.js';
import { systemClock } from '../../../electron/core/ports.js';
import { loadProvisioning } from '../../../electron/core/settings/provisioning.js';
import { SettingsService } from '../../../electron/core/settings/settingsService.js';
import { UserSettingsFile } from '../../../electron/core/settings/userSettingsFile.js';
import { requestedAnswerDelayMs } from '../../../electron/core/sip/answerAfter.js';
import { sipConfigFromSettings } from '../../../electron/core/sip/sipConfig.js';
import { CommandFailure } from '../../../electron/shared/ipc/result.js';
import { useTempDirs } from '../../support/tempDir.js';
import { useSipLab } from './support/sipLab.js';

const tempDir = useTempDirs();
const { proxy, agent, phone } = useSipLab({ auth: true });

/** A desk's settings as main builds them: provisioning file (defaults + policy) and the user's own file. */
function deskSettings(provisioning: unknown): SettingsService {
  const file = join(tempDir(), 'agentdesk.json');
  writeFileSync(file, JSON.stringify(provisioning));
  return new SettingsService(loadProvisioning(file, true), new UserSettingsFile(tempDir()), systemClock, new MemoryLogger());
}

describe('answer-after requests in an INVITE', () => {
  const request = (headers: Record<string, string[]>) => ({ getHeaders: (name: string) => headers[name] ?? [] });

  it('reads Call-Info answer-after and Alert-Info alert-autoanswer (with delay) and answer-after', () => {
    expect(requestedAnswerDelayMs(request({ 'call-info': ['<sip:pbx.example.com>;answer-after=0'] }))).toBe(0);
    expect(requestedAnswerDelayMs(request({ 'call-info': ['<http://pbx/>;purpose=info, <sip:x>;answer-after=3'] }))).toBe(3000);
    expect(requestedAnswerDelayMs(request({ 'alert-info': ['<http://www.notused.com>;info=alert-autoanswer'] }))).toBe(0);
    expect(requestedAnswerDelayMs(request({ 'alert-info': ['<http://www.notused.com>;info=alert-autoanswer;delay=2'] }))).toBe(
      2000,
    );
    expect(requestedAnswerDelayMs(request({ 'alert-info': ['<http://127.0.0.1>;answer-after=1'] }))).toBe(1000);
    // Several requests: the earliest wins.
    expect(
      requestedAnswerDelayMs(request({ 'alert-info': ['<x>;answer-after=5'], 'call-info': ['<sip:x>;answer-after=2'] })),
    ).toBe(2000);
  });

  it('ignores ringtones, look-alikes, absurd delays and hostile sizes', () => {
    expect(requestedAnswerDelayMs(request({}))).toBeUndefined();
    expect(requestedAnswerDelayMs(request({ 'alert-info': ['<http://pbx/ring2.wav>'] }))).toBeUndefined();
    expect(requestedAnswerDelayMs(request({ 'call-info': ['<sip:x>;no-answer-after=0'] }))).toBeUndefined();
    expect(requestedAnswerDelayMs(request({ 'call-info': ['<sip:x>;answer-after=-1'] }))).toBeUndefined();
    expect(requestedAnswerDelayMs(request({ 'call-info': ['<sip:x>;answer-after=99999'] }))).toBeUndefined();
    expect(requestedAnswerDelayMs(request({ 'alert-info': ['<x>;info=alert-autoanswer;delay=86400'] }))).toBeUndefined();
    expect(requestedAnswerDelayMs(request({ 'call-info': [`<sip:${'a'.repeat(100_000)}>;answer-after=0`] }))).toBeUndefined();
    expect(
      requestedAnswerDelayMs({
        getHeaders: () => {
          throw new Error('parser bug');
        },
      }),
    ).toBeUndefined();
  });
});

describe('phone settings through Kamailio', () => {
  it('applies the provisioned codes, INFO DTMF and a policy-locked auto-answer; behaviour changes keep the call', async () => {
    const settings = deskSettings({
      defaults: { phone: { declineCode: 603, dndCode: 480, dtmfMethod: 'info' } },
      policy: { phone: { autoAnswer: { enabled: true, delayMs: 400 } } },
      lockReason: 'Intercom desk',
    });
    expect(settings.problems()).toEqual([]);
    expect(settings.resolve('phone.autoAnswer')).toMatchObject({ source: 'policy', locked: true, lockReason: 'Intercom desk' });
    expect(() => settings.set('phone.autoAnswer', { enabled: false, delayMs: 0 })).toThrow(CommandFailure);

    // A fresh config object each time, as main builds one per change.
    const deskConfig = () => sipConfigFromSettings(settings, { servers: [proxy().wsUrl], domain: 'lab.test', user: '2101' });
    const a = await agent('2101', deskConfig());
    // As deskServices does: every phone.* change reconfigures the service.
    settings.onChange(() => void a.service.reconfigure(deskConfig()));
    const first = await phone('2102');
    const second = await phone('2103');

    // Auto-answer after the locked delay, announced on the ringing event.
    await first.call('2101');
    const ringing = await a.events.waitFor('calls:state', (c) => c.state === 'ringing');
    expect(ringing.autoAnswerAt! - ringing.invitedAt).toBe(400);
    const active = await a.events.waitFor('calls:state', (c) => c.id === ringing.id && c.state === 'active');
    expect(active.autoAnswerAt).toBeUndefined();
    expect(active.answeredAt! - ringing.invitedAt).toBeGreaterThanOrEqual(400);
    await first.waitFor('established');

    // The configured DTMF method: SIP INFO.
    let mark = first.mark();
    await a.service.sendDtmf(ringing.id, '7');
    expect((await first.waitFor('info', () => true, 10_000, mark)).body).toMatch(/^Signal=7\r\n/);
    expect(a.media.dtmf).toEqual([]);

    // A behaviour setting changed mid-call applies without a new connection: the call stays up.
    settings.set('phone.declineCode', 486);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(a.service.listCalls().map((c) => c.state)).toEqual(['active']);
    expect(a.events.all('sip:registration', (s) => s.state === 'stopped')).toEqual([]);

    // A second call while on a call: call waiting, no auto-answer, even after the delay.
    const eventsBefore = a.events.mark();
    mark = second.mark();
    await second.call('2101');
    const waiting = await a.events.waitFor('calls:state', (c) => c.state === 'ringing', 10_000, eventsBefore);
    expect(waiting).toMatchObject({ callWaiting: true, line: 2 });
    expect(waiting.autoAnswerAt).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(a.service.listCalls().find((c) => c.id === waiting.id)?.state).toBe('ringing');
    await a.service.decline(waiting.id);
    expect((await second.waitFor('final', () => true, 10_000, mark)).code).toBe(486);
    await a.service.hangup(ringing.id);

    // Do-not-disturb with the provisioned code.
    a.service.setDoNotDisturb(true);
    mark = second.mark();
    await second.call('2101');
    expect((await second.waitFor('final', () => true, 10_000, mark)).code).toBe(480);
    expect(await a.callLog.waitFor((r) => r.endReason === 'dnd')).toMatchObject({ sipCode: 480, hungUpBy: 'system' });
  }, 30_000);

  it('cancels a pending auto-answer when the caller hangs up first, and answers the next caller', async () => {
    const a = await agent('2111', { autoAnswer: { enabled: true, delayMs: 1500 } });
    const customer = await phone('2112');
    const inviter = await customer.call('2111');
    const ringing = await a.events.waitFor('calls:state', (c) => c.state === 'ringing');
    expect(ringing.autoAnswerAt! - ringing.invitedAt).toBe(1500);
    await inviter.cancel();
    const ended = await a.events.waitFor('calls:state', (c) => c.id === ringing.id && c.state === 'ended');
    expect(ended).toMatchObject({ endReason: 'missed', hungUpBy: 'remote' });
    await new Promise((resolve) => setTimeout(resolve, 1700));
    // The timer did not fire an answer into a dead call (it would have been logged as a failure).
    expect(a.logger.lines.filter((line) => line.level !== 'debug' && /auto-answer/.test(JSON.stringify(line)))).toEqual([]);
    expect(customer.events.some((e) => e.name === 'established')).toBe(false);

    // The setting changed at run time (no new connection): the next call is answered after the new delay.
    await a.service.reconfigure({ ...a.config, autoAnswer: { enabled: true, delayMs: 0 } });
    await customer.call('2111');
    const next = await a.events.waitFor('calls:state', (c) => c.state === 'ringing' && c.id !== ringing.id);
    expect(next.autoAnswerAt).toBe(next.invitedAt);
    await a.events.waitFor('calls:state', (c) => c.id === next.id && c.state === 'active');
    await customer.waitFor('established');
    await a.service.hangup(next.id);
  }, 20_000);

  it('answers intercom calls (Call-Info / Alert-Info answer-after) only when the setting honours them', async () => {
    const a = await agent('2121', { honourAnswerAfter: true });
    const pbx = await phone('2122');

    await pbx.call('2121', { extraHeaders: ['Call-Info: <sip:lab.test>;answer-after=0'] });
    const intercom = await a.events.waitFor('calls:state', (c) => c.state === 'ringing');
    expect(intercom.autoAnswerAt).toBe(intercom.invitedAt);
    await a.events.waitFor('calls:state', (c) => c.id === intercom.id && c.state === 'active');
    let established = await pbx.waitFor('established');
    await pbx.hangup(established.session);
    await a.events.waitFor('calls:state', (c) => c.id === intercom.id && c.state === 'ended');

    let mark = a.events.mark();
    const pbxMark = pbx.mark();
    await pbx.call('2121', { extraHeaders: ['Alert-Info: <http://www.notused.com>;info=alert-autoanswer;delay=1'] });
    const paging = await a.events.waitFor('calls:state', (c) => c.state === 'ringing', 10_000, mark);
    expect(paging.autoAnswerAt! - paging.invitedAt).toBe(1000);
    const answered = await a.events.waitFor('calls:state', (c) => c.id === paging.id && c.state === 'active');
    expect(answered.answeredAt! - paging.invitedAt).toBeGreaterThanOrEqual(1000);
    established = await pbx.waitFor('established', () => true, 10_000, pbxMark);
    await pbx.hangup(established.session);
    await a.events.waitFor('calls:state', (c) => c.id === paging.id && c.state === 'ended');

    // A plain call still rings.
    mark = a.events.mark();
    await pbx.call('2121');
    const plain = await a.events.waitFor('calls:state', (c) => c.state === 'ringing', 10_000, mark);
    expect(plain.autoAnswerAt).toBeUndefined();
    await a.service.decline(plain.id);

    // An agent that does not honour intercom requests lets the same INVITE ring.
    const strict = await agent('2123');
    await pbx.call('2123', { extraHeaders: ['Call-Info: <sip:lab.test>;answer-after=0'] });
    const ignored = await strict.events.waitFor('calls:state', (c) => c.state === 'ringing');
    expect(ignored.autoAnswerAt).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(strict.service.listCalls()[0]?.state).toBe('ringing');
    await strict.service.decline(ignored.id);
  }, 20_000);
});
