// Test support: starts and stops a real rtpengine (Debian rtpengine-daemon, userspace forwarding only) so Kamailio
// (-A WITH_RTPENGINE) can bridge plain-RTP phones and WebRTC: ng control on 127.0.0.1, media on the netns address.
// Plain Node.
import { spawn, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';

export const rtpengineBinary = process.env.RTPENGINE_PATH ?? '/usr/bin/rtpengine';

const loopback = '127.0.0.1';

export interface RtpengineOptions {
  /** The address rtpengine relays media on and writes into SDP; the first non-loopback IPv4 address otherwise. */
  mediaIp?: string;
}

export interface Rtpengine {
  readonly pid: number;
  /** The ng control port on 127.0.0.1. */
  readonly ngPort: number;
  /** What Kamailio's rtpengine module takes as `rtpengine_sock`: udp:127.0.0.1:<ngPort>. */
  readonly ngSocket: string;
  readonly mediaIp: string;
  readonly runDir: string;
  /** Everything rtpengine logged so far (for failure messages). */
  log(): string;
  /** SIGTERM by PID and wait for the exit; removes the run dir. */
  stop(): Promise<void>;
}

/**
 * Chromium's only ICE candidate in tests/sip/netns-run.sh's namespace is 198.18.0.10 (the veth), and the address
 * rtpengine offers the WebRTC side must be one Chromium can reach from it: the same non-loopback address.
 */
export function routableIPv4(): string | undefined {
  for (const list of Object.values(networkInterfaces())) {
    const found = list?.find((entry) => entry.family === 'IPv4' && !entry.internal);
    if (found) return found.address;
  }
  return undefined;
}

/** A UDP port nobody has bound right now (bind port 0, read, close). */
function freeUdpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = createSocket('udp4');
    socket.once('error', reject);
    socket.bind(0, loopback, () => {
      const { port } = socket.address();
      socket.close(() => resolve(port));
    });
  });
}

/** One ng `ping` (bencoded, behind a cookie); true when rtpengine answers `pong`. */
function ngPing(port: number, timeoutMs = 300): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createSocket('udp4');
    const cookie = `ping${process.pid}${Date.now()}`;
    const done = (answer: boolean) => {
      clearTimeout(timer);
      socket.close();
      resolve(answer);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    socket.on('message', (message) => done(message.toString().startsWith(`${cookie} `) && message.includes('4:pong')));
    socket.on('error', () => done(false));
    socket.send(`${cookie} d7:command4:pinge`, port, loopback);
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startRtpengine(options: RtpengineOptions = {}): Promise<Rtpengine> {
  const mediaIp = options.mediaIp ?? routableIPv4();
  if (!mediaIp) throw new Error('rtpengine needs a non-loopback IPv4 address for media (run under tests/sip/netns-run.sh)');
  const ngPort = await freeUdpPort();
  // A random block of 1000 media ports below Linux's ephemeral range (32768+), so two instances rarely meet
  // (rtpengine skips ports it cannot bind anyway).
  const portMin = 20_000 + 1000 * Math.floor(Math.random() * 10);
  const runDir = mkdtempSync(join(tmpdir(), 'agentdesk-rtpengine-'));
  const logFile = join(runDir, 'rtpengine.log');
  const logFd = openSync(logFile, 'a');
  const args = [
    '--config-file=none', // never /etc/rtpengine/rtpengine.conf: it asks for the kernel table
    '--foreground', // stays our child
    '--log-stderr',
    '--log-level=6',
    '--table=-1', // userspace forwarding only: no kernel module, no iptables
    `--interface=${mediaIp}`,
    `--listen-ng=${loopback}:${ngPort}`,
    `--port-min=${portMin}`,
    `--port-max=${portMin + 999}`,
    '--delete-delay=0',
    '--timeout=60',
    `--pidfile=${join(runDir, 'rtpengine.pid')}`,
  ];
  // detached: its own process group, so a stuck stop can be ended without touching anything else.
  const child: ChildProcess = spawn(rtpengineBinary, args, { stdio: ['ignore', logFd, logFd], detached: true });
  closeSync(logFd);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const spawnFailed = new Promise<Error>((resolve) => child.once('error', resolve));
  const readLog = () => {
    try {
      return readFileSync(logFile, 'utf8');
    } catch {
      return '';
    }
  };

  const deadline = Date.now() + 15_000;
  for (;;) {
    const failure = await Promise.race([spawnFailed, sleep(0).then(() => undefined)]);
    if (failure) {
      rmSync(runDir, { recursive: true, force: true });
      throw new Error(`rtpengine could not start (${rtpengineBinary}; Debian package rtpengine-daemon): ${failure.message}`);
    }
    if (await ngPing(ngPort)) break;
    if (child.exitCode !== null || child.signalCode !== null) {
      const log = readLog();
      rmSync(runDir, { recursive: true, force: true });
      throw new Error(`rtpengine exited during start:\n${log.slice(-3000)}`);
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`rtpengine did not answer an ng ping on ${ngPort} in time:\n${readLog().slice(-3000)}`);
    }
    await sleep(100);
  }

  const pid = child.pid!;
  let stopped: Promise<void> | undefined;
  return {
    pid,
    ngPort,
    ngSocket: `udp:${loopback}:${ngPort}`,
    mediaIp,
    runDir,
    log: readLog,
    stop() {
      stopped ??= (async () => {
        if (child.exitCode === null && child.signalCode === null) {
          process.kill(pid, 'SIGTERM');
          const timedOut = await Promise.race([exited.then(() => false), sleep(8_000).then(() => true)]);
          if (timedOut) {
            try {
              process.kill(-pid, 'SIGKILL'); // the group we created: rtpengine alone
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
