// One AgentDesk per data dir: a second one is told who holds it; a crashed holder's lock is taken over.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireInstanceLock, InstanceLockedError } from '../../../electron/core/app/instanceLock.js';
import { startHostProcess } from '../../support/host.js';
import { useTempDirs } from '../../support/tempDir.js';

const tempDir = useTempDirs();

describe('instance lock', () => {
  it('refuses a live holder and names it', () => {
    const dir = tempDir();
    // The test runner's parent process is alive and is not us: a stand-in for another AgentDesk.
    writeFileSync(join(dir, 'agentdesk.lock'), JSON.stringify({ pid: process.ppid, mode: 'desktop', startedAt: '2026-11-28T08:00:00Z' }));
    expect(() => acquireInstanceLock(dir, 'browser')).toThrow(InstanceLockedError);
    expect(() => acquireInstanceLock(dir, 'browser')).toThrow(/already running .*process \d+, desktop mode/);
  });

  it('takes over the lock of a process that is gone, and releases its own', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'agentdesk.lock'), JSON.stringify({ pid: 2 ** 22 + 12345, mode: 'browser', startedAt: 'x' }));
    const lock = acquireInstanceLock(dir, 'browser');
    expect(JSON.parse(readFileSync(lock.file, 'utf8'))).toMatchObject({ pid: process.pid, mode: 'browser' });
    lock.release();
    expect(existsSync(lock.file)).toBe(false);
  });

  it('a second host on the same data dir exits with a clear message; the first keeps serving', async () => {
    const dataDir = tempDir();
    const first = await startHostProcess(dataDir);
    try {
      await expect(startHostProcess(dataDir)).rejects.toThrow(/already running on this data dir .*browser mode at http:\/\/127\.0\.0\.1:\d+\//);
      expect((await fetch(first.url)).status).toBe(200);
      expect(readFileSync(join(dataDir, 'agentdesk.lock'), 'utf8')).not.toContain(first.token);
    } finally {
      await first.stop();
    }
    expect(existsSync(join(dataDir, 'agentdesk.lock'))).toBe(false);
  });
});
