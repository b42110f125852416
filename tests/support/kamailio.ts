// Test support: starts and stops a real Kamailio (Debian package) with tests/sip/kamailio.cfg on
// 127.0.0.1 and free random ports, so several test files can each run their own. Plain Node.
import { spawn, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtempSync, openSync, closeSync, readFileSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './paths.js';

export const kamailioBinary = process.env.KAMAILIO_PATH ?? '/usr/sbin/kamailio';
export const kamailioConfig = join(repoRoot, 'tests', 'sip', 'kamailio.cfg');
/** The SIP domain every test user registers in (a port-less alias in kamailio.cfg). */
export const labDomain = 'lab.test';
/** Every user's password when Kamailio runs with WITH_AUTH. */
export const labPassword = 'lab';

const loopback = '127.0.0.1';

export interface KamailioOptions {
  /** Digest authentication (-A WITH_AUTH). */
  auth?: boolean;
  /** Reuse these ports (to restart a proxy "in place"); free random ports otherwise. */
  ports?: { sip: number; ws: number };
  /** Anchor media in this rtpengine (-A WITH_RTPENGINE), e.g. `udp:127.0.0.1:<ng port>` from tests/support/rtpengine.ts. */
  rtpengine?: string;
}

export interface Kamailio {
  readonly pid: number;
  readonly sipPort: number;
  readonly wsPort: number;
  /** ws://127.0.0.1:<port> — what the UAs use as their server. */
  readonly wsUrl: string;
  readonly runDir: string;
  readonly options: KamailioOptions;
  /** Everything Kamailio logged so far (for failure messages). */
  log(): string;
  /** SIGTERM by PID and wait for the exit (graceful stop takes about 2 s); removes the run dir. */
  stop(): Promise<void>;
}

/** A TCP port nobody listens on right now (bind port 0, read it, close). */
export function freeTcpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, loopback, () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function udpPortIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createSocket('udp4');
    socket.once('error', () => resolve(false));
    socket.bind(port, loopback, () => socket.close(() => resolve(true)));
  });
}

/** SIP listens on UDP and TCP with the same number: probe both (also for UAs such as baresip). */
export async function freeSipPort(): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const port = await freeTcpPort();
    if (await udpPortIsFree(port)) return port;
  }
  throw new Error('no free UDP+TCP port pair found');
}

function tcpAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: loopback, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startKamailio(options: KamailioOptions = {}): Promise<Kamailio> {
  const sipPort = options.ports?.sip ?? (await freeSipPort());
  const wsPort = options.ports?.ws ?? (await freeTcpPort());
  const runDir = mkdtempSync(join(tmpdir(), 'agentdesk-kamailio-'));
  const logFile = join(runDir, 'kamailio.log');
  const logFd = openSync(logFile, 'a');
  const args = [
    '-DD', // do not daemonize: the main process stays our child (it still forks its workers)
    '-E', // log to stderr (our log file)
    '-f',
    kamailioConfig,
    '-Y',
    runDir,
    '-P',
    join(runDir, 'kamailio.pid'),
    '-m',
    '32', // shared memory MB: plenty for a handful of test UAs
    '-M',
    '8',
    ...(options.auth ? ['-A', 'WITH_AUTH'] : []),
    // The define's value is a quoted string in the config (modparam), hence the quotes inside the argument.
    ...(options.rtpengine ? ['-A', 'WITH_RTPENGINE', '-A', `RTPENGINE_SOCK="${options.rtpengine}"`] : []),
    '-l',
    `udp:${loopback}:${sipPort}`,
    '-l',
    `tcp:${loopback}:${sipPort}`,
    '-l',
    `tcp:${loopback}:${wsPort}`,
  ];
  // detached: Kamailio becomes a process-group leader, so a stuck stop can kill its workers by group id.
  const child: ChildProcess = spawn(kamailioBinary, args, { stdio: ['ignore', logFd, logFd], detached: true });
  closeSync(logFd);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const readLog = () => {
    try {
      return readFileSync(logFile, 'utf8');
    } catch {
      return '';
    }
  };

  const deadline = Date.now() + 10_000;
  while (!(await tcpAnswers(wsPort))) {
    if (child.exitCode !== null || child.signalCode !== null) {
      rmSync(runDir, { recursive: true, force: true });
      throw new Error(`kamailio exited during start:\n${readLog().slice(-3000)}`);
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`kamailio did not open ws port ${wsPort} in time:\n${readLog().slice(-3000)}`);
    }
    await sleep(50);
  }

  const pid = child.pid!;
  let stopped: Promise<void> | undefined;
  return {
    pid,
    sipPort,
    wsPort,
    wsUrl: `ws://${loopback}:${wsPort}`,
    runDir,
    options,
    log: readLog,
    stop() {
      stopped ??= (async () => {
        if (child.exitCode === null && child.signalCode === null) {
          process.kill(pid, 'SIGTERM');
          const timedOut = await Promise.race([exited.then(() => false), sleep(8_000).then(() => true)]);
          if (timedOut) {
            try {
              process.kill(-pid, 'SIGKILL'); // the group we created: Kamailio and its own workers
            } catch {
              // already gone
            }
            await exited;
          }
        }
        rmSync(runDir, { recursive: true, force: true });
      })();
      return stopped;
    },
  };
}
