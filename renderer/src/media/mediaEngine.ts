// The renderer's media engine: one sip.js Web SessionDescriptionHandler (hence one RTCPeerConnection) per
// SIP session, driven by core's media requests (electron/core/sip/mediaBridge.ts). Runs in Chromium.
// It does no SIP: offers, answers, hold direction, the ICE-gathering wait and RFC 4733 are sip.js's own
// code (the wait ends sooner without STUN/TURN: hostIceHandler.ts); this file adds the microphone, remote
// playback (with setSinkId), mute, the conference mix (conferenceMix.ts), a microphone that stops mid-call
// reopened in place (microphoneRecovery.ts) and a stats summary.
import { Core, Web, type SessionDescriptionHandlerModifier } from 'sip.js';
import type { WireMediaMethod } from '../../../electron/shared/ipc/wire.js';
import { LineMix } from './conferenceMix.js';
import { HostIceSessionDescriptionHandler } from './hostIceHandler.js';
import { microphoneCandidates, microphoneConstraint, needsNewMicrophone, type MicrophoneEvent } from './microphoneRecovery.js';

/** sip.js's SDP modifiers, reached by the names core sends (functions cannot cross the bridge). */
const modifiersByName: Record<string, SessionDescriptionHandlerModifier> = {
  stripTcpCandidates: Web.stripTcpCandidates,
  stripTelephoneEvent: Web.stripTelephoneEvent,
  stripVideo: Web.stripVideo,
  stripG722: Web.stripG722,
  addMidLines: Web.addMidLines,
  cleanJitsiSdpImageattr: Web.cleanJitsiSdpImageattr,
};

/** The figures the softphone shows and core stores with the call (RTT, jitter, loss). */
export interface MediaStatsSummary {
  rttMs?: number;
  jitterMs?: number;
  packetsReceived: number;
  packetsLost: number;
  packetsSent: number;
  bytesReceived: number;
  codec?: string;
  iceState: RTCIceConnectionState;
}

interface MediaSession {
  handler: Web.SessionDescriptionHandler;
  player: HTMLAudioElement;
  muted: boolean;
  held: boolean;
  /** In the local conference: what this line sends is this mix instead of the bare microphone. */
  mix?: LineMix;
  /** The microphone opened when the session was created, until its first offer or answer takes it. */
  earlyMicrophone?: Promise<MediaStream>;
}

/** sip.js logs through this; only warnings and errors reach the console (debug lines hold whole SDPs). */
function quietLogger(): Core.Logger {
  const factory = new Core.LoggerFactory();
  factory.level = Core.Levels.warn;
  return factory.getLogger('agentdesk.media');
}

function stringParam(params: Record<string, unknown>, key: string): string {
  const value = params[key];
  if (typeof value !== 'string') throw new Error(`${key} must be a string`);
  return value;
}

function objectParam(params: Record<string, unknown>, key: string): Record<string, unknown> {
  const value = params[key];
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

function stringListParam(params: Record<string, unknown>, key: string): string[] {
  const value = params[key];
  if (!Array.isArray(value) || !value.every((entry): entry is string => typeof entry === 'string')) {
    throw new Error(`${key} must be a list of strings`);
  }
  return value;
}

function audioSender(session: MediaSession): RTCRtpSender | undefined {
  return session.handler.peerConnection?.getSenders().find((sender) => sender.track?.kind === 'audio');
}

/** What the far end of a session sends us (the receiver's track exists for as long as the connection). */
function remoteAudioTrack(session: MediaSession): MediaStreamTrack | undefined {
  const receiver = session.handler.peerConnection?.getReceivers().find((candidate) => candidate.track.kind === 'audio');
  return receiver && receiver.track.readyState === 'live' ? receiver.track : undefined;
}

/** Stops a microphone stream that is no longer wanted, whenever it opens. */
function stopStream(stream: Promise<MediaStream>): void {
  void stream.then((opened) => opened.getTracks().forEach((track) => track.stop())).catch(() => {});
}

function modifiersFrom(params: Record<string, unknown>): SessionDescriptionHandlerModifier[] {
  const names = Array.isArray(params.modifierNames) ? params.modifierNames : [];
  return names.map((name) => {
    const modifier = typeof name === 'string' ? modifiersByName[name] : undefined;
    if (!modifier) throw new Error(`unknown SDP modifier ${String(name).slice(0, 64)}`);
    return modifier;
  });
}

/** RTCIceServer entries as settings hold them; anything else is dropped rather than handed to Chromium. */
function iceServersFrom(value: unknown): RTCIceServer[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((entry): RTCIceServer[] => {
    if (typeof entry !== 'object' || entry === null) return [];
    const { urls, username, credential } = entry as Record<string, unknown>;
    const list =
      typeof urls === 'string' ? [urls] : Array.isArray(urls) ? urls.filter((u): u is string => typeof u === 'string') : [];
    if (list.length === 0) return [];
    return [
      {
        urls: list,
        ...(typeof username === 'string' ? { username } : {}),
        ...(typeof credential === 'string' ? { credential } : {}),
      },
    ];
  });
}

export class MediaEngine {
  private readonly sessions = new Map<string, MediaSession>();
  private outputDeviceId = '';
  private inputDeviceId = '';
  /** One WebAudio graph for every conference mix; open only while some line mixes. */
  private mixContext: AudioContext | null = null;
  /** The microphone opened while an inbound call rings, for its answer to take (prepareMicrophone). */
  private preparedMicrophone: { deviceId: string; stream: Promise<MediaStream> } | null = null;
  /** The device id each microphone track was opened for ('' = the system default). */
  private readonly openedFor = new WeakMap<MediaStreamTrack, string>();
  /** Microphone swaps (a device chosen, a stopped microphone reopened) run one at a time, in order. */
  private microphoneWork: Promise<void> = Promise.resolve();
  /** No microphone would open for the calls: set until one does (retried on every `devicechange`). */
  private microphoneOutage = false;
  private retryOnDeviceChange: (() => void) | null = null;
  private readonly microphoneListeners = new Set<(event: MicrophoneEvent) => void>();

  constructor(private readonly doc: Document = document) {}

  /**
   * The microphone ('' = the system default): for the next calls, and swapped into running calls without
   * renegotiation (RTCRtpSender.replaceTrack), e.g. when the chosen headset was unplugged mid-call.
   */
  async setInputDevice(deviceId: string): Promise<void> {
    if (deviceId === this.inputDeviceId) return;
    this.inputDeviceId = deviceId;
    this.releasePreparedMicrophone();
    for (const session of this.sessions.values()) this.dropEarlyMicrophone(session);
    return this.queueMicrophoneWork(() => this.switchMicrophones());
  }

  /** Tells `listener` when a call's microphone stopped and what replaced it (or that nothing would open). */
  onMicrophoneEvent(listener: (event: MicrophoneEvent) => void): () => void {
    this.microphoneListeners.add(listener);
    return () => this.microphoneListeners.delete(listener);
  }

  /** The headset or speakers remote audio plays on ('' = default); applied to running calls too. */
  async setOutputDevice(deviceId: string): Promise<void> {
    this.outputDeviceId = deviceId;
    await Promise.all([...this.sessions.values()].map((session) => this.routeOutput(session.player)));
  }

  /**
   * An inbound call rings: the microphone opens now, so answering does not wait for the device (opening one takes
   * tens of ms, hundreds on some headsets). Nothing is sent before the answer; releasePreparedMicrophone closes it
   * when the call stops ringing unanswered.
   */
  prepareMicrophone(): void {
    if (this.preparedMicrophone?.deviceId === this.inputDeviceId) return;
    this.releasePreparedMicrophone();
    const stream = this.microphone();
    stream.catch(() => {}); // a failure surfaces when the answer asks for the microphone
    this.preparedMicrophone = { deviceId: this.inputDeviceId, stream };
  }

  releasePreparedMicrophone(): void {
    const prepared = this.preparedMicrophone;
    this.preparedMicrophone = null;
    if (prepared) stopStream(prepared.stream);
  }

  get sessionCount(): number {
    return this.sessions.size;
  }

  /** One request from core; resolves with the value core's MediaPeer expects, rejects with a reason. */
  async handle(method: WireMediaMethod, sessionId: string, params: Record<string, unknown>): Promise<unknown> {
    switch (method) {
      case 'create':
        return this.create(sessionId, params);
      case 'getDescription': {
        const session = this.get(sessionId);
        const options = objectParam(params, 'options');
        const description = await session.handler.getDescription(options, modifiersFrom(params));
        this.applyTrackState(session, options);
        return description;
      }
      case 'setDescription': {
        const session = this.get(sessionId);
        const options = objectParam(params, 'options');
        await session.handler.setDescription(stringParam(params, 'sdp'), options, modifiersFrom(params));
        this.applyTrackState(session, options);
        return true;
      }
      case 'rollbackDescription': {
        // sip.js's Web handler has no rollback of its own: undo a pending local offer on the connection.
        const pc = this.get(sessionId).handler.peerConnection;
        if (pc && pc.signalingState === 'have-local-offer') await pc.setLocalDescription({ type: 'rollback' });
        return true;
      }
      case 'sendDtmf': {
        const options = objectParam(params, 'options');
        const duration = typeof options.duration === 'number' ? options.duration : 100;
        const interToneGap = typeof options.interToneGap === 'number' ? options.interToneGap : 70;
        return this.get(sessionId).handler.sendDtmf(stringParam(params, 'tones'), { duration, interToneGap });
      }
      case 'mute': {
        const session = this.get(sessionId);
        session.muted = params.muted === true;
        this.applyTrackState(session, {});
        return true;
      }
      case 'stats':
        return this.stats(this.get(sessionId));
      case 'close':
        this.close(sessionId);
        return true;
      case 'mixWith':
        await this.mixWith(this.get(sessionId), stringListParam(params, 'sessionIds'));
        return null;
    }
  }

  /** Ends every session (the page is going away, or the engine was replaced). */
  closeAll(): void {
    for (const id of [...this.sessions.keys()]) this.close(id);
    this.releasePreparedMicrophone();
    this.endMicrophoneOutage();
  }

  private create(sessionId: string, params: Record<string, unknown>): true {
    if (this.sessions.has(sessionId)) throw new Error(`media session ${sessionId} exists already`);
    const timeout = typeof params.iceGatheringTimeoutMs === 'number' ? params.iceGatheringTimeoutMs : 1000;
    const iceServers = iceServersFrom(params.iceServers);
    // Without STUN/TURN the host's UDP candidates are all there is to wait for (hostIceHandler.ts).
    const Handler = iceServers.length === 0 ? HostIceSessionDescriptionHandler : Web.SessionDescriptionHandler;
    const handler = new Handler(quietLogger(), () => this.takeMicrophone(session), {
      iceGatheringTimeout: timeout,
      // Only the servers from settings: sip.js's default (a public STUN server) would leak and stall offline.
      peerConnectionConfiguration: { ...Web.defaultPeerConnectionConfiguration(), iceServers },
    });
    const player = this.doc.createElement('audio');
    player.autoplay = true;
    player.hidden = true;
    player.dataset.mediaSession = sessionId;
    player.srcObject = handler.remoteMediaStream;
    this.doc.body.append(player);
    void this.routeOutput(player);
    // Chromium only plays (and computes levels for) remote WebRTC audio attached to a playing element.
    handler.remoteMediaStream.addEventListener('addtrack', () => void player.play().catch(() => {}));
    // The microphone opened while the call rang, or now: the offer or answer that needs it comes one bridge round
    // trip later, and opening a device takes longer than that (a failure surfaces when the offer or answer asks).
    const prepared = this.preparedMicrophone;
    this.preparedMicrophone = null;
    const earlyMicrophone = prepared?.deviceId === this.inputDeviceId ? prepared.stream : this.microphone();
    if (prepared && prepared.stream !== earlyMicrophone) stopStream(prepared.stream);
    earlyMicrophone.catch(() => {});
    const session: MediaSession = { handler, player, muted: false, held: false, earlyMicrophone };
    this.sessions.set(sessionId, session);
    return true;
  }

  /**
   * sip.js's media stream factory for `session`: the microphone opened early, once, if it is still live (a headset
   * unplugged meanwhile ends its track); otherwise a fresh one.
   */
  private takeMicrophone(session: MediaSession): Promise<MediaStream> {
    const early = session.earlyMicrophone;
    delete session.earlyMicrophone;
    if (!early) return this.microphone();
    return early.then(
      (stream) => {
        const tracks = stream.getAudioTracks();
        if (tracks.length > 0 && tracks.every((track) => track.readyState === 'live')) return stream;
        stopStream(early);
        return this.microphone();
      },
      () => this.microphone(),
    );
  }

  /** A microphone opened early that no offer or answer took (the call ended first, or the device changed). */
  private dropEarlyMicrophone(session: MediaSession): void {
    const early = session.earlyMicrophone;
    delete session.earlyMicrophone;
    if (early) stopStream(early);
  }

  /** Opens a microphone ('' = the system default) and watches its tracks for the device going away. */
  private async microphone(deviceId = this.inputDeviceId): Promise<MediaStream> {
    const stream = await navigator.mediaDevices.getUserMedia({ audio: microphoneConstraint(deviceId), video: false });
    for (const track of stream.getAudioTracks()) this.watchMicrophone(track, deviceId);
    return stream;
  }

  private watchMicrophone(track: MediaStreamTrack, deviceId: string): void {
    this.openedFor.set(track, deviceId);
    // 'ended' fires when the source goes away (unplugged, the OS closed it), not on our own stop().
    track.addEventListener('ended', () => this.microphoneEnded(track), { once: true });
  }

  /** What a session sends from the microphone: the sender's track, or the microphone inside its conference mix. */
  private microphoneOf(session: MediaSession): MediaStreamTrack | null {
    return session.mix ? session.mix.microphone : (audioSender(session)?.track ?? null);
  }

  /** A microphone track ended: if a call was using it, reopen one (the chosen device, else the default). */
  private microphoneEnded(track: MediaStreamTrack): void {
    if (![...this.sessions.values()].some((session) => this.microphoneOf(session) === track)) return;
    this.reopenSoon();
  }

  private reopenSoon(): void {
    this.queueMicrophoneWork(() => this.reopenMicrophones()).catch((error: unknown) =>
      console.warn('[media] reopening the microphone failed', error),
    );
  }

  private queueMicrophoneWork(work: () => Promise<void>): Promise<void> {
    const run = this.microphoneWork.then(work);
    this.microphoneWork = run.catch(() => {}); // the caller hears of the failure; the next swap still runs
    return run;
  }

  /** The operator chose another microphone: every call that does not send from it yet gets it. */
  private async switchMicrophones(): Promise<void> {
    const deviceId = this.inputDeviceId;
    for (const [sessionId, session] of [...this.sessions]) {
      const current = this.microphoneOf(session);
      if (!current) continue;
      // Already there: a stopped microphone was reopened on this device before the device list caught up.
      if (current.readyState === 'live' && this.openedFor.get(current) === deviceId) continue;
      const track = (await this.microphone(deviceId)).getAudioTracks()[0];
      if (!track) continue;
      await this.putMicrophone(sessionId, track);
    }
  }

  /**
   * Every call whose microphone has ended gets a new one (the chosen device if it still opens, else the default),
   * swapped in without renegotiation; mute and hold stay as they were. When nothing opens the operator is told
   * once, and each `devicechange` tries again until a microphone opens or the calls are over.
   */
  private async reopenMicrophones(): Promise<void> {
    const stopped = [...this.sessions].filter(([, session]) => needsNewMicrophone(this.microphoneOf(session)));
    if (stopped.length === 0) {
      this.endMicrophoneOutage();
      return;
    }
    const previousLabel = this.microphoneOf(stopped[0]![1])?.label ?? '';
    const chosenDeviceId = this.inputDeviceId;
    let opened: { track: MediaStreamTrack; deviceId: string } | null = null;
    for (const deviceId of microphoneCandidates(chosenDeviceId)) {
      const track = await this.microphone(deviceId).then(
        (stream) => stream.getAudioTracks()[0],
        () => undefined,
      );
      if (track?.readyState === 'live') {
        opened = { track, deviceId };
        break;
      }
    }
    if (!opened) {
      if (!this.microphoneOutage) this.emitMicrophoneEvent({ kind: 'unavailable', previousLabel });
      this.microphoneOutage = true;
      this.retryWhenDevicesChange();
      return;
    }
    const afterOutage = this.microphoneOutage;
    this.endMicrophoneOutage();
    const { track, deviceId } = opened;
    // One device, one capture: the other calls get clones (each can be stopped on its own), all made before any
    // swap, since a call that ends during its swap stops its copy and a clone of a stopped track is stopped too.
    const copies = stopped.map((_, index) => (index === 0 ? track : track.clone()));
    for (const copy of copies) if (copy !== track) this.watchMicrophone(copy, deviceId);
    for (const [index, [sessionId]] of stopped.entries()) {
      // One call failing (ended meanwhile) must not cost the others their microphone.
      await this.putMicrophone(sessionId, copies[index]!).catch((error: unknown) =>
        console.warn(`[media] reopening the microphone for ${sessionId} failed`, error),
      );
    }
    this.emitMicrophoneEvent({ kind: 'reopened', chosenDeviceId, deviceId, label: track.label, previousLabel, afterOutage });
  }

  /** Puts `track` where the session's microphone goes, keeping mute and hold; stops the track it replaces. */
  private async putMicrophone(sessionId: string, track: MediaStreamTrack): Promise<void> {
    const session = this.sessions.get(sessionId);
    const sender = session ? audioSender(session) : undefined;
    if (!session || !sender) {
      track.stop(); // the call ended meanwhile
      return;
    }
    if (session.mix) {
      // A conference line sends its mix: the new microphone goes into the mix, the sender keeps the mix.
      const replaced = session.mix.microphone;
      session.mix.setMicrophone(track);
      replaced.stop();
      this.applyTrackState(session, {});
      return;
    }
    const previous = sender.track;
    track.enabled = !session.held && !session.muted; // silent from its first sample when muted or held
    try {
      await sender.replaceTrack(track);
    } catch (error) {
      track.stop(); // nothing sends it: release the device
      // A call core closed during the swap refuses the track (its connection is closed); anything else goes in the log.
      if (this.sessions.get(sessionId) === session) console.warn('[media] swapping the microphone failed', error);
      return;
    }
    // Closed during the swap, and Chromium resolved it anyway: the closed connection sends nothing, so release it.
    if (this.sessions.get(sessionId) !== session) {
      track.stop();
      return;
    }
    this.applyTrackState(session, {});
    if (previous !== track) previous?.stop();
  }

  private retryWhenDevicesChange(): void {
    if (this.retryOnDeviceChange) return;
    this.retryOnDeviceChange = () => this.reopenSoon();
    navigator.mediaDevices.addEventListener('devicechange', this.retryOnDeviceChange);
  }

  private endMicrophoneOutage(): void {
    this.microphoneOutage = false;
    if (!this.retryOnDeviceChange) return;
    navigator.mediaDevices.removeEventListener('devicechange', this.retryOnDeviceChange);
    this.retryOnDeviceChange = null;
  }

  private emitMicrophoneEvent(event: MicrophoneEvent): void {
    for (const listener of [...this.microphoneListeners]) {
      try {
        listener(event);
      } catch (error) {
        console.warn('[media] microphone listener failed', error);
      }
    }
  }

  /**
   * Hold silences both directions locally too (sip.js only changes the SDP direction); mute only our side.
   * A conference line sends its mix: mute silences the microphone inside it, so the parties still hear each other.
   */
  private applyTrackState(session: MediaSession, options: Record<string, unknown>): void {
    if (typeof options.hold === 'boolean') session.held = options.hold;
    if (!session.handler.peerConnection) return;
    session.handler.enableReceiverTracks(!session.held);
    session.handler.enableSenderTracks(!session.held && (session.mix !== undefined || !session.muted));
    if (session.mix) session.mix.microphone.enabled = !session.held && !session.muted;
  }

  /**
   * Conference: this line sends the microphone mixed with the remote audio of `sessionIds` (the other conference
   * lines); an empty list, or only sessions that are gone, sends the microphone alone again. The remote tracks
   * reach WebAudio because each one plays in its session's <audio> element (Chromium pulls remote WebRTC audio
   * into WebAudio only then).
   */
  private async mixWith(session: MediaSession, sessionIds: string[]): Promise<void> {
    const remotes = new Map<string, MediaStreamTrack>();
    for (const id of sessionIds) {
      const other = this.sessions.get(id);
      const track = other && other !== session ? remoteAudioTrack(other) : undefined;
      if (track) remotes.set(id, track);
    }
    if (remotes.size === 0) return this.endMix(session);
    const sender = audioSender(session);
    if (!sender) throw new Error('the call sends no audio to mix into');
    if (!session.mix) {
      const microphone = sender.track;
      if (!microphone) throw new Error('the call has no microphone track');
      const context = this.mixingContext();
      const mix = new LineMix(context, microphone);
      session.mix = mix;
      mix.setRemotes(remotes);
      this.applyTrackState(session, {}); // the microphone muted or not before the mix goes out
      await sender.replaceTrack(mix.track);
      this.applyTrackState(session, {});
      await this.resumeMixing(context);
      return;
    }
    session.mix.setRemotes(remotes);
    this.applyTrackState(session, {});
  }

  /** Back to the bare microphone (conference over for this line); nothing to do when it was not mixing. */
  private async endMix(session: MediaSession): Promise<void> {
    const mix = session.mix;
    if (!mix) return;
    delete session.mix;
    this.applyTrackState(session, {});
    const sender = audioSender(session);
    if (sender) await sender.replaceTrack(mix.microphone);
    this.applyTrackState(session, {});
    mix.close();
    this.releaseMixingContext();
  }

  private mixingContext(): AudioContext {
    this.mixContext ??= new AudioContext({ latencyHint: 'interactive' });
    return this.mixContext;
  }

  /**
   * A context made before any user gesture starts suspended in a browser tab (Electron allows autoplay): a
   * suspended graph would send silence, so say so instead of failing quietly.
   */
  private async resumeMixing(context: AudioContext): Promise<void> {
    const state = (): AudioContextState => context.state;
    if (state() === 'running') return;
    await Promise.race([context.resume(), new Promise((resolve) => setTimeout(resolve, 1000))]);
    if (state() !== 'running') console.warn('[media] the conference mix is not running yet:', state());
  }

  private releaseMixingContext(): void {
    if (!this.mixContext || [...this.sessions.values()].some((session) => session.mix)) return;
    void this.mixContext.close().catch(() => {});
    this.mixContext = null;
  }

  private async routeOutput(player: HTMLAudioElement): Promise<void> {
    const sinkable = player as HTMLAudioElement & { setSinkId?: (id: string) => Promise<void> };
    if (typeof sinkable.setSinkId !== 'function') return;
    try {
      await sinkable.setSinkId(this.outputDeviceId);
    } catch (error) {
      // An unplugged headset: play on the default device rather than not at all.
      console.warn('[media] output device unavailable, using the default', error);
      if (this.outputDeviceId) await sinkable.setSinkId('').catch(() => {});
    }
  }

  private async stats(session: MediaSession): Promise<MediaStatsSummary> {
    const pc = session.handler.peerConnection;
    const summary: MediaStatsSummary = {
      packetsReceived: 0,
      packetsLost: 0,
      packetsSent: 0,
      bytesReceived: 0,
      iceState: pc?.iceConnectionState ?? 'closed',
    };
    if (!pc) return summary;
    const report = await pc.getStats();
    const byId = new Map<string, Record<string, unknown>>();
    report.forEach((entry: Record<string, unknown>) => byId.set(String(entry.id), entry));
    for (const entry of byId.values()) {
      if (entry.type === 'inbound-rtp' && entry.kind === 'audio') {
        summary.packetsReceived = Number(entry.packetsReceived ?? 0);
        summary.packetsLost = Number(entry.packetsLost ?? 0);
        summary.bytesReceived = Number(entry.bytesReceived ?? 0);
        if (typeof entry.jitter === 'number') summary.jitterMs = entry.jitter * 1000;
        const codec = byId.get(String(entry.codecId))?.mimeType;
        if (typeof codec === 'string') summary.codec = codec;
      } else if (entry.type === 'outbound-rtp' && entry.kind === 'audio') {
        summary.packetsSent = Number(entry.packetsSent ?? 0);
      } else if (entry.type === 'candidate-pair' && entry.nominated === true && typeof entry.currentRoundTripTime === 'number') {
        summary.rttMs = entry.currentRoundTripTime * 1000;
      }
    }
    return summary;
  }

  private close(sessionId: string): void {
    const session = this.sessions.get(sessionId);
    if (!session) return;
    this.sessions.delete(sessionId);
    this.dropEarlyMicrophone(session);
    // sip.js stops the tracks it sends, which is the mix on a conference line: the microphone is ours to stop.
    session.mix?.microphone.stop();
    session.mix?.close();
    // Its remote audio leaves the other lines' mixes at once (core follows with new mixWith requests).
    for (const other of this.sessions.values()) other.mix?.removeRemote(sessionId);
    session.handler.close();
    this.releaseMixingContext();
    session.player.pause();
    session.player.srcObject = null;
    session.player.remove();
    if (this.sessions.size === 0) this.endMicrophoneOutage(); // no call left to reopen a microphone for
  }

  private get(sessionId: string): MediaSession {
    const session = this.sessions.get(sessionId);
    if (!session) throw new Error(`no media session ${sessionId}`);
    return session;
  }
}
