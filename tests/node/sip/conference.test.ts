// The local conference's signalling through a real Kamailio with sip.js far ends: joining lines resumes
// them and flags them in calls:state, the media engine is asked to mix each line with the others
// (`mixWith`, after the re-INVITE that resumed it), mute covers every line, and a line that is held or hung
// up leaves the conference while the others keep talking.
import { describe, expect, it } from 'vitest';
import { SessionState, type Session } from 'sip.js';
import type { TestAgent } from './support/agent.js';
import { useSipLab } from './support/sipLab.js';

const { agent, phone, answeredCall } = useSipLab({ auth: true });

/** The sip.js session ids the agent's media engine was asked to create, in order. */
const createdSessions = (a: TestAgent) => a.media.requests.filter((r) => r.method === 'create').map((r) => r.sessionId);

describe('conference (signalling; the mixing is the media engine’s)', () => {
  it('joins a held customer and a consulted colleague, mixes them, mutes both, and survives one leg hanging up', async () => {
    const a = await agent('2301');
    const customer = await phone('2302');
    const colleague = await phone('2303', { autoAnswer: true });
    const first = await answeredCall(a, customer, '2301');
    const second = await a.service.dial('2303');
    await a.events.waitFor('calls:state', (c) => c.id === second.id && c.state === 'active');
    expect(a.service.listCalls().map((c) => [c.id, c.state, c.conference])).toEqual([
      [first.callId, 'held', false],
      [second.id, 'active', false],
    ]);
    const [customerSid, colleagueSid] = createdSessions(a);

    const customerMark = customer.mark();
    const mixMark = a.media.mixes.length;
    const joined = await a.service.conference([first.callId, second.id]);
    expect(joined.map((c) => [c.id, c.state, c.conference])).toEqual([
      [first.callId, 'active', true],
      [second.id, 'active', true],
    ]);
    // The held customer was resumed with a re-INVITE (sendrecv) before joining.
    expect((await customer.waitFor('reinvite', () => true, 10_000, customerMark)).direction).toBe('sendrecv');
    expect(a.media.mixes.slice(mixMark)).toEqual([
      { sessionId: customerSid, sessionIds: [colleagueSid] },
      { sessionId: colleagueSid, sessionIds: [customerSid] },
    ]);
    // Per-session order: the customer's mix request comes after the descriptions of the resume re-INVITE.
    const customerRequests = a.media.requests.filter((r) => r.sessionId === customerSid).map((r) => r.method);
    expect(customerRequests.slice(-3)).toEqual(['getDescription', 'setDescription', 'mixWith']);
    expect(
      a.events
        .all('calls:state', (c) => c.conference === true)
        .map((c) => c.id)
        .sort(),
    ).toEqual([first.callId, second.id].sort());

    // One microphone, two lines: mute on either mutes both.
    await a.service.mute(first.callId, true);
    expect([a.media.isMuted(customerSid!), a.media.isMuted(colleagueSid!)]).toEqual([true, true]);
    expect(a.service.listCalls().map((c) => c.muted)).toEqual([true, true]);
    await a.service.mute(second.id, false);
    expect(a.service.listCalls().map((c) => c.muted)).toEqual([false, false]);

    // The colleague hangs up: the customer stays, active, as an ordinary call again.
    const colleagueSession = (colleague.events.find((e) => e.name === 'established') as { session: Session }).session;
    const afterJoin = a.media.mixes.length;
    await colleague.hangup(colleagueSession);
    const ended = await a.events.waitFor('calls:state', (c) => c.id === second.id && c.state === 'ended');
    expect(ended).toMatchObject({ endReason: 'completed', hungUpBy: 'remote', conference: false });
    const left = await a.events.waitFor(
      'calls:state',
      (c) => c.id === first.callId && c.conference === false && c.state === 'active',
    );
    expect(left.state).toBe('active');
    expect(a.media.mixes.slice(afterJoin)).toEqual([{ sessionId: customerSid, sessionIds: [] }]);
    expect(first.session.state).toBe(SessionState.Established);
    expect(await a.callLog.waitFor((r) => r.id === second.id)).toMatchObject({ conference: true, hungUpBy: 'remote' });

    await a.service.hangup(first.callId);
    expect(await a.callLog.waitFor((r) => r.id === first.callId)).toMatchObject({
      conference: true,
      endReason: 'completed',
      hungUpBy: 'local',
    });
  }, 30_000);

  it('with three lines: holding one takes it out and the other two stay joined; the last one left is a plain call', async () => {
    const a = await agent('2311', { maxLines: 3 });
    const callers = await Promise.all(['2312', '2313', '2314'].map((user) => phone(user)));
    const calls = [];
    for (const caller of callers) calls.push(await answeredCall(a, caller, '2311'));
    const [one, two, three] = calls.map((call) => call.callId) as [string, string, string];
    const [sidOne, sidTwo, sidThree] = createdSessions(a);

    await expect(a.service.conference([one, one])).rejects.toMatchObject({ code: 'invalid_args' });
    await expect(a.service.conference([one, '01939c6e-7a1b-7cc0-8d3e-000000000000'])).rejects.toMatchObject({
      code: 'not_found',
    });

    let mark = a.media.mixes.length;
    await a.service.conference([one, two, three]);
    expect(a.service.listCalls().map((c) => [c.state, c.conference])).toEqual([
      ['active', true],
      ['active', true],
      ['active', true],
    ]);
    expect(a.media.mixes.slice(mark)).toEqual([
      { sessionId: sidOne, sessionIds: [sidTwo, sidThree] },
      { sessionId: sidTwo, sessionIds: [sidOne, sidThree] },
      { sessionId: sidThree, sessionIds: [sidOne, sidTwo] },
    ]);

    mark = a.media.mixes.length;
    const callerTwoMark = callers[1]!.mark();
    expect(await a.service.hold(two)).toMatchObject({ state: 'held', conference: false });
    expect((await callers[1]!.waitFor('reinvite', () => true, 10_000, callerTwoMark)).direction).toBe('sendonly');
    expect(a.media.mixes.slice(mark)).toEqual([
      { sessionId: sidTwo, sessionIds: [] },
      { sessionId: sidOne, sessionIds: [sidThree] },
      { sessionId: sidThree, sessionIds: [sidOne] },
    ]);
    expect(a.service.listCalls().map((c) => [c.id, c.state, c.conference])).toEqual([
      [one, 'active', true],
      [two, 'held', false],
      [three, 'active', true],
    ]);

    // Resuming the held line is a swap: the conference lines are held, so the conference ends.
    await a.service.resume(two);
    expect(a.service.listCalls().map((c) => [c.id, c.state, c.conference])).toEqual([
      [one, 'held', false],
      [two, 'active', false],
      [three, 'held', false],
    ]);
    for (const id of [one, two, three]) await a.service.hangup(id);
  }, 30_000);
});
