// Call control against a real Kamailio (digest auth on REGISTER and INVITE) with real sip.js far ends:
// ring/answer/hangup and the call log, outbound, decline 486/603, hold/resume, DTMF, blind transfer,
// a second line with call waiting, do-not-disturb, a missed call.
import { describe, expect, it } from 'vitest';
import { SessionState } from 'sip.js';
import type { Clock } from '../../../electron/core/ports.js';
import { systemClock } from '../../../electron/core/ports.js';
import type { TestAgent, TestAgentOptions } from './support/agent.js';
import { useSipLab } from './support/sipLab.js';

const lab = useSipLab({ auth: true });
const { phone, answeredCall } = lab;

/** Ten years ahead of the wall clock: proves every timestamp comes from the injected Clock. */
const clockOffset = 10 * 365 * 24 * 3600 * 1000;
const offsetClock: Clock = { now: () => systemClock.now() + clockOffset, setTimeout: (cb, ms) => systemClock.setTimeout(cb, ms) };

const agent = (user: string, options: Partial<TestAgentOptions> = {}): Promise<TestAgent> =>
  lab.agent(user, { clock: offsetClock, ...options });

describe('calls', () => {
  it('rings with caller id and a plain-text display name, answers, hangs up, and logs the call', async () => {
    const a = await agent('2001');
    // U+202E (RIGHT-TO-LEFT OVERRIDE) and a zero-width space must not survive into the UI.
    const customer = await phone('2002', { displayName: 'Ayşe \u202EYılmaz\u200B' });
    await customer.call('2001');
    const ringing = await a.events.waitFor('calls:state', (c) => c.state === 'ringing');
    expect(ringing).toMatchObject({
      direction: 'inbound',
      line: 1,
      remoteUser: '2002',
      displayName: 'Ayşe Yılmaz',
      callWaiting: false,
      muted: false,
    });
    expect(ringing.remoteUri).toContain('sip:2002@lab.test');
    expect(ringing.remoteUri).not.toContain('tag=');
    expect(ringing.invitedAt).toBeGreaterThan(Date.now() + clockOffset - 60_000);
    expect(a.service.listCalls().map((c) => c.id)).toEqual([ringing.id]);

    await a.service.answer(ringing.id);
    const active = await a.events.waitFor('calls:state', (c) => c.id === ringing.id && c.state === 'active');
    expect(active.answeredAt).toBeGreaterThanOrEqual(ringing.invitedAt);
    await customer.waitFor('established');

    await a.service.hangup(ringing.id);
    await customer.waitFor('bye');
    const ended = await a.events.waitFor('calls:state', (c) => c.id === ringing.id && c.state === 'ended');
    expect(ended).toMatchObject({ endReason: 'completed', hungUpBy: 'local' });
    expect(a.service.listCalls()).toEqual([]);

    const record = await a.callLog.waitFor((r) => r.id === ringing.id);
    expect(record).toMatchObject({
      direction: 'inbound',
      line: 1,
      displayName: 'Ayşe Yılmaz',
      hungUpBy: 'local',
      endReason: 'completed',
      invitedAt: ringing.invitedAt,
      answeredAt: active.answeredAt,
      endedAt: ended.endedAt,
    });
    expect(record.rawCallerId).toBe(ringing.remoteUri);
    expect(record.durationMs).toBe(ended.endedAt! - active.answeredAt!);
    expect(record.sipCallId.length).toBeGreaterThan(0);
  });

  it('logs a call the caller gave up on as missed (487, remote)', async () => {
    const a = await agent('2011');
    const customer = await phone('2012');
    const inviter = await customer.call('2011');
    const ringing = await a.events.waitFor('calls:state', (c) => c.state === 'ringing');
    await inviter.cancel();
    const ended = await a.events.waitFor('calls:state', (c) => c.id === ringing.id && c.state === 'ended');
    expect(ended).toMatchObject({ endReason: 'missed', hungUpBy: 'remote', sipCode: 487 });
    expect(await a.callLog.waitFor((r) => r.id === ringing.id)).toMatchObject({ durationMs: 0, endReason: 'missed' });
  });

  it('dials out: ringback, answer, the far end hangs up; unknown numbers end as unreachable', async () => {
    const a = await agent('2021', { dialing: { defaultCountry: 'TR' } });
    const callee = await phone('2022');
    const dialing = await a.service.dial('2022');
    expect(dialing).toMatchObject({ direction: 'outbound', state: 'dialing', line: 1, remoteUser: '2022' });
    await a.events.waitFor('calls:state', (c) => c.id === dialing.id && c.state === 'ringback');
    await callee.ringing().accept();
    await a.events.waitFor('calls:state', (c) => c.id === dialing.id && c.state === 'active');
    const established = await callee.waitFor('established');
    await callee.hangup(established.session);
    const ended = await a.events.waitFor('calls:state', (c) => c.id === dialing.id && c.state === 'ended');
    expect(ended).toMatchObject({ endReason: 'completed', hungUpBy: 'remote' });
    expect(await a.callLog.waitFor((r) => r.id === dialing.id)).toMatchObject({
      direction: 'outbound',
      rawCallerId: 'sip:2022@lab.test',
    });

    // A national number through the dialing rules becomes E.164; nobody is registered for it.
    const external = await a.service.dial('0532 123 45 67');
    expect(external).toMatchObject({ remoteNumber: '+905321234567', remoteUri: 'sip:+905321234567@lab.test' });
    const failed = await a.events.waitFor('calls:state', (c) => c.id === external.id && c.state === 'ended');
    expect(failed).toMatchObject({ endReason: 'unreachable', hungUpBy: 'remote', sipCode: 404 });
    await expect(a.service.dial('sip:2022@lab.test?Route=%3Csip:evil%3E')).rejects.toMatchObject({ code: 'invalid_args' });
  });

  it('declines with 486 by default, 603 on request, and the configured default', async () => {
    const a = await agent('2031');
    const customer = await phone('2032');
    for (const [code, expected] of [
      [undefined, 486],
      [603, 603],
    ] as const) {
      const since = customer.mark();
      await customer.call('2031');
      const ringing = await a.events.waitFor(
        'calls:state',
        (c) => c.state === 'ringing' && !a.callLog.records.some((r) => r.id === c.id),
      );
      await a.service.decline(ringing.id, code);
      const final = await customer.waitFor('final', () => true, 10_000, since);
      expect(final.code).toBe(expected);
      expect(await a.callLog.waitFor((r) => r.id === ringing.id)).toMatchObject({
        endReason: 'declined',
        hungUpBy: 'local',
        sipCode: expected,
        line: 1,
      });
    }

    const strict = await agent('2033', { declineCode: 603 });
    const since = customer.mark();
    await customer.call('2033');
    const ringing = await strict.events.waitFor('calls:state', (c) => c.state === 'ringing');
    await strict.service.decline(ringing.id);
    expect((await customer.waitFor('final', () => true, 10_000, since)).code).toBe(603);
  });

  it('holds and resumes with re-INVITEs the far end sees (sendonly, then sendrecv), and sees its hold', async () => {
    const a = await agent('2041');
    const customer = await phone('2042');
    const { callId, session: customerSession } = await answeredCall(a, customer, '2041');

    let mark = customer.mark();
    expect((await a.service.hold(callId)).state).toBe('held');
    expect((await customer.waitFor('reinvite', () => true, 10_000, mark)).direction).toBe('sendonly');

    mark = customer.mark();
    expect((await a.service.resume(callId)).state).toBe('active');
    expect((await customer.waitFor('reinvite', () => true, 10_000, mark)).direction).toBe('sendrecv');

    // The customer holds us: our view says so (a=sendonly in their offer). Their re-INVITE must wait
    // until our ACK for the resume has reached them (sip.js refuses while that transaction is open).
    await expect
      .poll(
        () =>
          customerSession.invite({ sessionDescriptionHandlerOptions: { hold: true } as object }).then(
            () => true,
            () => false,
          ),
        { interval: 50 },
      )
      .toBe(true);
    await a.events.waitFor('calls:state', (c) => c.id === callId && c.remoteHold);
    await a.service.hangup(callId);
  });

  it('sends DTMF as SIP INFO to the far end and as RFC 4733 through the media port; mutes through it', async () => {
    const a = await agent('2051');
    const customer = await phone('2052');
    const { callId } = await answeredCall(a, customer, '2051');

    const mark = customer.mark();
    await a.service.sendDtmf(callId, '5#', 'info');
    await customer.waitFor('info', (e) => e.body.includes('Signal=#'), 10_000, mark);
    const infos = customer.events.slice(mark).filter((e) => e.name === 'info');
    expect(infos.map((e) => (e as { body: string }).body.split('\r\n')[0])).toEqual(['Signal=5', 'Signal=#']);
    expect(infos.every((e) => (e as { contentType: string }).contentType === 'application/dtmf-relay')).toBe(true);

    await a.service.sendDtmf(callId, '123');
    await expect.poll(() => a.media.dtmf.map((d) => d.tones)).toEqual(['123']);

    const muted = await a.service.mute(callId, true);
    expect(muted.muted).toBe(true);
    expect(a.media.requests.some((r) => r.method === 'mute' && r.params.muted === true)).toBe(true);
    await a.service.hangup(callId);
  });

  it('blind-transfers with REFER: the caller lands on a third UA and our leg ends as transferred', async () => {
    const a = await agent('2061');
    const customer = await phone('2062');
    const colleague = await phone('2063', { autoAnswer: true });
    const { callId } = await answeredCall(a, customer, '2061');

    const pending = await a.service.transfer(callId, '2063');
    expect(pending.transfer).toMatchObject({ status: 'pending', target: 'sip:2063@lab.test' });
    expect((await customer.waitFor('refer')).referTo).toBe('sip:2063@lab.test');
    const landed = await colleague.waitFor('invite');
    expect(landed.from).toBe('2062');
    await colleague.waitFor('established');

    const ended = await a.events.waitFor('calls:state', (c) => c.id === callId && c.state === 'ended');
    expect(ended).toMatchObject({ endReason: 'transferred', hungUpBy: 'local' });
    expect(await a.callLog.waitFor((r) => r.id === callId)).toMatchObject({ endReason: 'transferred' });
  });

  it('offers a second call as call waiting, holds line 1 to answer line 2, rejects a third with 486', async () => {
    const a = await agent('2071');
    const first = await phone('2072');
    const second = await phone('2073');
    const third = await phone('2074');
    const line1 = await answeredCall(a, first, '2071');

    await second.call('2071');
    const waiting = await a.events.waitFor('calls:state', (c) => c.state === 'ringing' && c.remoteUser === '2073');
    expect(waiting).toMatchObject({ line: 2, callWaiting: true });

    const thirdMark = third.mark();
    await third.call('2071');
    expect((await third.waitFor('final', () => true, 10_000, thirdMark)).code).toBe(486);
    expect(await a.callLog.waitFor((r) => r.rawCallerId.includes('sip:2074@'))).toMatchObject({
      endReason: 'lines-busy',
      line: 0,
      sipCode: 486,
    });

    let mark = first.mark();
    await a.service.answer(waiting.id);
    expect((await first.waitFor('reinvite', () => true, 10_000, mark)).direction).toBe('sendonly');
    expect(a.service.listCalls().map((c) => [c.line, c.state])).toEqual([
      [1, 'held'],
      [2, 'active'],
    ]);

    await a.service.hangup(waiting.id);
    mark = first.mark();
    await a.service.resume(line1.callId);
    expect((await first.waitFor('reinvite', () => true, 10_000, mark)).direction).toBe('sendrecv');
    expect(line1.session.state).toBe(SessionState.Established);
    await a.service.hangup(line1.callId);
  });

  it('rejects calls with the configured code while do-not-disturb is on', async () => {
    const a = await agent('2081', { dndCode: 603 });
    const customer = await phone('2082');
    const status = a.service.setDoNotDisturb(true);
    expect(status.dnd).toBe(true);
    await a.events.waitFor('sip:registration', (s) => s.dnd && s.state === 'registered');

    const mark = customer.mark();
    await customer.call('2081');
    expect((await customer.waitFor('final', () => true, 10_000, mark)).code).toBe(603);
    const ended = await a.events.waitFor('calls:state', (c) => c.state === 'ended' && c.endReason === 'dnd');
    expect(ended).toMatchObject({ line: 0, hungUpBy: 'system', sipCode: 603 });
    expect(a.events.all('calls:state', (c) => c.state === 'ringing')).toEqual([]);

    a.service.setDoNotDisturb(false);
    await customer.call('2081');
    const ringing = await a.events.waitFor('calls:state', (c) => c.state === 'ringing');
    await a.service.decline(ringing.id);
  });
});
