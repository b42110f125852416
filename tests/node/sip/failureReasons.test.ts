// What the renderer needs to tell the operator what happened, from the real SipService against a real Kamailio
// and sip.js far ends: outbound refusals end with the endReason / sipCode the softphone bar's notice maps
// (renderer/src/softphone/callEndNotice.ts, checked here on the real views), and a refused command carries a
// machine-readable reason (softphoneFailureDetails) instead of a bare `conflict` or `unavailable`.
import { describe, expect, it } from 'vitest';
import type { MediaPeerMethod } from '../../../electron/core/sip/mediaBridge.js';
import { softphoneFailureDetails, softphoneFailureOf } from '../../../electron/shared/ipc/softphone.js';
import { callEndKind } from '../../../renderer/src/softphone/callEndNotice.js';
import { createTestAgent } from './support/agent.js';
import { useSipLab } from './support/sipLab.js';

const lab = useSipLab({ auth: true });
const { phone, answeredCall } = lab;

describe('why an outbound call ended', () => {
  it.each([
    [486, 'busy', 'busy'],
    [603, 'rejected', 'declined'],
    [480, 'unreachable', 'unreachable'],
    [484, 'rejected', 'invalidNumber'],
  ] as const)('a far end answering %i ends the call as %s, which the notice reads as %s', async (code, endReason, kind) => {
    const a = await lab.agent('2701');
    const callee = await phone('2702');
    const since = callee.mark();
    const dialing = await a.service.dial('2702');
    await callee.waitFor('invite', () => true, 10_000, since);
    await callee.ringing().reject({ statusCode: code });
    const ended = await a.events.waitFor('calls:state', (c) => c.id === dialing.id && c.state === 'ended');
    expect(ended).toMatchObject({ direction: 'outbound', endReason, hungUpBy: 'remote', sipCode: code });
    expect(callEndKind(ended)).toBe(kind);
  });

  it('a call the far end hangs up after the answer needs no notice; one we cancel neither', async () => {
    const a = await lab.agent('2711');
    const callee = await phone('2712');
    const answered = await a.service.dial('2712');
    await callee.waitFor('invite');
    await callee.ringing().accept();
    const established = await callee.waitFor('established');
    await callee.hangup(established.session);
    const completed = await a.events.waitFor('calls:state', (c) => c.id === answered.id && c.state === 'ended');
    expect(completed).toMatchObject({ endReason: 'completed', hungUpBy: 'remote' });
    expect(callEndKind(completed)).toBeNull();

    const since = callee.mark();
    const cancelled = await a.service.dial('2712');
    await callee.waitFor('invite', () => true, 10_000, since);
    await a.service.hangup(cancelled.id);
    const view = await a.events.waitFor('calls:state', (c) => c.id === cancelled.id && c.state === 'ended');
    expect(view).toMatchObject({ endReason: 'cancelled', hungUpBy: 'local' });
    expect(callEndKind(view)).toBeNull();
  });
});

describe('why a command failed', () => {
  it('says the line is not registered, and which dial targets cannot be called', async () => {
    const offline = await createTestAgent({ servers: [lab.proxy().wsUrl], user: '2720' });
    await expect(offline.service.dial('2721')).rejects.toMatchObject({
      code: 'unavailable',
      details: softphoneFailureDetails('not-registered'),
    });
    const a = await lab.agent('2722');
    await expect(a.service.dial('sip:2721@lab.test?Route=%3Csip:evil%3E')).rejects.toMatchObject({
      code: 'invalid_args',
      details: softphoneFailureDetails('invalid-sip-address'),
    });
  });

  it('tells every line in use, no such call and a call not on hold apart (all of them used to be bare codes)', async () => {
    const a = await lab.agent('2731', { maxLines: 1 });
    const customer = await phone('2732');
    const { callId } = await answeredCall(a, customer, '2731');
    const busy = await a.service.dial('2733').catch((error: unknown) => error);
    expect(busy).toMatchObject({ code: 'conflict', details: softphoneFailureDetails('lines-busy') });
    expect(softphoneFailureOf(busy as { details?: { path: string; message: string }[] })).toEqual({ reason: 'lines-busy' });
    await expect(a.service.resume(callId)).rejects.toMatchObject({ code: 'conflict', details: softphoneFailureDetails('not-held') });
    await expect(a.service.answer(callId)).rejects.toMatchObject({ code: 'conflict', details: softphoneFailureDetails('not-ringing') });
    await expect(a.service.hangup('01939c6e-7a1b-7cc0-8d3e-000000000000')).rejects.toMatchObject({
      code: 'not_found',
      details: softphoneFailureDetails('call-ended'),
    });
  });

  it('reports a hold the far end refuses as hold-refused with its SIP code, and the call goes on', async () => {
    const a = await lab.agent('2741');
    const customer = await phone('2742');
    const { callId } = await answeredCall(a, customer, '2741');
    // The customer's phone cannot take the new offer: sip.js answers the re-INVITE with 488 Not Acceptable Here.
    const request = customer.media.request.bind(customer.media);
    customer.media.request = (method: MediaPeerMethod, sessionId: string, params: Record<string, unknown>) =>
      method === 'setDescription' ? Promise.reject(new Error('no codec in common')) : request(method, sessionId, params);
    await expect(a.service.hold(callId)).rejects.toMatchObject({
      code: 'conflict',
      details: softphoneFailureDetails('hold-refused', 488),
    });
    expect(a.service.listCalls()).toMatchObject([{ id: callId, state: 'active' }]);
  });

  it('reports an answer without media as media-failed, and the ended view as an answer that failed', async () => {
    const a = await lab.agent('2751', { mediaHub: true });
    a.hub!.detach(a.engine!, 'the console window closed');
    const customer = await phone('2752');
    await customer.call('2751');
    const ringing = await a.events.waitFor('calls:state', (c) => c.state === 'ringing');
    await expect(a.service.answer(ringing.id)).rejects.toMatchObject({
      code: 'unavailable',
      details: softphoneFailureDetails('media-failed'),
    });
    const ended = await a.events.waitFor('calls:state', (c) => c.id === ringing.id && c.state === 'ended');
    expect(ended).toMatchObject({ endReason: 'failed', hungUpBy: 'system', sipCode: 480 });
    expect(callEndKind(ended)).toBe('answerFailed');
  });
});
