// Attended transfer through a real Kamailio with three sip.js phones: the agent holds the customer,
// consults a colleague on line 2, then REFERs the customer with Replaces; the customer and the colleague end
// up in one dialog and both of the agent's legs end as transferred. Also: cancelling the consultation,
// a target that does not support Replaces, a transfer that fails (the target is gone), and the agent as the
// TARGET of a colleague's attended transfer (the caller's INVITE with Replaces takes the consult's line).
import { describe, expect, it } from 'vitest';
import { SessionState, type Session } from 'sip.js';
import { replacesReferTo } from '../../../electron/core/sip/referTo.js';
import type { TestAgent } from './support/agent.js';
import { useSipLab } from './support/sipLab.js';
import type { TestPhone } from './support/testPhone.js';

const { agent, phone, answeredCall } = useSipLab({ auth: true });

/** The agent consults `colleague` about `callId`; the colleague answers. */
async function consultation(a: TestAgent, callId: string, colleague: TestPhone) {
  const customerHold = a.events.mark();
  const colleagueMark = colleague.mark();
  const consult = await a.service.consult(callId, colleague.user);
  await a.events.waitFor('calls:state', (c) => c.id === callId && c.state === 'held', 10_000, customerHold);
  const invite = await colleague.waitFor('invite', () => true, 10_000, colleagueMark);
  await invite.invitation.accept();
  await a.events.waitFor('calls:state', (c) => c.id === consult.id && c.state === 'active');
  return { consult, colleagueSession: invite.invitation as Session };
}

describe('attended transfer', () => {
  it('consults on line 2, REFERs with Replaces: customer and colleague talk, both agent legs end as transferred', async () => {
    const a = await agent('2201');
    const customer = await phone('2202');
    const colleague = await phone('2203', { replaces: true });
    const { callId, session: customerSession } = await answeredCall(a, customer, '2201');

    const holdMark = customer.mark();
    const { consult, colleagueSession } = await consultation(a, callId, colleague);
    expect(consult).toMatchObject({ consultFor: callId, line: 2, direction: 'outbound', remoteUser: '2203' });
    expect((await customer.waitFor('reinvite', () => true, 10_000, holdMark)).direction).toBe('sendonly');

    const pending = await a.service.attendedTransfer(callId, consult.id);
    expect(pending.transfer).toMatchObject({ status: 'pending', target: 'sip:2203@lab.test' });

    // The customer got a REFER whose Refer-To names the colleague with Replaces for the agent↔colleague dialog…
    const refer = await customer.waitFor('refer');
    expect(refer.referTo).toMatch(/^sip:2203@lab\.test\?Replaces=/);
    const replacesInRefer = decodeURIComponent(refer.referTo.split('?Replaces=')[1]!);
    expect(replacesInRefer).toContain(colleagueSession.dialog!.callId);
    // …and called the colleague with that Replaces header; the colleague's phone took the call over.
    const replacing = await colleague.waitFor('invite', (e) => e.replaces !== undefined);
    expect(replacing.from).toBe('2202');
    expect(replacing.replaces).toBe(replacesInRefer);
    await colleague.waitFor('established', (e) => e.session === replacing.invitation);

    const [transferee, target] = await Promise.all([
      a.events.waitFor('calls:state', (c) => c.id === callId && c.state === 'ended'),
      a.events.waitFor('calls:state', (c) => c.id === consult.id && c.state === 'ended'),
    ]);
    expect(transferee).toMatchObject({ endReason: 'transferred', hungUpBy: 'local', sipCode: 200 });
    expect(target).toMatchObject({ endReason: 'transferred', hungUpBy: 'remote' });
    expect(await a.callLog.waitFor((r) => r.id === callId)).toMatchObject({ endReason: 'transferred', hungUpBy: 'local' });
    expect(await a.callLog.waitFor((r) => r.id === consult.id)).toMatchObject({ endReason: 'transferred', hungUpBy: 'remote' });
    expect(a.service.listCalls()).toEqual([]);

    // What is left: one dialog between customer and colleague; their dialogs with the agent are gone.
    await expect.poll(() => customerSession.state).toBe(SessionState.Terminated);
    await expect.poll(() => colleagueSession.state).toBe(SessionState.Terminated);
    const customerToColleague = customer.events.find((e) => e.name === 'established' && e.session !== customerSession) as
      { session: Session } | undefined;
    expect(customerToColleague?.session.state).toBe(SessionState.Established);
    expect(replacing.invitation.state).toBe(SessionState.Established);
    expect(customerToColleague?.session.dialog?.callId).toBe(replacing.invitation.dialog?.callId);
  }, 30_000);

  it('cancelling the consultation hangs it up (ringing or answered) and resumes the customer', async () => {
    const a = await agent('2211');
    const customer = await phone('2212');
    const colleague = await phone('2213');
    const { callId, session: customerSession } = await answeredCall(a, customer, '2211');

    // Still ringing at the colleague: the consultation is cancelled.
    const ringingConsult = await a.service.consult(callId, '2213');
    await a.events.waitFor('calls:state', (c) => c.id === ringingConsult.id && c.state === 'ringback');
    let mark = customer.mark();
    const back = await a.service.cancelConsult(ringingConsult.id);
    expect(back).toMatchObject({ id: callId, state: 'active' });
    expect((await customer.waitFor('reinvite', () => true, 10_000, mark)).direction).toBe('sendrecv');
    expect(await a.callLog.waitFor((r) => r.id === ringingConsult.id)).toMatchObject({
      endReason: 'cancelled',
      hungUpBy: 'local',
    });

    // Answered: the colleague gets a BYE.
    const { consult, colleagueSession } = await consultation(a, callId, colleague);
    mark = customer.mark();
    const colleagueMark = colleague.mark();
    expect(await a.service.cancelConsult(consult.id)).toMatchObject({ id: callId, state: 'active' });
    await colleague.waitFor('bye', () => true, 10_000, colleagueMark);
    expect((await customer.waitFor('reinvite', () => true, 10_000, mark)).direction).toBe('sendrecv');
    expect(await a.callLog.waitFor((r) => r.id === consult.id)).toMatchObject({ endReason: 'completed', hungUpBy: 'local' });
    expect(colleagueSession.state).toBe(SessionState.Terminated);
    expect(customerSession.state).toBe(SessionState.Established);
    expect(a.service.listCalls().map((c) => [c.id, c.state])).toEqual([[callId, 'active']]);
    await expect(a.service.cancelConsult(callId)).rejects.toMatchObject({ code: 'conflict' });
    await a.service.hangup(callId);
  }, 30_000);

  it('ends the leg to a target without Replaces support itself, still as transferred', async () => {
    const a = await agent('2221');
    const customer = await phone('2222');
    // A phone without Replaces support treats the customer's INVITE as a new call (auto-answered here).
    const colleague = await phone('2223', { autoAnswer: true });
    const { callId } = await answeredCall(a, customer, '2221');
    const consult = await a.service.consult(callId, '2223');
    await a.events.waitFor('calls:state', (c) => c.id === consult.id && c.state === 'active');

    await a.service.attendedTransfer(callId, consult.id);
    await colleague.waitFor('invite', (e) => e.from === '2222');
    await a.events.waitFor('calls:state', (c) => c.id === callId && c.state === 'ended');
    const colleagueMark = colleague.mark();
    const target = await a.events.waitFor('calls:state', (c) => c.id === consult.id && c.state === 'ended', 10_000);
    expect(target).toMatchObject({ endReason: 'transferred', hungUpBy: 'local' });
    await colleague.waitFor('bye', () => true, 10_000, colleagueMark);
  }, 30_000);

  it('a failed transfer (the target went away) leaves both calls to the operator, marked failed', async () => {
    const a = await agent('2231');
    const customer = await phone('2232');
    const colleague = await phone('2233', { replaces: true });
    const { callId } = await answeredCall(a, customer, '2231');
    const { consult } = await consultation(a, callId, colleague);
    await colleague.unregister();

    await a.service.attendedTransfer(callId, consult.id);
    const failed = await a.events.waitFor('calls:state', (c) => c.id === callId && c.transfer?.status === 'failed');
    expect(failed.transfer).toMatchObject({ target: 'sip:2233@lab.test', code: 404 });
    expect(
      a.service
        .listCalls()
        .map((c) => c.state)
        .sort(),
    ).toEqual(['active', 'held']);
    // The operator may try again, or give up and go back to the customer.
    expect(await a.service.cancelConsult(consult.id)).toMatchObject({ id: callId, state: 'active' });
    await expect(a.service.attendedTransfer(callId, callId)).rejects.toMatchObject({ code: 'invalid_args' });
    await a.service.hangup(callId);
  }, 30_000);

  it("as the target: a colleague hands over their caller, who takes the consult call's line without ringing", async () => {
    const a = await agent('2211');
    const customer = await phone('2212');
    const colleague = await phone('2213', { autoAnswer: true });
    // The customer is talking to the colleague, who consults the agent.
    await customer.call('2213');
    const withCustomer = (await colleague.waitFor('established')).session;
    await customer.waitFor('established');
    const consultMark = a.events.mark();
    const consultation = await colleague.call('2211');
    const ringing = await a.events.waitFor(
      'calls:state',
      (c) => c.state === 'ringing' && c.remoteUser === '2213',
      10_000,
      consultMark,
    );
    await a.service.answer(ringing.id);
    await a.events.waitFor('calls:state', (c) => c.id === ringing.id && c.state === 'active');
    await colleague.waitFor('established', (e) => e.session === consultation);

    // The colleague transfers: the customer gets a REFER naming the agent's dialog and calls with Replaces.
    const handover = a.events.mark();
    const customerMark = customer.mark();
    await withCustomer.refer(replacesReferTo(consultation.remoteIdentity.uri, consultation.dialog!));
    const taken = await a.events.waitFor('calls:state', (c) => c.remoteUser === '2212' && c.state === 'active', 10_000, handover);
    expect(taken).toMatchObject({ direction: 'inbound', line: ringing.line, callWaiting: false, handedOverBy: 'Test 2213' });
    const consultEnd = await a.events.waitFor('calls:state', (c) => c.id === ringing.id && c.state === 'ended', 10_000, handover);
    expect(consultEnd).toMatchObject({ endReason: 'transferred', hungUpBy: 'remote' });
    // No ringing in between: the operator was already on this conversation.
    const newCallStates = a.events.all('calls:state', (c) => c.id === taken.id).map((c) => c.state);
    expect(newCallStates).toEqual(['connecting', 'active']);
    expect((await customer.waitFor('established', () => true, 10_000, customerMark)).session.state).toBe(
      SessionState.Established,
    );
    await colleague.waitFor('terminated', (e) => e.session === consultation);
    expect(await a.callLog.waitFor((r) => r.id === ringing.id)).toMatchObject({ endReason: 'transferred', hungUpBy: 'remote' });

    // The caller is the agent's now: hanging up ends it normally.
    await a.service.hangup(taken.id);
    expect(await a.callLog.waitFor((r) => r.id === taken.id)).toMatchObject({ direction: 'inbound', hungUpBy: 'local' });
  });
});
