// Quitting without dropping calls (electron/main/quitFlow.ts, deskWatch.ts): a close during a live call is asked
// about once, quitting waits for core's close (BYE, unregister, Logged out, headset) but never longer than the
// timeout, and a second quit does not close core twice. Plain Node, ManualClock for the timeout.
import { describe, expect, it } from 'vitest';
import { MemoryLogger } from '../../../electron/core/log/memoryLogger.js';
import { DeskWatch } from '../../../electron/main/deskWatch.js';
import { CORE_CLOSE_TIMEOUT_MS, QuitFlow } from '../../../electron/main/quitFlow.js';
import type { CallView } from '../../../electron/shared/ipc/softphone.js';
import { ringingCall } from './support/ringingCall.js';
import type { EffectiveSettings } from '../../../electron/shared/settings.js';
import { ManualClock } from '../../support/manualClock.js';

const call = (id: string, state: CallView['state']): CallView => ringingCall({ id, state });

function settingsWithLocale(value: string): EffectiveSettings {
  return {
    settings: [{ key: 'ui.locale', value, source: 'user', locked: false }],
    problems: [],
    provisioningFile: null,
  };
}

/** Resolves once queued promise callbacks have run. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

function flow(options: { liveCalls?: number; closeCore?: () => Promise<void> | void } = {}) {
  const clock = new ManualClock();
  const logger = new MemoryLogger();
  let closes = 0;
  let exits = 0;
  let live = options.liveCalls ?? 0;
  const quit = new QuitFlow({
    liveCalls: () => live,
    closeCore: () => {
      closes++;
      return options.closeCore?.();
    },
    exit: () => exits++,
    clock,
    logger,
  });
  return {
    quit,
    clock,
    logger,
    counts: () => ({ closes, exits }),
    setLive: (count: number) => (live = count),
  };
}

describe('DeskWatch', () => {
  it('counts calls until they end, whatever their state on the way', () => {
    const desk = new DeskWatch('tr');
    desk.emit('calls:state', call('a', 'ringing'));
    desk.emit('calls:state', call('a', 'active'));
    desk.emit('calls:state', call('b', 'dialing'));
    desk.emit('calls:state', call('b', 'held'));
    expect(desk.liveCalls).toBe(2);
    desk.emit('calls:state', call('a', 'ended'));
    expect(desk.liveCalls).toBe(1);
    desk.emit('calls:state', call('b', 'ended'));
    desk.emit('calls:state', call('b', 'ended')); // a repeated end changes nothing
    expect(desk.liveCalls).toBe(0);
  });

  it('speaks the desk’s ui.locale, and the OS language while it is "system"', () => {
    const desk = new DeskWatch('tr');
    expect(desk.locale).toBe('tr');
    desk.settingsChanged(settingsWithLocale('ru'));
    expect(desk.locale).toBe('ru');
    desk.emit('settings:changed', settingsWithLocale('en'));
    expect(desk.locale).toBe('en');
    desk.emit('settings:changed', settingsWithLocale('system'));
    expect(desk.locale).toBe('tr');
    // Settings without the key: the built-in default ('system').
    desk.emit('settings:changed', { settings: [], problems: [], provisioningFile: null });
    expect(desk.locale).toBe('tr');
  });
});

describe('QuitFlow: asking before a close drops calls', () => {
  it('lets the window close without a question when no call is live', () => {
    const { quit } = flow({ liveCalls: 0 });
    expect(quit.closeRequested()).toBe('proceed');
  });

  it('asks once while a call is live; a second close waits for the same question', () => {
    const { quit } = flow({ liveCalls: 1 });
    expect(quit.closeRequested()).toBe('ask');
    expect(quit.closeRequested()).toBe('hold');
    quit.answered(false); // "Stay on the call"
    expect(quit.closeRequested()).toBe('ask'); // a later close asks again
  });

  it('after "Hang up and quit" the closes and the quit it starts go through', () => {
    const { quit } = flow({ liveCalls: 2 });
    expect(quit.closeRequested()).toBe('ask');
    quit.answered(true);
    expect(quit.closeRequested()).toBe('proceed');
  });

  it('asks no more once the operator chose to quit in another dialog (crash loop)', () => {
    const { quit } = flow({ liveCalls: 1 });
    quit.decided();
    expect(quit.closeRequested()).toBe('proceed');
  });

  it('asks nothing when the system ends the session (shutdown, logoff, SIGTERM), and still closes core once', async () => {
    const { quit, logger, counts } = flow({ liveCalls: 1 });
    quit.systemEnding('session-end');
    expect(quit.closeRequested()).toBe('proceed');
    expect(logger.lines.find((line) => line.message.startsWith('the system is ending the session'))?.fields).toMatchObject({
      why: 'session-end',
      liveCalls: 1,
    });
    expect(quit.willQuit()).toBe('wait');
    await settle();
    expect(counts()).toEqual({ closes: 1, exits: 1 });
  });

  it('asks nothing once core is closing: the calls are being hung up already', () => {
    const { quit } = flow({ liveCalls: 1, closeCore: () => new Promise<void>(() => {}) });
    expect(quit.willQuit()).toBe('wait');
    expect(quit.closeRequested()).toBe('proceed');
  });
});

describe('QuitFlow: quitting waits for core', () => {
  it('holds the quit, closes core once, then exits', async () => {
    let finishClose!: () => void;
    const { quit, counts, logger } = flow({ closeCore: () => new Promise<void>((resolve) => (finishClose = resolve)) });
    expect(quit.phase).toBe('running');
    expect(quit.willQuit()).toBe('wait');
    expect(quit.phase).toBe('closingCore');
    await settle();
    expect(counts()).toEqual({ closes: 1, exits: 0 });

    // The operator quits again (or the OS asks again) while core hangs up: same close, no second one.
    expect(quit.willQuit()).toBe('wait');
    await settle();
    expect(counts()).toEqual({ closes: 1, exits: 0 });

    finishClose();
    await settle();
    expect(counts()).toEqual({ closes: 1, exits: 1 });
    expect(quit.phase).toBe('exiting');
    expect(quit.willQuit()).toBe('exit');
    expect(logger.lines.some((line) => line.message === 'core closed, quitting')).toBe(true);
  });

  it('exits after the timeout when core’s close hangs (a dead network), and only once', async () => {
    const { quit, clock, counts, logger } = flow({ closeCore: () => new Promise<void>(() => {}) });
    expect(quit.willQuit()).toBe('wait');
    await settle();
    expect(clock.pending()).toEqual([CORE_CLOSE_TIMEOUT_MS]);
    clock.advance(CORE_CLOSE_TIMEOUT_MS - 1);
    expect(counts().exits).toBe(0);
    clock.advance(1);
    expect(counts()).toEqual({ closes: 1, exits: 1 });
    expect(logger.lines.find((line) => line.level === 'warn')?.message).toBe('core close timed out, quitting anyway');
  });

  it('exits when core’s close fails, at once or later, and the timeout is cancelled', async () => {
    for (const closeCore of [
      () => {
        throw new Error('database is locked');
      },
      () => Promise.reject(new Error('transport closed')),
    ]) {
      const { quit, clock, counts, logger } = flow({ closeCore });
      expect(quit.willQuit()).toBe('wait');
      await settle();
      expect(counts()).toEqual({ closes: 1, exits: 1 });
      expect(clock.pending()).toEqual([]);
      const warning = logger.lines.find((line) => line.level === 'warn');
      expect(warning?.message).toBe('core close failed, quitting anyway');
      expect(String(warning?.fields?.error)).toMatch(/database is locked|transport closed/);
    }
  });

  it('a close that finishes after the timeout does not exit twice', async () => {
    let finishClose!: () => void;
    const { quit, clock, counts } = flow({ closeCore: () => new Promise<void>((resolve) => (finishClose = resolve)) });
    quit.willQuit();
    await settle();
    clock.advance(CORE_CLOSE_TIMEOUT_MS);
    finishClose();
    await settle();
    expect(counts()).toEqual({ closes: 1, exits: 1 });
  });
});
