// Test support: a plain-RTP SIP phone for the browser tier — Debian's headless baresip (baresip-core 1.0.0) on
// 127.0.0.1 and free random ports, driven over its ctrl_tcp socket (netstring-framed JSON). It "speaks" a sine tone
// (ausine), reports the RFC 4733 digits it decodes (CALL_DTMF_START), and what it receives is recorded by tcpdump
// (tests/support/rtpCapture.ts) so a test can hear it. Plain Node; needs root for the capture (netns-run.sh).
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freeSipPort, freeTcpPort } from './kamailio.js';
import { RtpCapture, type CapturedRtp } from './rtpCapture.js';
import { readTone, type ToneReading } from './toneAnalysis.js';

export const baresipBinary = process.env.BARESIP_PATH ?? '/usr/bin/baresip';

const loopback = '127.0.0.1';

export interface BaresipOptions {
  /** SIP user (registered at the proxy's registrar, which keys contacts by user only). */
  user: string;
  displayName?: string;
  /** Digest password (Kamailio WITH_AUTH). */
  password?: string;
  /** The proxy's UDP SIP port on 127.0.0.1: the account's domain, so REGISTER and INVITE go there. */
  proxyPort: number;
  /** The frequency the phone sends (baresip's ausine source). */
  toneHz: number;
}

/** One event from ctrl_tcp; `t` is when it arrived (performance.timeOrigin + now). */
export interface BaresipEvent {
  type: string;
  class?: string;
  param?: string;
  peeruri?: string;
  t: number;
}

interface Response {
  response: true;
  ok: boolean;
  data?: string;
  token?: string;
}

/** What the phone received in a listening window: its G.711 audio analysed at one frequency, and the packets. */
export interface Heard extends ToneReading {
  /** RTP packets of any payload type (G.711, telephone-event) that arrived in the window. */
  packets: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const now = () => performance.timeOrigin + performance.now();

/**
 * baresip 1.0.0 headless: the ausine source (48 kHz stereo only), G.711 only, and NO audio player. Why none:
 * ALSA's `null` device does not pace its writer, so baresip's player thread spins at ~80 % of a core for the whole
 * call (and with ALSA's `file` plugin it writes gigabytes a minute). Without a player baresip still decodes and
 * reports telephone-events. The received audio is recorded on the wire instead: its sndfile filter cannot do it,
 * because baresip 1.0.0 drops the receive filters at a hold re-INVITE and never rebuilds them while send filters
 * exist. telephone-event is always offered (listing it in audio_codecs fails: "audio codec not found").
 */
function baresipConfig(o: { sipPort: number; ctrlPort: number; toneHz: number; rtpPorts: [number, number] }): string {
  return `poll_method		epoll
call_local_timeout	120
call_max_calls		4
sip_listen		${loopback}:${o.sipPort}
sip_trans_def		udp
audio_source		ausine,${o.toneHz}
ausrc_srate		48000
ausrc_channels		2
audio_level		no
rtp_ports		${o.rtpPorts[0]}-${o.rtpPorts[1]}
rtcp_mux		no
jitter_buffer_delay	5-10
module_path		/usr/lib/baresip/modules
module			g711.so
module			ausine.so
module_tmp		uuid.so
module_tmp		account.so
module_app		menu.so
module_app		ctrl_tcp.so
ctrl_tcp_listen		${loopback}:${o.ctrlPort}
`;
}

export class BaresipPhone {
  readonly events: BaresipEvent[] = [];
  private readonly pending = new Map<string, (response: Response) => void>();
  private readonly waiters = new Set<() => void>();
  private token = 0;
  private stopped: Promise<void> | undefined;

  private constructor(
    readonly child: ChildProcess,
    private readonly socket: Socket,
    private readonly capture: RtpCapture,
    readonly runDir: string,
  ) {
    let buffer = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        // netstring: <length>:<json>,
        const colon = buffer.indexOf(':');
        if (colon < 0) return;
        const length = Number(buffer.subarray(0, colon).toString());
        if (buffer.length < colon + 1 + length + 1) return;
        const message = JSON.parse(buffer.subarray(colon + 1, colon + 1 + length).toString()) as
          (Response & { event?: undefined }) | (Omit<BaresipEvent, 't'> & { event: true });
        buffer = buffer.subarray(colon + 1 + length + 1);
        if (message.event) {
          this.events.push({ ...message, t: now() });
          for (const wake of [...this.waiters]) wake();
        } else if (message.token && this.pending.has(message.token)) {
          this.pending.get(message.token)!(message);
          this.pending.delete(message.token);
        }
      }
    });
  }

  static async start(options: BaresipOptions): Promise<BaresipPhone> {
    const runDir = mkdtempSync(join(tmpdir(), 'agentdesk-baresip-'));
    const sipPort = await freeSipPort();
    const ctrlPort = await freeTcpPort();
    // Its own block of RTP ports below Linux's ephemeral range (32768+) and above rtpengine's (20000–29999), so
    // the capture filter sees this phone's media only.
    const rtpMin = 30_000 + 100 * Math.floor(Math.random() * 27);
    const rtpPorts: [number, number] = [rtpMin, rtpMin + 99];
    writeFileSync(join(runDir, 'config'), baresipConfig({ sipPort, ctrlPort, toneHz: options.toneHz, rtpPorts }));
    const domain = `${loopback}:${options.proxyPort}`;
    const name = options.displayName ? `"${options.displayName}" ` : '';
    const auth = options.password ? `;auth_pass=${options.password}` : '';
    writeFileSync(
      join(runDir, 'accounts'),
      `${name}<sip:${options.user}@${domain};transport=udp>${auth};regint=600;answermode=manual;audio_codecs=PCMU,PCMA\n`,
    );
    const capture = await RtpCapture.start(join(runDir, 'received.pcap'), ...rtpPorts);

    const logFile = join(runDir, 'baresip.log');
    const logFd = openSync(logFile, 'a');
    // detached: its own process group, so a stuck stop can be ended without touching anything else.
    const child = spawn(baresipBinary, ['-f', runDir], { cwd: runDir, stdio: ['ignore', logFd, logFd], detached: true });
    closeSync(logFd);
    const spawnError = new Promise<Error>((resolve) => child.once('error', resolve));
    const log = () => {
      try {
        return readFileSync(logFile, 'utf8');
      } catch {
        return '';
      }
    };
    const fail = async (message: string) => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await capture.stop();
      rmSync(runDir, { recursive: true, force: true });
      return new Error(message);
    };

    let socket: Socket | undefined;
    const deadline = Date.now() + 15_000;
    while (!socket) {
      const failed = await Promise.race([spawnError, sleep(100).then(() => undefined)]);
      if (failed) throw await fail(`baresip could not start (${baresipBinary}; Debian package baresip-core): ${failed.message}`);
      if (child.exitCode !== null || child.signalCode !== null)
        throw await fail(`baresip exited during start:\n${log().slice(-3000)}`);
      if (Date.now() > deadline) throw await fail(`baresip's ctrl_tcp did not open port ${ctrlPort}:\n${log().slice(-3000)}`);
      socket = await new Promise<Socket | undefined>((resolve) => {
        const attempt = connect(ctrlPort, loopback, () => resolve(attempt));
        attempt.once('error', () => resolve(undefined));
      });
    }
    return new BaresipPhone(child, socket, capture, runDir);
  }

  /** A ctrl_tcp command (the menu module's commands: dial, hangup, reginfo, quit, …). */
  command(command: string, params = ''): Promise<Response> {
    const token = `t${++this.token}`;
    const json = JSON.stringify({ command, params, token });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(token);
        reject(new Error(`baresip: no answer to "${command}"`));
      }, 10_000);
      this.pending.set(token, (response) => {
        clearTimeout(timer);
        resolve(response);
      });
      this.socket.write(`${Buffer.byteLength(json)}:${json},`);
    });
  }

  /** The first event of `type` that arrived at or after `since` (and matches), waiting up to `timeoutMs`. */
  waitEvent(
    type: string,
    timeoutMs = 15_000,
    since = 0,
    matches: (event: BaresipEvent) => boolean = () => true,
  ): Promise<BaresipEvent> {
    const find = () => this.events.find((event) => event.type === type && event.t >= since && matches(event));
    const found = find();
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const wake = () => {
        const event = find();
        if (!event) return;
        this.waiters.delete(wake);
        clearTimeout(timer);
        resolve(event);
      };
      const timer = setTimeout(() => {
        this.waiters.delete(wake);
        reject(new Error(`baresip: no ${type} within ${timeoutMs} ms; events: ${this.events.map((e) => e.type).join(', ')}`));
      }, timeoutMs);
      this.waiters.add(wake);
    });
  }

  /** Polls `reginfo` (REGISTER_OK may fire before our ctrl_tcp connection exists). */
  async waitRegistered(timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let info = '';
    while (Date.now() < deadline) {
      // baresip colours the status with ANSI escapes
      // eslint-disable-next-line no-control-regex
      info = ((await this.command('reginfo')).data ?? '').replace(/\x1b\[[0-9;]*m/g, '');
      if (/\bOK\b/.test(info)) return;
      await sleep(200);
    }
    throw new Error(`baresip did not register: ${info}\n${this.log().slice(-3000)}`);
  }

  dial(uri: string): Promise<Response> {
    return this.command('dial', uri);
  }

  hangup(): Promise<Response> {
    return this.command('hangup');
  }

  /** RFC 4733 digits the phone decoded since `since`, in order. */
  dtmfSince(since: number): string {
    return this.events
      .filter((event) => event.type === 'CALL_DTMF_START' && event.t >= since)
      .map((event) => event.param ?? '')
      .join('');
  }

  /** What reaches the phone during the next `ms`, its G.711 audio analysed at `hz` (no packets: no audio). */
  async listen(ms: number, hz: number): Promise<Heard> {
    this.capture.take(); // what arrived before now is not part of this window
    await sleep(ms);
    const packets: CapturedRtp[] = this.capture.take();
    const audio = packets.filter((packet) => packet.samples.length > 0).sort((a, b) => a.at - b.at);
    const samples = new Float32Array(audio.reduce((sum, packet) => sum + packet.samples.length, 0));
    let offset = 0;
    for (const packet of audio) {
      samples.set(packet.samples, offset);
      offset += packet.samples.length;
    }
    return { ...readTone(samples, 8000, hz), packets: packets.length };
  }

  log(): string {
    try {
      return readFileSync(join(this.runDir, 'baresip.log'), 'utf8');
    } catch {
      return '';
    }
  }

  /** `quit`, then SIGTERM by PID if it lingers; stops the capture and removes the run dir. */
  stop(): Promise<void> {
    this.stopped ??= (async () => {
      const pid = this.child.pid!;
      const exited = new Promise<void>((resolve) =>
        this.child.exitCode !== null || this.child.signalCode !== null ? resolve() : this.child.once('exit', () => resolve()),
      );
      await Promise.race([this.command('quit').catch(() => undefined), sleep(1000)]);
      this.socket.destroy();
      if (await Promise.race([exited.then(() => false), sleep(3000).then(() => true)])) {
        process.kill(pid, 'SIGTERM');
        if (await Promise.race([exited.then(() => false), sleep(5000).then(() => true)])) {
          try {
            process.kill(-pid, 'SIGKILL'); // the group we created: baresip alone
          } catch {
            // already gone
          }
          await exited;
        }
      }
      await this.capture.stop();
      rmSync(this.runDir, { recursive: true, force: true });
    })();
    return this.stopped;
  }
}
