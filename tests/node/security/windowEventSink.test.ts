// Contract events to windows (electron/main/windowEventSink.ts): only to live pages of our origin.
import { describe, expect, it } from 'vitest';
import { MemoryLogger } from '../../../electron/core/log/memoryLogger.js';
import { appOrigin } from '../../../electron/main/security/appScheme.js';
import { windowEventSink, type EventReceiver } from '../../../electron/main/windowEventSink.js';

function receiver(url: string, options: { destroyed?: boolean; failing?: boolean } = {}) {
  const sent: unknown[][] = [];
  const target: EventReceiver = {
    isDestroyed: () => options.destroyed ?? false,
    getURL: () => url,
    send: (...args: unknown[]) => {
      if (options.failing) throw new Error('An object could not be cloned.');
      sent.push(args);
    },
  };
  return { target, sent };
}

describe('windowEventSink', () => {
  const notice = { level: 'info' as const, code: 'test', message: 'hello' };

  it('sends each event on its own channel to our pages', () => {
    const ours = receiver('agentdesk://app/index.html#/calls');
    windowEventSink(() => [ours.target], appOrigin, new MemoryLogger()).emit('app:notice', notice);
    expect(ours.sent).toEqual([['app:notice', notice]]);
  });

  it('skips destroyed, blank and foreign pages', () => {
    const targets = [
      receiver('agentdesk://app/index.html', { destroyed: true }),
      receiver(''),
      receiver('about:blank'),
      receiver('https://evil.example/'),
      receiver('agentdesk://other/index.html'),
    ];
    windowEventSink(() => targets.map((t) => t.target), appOrigin, new MemoryLogger()).emit('app:notice', notice);
    for (const target of targets) expect(target.sent).toEqual([]);
  });

  it('keeps delivering to the other windows when one send throws, and logs it', () => {
    const logger = new MemoryLogger();
    const broken = receiver('agentdesk://app/index.html', { failing: true });
    const fine = receiver('agentdesk://app/index.html');
    windowEventSink(() => [broken.target, fine.target], appOrigin, logger).emit('app:notice', notice);
    expect(fine.sent).toHaveLength(1);
    expect(logger.lines.map((line) => line.message)).toContain('event not delivered');
  });
});
