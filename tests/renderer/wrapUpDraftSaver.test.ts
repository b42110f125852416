// DraftSaver against an in-memory core with core's revision rule: debounce (quiet 250 ms, at most 500 ms
// after the first unsaved change), one save at a time, a script-part save in between is absorbed, another
// window's edit wins, a gone draft is reported, and a failed save is retried. Manual timers and clock.
import { describe, expect, it } from 'vitest';
import { fail, ok } from '../../electron/shared/ipc/result.js';
import type { DraftContent, DraftFormContent, WrapUpDraft } from '../../electron/shared/ipc/wrapUp.js';
import { DraftSaver, MAX_WAIT_MS, QUIET_MS, RETRY_MS, type SaveState } from '../../renderer/src/workflow/draftSaver.js';

function setup() {
  let now = 0;
  let timers: { at: number; run: () => void; live: boolean }[] = [];
  let stored: WrapUpDraft = {
    id: 'd1',
    callId: 'c1',
    customerId: null,
    customerName: null,
    call: null,
    agent: '1001',
    content: { notes: '', fields: {} },
    revision: 0,
    openedAt: 0,
    updatedAt: 0,
  };
  let down = false;
  let exists = true;
  const saves: { revision: number; notes: string; at: number }[] = [];
  const states: SaveState[] = [];
  const replaced: WrapUpDraft[] = [];
  const gone: string[] = [];
  const saver = new DraftSaver(
    {
      async save({ revision, content }) {
        await Promise.resolve();
        if (!exists) return fail('not_found', 'gone');
        if (down) return fail('unavailable', 'down');
        if (revision !== stored.revision) return fail('conflict', 'stale');
        saves.push({ revision, notes: content.notes, at: now });
        stored = { ...stored, content: { ...content, script: stored.content.script }, revision: revision + 1 };
        return ok({ revision: stored.revision, updatedAt: now });
      },
      async get() {
        return exists ? ok(stored) : fail('not_found', 'gone');
      },
      setTimer(run, ms) {
        const timer = { at: now + ms, run, live: true };
        timers.push(timer);
        return () => (timer.live = false);
      },
      now: () => now,
    },
    { state: (s) => states.push(s), replaced: (d) => replaced.push(d), gone: (id) => gone.push(id) },
  );
  saver.attach(stored);
  const flushMicrotasks = async () => {
    for (let i = 0; i < 20; i++) await Promise.resolve();
  };
  return {
    saver,
    saves,
    states,
    replaced,
    gone,
    get stored() {
      return stored;
    },
    /** Another writer (the script viewer, a second window) changes the stored draft. */
    write(content: DraftContent) {
      stored = { ...stored, content, revision: stored.revision + 1 };
      return stored;
    },
    setDown: (value: boolean) => (down = value),
    remove: () => (exists = false),
    async advance(ms: number) {
      const until = now + ms;
      for (;;) {
        const next = timers.filter((t) => t.live && t.at <= until).sort((a, b) => a.at - b.at)[0];
        if (!next) break;
        now = next.at;
        next.live = false;
        next.run();
        await flushMicrotasks();
      }
      now = until;
      timers = timers.filter((t) => t.live);
      await flushMicrotasks();
    },
  };
}

const typed = (notes: string): DraftFormContent => ({ notes, fields: {} });

describe('DraftSaver', () => {
  it('saves 250 ms after typing pauses, and never later than 500 ms after the first unsaved change', async () => {
    const core = setup();
    core.saver.change(typed('a'));
    await core.advance(QUIET_MS - 1);
    expect(core.saves).toEqual([]);
    await core.advance(1);
    expect(core.saves).toEqual([{ revision: 0, notes: 'a', at: QUIET_MS }]);

    // Steady typing every 100 ms: still saved at the 500 ms mark.
    const start = QUIET_MS;
    for (let i = 0; i < 8; i++) {
      core.saver.change(typed(`a${'b'.repeat(i + 1)}`));
      await core.advance(100);
    }
    expect(core.saves[1]).toMatchObject({ revision: 1, at: start + MAX_WAIT_MS });
    expect(core.states.at(-1)).not.toBe('failed');
  });

  it('does not send what core already holds', async () => {
    const core = setup();
    core.saver.change(typed(''));
    await core.advance(1000);
    expect(core.saves).toEqual([]);
  });

  it('absorbs a script-part save in between: same form parts, new revision, saved again on top', async () => {
    const core = setup();
    core.saver.change(typed('first'));
    await core.advance(QUIET_MS);
    core.write({ ...core.stored.content, script: { scriptId: 's1', path: [] } });
    core.saver.change(typed('second'));
    await core.advance(QUIET_MS);
    expect(core.saves.map((s) => [s.revision, s.notes])).toEqual([
      [0, 'first'],
      [2, 'second'],
    ]);
    expect(core.stored.content).toEqual({ notes: 'second', fields: {}, script: { scriptId: 's1', path: [] } });
    expect(core.replaced).toEqual([]);
  });

  it("lets another window's edit win and reports it; the event of our own save is no such edit", async () => {
    const core = setup();
    core.saver.change(typed('mine'));
    await core.advance(QUIET_MS);
    core.saver.remote(core.stored); // the echo of our own save
    expect(core.replaced).toEqual([]);

    const theirs = core.write({ notes: 'theirs', fields: {} });
    core.saver.remote(theirs);
    expect(core.replaced).toEqual([theirs]);
    expect(core.saver.revision).toBe(theirs.revision);
    core.saver.change(typed('theirs, then mine'));
    await core.advance(QUIET_MS);
    expect(core.saves.at(-1)).toMatchObject({ revision: theirs.revision, notes: 'theirs, then mine' });
  });

  it('retries a failed save and says so meanwhile; a flush reports whether core has the latest', async () => {
    const core = setup();
    core.setDown(true);
    core.saver.change(typed('offline'));
    await core.advance(QUIET_MS);
    expect(core.states.at(-1)).toBe('failed');
    expect(await core.saver.flush()).toBe(false);
    core.setDown(false);
    await core.advance(RETRY_MS);
    expect(core.saves.map((s) => s.notes)).toEqual(['offline']);
    expect(core.states.at(-1)).toBe('saved');
    expect(await core.saver.flush()).toBe(true);
  });

  it('reports a draft filed or discarded elsewhere and stops saving it', async () => {
    const core = setup();
    core.remove();
    core.saver.change(typed('late'));
    await core.advance(QUIET_MS);
    expect(core.gone).toEqual(['d1']);
    expect(core.saver.attachedTo).toBeNull();
  });
});
