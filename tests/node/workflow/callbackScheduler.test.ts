// The callback alarm clock on a real SQLite file and a manual clock: it fires at the due time (not
// before), only for callbacks this operator may make, once; a restart fires what fell due while the desk
// was closed; far-future callbacks never overflow Node's timer; lists and status changes with outbox rows.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_WAIT_MS } from '../../../electron/core/workflow/callbackScheduler.js';
import type { CommandFailure } from '../../../electron/shared/ipc/result.js';
import { useTempDirs } from '../../support/tempDir.js';
import { openWorkflowDesk, type WorkflowDesk } from './workflowTestSupport.js';

const tempDir = useTempDirs('agentdesk-callbacks-');
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
let desk: WorkflowDesk;

beforeEach(() => {
  desk = openWorkflowDesk(tempDir());
});
afterEach(() => desk.close());

/** Files a "call back" wrap-up for a demo customer; returns the callback's id. */
function scheduleCallback(dueInMs: number, assignee: 'me' | 'anyone', customerRef = '0002'): string {
  const draft = desk.wrapUp.openDraft(null, desk.customerId(customerRef));
  const result = desk.wrapUp.submit({
    draftId: draft.id,
    revision: 0,
    content: {
      disposition: 'callback',
      notes: '',
      fields: {},
      callback: { date: 'd', time: 't', dueAt: desk.clock.now() + dueInMs, assignee, number: '', note: 'Fatura sonrası ara' },
    },
  });
  if (result.outcome !== 'filed' || result.callbackId === null) throw new Error(JSON.stringify(result));
  return result.callbackId;
}

const statusOf = (id: string) => desk.database.sqlite.prepare('SELECT status FROM callbacks WHERE id = ?').pluck().get(id);

describe('callback scheduler', () => {
  it('pops the card at the due time, not before, once, and marks the callback notified with its outbox row', () => {
    desk.scheduler.start();
    const id = scheduleCallback(30 * MINUTE, 'me');
    desk.clock.advance(30 * MINUTE - 1);
    expect(desk.emitted('callbacks:due')).toEqual([]);
    desk.clock.advance(1);
    expect(desk.emitted('callbacks:due')).toEqual([
      expect.objectContaining({
        id,
        customerName: 'İsmail Çağlar',
        e164: '+905337654321',
        status: 'notified',
        assignee: '1001',
        note: 'Fatura sonrası ara',
      }),
    ]);
    expect(desk.notified).toEqual([id]);
    expect(statusOf(id)).toBe('notified');
    const outbox = desk.database.sqlite
      .prepare("SELECT operation, payload FROM outbox WHERE entity = 'callback' AND entity_id = ? ORDER BY seq")
      .all(id) as { operation: string; payload: string }[];
    expect(outbox.map((row) => row.operation)).toEqual(['insert', 'update']);
    expect(JSON.parse(outbox[1]!.payload)).toEqual({
      baseVersion: 1,
      changes: { status: 'notified', updatedAt: desk.clock.now() },
    });
    desk.clock.advance(DAY);
    expect(desk.emitted('callbacks:due')).toHaveLength(1);
  });

  it("fires mine and anyone's, never another agent's", () => {
    desk.scheduler.start();
    const mine = scheduleCallback(10 * MINUTE, 'me');
    const anyones = scheduleCallback(20 * MINUTE, 'anyone', '0005');
    desk.agent.id = '2002';
    const theirs = scheduleCallback(5 * MINUTE, 'me', '0001');
    desk.agent.id = '1001';
    desk.clock.advance(30 * MINUTE);
    expect(desk.emitted('callbacks:due').map((c) => c.id)).toEqual([mine, anyones]);
    expect(statusOf(theirs)).toBe('scheduled');

    expect(desk.scheduler.list('mine').map((c) => c.id)).toEqual([mine]);
    expect(desk.scheduler.list('anyone').map((c) => c.id)).toEqual([anyones]);
    expect(desk.scheduler.list('all').map((c) => c.id)).toEqual([mine, anyones]);
  });

  it('after a restart, fires at once what fell due while the desk was closed, and never twice', () => {
    desk.scheduler.start();
    const id = scheduleCallback(2 * 60 * MINUTE, 'me');
    const later = scheduleCallback(10 * 60 * MINUTE, 'me', '0005');
    desk.scheduler.stop(); // the desk closes
    desk.clock.advance(3 * 60 * MINUTE);
    expect(desk.emitted('callbacks:due')).toEqual([]);

    const restarted = desk.restartScheduler();
    restarted.start();
    expect(desk.emitted('callbacks:due').map((c) => c.id)).toEqual([id]);
    restarted.stop();
    const again = desk.restartScheduler();
    again.start();
    expect(desk.emitted('callbacks:due').map((c) => c.id)).toEqual([id]);
    desk.clock.advance(7 * 60 * MINUTE);
    expect(desk.emitted('callbacks:due').map((c) => c.id)).toEqual([id, later]);
    again.stop();
  });

  it('waits at most an hour at a time, so a callback weeks ahead neither overflows the timer nor is missed', () => {
    desk.scheduler.start();
    const id = scheduleCallback(40 * DAY, 'anyone');
    expect(Math.max(...desk.clock.pending())).toBeLessThanOrEqual(MAX_WAIT_MS);
    desk.clock.advance(40 * DAY - MINUTE);
    expect(desk.emitted('callbacks:due')).toEqual([]);
    desk.clock.advance(MINUTE);
    expect(desk.emitted('callbacks:due').map((c) => c.id)).toEqual([id]);
  });

  it('closes a callback as done once; the list then leaves it out', () => {
    const id = scheduleCallback(5 * MINUTE, 'me');
    expect(desk.scheduler.setStatus(id, 'done')).toMatchObject({ id, status: 'done' });
    expect(desk.scheduler.list('all')).toEqual([]);
    expect(desk.emitted('callbacks:changed')).toContainEqual({ ids: [id] });
    try {
      desk.scheduler.setStatus(id, 'cancelled');
      throw new Error('expected a conflict');
    } catch (error) {
      expect((error as CommandFailure).code).toBe('conflict');
    }
    desk.scheduler.start();
    desk.clock.advance(10 * MINUTE);
    expect(desk.emitted('callbacks:due')).toEqual([]);
  });
});
