// The agent state machine with the fake clock, the real settings and a real SQLite file: start-up and
// shutdown, calls moving the state, every after-call-work mode and limit, the pending "after this call" state,
// not-ready time limits, the reject code, and the state log with its outbox rows.
import { afterEach, describe, expect, it } from 'vitest';
import { agentHandlers } from '../../../electron/core/agent/agentHandlers.js';
import { createDispatcher, type CommandHandlers } from '../../../electron/core/ipc/dispatcher.js';
import type { AfterCallWork } from '../../../electron/shared/workflow.js';
import { useTempDirs } from '../../support/tempDir.js';
import { openAgentDesk, TestCall, type AgentDesk, type AgentDeskOptions } from './agentTestSupport.js';

const tempDir = useTempDirs('agentdesk-agent-');
const T0 = 1_700_000_000_000;
const second = 1000;
const minute = 60 * second;

let open: AgentDesk[] = [];
function desk(options: AgentDeskOptions = {}): AgentDesk {
  const made = openAgentDesk(tempDir(), options);
  open.push(made);
  return made;
}
afterEach(() => {
  for (const made of open) {
    expect(made.events.contractViolations).toEqual([]);
    made.close();
  }
  open = [];
});

function acw(rules: Partial<AfterCallWork>): AgentDeskOptions {
  return {
    settings: {
      'agent.afterCallWork': {
        mode: 'mandatory',
        limitSeconds: 120,
        defaultDisposition: 'no-outcome',
        requireDisposition: true,
        ...rules,
      },
    },
  };
}

/** An available agent takes an inbound call, talks for a minute, and the caller hangs up. */
function takeCall(agent: AgentDesk, id = 'call-a'): TestCall {
  const call = new TestCall(agent, id).start();
  agent.clock.advance(2 * second);
  call.answer();
  agent.clock.advance(minute);
  return call.end();
}

describe('start-up and shutdown', () => {
  it('starts Not ready (a system change in the log) and refuses calls with the configured code until Ready', () => {
    const agent = desk();
    expect(agent.service.status()).toEqual({
      state: 'notReady',
      reasonCode: null,
      since: T0,
      callId: null,
      pending: null,
      acw: null,
      overLimit: false,
    });
    expect(agent.rows()).toEqual([{ agent: '1001', state: 'notReady', reasonCode: null, callId: null, cause: 'system', at: T0 }]);
    expect(agent.service.admitIncomingCall()).toEqual({ accept: false, code: 480 });
    agent.settings.set('agent.unavailableCode', 603);
    expect(agent.service.admitIncomingCall()).toEqual({ accept: false, code: 603 });

    agent.clock.advance(5 * second);
    agent.service.setState({ state: 'available' });
    expect(agent.service.admitIncomingCall()).toEqual({ accept: true });
    expect(agent.last()).toMatchObject({ state: 'available', since: T0 + 5 * second });
  });

  it('starts Available when the centre provisions agent.stateAtStart = available', () => {
    const agent = desk({ settings: { 'agent.stateAtStart': 'available' } });
    expect(agent.service.status().state).toBe('available');
    expect(agent.service.admitIncomingCall()).toEqual({ accept: true });
  });

  it('closes a session the app never ended (killed) with Logged out, and logs Logged out at shutdown', () => {
    const agent = desk({
      previous: [{ agent: '1001', state: 'onCall', reasonCode: null, callId: 'call-0', cause: 'call', at: T0 - 10 * minute }],
    });
    // No alive mark (a desk from before it existed): the session ends at its last change, the most we know.
    expect(agent.rows()).toEqual([
      { agent: '1001', state: 'loggedOut', reasonCode: null, callId: null, cause: 'system', at: T0 - 10 * minute },
      { agent: '1001', state: 'notReady', reasonCode: null, callId: null, cause: 'system', at: T0 },
    ]);
    expect(agent.logger.lines.filter((line) => line.message === 'the previous session ended without logging out')).toHaveLength(
      1,
    );

    agent.service.setState({ state: 'break', reasonCode: 'break' });
    agent.clock.advance(minute);
    agent.service.close();
    agent.service.close();
    expect(agent.rows().slice(2)).toEqual([
      { agent: '1001', state: 'break', reasonCode: 'break', callId: null, cause: 'operator', at: T0 },
      { agent: '1001', state: 'loggedOut', reasonCode: null, callId: null, cause: 'system', at: T0 + minute },
    ]);
    expect(agent.clock.pending()).toEqual([]); // the break's time limit was cancelled
    expect(agent.last().state).toBe('loggedOut');
  });

  it('closes a crashed session when the app was last seen running, not at the next start (worked hours)', () => {
    const hour = 60 * minute;
    // Available from 08:00; the PC lost power at about 18:00 (the last mark); the app starts again 15 h later.
    const agent = desk({
      previous: [{ agent: '1001', state: 'available', reasonCode: null, callId: null, cause: 'operator', at: T0 - 25 * hour }],
      aliveMark: { agent: '1001', at: T0 - 15 * hour },
    });
    expect(agent.rows()[0]).toEqual({
      agent: '1001',
      state: 'loggedOut',
      reasonCode: null,
      callId: null,
      cause: 'system',
      at: T0 - 15 * hour,
    });
    expect(agent.aliveMark?.read()).toEqual({ agent: '1001', at: T0 });

    // While it runs the mark moves on every minute; after close nothing is pending.
    agent.clock.advance(minute);
    expect(agent.aliveMark?.read()).toEqual({ agent: '1001', at: T0 + minute });
    agent.clock.advance(30 * minute);
    expect(agent.aliveMark?.read()).toEqual({ agent: '1001', at: T0 + 31 * minute });
    agent.service.close();
    expect(agent.clock.pending()).toEqual([]);
  });

  it("closes the crashed session of the operator who was logged in then, when the next start is another's", () => {
    const agent = desk({
      previous: [{ agent: '1002', state: 'onCall', reasonCode: null, callId: 'call-9', cause: 'call', at: T0 - 90 * minute }],
      aliveMark: { agent: '1002', at: T0 - 60 * minute },
    });
    expect(agent.rows()).toEqual([
      { agent: '1002', state: 'loggedOut', reasonCode: null, callId: null, cause: 'system', at: T0 - 60 * minute },
      { agent: '1001', state: 'notReady', reasonCode: null, callId: null, cause: 'system', at: T0 },
    ]);
  });

  it('never dates a closing before the last change or after now, whatever the mark says', () => {
    const early = desk({
      previous: [{ agent: '1001', state: 'break', reasonCode: 'break', callId: null, cause: 'operator', at: T0 - 5 * minute }],
      aliveMark: { agent: '1001', at: T0 - 60 * minute },
    });
    expect(early.rows()[0]).toMatchObject({ state: 'loggedOut', at: T0 - 5 * minute });
    const late = desk({
      previous: [{ agent: '1001', state: 'break', reasonCode: 'break', callId: null, cause: 'operator', at: T0 - 5 * minute }],
      aliveMark: { agent: '1001', at: T0 + 60 * minute }, // the desk's clock was set back meanwhile
    });
    expect(late.rows()[0]).toMatchObject({ state: 'loggedOut', at: T0 });
  });

  it('a new SIP user on the desk logs the old agent out and the new one in', () => {
    const agent = desk({ settings: { 'agent.stateAtStart': 'available' } });
    agent.clock.advance(minute);
    agent.settings.set('sip.user', '1002');
    expect(agent.rows()).toEqual([
      { agent: '1001', state: 'available', reasonCode: null, callId: null, cause: 'system', at: T0 },
      { agent: '1001', state: 'loggedOut', reasonCode: null, callId: null, cause: 'system', at: T0 + minute },
      { agent: '1002', state: 'available', reasonCode: null, callId: null, cause: 'system', at: T0 + minute },
    ]);
  });

  it("the old agent's call, which goes on after the switch, never moves the new agent", () => {
    const agent = desk({ settings: { 'agent.stateAtStart': 'available' } });
    const call = new TestCall(agent, 'call-of-1001').start().answer();
    expect(agent.last()).toMatchObject({ state: 'onCall' });
    agent.settings.set('sip.user', '1002');
    expect(agent.last()).toMatchObject({ state: 'available' });
    call.hold().resume().mute();
    agent.clock.advance(minute);
    call.end();
    expect(agent.last()).toMatchObject({ state: 'available', acw: null });
    expect(agent.rows().filter((row) => row.agent === '1002').map((row) => row.state)).toEqual(['available']);
    // The new agent's own calls count as before.
    new TestCall(agent, 'call-of-1002').start();
    expect(agent.last()).toMatchObject({ state: 'ringing', callId: 'call-of-1002' });
  });
});

describe('calls move the state', () => {
  it('rings, goes On call, and a missed call returns to Available without wrap-up', () => {
    const agent = desk();
    agent.service.setState({ state: 'available' });
    const missed = new TestCall(agent, 'call-missed').start();
    expect(agent.last()).toMatchObject({ state: 'ringing', callId: 'call-missed' });
    agent.clock.advance(20 * second);
    missed.end('missed');
    expect(agent.last()).toMatchObject({ state: 'available', callId: null, acw: null });
    expect(
      agent
        .rows()
        .slice(1)
        .map((row) => [row.state, row.cause, row.callId]),
    ).toEqual([
      ['available', 'operator', null],
      ['ringing', 'call', 'call-missed'],
      ['available', 'call', null],
    ]);
  });

  it('ignores the end of a call refused before it rang (it was never the agent’s)', () => {
    const agent = desk();
    const refused = new TestCall(agent, 'refused');
    refused.end('agent-unavailable');
    expect(agent.service.status().state).toBe('notReady');
    expect(agent.rows()).toHaveLength(1);
  });

  it('lets a second call ring while On call (call waiting) and follows the line the operator talks on', () => {
    const agent = desk(acw({ limitSeconds: 0 }));
    agent.service.setState({ state: 'available' });
    const first = new TestCall(agent, 'call-a').start().answer();
    expect(agent.service.admitIncomingCall()).toEqual({ accept: true });
    const second_ = new TestCall(agent, 'call-b').start({ line: 2, callWaiting: true });
    expect(agent.last()).toMatchObject({ state: 'onCall', callId: 'call-a' });
    first.hold();
    second_.answer();
    expect(agent.last()).toMatchObject({ state: 'onCall', callId: 'call-b' });
    second_.end();
    expect(agent.last()).toMatchObject({ state: 'onCall', callId: 'call-a' });
    first.resume().mute().end();
    // Both calls need their wrap-up: the last one first, then the other.
    expect(agent.last()).toMatchObject({ state: 'wrapUp', callId: 'call-a' });
    agent.service.wrapUpSubmitted('call-a');
    expect(agent.last()).toMatchObject({ state: 'wrapUp', callId: 'call-b', acw: { canExit: false } });
    agent.service.wrapUpSubmitted('call-b');
    expect(agent.last()).toMatchObject({ state: 'available', acw: null });
    expect(
      agent
        .rows()
        .slice(2)
        .map((row) => [row.state, row.callId]),
    ).toEqual([
      ['ringing', 'call-a'],
      ['onCall', 'call-a'],
      ['onCall', 'call-b'],
      ['onCall', 'call-a'],
      ['wrapUp', 'call-a'],
      ['wrapUp', 'call-b'],
      ['available', null],
    ]);
  });

  it('returns to the state before the call: Not ready (meeting) → outbound call → wrap-up → Not ready (meeting)', () => {
    const agent = desk();
    agent.service.setState({ state: 'notReady', reasonCode: 'meeting' });
    const outbound = new TestCall(agent, 'call-out', 'outbound').start();
    expect(agent.last()).toMatchObject({ state: 'onCall', callId: 'call-out' });
    agent.clock.advance(5 * second);
    outbound.answer();
    agent.clock.advance(minute);
    outbound.end();
    expect(agent.last()).toMatchObject({ state: 'wrapUp', callId: 'call-out' });
    agent.service.wrapUpSubmitted('call-out');
    expect(agent.last()).toMatchObject({ state: 'notReady', reasonCode: 'meeting', callId: null });
  });

  it('wraps up a call submitted during the call only when the mode is time-boxed', () => {
    const mandatory = desk();
    mandatory.service.setState({ state: 'available' });
    const call = new TestCall(mandatory, 'call-a').start().answer();
    mandatory.service.wrapUpSubmitted('call-a');
    call.end();
    expect(mandatory.rows().map((row) => row.state)).toEqual(['notReady', 'available', 'ringing', 'onCall', 'available']);

    const timeboxed = desk(acw({ mode: 'timeboxed', limitSeconds: 15 }));
    timeboxed.service.setState({ state: 'available' });
    const boxed = new TestCall(timeboxed, 'call-b').start().answer();
    timeboxed.service.wrapUpSubmitted('call-b');
    boxed.end();
    expect(timeboxed.last()).toMatchObject({ state: 'wrapUp', callId: 'call-b', acw: { mode: 'timeboxed', canExit: false } });
    timeboxed.clock.advance(15 * second);
    expect(timeboxed.last().state).toBe('available');
    expect(timeboxed.filed).toEqual([]);
  });
});

describe('after-call work', () => {
  it('mandatory with a limit: Ready waits; when time runs out the default disposition is filed and the agent is Available', () => {
    const agent = desk(); // built-in: mandatory, 120 s, default "no-outcome", disposition required
    agent.service.setState({ state: 'available' });
    takeCall(agent);
    const ended = agent.clock.now();
    expect(agent.last()).toMatchObject({
      state: 'wrapUp',
      callId: 'call-a',
      acw: { mode: 'mandatory', deadline: ended + 120 * second, canExit: false },
    });
    expect(agent.service.admitIncomingCall()).toEqual({ accept: false, code: 480 });

    agent.service.setState({ state: 'available' });
    expect(agent.last()).toMatchObject({ state: 'wrapUp', pending: { state: 'available', reasonCode: null } });
    agent.clock.advance(120 * second - 1);
    expect(agent.service.status().state).toBe('wrapUp');
    expect(agent.filed).toEqual([]);
    agent.clock.advance(1);
    expect(agent.filed).toEqual([['call-a', 'no-outcome']]);
    expect(agent.last()).toMatchObject({ state: 'available', pending: null, acw: null, since: ended + 120 * second });
    expect(agent.rows().at(-1)).toMatchObject({ state: 'available', cause: 'timeout', at: ended + 120 * second });
  });

  it('mandatory: submitting the wrap-up ends it at once and cancels the limit', () => {
    const agent = desk();
    agent.service.setState({ state: 'available' });
    takeCall(agent);
    agent.clock.advance(30 * second);
    agent.service.wrapUpSubmitted('call-a');
    expect(agent.last()).toMatchObject({ state: 'available', acw: null });
    expect(agent.rows().at(-1)).toMatchObject({ state: 'available', cause: 'operator' });
    expect(agent.clock.pending()).toEqual([]);
    agent.clock.advance(10 * minute);
    expect(agent.filed).toEqual([]);
  });

  it('mandatory without a limit: wrap-up lasts until submitted, then the pending Not ready applies', () => {
    const agent = desk(acw({ limitSeconds: 0, defaultDisposition: '' }));
    agent.service.setState({ state: 'available' });
    takeCall(agent);
    expect(agent.last().acw).toEqual({ mode: 'mandatory', deadline: null, canExit: false });
    agent.clock.advance(60 * minute);
    expect(agent.service.status().state).toBe('wrapUp');
    agent.service.setState({ state: 'notReady', reasonCode: 'backoffice' });
    expect(agent.service.status().state).toBe('wrapUp');
    agent.service.wrapUpSubmitted('call-a');
    expect(agent.last()).toMatchObject({ state: 'notReady', reasonCode: 'backoffice', pending: null });
  });

  it('time-boxed: no early exit even once submitted; the default is filed only for a wrap-up never submitted', () => {
    const agent = desk(acw({ mode: 'timeboxed', limitSeconds: 30, requireDisposition: false }));
    agent.service.setState({ state: 'available' });
    takeCall(agent, 'call-a');
    agent.clock.advance(5 * second);
    agent.service.wrapUpSubmitted('call-a');
    agent.service.setState({ state: 'available' });
    expect(agent.last()).toMatchObject({
      state: 'wrapUp',
      acw: { mode: 'timeboxed', canExit: false },
      pending: { state: 'available' },
    });
    agent.clock.advance(25 * second);
    expect(agent.last()).toMatchObject({ state: 'available' });
    expect(agent.filed).toEqual([]);

    takeCall(agent, 'call-b');
    agent.clock.advance(30 * second);
    expect(agent.filed).toEqual([['call-b', 'no-outcome']]);
    expect(
      agent
        .rows()
        .filter((row) => row.state === 'wrapUp')
        .map((row) => row.callId),
    ).toEqual(['call-a', 'call-b']);
  });

  it('optional: the operator may leave at once; with a disposition required, only after submitting', () => {
    const free = desk(acw({ mode: 'optional', limitSeconds: 0, defaultDisposition: '', requireDisposition: false }));
    free.service.setState({ state: 'available' });
    takeCall(free);
    expect(free.last().acw).toEqual({ mode: 'optional', deadline: null, canExit: true });
    free.service.setState({ state: 'notReady', reasonCode: 'meeting' });
    expect(free.last()).toMatchObject({ state: 'notReady', reasonCode: 'meeting', acw: null });

    const strict = desk(acw({ mode: 'optional', limitSeconds: 0, defaultDisposition: '', requireDisposition: true }));
    strict.service.setState({ state: 'available' });
    takeCall(strict);
    expect(strict.last().acw).toEqual({ mode: 'optional', deadline: null, canExit: false });
    strict.service.setState({ state: 'available' });
    expect(strict.service.status().state).toBe('wrapUp');
    strict.service.wrapUpSubmitted('call-a');
    expect(strict.service.status().state).toBe('available');
  });

  it('optional with a limit and no default disposition: time moves the agent on and files nothing', () => {
    const agent = desk(acw({ mode: 'optional', limitSeconds: 20, defaultDisposition: '', requireDisposition: false }));
    agent.service.setState({ state: 'available' });
    takeCall(agent);
    agent.clock.advance(20 * second);
    expect(agent.last()).toMatchObject({ state: 'available' });
    expect(agent.filed).toEqual([]);
  });

  it('keeps the rules a wrap-up began with when the setting changes during it', () => {
    const agent = desk(acw({ limitSeconds: 60 }));
    agent.service.setState({ state: 'available' });
    takeCall(agent);
    agent.settings.set('agent.afterCallWork', {
      mode: 'optional',
      limitSeconds: 0,
      defaultDisposition: '',
      requireDisposition: false,
    });
    expect(agent.service.status().acw).toMatchObject({ mode: 'mandatory', canExit: false });
    agent.clock.advance(60 * second);
    expect(agent.service.status().state).toBe('available');
  });
});

describe('the pending state ("after this call, go to…")', () => {
  it('Not ready asked for during a call applies after its wrap-up', () => {
    const agent = desk();
    agent.service.setState({ state: 'available' });
    const call = new TestCall(agent, 'call-a').start().answer();
    const rowsBefore = agent.rows().length;
    agent.service.setState({ state: 'break', reasonCode: 'lunch' });
    expect(agent.last()).toMatchObject({ state: 'onCall', pending: { state: 'break', reasonCode: 'lunch' } });
    expect(agent.rows()).toHaveLength(rowsBefore); // an intention, not a state change
    call.end();
    agent.service.wrapUpSubmitted('call-a');
    expect(agent.last()).toMatchObject({ state: 'break', reasonCode: 'lunch', pending: null });
  });

  it('"Not ready after the next call" while Available keeps taking that call, and can be withdrawn', () => {
    const agent = desk();
    agent.service.setState({ state: 'available' });
    agent.service.requestAfterCall({ state: 'notReady', reasonCode: 'training' });
    expect(agent.last()).toMatchObject({ state: 'available', pending: { state: 'notReady', reasonCode: 'training' } });
    expect(agent.service.admitIncomingCall()).toEqual({ accept: true });
    takeCall(agent);
    agent.service.wrapUpSubmitted('call-a');
    expect(agent.last()).toMatchObject({ state: 'notReady', reasonCode: 'training', pending: null });

    agent.service.setState({ state: 'available' });
    agent.service.requestAfterCall({ state: 'loggedOut' });
    agent.service.requestAfterCall(null);
    takeCall(agent, 'call-b');
    agent.service.wrapUpSubmitted('call-b');
    expect(agent.service.status()).toMatchObject({ state: 'available', pending: null });
  });

  it('a state chosen with nothing holding the operator applies at once and drops the pending one', () => {
    const agent = desk();
    agent.service.requestAfterCall({ state: 'break' });
    agent.service.setState({ state: 'available' });
    expect(agent.service.status()).toMatchObject({ state: 'available', pending: null });
  });
});

describe('not-ready time limits', () => {
  it('warns once when a reason’s maximum duration passes, and starts over with a new reason', () => {
    const agent = desk();
    agent.service.setState({ state: 'break', reasonCode: 'break' }); // 15 minutes
    agent.clock.advance(15 * minute - 1);
    expect(agent.last().overLimit).toBe(false);
    agent.clock.advance(1);
    expect(agent.last()).toMatchObject({ state: 'break', reasonCode: 'break', overLimit: true });
    agent.clock.advance(60 * minute);
    const warnings = () =>
      agent.logger.lines.filter((line) => line.message === 'agent over the time limit of a not-ready reason');
    expect(warnings()).toHaveLength(1);
    expect(agent.events.all('agent:state', (status) => status.overLimit)).toHaveLength(1);

    agent.service.setState({ state: 'notReady', reasonCode: 'technical' }); // 10 minutes
    expect(agent.last().overLimit).toBe(false);
    agent.clock.advance(10 * minute);
    expect(agent.last().overLimit).toBe(true);
    expect(warnings()).toHaveLength(2);

    agent.service.setState({ state: 'notReady', reasonCode: 'meeting' }); // no limit
    expect(agent.clock.pending()).toEqual([]);
  });
});

describe('the contract', () => {
  const dispatcherFor = (agent: AgentDesk) =>
    createDispatcher(agentHandlers(agent.service) as unknown as CommandHandlers, agent.logger);

  it('refuses states the operator cannot choose and reasons that do not fit, changing nothing', async () => {
    const agent = desk();
    const dispatch = dispatcherFor(agent);
    const refused = [
      { state: 'onCall' },
      { state: 'wrapUp' },
      { state: 'notReady', reasonCode: 'nope' },
      { state: 'notReady', reasonCode: 'lunch' }, // a break reason
      { state: 'break', reasonCode: 'meeting' }, // a not-ready reason
      { state: 'available', reasonCode: 'meeting' },
      { state: 'notReady', reasonCode: 'Öğle' },
      { state: 'available', extra: true },
    ];
    for (const args of refused) {
      const result = await dispatch('agent:setState', args);
      expect(result, JSON.stringify(args)).toMatchObject({ ok: false, error: { code: 'invalid_args' } });
    }
    expect(await dispatch('agent:requestAfterCall', { after: { state: 'ringing' } })).toMatchObject({ ok: false });
    expect(agent.rows()).toHaveLength(1);
    expect(agent.service.status()).toMatchObject({ state: 'notReady', pending: null });

    expect(await dispatch('agent:setState', { state: 'break', reasonCode: 'lunch' })).toMatchObject({
      ok: true,
      value: { state: 'break', reasonCode: 'lunch' },
    });
    expect(await dispatch('agent:requestAfterCall', { after: { state: 'available' } })).toMatchObject({
      ok: true,
      value: { pending: { state: 'available', reasonCode: null } },
    });
    expect(await dispatch('agent:requestAfterCall', { after: null })).toMatchObject({ ok: true, value: { pending: null } });
    expect(await dispatch('agent:getState', {})).toMatchObject({ ok: true, value: { state: 'break' } });
  });
});

describe('the state log', () => {
  it('writes every change with an outbox row carrying the same record', () => {
    const agent = desk();
    agent.service.setState({ state: 'available' });
    takeCall(agent);
    agent.service.wrapUpSubmitted('call-a');
    const ids = agent.database.sqlite.prepare('SELECT id FROM agent_state_events ORDER BY at, id').all() as { id: string }[];
    const rows = agent.rows();
    expect(rows.map((row) => row.state)).toEqual(['notReady', 'available', 'ringing', 'onCall', 'wrapUp', 'available']);
    const outbox = agent.outbox();
    expect(outbox).toEqual(
      rows.map((row, index) => ({
        entity: 'agent_state_event',
        entityId: ids[index]!.id,
        operation: 'insert',
        payload: { id: ids[index]!.id, ...row },
      })),
    );
  });

  it('writes both rows or neither, and the phone keeps working when the write fails', () => {
    const agent = desk();
    agent.database.sqlite.exec(`CREATE TRIGGER outbox_full BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
    agent.service.setState({ state: 'available' });
    expect(agent.service.status().state).toBe('available');
    expect(agent.service.admitIncomingCall()).toEqual({ accept: true });
    expect(agent.rows()).toHaveLength(1); // the start-up row only: the event row was rolled back with its outbox row
    expect(agent.logger.lines.some((line) => line.level === 'error' && line.message === 'agent state change not stored')).toBe(
      true,
    );
  });
});

describe('a restart during after-call work', () => {
  /** The previous run's log: Available, a call, Wrap-up from `wrapUpAt`, then whatever `after` adds. */
  function previousRun(wrapUpAt: number, after: AgentDeskOptions['previous'] = []): AgentDeskOptions['previous'] {
    return [
      { agent: '1001', state: 'available', reasonCode: null, callId: null, cause: 'operator', at: wrapUpAt - 10 * minute },
      { agent: '1001', state: 'ringing', reasonCode: null, callId: 'call-x', cause: 'call', at: wrapUpAt - 3 * minute },
      {
        agent: '1001',
        state: 'onCall',
        reasonCode: null,
        callId: 'call-x',
        cause: 'call',
        at: wrapUpAt - 3 * minute + 2 * second,
      },
      { agent: '1001', state: 'wrapUp', reasonCode: null, callId: 'call-x', cause: 'call', at: wrapUpAt },
      ...(after ?? []),
    ];
  }
  const quit = (at: number): NonNullable<AgentDeskOptions['previous']>[number] => ({
    agent: '1001',
    state: 'loggedOut',
    reasonCode: null,
    callId: null,
    cause: 'system',
    at,
  });

  it('the app quit in Wrap-up and its limit ran out meanwhile: the timeout files the default at start, then Not ready', () => {
    // Wrap-up began 4 minutes before this start; the limit is 2 minutes; the operator quit after 1 minute.
    const agent = desk({ previous: previousRun(T0 - 4 * minute, [quit(T0 - 3 * minute)]) });
    expect(agent.last()).toMatchObject({ state: 'wrapUp', callId: 'call-x', acw: { deadline: T0 - 2 * minute, canExit: false } });
    expect(agent.service.admitIncomingCall()).toEqual({ accept: false, code: 480 });
    // At once, on a timer: at start-up the wrap-up service is made after the agent state.
    expect(agent.filed).toEqual([]);
    agent.clock.advance(0);
    expect(agent.filed).toEqual([['call-x', 'no-outcome']]);
    expect(agent.last()).toMatchObject({ state: 'notReady', acw: null, pending: null });
    // Straight into Wrap-up: never Not ready (or Available) for a moment before it.
    expect(agent.rows()).toEqual([
      { agent: '1001', state: 'wrapUp', reasonCode: null, callId: 'call-x', cause: 'system', at: T0 },
      { agent: '1001', state: 'notReady', reasonCode: null, callId: null, cause: 'timeout', at: T0 },
    ]);
    const resumed = agent.logger.lines.filter(
      (line) => line.message === 'after-call work the previous run left unfinished goes on',
    );
    expect(resumed).toHaveLength(1);
  });

  it('a crash with time left: Wrap-up goes on for the rest of the limit, and ends into the start state', () => {
    const dir = tempDir();
    const before = openAgentDesk(dir, { settings: { 'agent.stateAtStart': 'available' } });
    takeCall(before, 'call-a');
    const ended = before.clock.now();
    expect(before.service.status()).toMatchObject({ state: 'wrapUp', acw: { deadline: ended + 120 * second } });
    before.clock.advance(30 * second);
    before.database.close(); // the app is killed: no Logged out row, no timeout

    const after = openAgentDesk(dir, { start: false, settings: { 'agent.stateAtStart': 'notReady' } });
    open.push(after);
    after.clock.advance(ended + 50 * second - after.clock.now()); // back 50 s after the call ended
    after.service.start();
    expect(after.last()).toMatchObject({
      state: 'wrapUp',
      callId: 'call-a',
      acw: { mode: 'mandatory', deadline: ended + 120 * second, canExit: false },
    });
    expect(after.clock.pending()).toContain(70 * second);
    // Ready waits for the wrap-up, as in any after-call work; submitting it ends the work at once.
    after.service.setState({ state: 'available' });
    expect(after.service.status()).toMatchObject({ state: 'wrapUp', pending: { state: 'available' } });
    after.clock.advance(20 * second);
    after.service.wrapUpSubmitted('call-a');
    expect(after.last()).toMatchObject({ state: 'available', acw: null });
    after.clock.advance(10 * minute);
    expect(after.filed).toEqual([]);
  });

  it('counts the limit from when the work first began, across restarts; filed calls drop out', () => {
    const began = T0 - 100 * second;
    const agent = desk({
      filedBefore: ['call-y'],
      previous: previousRun(began, [
        // A second call was wrapped up first (call-y, filed), then Wrap-up went on for call-x; a quit, a start
        // that resumed it, and a crash.
        { agent: '1001', state: 'wrapUp', reasonCode: null, callId: 'call-y', cause: 'operator', at: began + 5 * second },
        quit(began + 10 * second),
        { agent: '1001', state: 'notReady', reasonCode: null, callId: null, cause: 'system', at: began + 60 * second },
        { agent: '1001', state: 'wrapUp', reasonCode: null, callId: 'call-x', cause: 'system', at: began + 60 * second },
      ]),
    });
    expect(agent.last()).toMatchObject({ state: 'wrapUp', callId: 'call-x', acw: { deadline: began + 120 * second } });
    agent.clock.advance(20 * second - 1);
    expect(agent.filed).toEqual([]);
    agent.clock.advance(1);
    expect(agent.filed).toEqual([['call-x', 'no-outcome']]);
    expect(agent.service.status().state).toBe('notReady');
  });

  it('without a time limit, Wrap-up lasts until the wrap-up is submitted', () => {
    const agent = desk({ ...acw({ limitSeconds: 0, defaultDisposition: '' }), previous: previousRun(T0 - 8 * 60 * minute) });
    expect(agent.last()).toMatchObject({ state: 'wrapUp', acw: { deadline: null, canExit: false } });
    expect(agent.clock.pending().every((ms) => ms !== 0)).toBe(true);
    agent.clock.advance(60 * minute);
    expect(agent.service.status().state).toBe('wrapUp');
    agent.service.wrapUpSubmitted('call-x');
    expect(agent.service.status().state).toBe('notReady');
  });

  it('resumes nothing when the work had ended or its wrap-up is filed', () => {
    const timedOut = desk({
      previous: previousRun(T0 - 10 * minute, [
        { agent: '1001', state: 'available', reasonCode: null, callId: null, cause: 'timeout', at: T0 - 8 * minute },
        quit(T0 - 5 * minute),
      ]),
    });
    const left = desk({
      previous: previousRun(T0 - 10 * minute, [
        { agent: '1001', state: 'break', reasonCode: 'break', callId: null, cause: 'operator', at: T0 - 9 * minute },
      ]),
    });
    const filed = desk({ filedBefore: ['call-x'], previous: previousRun(T0 - minute, [quit(T0 - 30 * second)]) });
    for (const agent of [timedOut, left, filed]) {
      agent.clock.advance(0);
      expect(agent.last()).toMatchObject({ state: 'notReady', acw: null });
      expect(agent.rows().map((row) => row.state)).toEqual(agent === left ? ['loggedOut', 'notReady'] : ['notReady']);
      expect(agent.filed).toEqual([]);
    }
  });
});
