// Changing SIP settings on a working desk, through a real Kamailio: a change that needs a new connection
// (here the display name) never cuts a call; it waits for the calls to end and then re-registers. Two quick
// Saves make one user agent with the newest settings, not two registered side by side.
import { describe, expect, it } from 'vitest';
import type { CallView } from '../../../electron/shared/ipc/softphone.js';
import { useSipLab } from './support/sipLab.js';

const { agent, phone, answeredCall } = useSipLab();

/** The display name the phone sees on the agent's next outbound call to it. */
async function displayNameOfNextCall(desk: Awaited<ReturnType<typeof agent>>, to: Awaited<ReturnType<typeof phone>>) {
  const mark = to.mark();
  const view = await desk.service.dial(to.user);
  const invite = await to.waitFor('invite', () => true, 10_000, mark);
  await desk.service.hangup(view.id);
  await desk.events.waitFor('calls:state', (call) => call.id === view.id && call.state === 'ended');
  return invite.displayName;
}

describe('SIP settings changed on a working desk', () => {
  it('a connection change during a call waits until the call ends, then re-registers with it', async () => {
    const desk = await agent('2201', { displayName: 'Desk One' });
    const caller = await phone('2202');
    const { callId, session } = await answeredCall(desk, caller, '2201');

    const changed = desk.events.mark();
    await desk.service.reconfigure({ ...desk.config, displayName: 'Ayşe Yılmaz' });
    // The call goes on: nothing ended, nothing unregistered.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(desk.events.all('calls:state', (call) => call.state === 'ended')).toEqual([]);
    expect(desk.service.status().state).toBe('registered');
    expect(desk.logger.lines.map((line) => line.message)).toContain('sip settings changed; the new connection waits for the calls to end');

    await caller.hangup(session);
    const ended = await desk.events.waitFor('calls:state', (call) => call.id === callId && call.state === 'ended', 10_000, changed);
    expect(ended).toMatchObject({ endReason: 'completed', hungUpBy: 'remote' });
    // Then the new connection: it registers again, and calls out under the new name.
    await desk.events.waitFor('sip:registration', (status) => status.state === 'registering', 10_000, changed);
    await desk.events.waitFor('sip:registration', (status) => status.state === 'registered', 10_000, changed);
    expect(await displayNameOfNextCall(desk, caller)).toBe('Ayşe Yılmaz');
  }, 40_000);

  it('quitting while a change is half-way does not start a new connection afterwards', async () => {
    const desk = await agent('2205', { displayName: 'Desk Five' });
    const mark = desk.events.mark();
    const changing = desk.service.reconfigure({ ...desk.config, displayName: 'Saved Just Before Quit' });
    // Quit once the old connection has begun to unregister, i.e. while the change waits for it.
    await desk.events.waitFor('sip:registration', () => true, 10_000, mark);
    await desk.service.stop();
    const stoppedAt = desk.events.mark();
    await changing;
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(desk.events.events.slice(stoppedAt).filter((event) => event.name === 'sip:registration')).toEqual([]);
    expect(desk.service.status().state).not.toBe('registered');
  }, 40_000);

  it('two changes in a row make one user agent with the newest settings', async () => {
    const desk = await agent('2203', { displayName: 'Desk Three' });
    const caller = await phone('2204');
    await Promise.all([
      desk.service.reconfigure({ ...desk.config, displayName: 'First Save' }),
      desk.service.reconfigure({ ...desk.config, displayName: 'Second Save' }),
    ]);
    await desk.events.waitFor('sip:registration', (status) => status.state === 'registered', 10_000, desk.events.mark());
    expect(await displayNameOfNextCall(desk, caller)).toBe('Second Save');

    // One registration answers: a call to the desk rings once, on one line (two user agents would both ring).
    const mark = desk.events.mark();
    await caller.call('2203');
    await desk.events.waitFor('calls:state', (call) => call.state === 'ringing', 10_000, mark);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const ringing = desk.events.events
      .slice(mark)
      .flatMap((event) => (event.name === 'calls:state' ? [event.payload as CallView] : []))
      .filter((call) => call.state === 'ringing')
      .map((call) => call.id);
    expect(new Set(ringing).size).toBe(1);
  }, 40_000);
});
