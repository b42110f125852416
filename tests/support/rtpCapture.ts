// Test support: records the RTP a plain-RTP phone receives — tcpdump (Debian package tcpdump) writes every UDP
// packet to the phone's RTP ports into a pcap file as it arrives (-U) — and decodes its G.711 audio, so a test hears
// what reached the phone. Needs root (CAP_NET_RAW), as in tests/sip/netns-run.sh's namespace. Plain Node.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';

export const tcpdumpBinary = process.env.TCPDUMP_PATH ?? '/usr/bin/tcpdump';

/** One RTP packet, decoded when its payload type is G.711 (0 PCMU, 8 PCMA). */
export interface CapturedRtp {
  /** Capture time, ms since the epoch. */
  at: number;
  payloadType: number;
  sequence: number;
  /** The decoded audio at 8 kHz (empty for other payload types, e.g. telephone-event). */
  samples: Float32Array;
}

/** ITU-T G.711 μ-law byte → linear sample (−1…1). */
export function decodeMuLaw(byte: number): number {
  const u = ~byte & 0xff;
  const magnitude = ((((u & 0x0f) << 3) + 0x84) << ((u & 0x70) >> 4)) - 0x84;
  return (u & 0x80 ? -magnitude : magnitude) / 32768;
}

/** ITU-T G.711 A-law byte → linear sample (−1…1). */
export function decodeALaw(byte: number): number {
  const a = byte ^ 0x55;
  const exponent = (a & 0x70) >> 4;
  let magnitude = (a & 0x0f) << 4;
  magnitude += exponent === 0 ? 8 : 0x108;
  if (exponent > 1) magnitude <<= exponent - 1;
  return (a & 0x80 ? magnitude : -magnitude) / 32768;
}

/** Bytes of link-layer header before the IPv4 header, by pcap link type. */
const linkHeaderBytes: Record<number, number> = { 0: 4, 1: 14, 113: 16, 276: 20 };

/** The RTP packets in pcap `records` (one link type), skipping anything that is not IPv4/UDP/RTP v2. */
function parseRecords(buffer: Buffer, linkType: number, littleEndian: boolean): { packets: CapturedRtp[]; used: number } {
  const packets: CapturedRtp[] = [];
  const readU32 = (offset: number) => (littleEndian ? buffer.readUInt32LE(offset) : buffer.readUInt32BE(offset));
  const link = linkHeaderBytes[linkType];
  if (link === undefined) throw new Error(`pcap link type ${linkType} is not supported`);
  let offset = 0;
  while (offset + 16 <= buffer.length) {
    const length = readU32(offset + 8);
    if (offset + 16 + length > buffer.length) break; // the rest of this record is not written yet
    const at = readU32(offset) * 1000 + readU32(offset + 4) / 1000;
    const frame = buffer.subarray(offset + 16, offset + 16 + length);
    offset += 16 + length;
    const ip = frame.subarray(link);
    if (ip.length < 20 || ip[0]! >> 4 !== 4 || ip[9] !== 17) continue; // IPv4 + UDP only
    const udp = ip.subarray((ip[0]! & 0x0f) * 4);
    const rtp = udp.subarray(8, udp.readUInt16BE(4));
    if (rtp.length < 12 || rtp[0]! >> 6 !== 2) continue;
    const payloadType = rtp[1]! & 0x7f;
    if (payloadType >= 72 && payloadType <= 76) continue; // RTCP (200–204) on a non-muxed port
    const headerBytes =
      12 + (rtp[0]! & 0x0f) * 4 + (rtp[0]! & 0x10 ? 4 + rtp.readUInt16BE(12 + (rtp[0]! & 0x0f) * 4 + 2) * 4 : 0);
    const padding = rtp[0]! & 0x20 ? rtp[rtp.length - 1]! : 0;
    const payload = rtp.subarray(headerBytes, rtp.length - padding);
    const decode = payloadType === 0 ? decodeMuLaw : payloadType === 8 ? decodeALaw : undefined;
    const samples = new Float32Array(decode ? payload.length : 0);
    if (decode) for (let i = 0; i < payload.length; i++) samples[i] = decode(payload[i]!);
    packets.push({ at, payloadType, sequence: rtp.readUInt16BE(2), samples });
  }
  return { packets, used: offset };
}

export class RtpCapture {
  private offset = 24; // after the pcap global header
  private format: { linkType: number; littleEndian: boolean } | undefined;
  private stopped: Promise<void> | undefined;

  private constructor(
    readonly child: ChildProcess,
    readonly file: string,
    private readonly exited: Promise<void>,
  ) {}

  /** Starts tcpdump on the loopback interface for UDP to `portMin`–`portMax` and waits until it listens. */
  static async start(file: string, portMin: number, portMax: number): Promise<RtpCapture> {
    const filter = `udp and dst portrange ${portMin}-${portMax}`;
    // -U: write each packet as it arrives; -n: no name lookups; lo: everything here is local (netns or not).
    const child = spawn(tcpdumpBinary, ['-i', 'lo', '-n', '-U', '-w', file, filter], {
      stdio: ['ignore', 'ignore', 'pipe'],
      detached: true,
    });
    let stderr = '';
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`tcpdump did not start listening: ${stderr}`));
      }, 15_000);
      child.stderr!.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        if (/listening on/.test(stderr)) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('error', (error) => {
        clearTimeout(timer);
        reject(new Error(`tcpdump could not start (${tcpdumpBinary}; Debian package tcpdump): ${error.message}`));
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`tcpdump exited with ${code}: ${stderr}`));
      });
    });
    return new RtpCapture(child, file, exited);
  }

  /** The RTP packets captured since the previous call. */
  take(): CapturedRtp[] {
    if (!this.format) {
      let header: Buffer;
      try {
        header = readFileSync(this.file).subarray(0, 24);
      } catch {
        return [];
      }
      if (header.length < 24) return [];
      const magic = header.readUInt32LE(0);
      // 0xa1b2c3d4: microsecond timestamps, written in this machine's byte order
      if (magic !== 0xa1b2c3d4 && header.readUInt32BE(0) !== 0xa1b2c3d4) throw new Error(`${this.file}: not a pcap file`);
      const littleEndian = magic === 0xa1b2c3d4;
      this.format = { littleEndian, linkType: littleEndian ? header.readUInt32LE(20) : header.readUInt32BE(20) };
    }
    const size = statSync(this.file).size;
    if (size <= this.offset) return [];
    const buffer = Buffer.alloc(size - this.offset);
    const fd = openSync(this.file, 'r');
    try {
      readSync(fd, buffer, 0, buffer.length, this.offset);
    } finally {
      closeSync(fd);
    }
    const { packets, used } = parseRecords(buffer, this.format.linkType, this.format.littleEndian);
    this.offset += used;
    return packets;
  }

  /** SIGTERM by PID (tcpdump flushes and exits). */
  stop(): Promise<void> {
    this.stopped ??= (async () => {
      if (this.child.exitCode !== null || this.child.signalCode !== null) return;
      process.kill(this.child.pid!, 'SIGTERM');
      const timedOut = await Promise.race([
        this.exited.then(() => false),
        new Promise<boolean>((resolve) => setTimeout(() => resolve(true), 5000)),
      ]);
      if (timedOut) {
        try {
          process.kill(-this.child.pid!, 'SIGKILL'); // the group we created: tcpdump alone
        } catch {
          // already gone
        }
        await this.exited;
      }
    })();
    return this.stopped;
  }
}
