// One running AgentDesk per data dir: two processes on one database and one SIP account would fight.
// Plain Node. Electron adds its own single-instance lock on top; this one also keeps a browser-mode host
// and the desktop app (or two hosts) off the same data dir, and says who holds it.
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export interface LockHolder {
  pid: number;
  mode: string;
  startedAt: string;
  address?: string;
}

export class InstanceLockedError extends Error {
  constructor(
    readonly lockFile: string,
    readonly holder: LockHolder,
  ) {
    super(
      `AgentDesk is already running on this data dir (process ${holder.pid}, ${holder.mode} mode` +
        `${holder.address ? ` at ${holder.address}` : ''}, since ${holder.startedAt}). ` +
        `Use that one, or stop it first. Lock file: ${lockFile}`,
    );
    this.name = 'InstanceLockedError';
  }
}

export interface InstanceLock {
  readonly file: string;
  /** Adds what a second launch should be told, e.g. the host's address (without its token). */
  describe(address: string): void;
  release(): void;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // alive, but another user's
  }
}

function readHolder(file: string): LockHolder | undefined {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockHolder>;
    return typeof parsed.pid === 'number' ? (parsed as LockHolder) : undefined;
  } catch {
    return undefined;
  }
}

export function acquireInstanceLock(dataDir: string, mode: string, now = new Date()): InstanceLock {
  const file = join(dataDir, 'agentdesk.lock');
  let holder: LockHolder = { pid: process.pid, mode, startedAt: now.toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600); // atomic: fails if another process created it first
      writeSync(fd, JSON.stringify(holder));
      closeSync(fd);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const existing = readHolder(file);
      if (existing && existing.pid !== process.pid && isAlive(existing.pid)) throw new InstanceLockedError(file, existing);
      rmSync(file, { force: true }); // left by a process that crashed: take it over
      if (attempt === 1) throw error;
    }
  }
  let released = false;
  return {
    file,
    describe(address) {
      holder = { ...holder, address };
      const fd = openSync(file, 'w', 0o600);
      writeSync(fd, JSON.stringify(holder));
      closeSync(fd);
    },
    release() {
      if (released) return;
      released = true;
      if (readHolder(file)?.pid === process.pid) rmSync(file, { force: true });
    },
  };
}
