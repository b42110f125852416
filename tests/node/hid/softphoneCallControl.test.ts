// The bridge from headset/hotkey call control to the softphone (vitest, Node): the headset's view of a call
// list, and which call each action touches. The softphone is a recording fake with SipService's method names;
// Redial after a restart reads a real call log (SQLite file in a temp dir).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../db/database.js';
import { CallLogRepository } from '../../../db/repositories/callLog.js';
import { DatabaseCallLog } from '../../../electron/core/app/callLogStore.js';
import {
  headsetCallStateOf,
  nothingToRedialCode,
  SoftphoneCallControl,
  type SoftphoneCalls,
} from '../../../electron/core/hid/softphoneCallControl.js';
import { MemoryLogger } from '../../../electron/core/log/memoryLogger.js';
import type { CallLogRecord, CallView } from '../../../electron/shared/ipc/softphone.js';
import { migrationsFolder } from '../../support/paths.js';
import { useTempDirs } from '../../support/tempDir.js';
import { RecordingEventSink } from '../sip/support/recordingEventSink.js';

const tempDir = useTempDirs();

let nextAt = 1_700_000_000_000;
function call(id: string, state: CallView['state'], overrides: Partial<CallView> = {}): CallView {
  nextAt += 1000;
  return {
    id,
    line: 1,
    direction: 'inbound',
    state,
    remoteUri: `sip:${id}@pbx.example.com`,
    remoteUser: id,
    displayName: '',
    callWaiting: false,
    muted: false,
    remoteHold: false,
    invitedAt: nextAt,
    at: nextAt,
    ...(state === 'active' || state === 'held' ? { answeredAt: nextAt } : {}),
    ...overrides,
  };
}

class FakePhone implements SoftphoneCalls {
  readonly done: string[] = [];
  constructor(public calls: CallView[]) {}
  listCalls() {
    return this.calls;
  }
  private record = (entry: string) => {
    this.done.push(entry);
    return Promise.resolve();
  };
  answer = (id: string) => this.record(`answer ${id}`);
  decline = (id: string) => this.record(`decline ${id}`);
  hangup = (id: string) => this.record(`hangup ${id}`);
  hold = (id: string) => this.record(`hold ${id}`);
  resume = (id: string) => this.record(`resume ${id}`);
  mute = (id: string, muted: boolean) => this.record(`mute ${id} ${muted}`);
  dial = (target: string) => this.record(`dial ${target}`);
}

describe('headsetCallStateOf', () => {
  it('maps the softphone call list to what the headset shows', () => {
    expect(headsetCallStateOf([])).toEqual({ phase: 'idle' });
    expect(headsetCallStateOf([call('a', 'ended')])).toEqual({ phase: 'idle' });
    expect(headsetCallStateOf([call('a', 'ringing')])).toEqual({ phase: 'ringing' });
    expect(headsetCallStateOf([call('a', 'dialing', { direction: 'outbound' })])).toEqual({ phase: 'dialing' });
    expect(headsetCallStateOf([call('a', 'ringback', { direction: 'outbound' }), call('b', 'ringing')])).toEqual({
      phase: 'dialing',
    });
    expect(headsetCallStateOf([call('a', 'active', { muted: true })])).toEqual({
      phase: 'connected',
      held: false,
      muted: true,
      lines: 1,
      waiting: false,
    });
    // A call waiting behind the live one, and a consultation call being dialed while the first is held.
    expect(headsetCallStateOf([call('a', 'active'), call('b', 'ringing', { line: 2 })])).toMatchObject({
      lines: 1,
      waiting: true,
    });
    expect(headsetCallStateOf([call('a', 'held'), call('b', 'dialing', { direction: 'outbound', line: 2 })])).toEqual({
      phase: 'dialing',
    });
    expect(headsetCallStateOf([call('a', 'held'), call('b', 'active', { line: 2 })])).toMatchObject({ held: false, lines: 2 });
    expect(headsetCallStateOf([call('a', 'held'), call('b', 'held', { line: 2 })])).toMatchObject({ held: true, lines: 2 });
  });
});

describe('SoftphoneCallControl', () => {
  it('answers and declines the ringing call, not the live one', async () => {
    const phone = new FakePhone([call('live', 'active'), call('waiting', 'ringing', { line: 2 })]);
    const control = new SoftphoneCallControl(phone);
    await control.answer();
    await control.decline();
    expect(phone.done).toEqual(['answer waiting', 'decline waiting']);
  });

  it('hangs up the call the operator is on; with only a ringing call, declines it', async () => {
    const phone = new FakePhone([call('held', 'held'), call('live', 'active', { line: 2 })]);
    const control = new SoftphoneCallControl(phone);
    await control.hangup();
    phone.calls = [call('ring', 'ringing')];
    await control.hangup();
    expect(phone.done).toEqual(['hangup live', 'decline ring']);
  });

  it('mutes, toggles mute, holds, resumes and swaps on the right calls', async () => {
    const phone = new FakePhone([call('a', 'active', { muted: true }), call('b', 'held', { line: 2 })]);
    const control = new SoftphoneCallControl(phone);
    await control.setMuted(false);
    await control.toggleMute();
    await control.holdOrResume();
    await control.swapLines();
    phone.calls = [call('a', 'held')];
    await control.holdOrResume();
    expect(phone.done).toEqual(['mute a false', 'mute a false', 'hold a', 'resume b', 'resume a']);
  });

  it('redials the last outbound call it saw; without one, says so instead of doing nothing', async () => {
    const phone = new FakePhone([]);
    const events = new RecordingEventSink();
    const control = new SoftphoneCallControl(phone, { events, deskLocale: () => 'tr' });
    await expect(control.redial()).rejects.toThrow(/Nothing to redial/);
    expect(events.all('app:notice')).toEqual([
      { level: 'info', code: nothingToRedialCode, message: 'Yeniden arama: tekrar aranacak bir giden arama henüz yok.' },
    ]);
    control.observe(call('x', 'dialing', { direction: 'outbound', remoteUri: 'sip:+905321234567@pbx.example.com' }));
    control.observe(call('y', 'ringing', { remoteUri: 'sip:+74951234567@pbx.example.com' }));
    await control.redial();
    expect(phone.done).toEqual(['dial sip:+905321234567@pbx.example.com']);
    expect(events.all('app:notice')).toHaveLength(1);
    expect(events.contractViolations).toEqual([]);
  });
});

describe('Redial after a restart', () => {
  const logged = (id: string, direction: CallLogRecord['direction'], rawCallerId: string, invitedAt: number): CallLogRecord => ({
    id,
    sipCallId: `${id}@lab.test`,
    direction,
    line: 1,
    rawCallerId,
    remoteNumber: /\+\d+/.exec(rawCallerId)?.[0] ?? undefined,
    displayName: '',
    invitedAt,
    endedAt: invitedAt + 5000,
    durationMs: 0,
    hungUpBy: 'remote',
    endReason: 'busy',
  });

  it('dials the newest outbound call of the call log (a newer inbound call is no redial target)', async () => {
    const database = openDatabase({ path: join(tempDir(), 'agentdesk.db'), migrationsFolder, onDamaged: 'fail' });
    // The run before the restart: two calls dialled, then one received.
    const before = new DatabaseCallLog(database, new MemoryLogger());
    before.record(logged('out-old', 'outbound', 'sip:+74951234567@pbx.example.com', 1_000));
    before.record(logged('out-new', 'outbound', 'sip:+905321234567@pbx.example.com', 2_000));
    before.record(logged('in-newest', 'inbound', '<sip:+4930123456@pbx.example.com>', 3_000));

    const phone = new FakePhone([]);
    const events = new RecordingEventSink();
    const control = new SoftphoneCallControl(phone, { callLog: new CallLogRepository(database.sqlite), events });
    await control.redial();
    // Its number, through today's dialling rules: the SIP domain of that day may have changed since.
    expect(phone.done).toEqual(['dial +905321234567']);
    // A call dialled in this run wins over the log.
    control.observe(call('now', 'dialing', { direction: 'outbound', remoteUri: 'sip:2001@pbx.example.com' }));
    await control.redial();
    expect(phone.done.at(-1)).toBe('dial sip:2001@pbx.example.com');
    expect(events.all('app:notice')).toEqual([]);
    database.close();
  });

  it('with an empty call log, tells the operator in the desk language and logs nothing was dialled', async () => {
    const database = openDatabase({ path: join(tempDir(), 'agentdesk.db'), migrationsFolder, onDamaged: 'fail' });
    new DatabaseCallLog(database, new MemoryLogger()).record(
      logged('in-only', 'inbound', '<sip:+4930123456@pbx.example.com>', 1_000),
    );
    const phone = new FakePhone([]);
    const events = new RecordingEventSink();
    const control = new SoftphoneCallControl(phone, {
      callLog: new CallLogRepository(database.sqlite),
      events,
      deskLocale: () => 'ru',
    });
    await expect(control.redial()).rejects.toThrow(/Nothing to redial/);
    expect(phone.done).toEqual([]);
    expect(events.all('app:notice').map((notice) => [notice.code, notice.message])).toEqual([
      [nothingToRedialCode, 'Повтор набора: пока нет исходящего вызова, который можно повторить.'],
    ]);
    database.close();
  });

  it('a call log that cannot be read is logged and reported like an empty one', async () => {
    const database = openDatabase({ path: join(tempDir(), 'agentdesk.db'), migrationsFolder, onDamaged: 'fail' });
    const callLog = new CallLogRepository(database.sqlite);
    database.close();
    const logger = new MemoryLogger();
    const events = new RecordingEventSink();
    const control = new SoftphoneCallControl(new FakePhone([]), { callLog, logger, events });
    await expect(control.redial()).rejects.toThrow(/Nothing to redial/);
    expect(logger.lines.some((line) => line.message === 'redial: the call log could not be read')).toBe(true);
    expect(events.all('app:notice')).toHaveLength(1);
  });
});
