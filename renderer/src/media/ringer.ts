// The ringtone: a synthesised tone (no audio file to ship or to fail loading) played on the ringer output and,
// at its own volume, in the headset, both at once. Runs in Chromium.
//
// Why it keeps ringing in a hidden or minimised window: the cadence is scheduled on the audio clock for
// minutes ahead (timers in background pages are throttled to once a minute; the audio thread is not), and
// Electron's window has backgroundThrottling off and autoplay allowed (electron/main/security/webPreferences.ts).

export type RingKind = 'incoming' | 'waiting';

export interface RingOutput {
  /** Chromium's audio output id; '' = the system default. */
  deviceId: string;
  /** 0…1. */
  volume: number;
}

interface Tone {
  /** Partial frequencies, Hz. */
  frequencies: number[];
  /** On, off, on, off, … seconds; the pattern repeats. */
  cadence: number[];
  /** Peak level before the output's volume, 0…1. */
  level: number;
}

// Incoming: a soft two-partial tone (440 + 480 Hz, the ITU's ringing pair) in a 1 s on / 3 s off cadence,
// heard across an office without being shrill. Call waiting: one short quiet beep every 4 s in the headset,
// so the caller on the line is not drowned (ITU-T E.180 call-waiting style).
const tones: Record<RingKind, Tone> = {
  incoming: { frequencies: [440, 480], cadence: [1, 3], level: 0.25 },
  waiting: { frequencies: [440], cadence: [0.2, 0.2, 0.2, 3.4], level: 0.12 },
};

/** How far ahead the cadence is written onto the audio clock, and how often that is topped up. */
const scheduleAheadSeconds = 180;
const topUpEveryMs = 60_000;
/** A short ramp at each edge: an instant on/off clicks. */
const rampSeconds = 0.015;

export interface RingerOptions {
  document?: Document;
  createContext?: () => AudioContext;
}

interface Playing {
  kind: RingKind;
  gain: GainNode;
  oscillators: OscillatorNode[];
  scheduledUntil: number;
  topUp: ReturnType<typeof setInterval>;
  players: HTMLAudioElement[];
  destination: MediaStreamAudioDestinationNode;
}

export class Ringer {
  private context: AudioContext | null = null;
  private playing: Playing | null = null;
  private readonly doc: Document;
  private readonly createContext: () => AudioContext;

  constructor(options: RingerOptions = {}) {
    this.doc = options.document ?? document;
    this.createContext = options.createContext ?? (() => new AudioContext({ latencyHint: 'playback' }));
  }

  get ringing(): RingKind | null {
    return this.playing?.kind ?? null;
  }

  /**
   * Starts (or switches to) a ring on the given outputs. Calling it again with the same kind only re-routes
   * (a device came or went); the cadence is not restarted, so the ring never stutters.
   */
  async ring(kind: RingKind, outputs: readonly RingOutput[]): Promise<void> {
    if (this.playing && this.playing.kind !== kind) this.stop();
    const playing = this.playing ?? this.start(kind);
    await this.route(playing, outputs);
  }

  stop(): void {
    const playing = this.playing;
    if (!playing) return;
    this.playing = null;
    clearInterval(playing.topUp);
    for (const oscillator of playing.oscillators) {
      try {
        oscillator.stop();
      } catch {
        // already stopped
      }
      oscillator.disconnect();
    }
    playing.gain.disconnect();
    for (const player of playing.players) removePlayer(player);
  }

  /** Releases the audio device (the page is going away). */
  async close(): Promise<void> {
    this.stop();
    const context = this.context;
    this.context = null;
    await context?.close().catch(() => {});
  }

  private audioContext(): AudioContext {
    this.context ??= this.createContext();
    // A context made before any user gesture starts suspended in a browser tab; Electron allows autoplay.
    if (this.context.state === 'suspended') void this.context.resume().catch(() => {});
    return this.context;
  }

  private start(kind: RingKind): Playing {
    const context = this.audioContext();
    const tone = tones[kind];
    const gain = context.createGain();
    gain.gain.value = 0;
    const destination = context.createMediaStreamDestination();
    gain.connect(destination);
    const oscillators = tone.frequencies.map((frequency) => {
      const oscillator = context.createOscillator();
      oscillator.type = 'sine';
      oscillator.frequency.value = frequency;
      oscillator.connect(gain);
      oscillator.start();
      return oscillator;
    });
    const playing: Playing = {
      kind,
      gain,
      oscillators,
      scheduledUntil: context.currentTime,
      topUp: setInterval(() => this.schedule(playing, tone), topUpEveryMs),
      players: [],
      destination,
    };
    this.playing = playing;
    this.schedule(playing, tone);
    return playing;
  }

  /** Writes the on/off envelope onto the audio clock up to `scheduleAheadSeconds` from now. */
  private schedule(playing: Playing, tone: Tone): void {
    const context = this.context;
    if (!context || this.playing !== playing) return;
    const level = tone.level / tone.frequencies.length;
    const until = context.currentTime + scheduleAheadSeconds;
    let at = Math.max(playing.scheduledUntil, context.currentTime + 0.02);
    const param = playing.gain.gain;
    while (at < until) {
      tone.cadence.forEach((seconds, index) => {
        const on = index % 2 === 0;
        if (on) {
          param.setValueAtTime(0, at);
          param.linearRampToValueAtTime(level, at + rampSeconds);
          param.setValueAtTime(level, at + seconds - rampSeconds);
          param.linearRampToValueAtTime(0, at + seconds);
        }
        at += seconds;
      });
    }
    playing.scheduledUntil = at;
  }

  /** One playing <audio> element per output: each can have its own device (setSinkId) and volume. */
  private async route(playing: Playing, outputs: readonly RingOutput[]): Promise<void> {
    for (const player of playing.players.splice(0)) removePlayer(player);
    // Two outputs on the same device would double the level: keep the louder.
    const byDevice = new Map<string, RingOutput>();
    for (const output of outputs) {
      const known = byDevice.get(output.deviceId);
      if (!known || known.volume < output.volume) byDevice.set(output.deviceId, output);
    }
    await Promise.all(
      [...byDevice.values()]
        .filter((output) => output.volume > 0)
        .map(async (output) => {
          const player = this.doc.createElement('audio');
          player.hidden = true;
          player.dataset.ringer = playing.kind;
          player.dataset.sinkId = output.deviceId;
          player.volume = Math.min(1, Math.max(0, output.volume));
          player.srcObject = playing.destination.stream;
          this.doc.body.append(player);
          playing.players.push(player);
          await setSink(player, output.deviceId);
          if (this.playing !== playing) return;
          await player.play().catch((error: unknown) => console.warn('[ringer] cannot play', error));
        }),
    );
  }
}

async function setSink(player: HTMLAudioElement, deviceId: string): Promise<void> {
  const sinkable = player as HTMLAudioElement & { setSinkId?: (id: string) => Promise<void> };
  if (!deviceId || typeof sinkable.setSinkId !== 'function') return;
  try {
    await sinkable.setSinkId(deviceId);
  } catch (error) {
    // Unplugged between the choice and the ring: ring on the default output rather than not at all.
    console.warn('[ringer] output unavailable, ringing on the default', error);
    player.dataset.sinkId = '';
  }
}

function removePlayer(player: HTMLAudioElement): void {
  player.pause();
  player.srcObject = null;
  player.remove();
}
