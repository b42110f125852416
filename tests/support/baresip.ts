// Test support: a plain-RTP SIP phone for the browser tier — Debian's headless baresip (baresip-core 1.0.0) on
// 127.0.0.1 and free random ports, driven over its ctrl_tcp socket (netstring-framed JSON). It "speaks" a sine tone
// (ausine), records what it receives (sndfile) and reports RFC 4733 digits (CALL_DTMF_START). Plain Node.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freeSipPort, freeTcpPort } from './kamailio.js';
import { readTone, readWavFormat, readWavSamples, type ToneReading } from './toneAnalysis.js';

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

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const now = () => performance.timeOrigin + performance.now();

/**
 * baresip 1.0.0 headless: no sound card (ALSA's `null` device plays), the ausine source (48 kHz stereo only),
 * G.711 only, and sndfile writes every received stream, decoded, to snd_path/dump-<time>-dec.wav as it arrives.
 * telephone-event is always offered (listing it in audio_codecs fails: "audio codec not found").
 */
function baresipConfig(o: { sipPort: number; ctrlPort: number; toneHz: number; soundDir: string }): string {
  return `poll_method		epoll
call_local_timeout	120
call_max_calls		4
sip_listen		${loopback}:${o.sipPort}
sip_trans_def		udp
audio_player		alsa,null
audio_alert		alsa,null
audio_source		ausine,${o.toneHz}
ausrc_srate		48000
ausrc_channels		2
audio_level		no
rtp_ports		31000-31999
rtcp_mux		no
jitter_buffer_delay	5-10
module_path		/usr/lib/baresip/modules
module			g711.so
module			alsa.so
module			ausine.so
module			sndfile.so
snd_path		${o.soundDir}
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
  /** Bytes of each received-audio dump already heard by `listen`. */
  private readonly heardUpTo = new Map<string, number>();

  private constructor(
    readonly child: ChildProcess,
    private readonly socket: Socket,
    readonly runDir: string,
    readonly soundDir: string,
    readonly sipPort: number,
    readonly aor: string,
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
          | (Response & { event?: undefined })
          | (Omit<BaresipEvent, 't'> & { event: true });
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
    const soundDir = join(runDir, 'sound');
    mkdirSync(soundDir);
    const sipPort = await freeSipPort();
    const ctrlPort = await freeTcpPort();
    writeFileSync(join(runDir, 'config'), baresipConfig({ sipPort, ctrlPort, toneHz: options.toneHz, soundDir }));
    const domain = `${loopback}:${options.proxyPort}`;
    const name = options.displayName ? `"${options.displayName}" ` : '';
    const auth = options.password ? `;auth_pass=${options.password}` : '';
    writeFileSync(
      join(runDir, 'accounts'),
      `${name}<sip:${options.user}@${domain};transport=udp>${auth};regint=600;answermode=manual;audio_codecs=PCMU,PCMA\n`,
    );
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

    let socket: Socket | undefined;
    const deadline = Date.now() + 15_000;
    while (!socket) {
      const failed = await Promise.race([spawnError, sleep(100).then(() => undefined)]);
      if (failed) throw new Error(`baresip could not start (${baresipBinary}; Debian package baresip-core): ${failed.message}`);
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`baresip exited during start:\n${log().slice(-3000)}`);
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`baresip's ctrl_tcp did not open port ${ctrlPort}:\n${log().slice(-3000)}`);
      }
      socket = await new Promise<Socket | undefined>((resolve) => {
        const attempt = connect(ctrlPort, loopback, () => resolve(attempt));
        attempt.once('error', () => resolve(undefined));
      });
    }
    return new BaresipPhone(child, socket, runDir, soundDir, sipPort, `sip:${options.user}@${domain}`);
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
  waitEvent(type: string, timeoutMs = 15_000, since = 0, matches: (event: BaresipEvent) => boolean = () => true): Promise<BaresipEvent> {
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
      // eslint-disable-next-line no-control-regex -- baresip colours the status with ANSI escapes
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

  /**
   * What the phone receives during the next `ms`: the decoded audio appended to its recordings in that time,
   * analysed at `hz`. No packets in that time means no audio (`seconds` 0).
   */
  async listen(ms: number, hz: number): Promise<ToneReading> {
    this.receivedAudio(); // everything before now counts as heard
    await sleep(ms);
    const { samples, sampleRate } = this.receivedAudio();
    return readTone(samples, sampleRate, hz);
  }

  /** The decoded audio written to the receive dumps since the last call (several dumps: one after another). */
  private receivedAudio(): { samples: Float32Array; sampleRate: number } {
    const dumps = readdirSync(this.soundDir)
      .filter((file) => file.endsWith('-dec.wav'))
      .map((file) => join(this.soundDir, file))
      .sort((a, b) => statSync(a).mtimeMs - statSync(b).mtimeMs);
    const parts: Float32Array[] = [];
    let sampleRate = 8000;
    for (const dump of dumps) {
      const format = readWavFormat(dump);
      if (!format) continue;
      sampleRate = format.sampleRate;
      const { samples, end } = readWavSamples(dump, format, this.heardUpTo.get(dump) ?? 0);
      this.heardUpTo.set(dump, end);
      parts.push(samples);
    }
    const all = new Float32Array(parts.reduce((sum, part) => sum + part.length, 0));
    let offset = 0;
    for (const part of parts) {
      all.set(part, offset);
      offset += part.length;
    }
    return { samples: all, sampleRate };
  }

  log(): string {
    try {
      return readFileSync(join(this.runDir, 'baresip.log'), 'utf8');
    } catch {
      return '';
    }
  }

  /** `quit`, then SIGTERM by PID if it lingers; removes the run dir (recordings included). */
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
      rmSync(this.runDir, { recursive: true, force: true });
    })();
    return this.stopped;
  }
}
