// The call log does not depend on the renderer: media goes through the production MediaPeerHub, the
// renderer's engine detaches mid-call (page closed, reloaded, crashed), and every call still reaches SQLite
// with who hung up, the SIP code/reason, and the transferred / conference outcomes. Real Kamailio, sip.js far ends.
import { describe, expect, it } from 'vitest';
import type { Session } from 'sip.js';
import { openDatabase } from '../../../db/database.js';
import { CallLogRepository } from '../../../db/repositories/callLog.js';
import { DatabaseCallLog } from '../../../electron/core/app/callLogStore.js';
import { MemoryLogger } from '../../../electron/core/log/memoryLogger.js';
import { migrationsFolder } from '../../support/paths.js';
import { useTempDirs } from '../../support/tempDir.js';
import type { TestAgent } from './support/agent.js';
import { useSipLab } from './support/sipLab.js';

const tempDir = useTempDirs();
const lab = useSipLab({ auth: true });
const { phone, answeredCall } = lab;

/** An agent whose calls go to a fresh SQLite file, with its media engine behind the hub. */
async function agent(user: string): Promise<{ a: TestAgent; rows: () => ReturnType<CallLogRepository['listNewest']> }> {
  const database = openDatabase({ path: `${tempDir()}/agentdesk.db`, migrationsFolder, onDamaged: 'fail' });
  lab.afterTest(() => database.close());
  const a = await lab.agent(user, { mediaHub: true, alsoLogTo: new DatabaseCallLog(database, new MemoryLogger()) });
  const repository = new CallLogRepository(database.sqlite);
  return { a, rows: () => repository.listNewest({ limit: 50 }) };
}

/** The renderer's page goes away: pending and later media requests fail at once. */
function rendererGone(a: TestAgent): void {
  a.hub!.detach(a.engine!, 'the console window closed');
  expect(a.hub!.attached).toBeNull();
}

describe('the call log without a renderer', () => {
  it('logs who hung up on calls that lost their media engine mid-call', async () => {
    const { a, rows } = await agent('2401');
    const first = await phone('2402');
    const second = await phone('2403');
    const one = await answeredCall(a, first, '2401');
    const two = await answeredCall(a, second, '2401');
    rendererGone(a);

    await first.hangup(one.session);
    expect(await a.callLog.waitFor((r) => r.id === one.callId)).toMatchObject({ endReason: 'completed', hungUpBy: 'remote' });
    await a.service.hangup(two.callId);
    await second.waitFor('bye');
    expect(await a.callLog.waitFor((r) => r.id === two.callId)).toMatchObject({ endReason: 'completed', hungUpBy: 'local' });
    // The media engine's close failed (nobody there); logged, not fatal.
    expect(a.logger.lines.some((l) => l.message === 'media request failed' && l.fields?.method === 'close')).toBe(true);

    expect(rows().map((r) => [r.id, r.hungUpBy, r.sipReason, r.answerAt !== null, r.durationMs! >= 0])).toEqual([
      [two.callId, 'local', 'completed', true, true],
      [one.callId, 'remote', 'completed', true, true],
    ]);
  }, 30_000);

  it('logs calls that could not get media with the SIP code and reason', async () => {
    const { a, rows } = await agent('2411');
    const customer = await phone('2412');
    rendererGone(a);

    await customer.call('2411');
    const ringing = await a.events.waitFor('calls:state', (c) => c.state === 'ringing');
    await expect(a.service.answer(ringing.id)).rejects.toMatchObject({ code: 'unavailable' });
    expect((await customer.waitFor('final')).code).toBe(480);
    const refused = await a.callLog.waitFor((r) => r.id === ringing.id);
    expect(refused).toMatchObject({ endReason: 'failed', hungUpBy: 'system', sipCode: 480 });
    expect(refused.sipReason).toMatch(/media engine/i);

    const dialed = await a.service.dial('2412');
    const failed = await a.callLog.waitFor((r) => r.id === dialed.id);
    expect(failed).toMatchObject({ direction: 'outbound', endReason: 'failed', hungUpBy: 'system' });
    expect(failed.sipReason).toMatch(/media engine/i);
    expect(rows().map((r) => [r.direction, r.hungUpBy, r.sipCode])).toEqual([
      ['outbound', 'system', null],
      ['inbound', 'system', 480],
    ]);
  }, 30_000);

  it('completes attended and blind transfers and logs every leg as transferred', async () => {
    const { a, rows } = await agent('2421');
    const customer = await phone('2422');
    const colleague = await phone('2423', { replaces: true });
    const { callId } = await answeredCall(a, customer, '2421');
    const consult = await a.service.consult(callId, '2423');
    await (await colleague.waitFor('invite')).invitation.accept();
    await a.events.waitFor('calls:state', (c) => c.id === consult.id && c.state === 'active');
    rendererGone(a);

    await a.service.attendedTransfer(callId, consult.id);
    const replacing = await colleague.waitFor('invite', (e) => e.replaces !== undefined);
    await colleague.waitFor('established', (e) => e.session === replacing.invitation);
    expect(await a.callLog.waitFor((r) => r.id === callId)).toMatchObject({
      endReason: 'transferred',
      hungUpBy: 'local',
      sipCode: 200,
    });
    expect(await a.callLog.waitFor((r) => r.id === consult.id)).toMatchObject({ endReason: 'transferred', hungUpBy: 'remote' });

    // A blind transfer: the renderer came back for the answer and went again before the REFER.
    a.hub!.attach(a.engine!);
    const later = await phone('2424');
    const helpdesk = await phone('2425', { autoAnswer: true });
    const blind = await answeredCall(a, later, '2421');
    rendererGone(a);
    await a.service.transfer(blind.callId, '2425');
    await helpdesk.waitFor('established');
    expect(await a.callLog.waitFor((r) => r.id === blind.callId)).toMatchObject({ endReason: 'transferred', hungUpBy: 'local' });

    expect(rows().map((r) => [r.id, r.hungUpBy, r.sipCode, r.sipReason])).toEqual([
      [blind.callId, 'local', 200, 'transferred'],
      [consult.id, 'remote', null, 'transferred'],
      [callId, 'local', 200, 'transferred'],
    ]);
  }, 30_000);

  it('logs both conference lines (flag, who hung up) when the renderer goes mid-conference', async () => {
    const { a, rows } = await agent('2431');
    const customer = await phone('2432');
    const colleague = await phone('2433', { autoAnswer: true });
    const first = await answeredCall(a, customer, '2431');
    const second = await a.service.dial('2433');
    await a.events.waitFor('calls:state', (c) => c.id === second.id && c.state === 'active');
    await a.service.conference([first.callId, second.id]);
    rendererGone(a);

    const colleagueSession = (colleague.events.find((e) => e.name === 'established') as { session: Session }).session;
    await colleague.hangup(colleagueSession);
    expect(await a.callLog.waitFor((r) => r.id === second.id)).toMatchObject({
      conference: true,
      endReason: 'completed',
      hungUpBy: 'remote',
    });
    // The customer stays connected as an ordinary call; the engine could not be told to stop mixing (logged).
    await a.events.waitFor('calls:state', (c) => c.id === first.callId && c.conference === false && c.state === 'active');
    await expect.poll(() => a.logger.lines.some((l) => JSON.stringify(l.fields ?? {}).includes('end conference mix'))).toBe(true);
    await a.service.hangup(first.callId);
    expect(await a.callLog.waitFor((r) => r.id === first.callId)).toMatchObject({ conference: true, hungUpBy: 'local' });
    // Newest first by invite time: the colleague was called after the customer's call came in.
    expect(rows().map((r) => [r.id, r.hungUpBy, r.sipReason])).toEqual([
      [second.id, 'remote', 'completed'],
      [first.callId, 'local', 'completed'],
    ]);
  }, 30_000);
});
