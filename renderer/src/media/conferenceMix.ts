// One conference line's outgoing audio in the local 3-way conference: the operator's microphone summed with the
// remote audio of the other conference lines (WebAudio), as one track the line sends instead of the microphone.
// Used by the media engine (mediaEngine.ts `mixWith`). Runs in Chromium.
//
// Why per line: each party must hear the operator and the OTHER parties, never themselves, so line A sends
// mic + B, line B sends mic + A. The operator hears every line anyway (the engine plays each remote stream).
//
// The sum goes through a limiter before it is sent: two people talking loudly at once add up past full scale,
// and the encoder would clip that into a crackle for the third party. Speech at normal levels stays below
// the limiter's threshold and passes unchanged (it adds the compressor's few milliseconds of look-ahead).

/** Limiter settings: −3 dBFS threshold, hard knee, 20:1, fast attack; short release so speech is not pumped. */
export const mixLimiter = { thresholdDb: -3, kneeDb: 0, ratio: 20, attackSeconds: 0.002, releaseSeconds: 0.1 } as const;

/**
 * Web Audio's compressor adds make-up gain by itself: (1 / its gain at 0 dBFS)^0.6 (Web Audio API, "Computing
 * the makeup gain"). Taken back out after it, so audio below the threshold leaves the mix at the level it came in.
 */
const makeUpGainDb = 0.6 * -(mixLimiter.thresholdDb + -mixLimiter.thresholdDb / mixLimiter.ratio);
const undoMakeUpGain = 10 ** (-makeUpGainDb / 20);

export class LineMix {
  private readonly destination: MediaStreamAudioDestinationNode;
  /** Every source connects here; it feeds the destination. */
  private readonly limiter: DynamicsCompressorNode;
  private microphoneSource: MediaStreamAudioSourceNode;
  /** The other lines' remote audio, by their media session id. */
  private readonly remoteSources = new Map<string, { track: MediaStreamTrack; node: MediaStreamAudioSourceNode }>();

  /**
   * @param microphoneTrack The track the line sent before the mix; it goes back into the sender when the mix ends.
   *   Mute disables this track (silence inside the mix), not the mix: the parties keep hearing each other.
   */
  constructor(
    private readonly context: AudioContext,
    private microphoneTrack: MediaStreamTrack,
  ) {
    this.destination = context.createMediaStreamDestination();
    this.limiter = context.createDynamicsCompressor();
    this.limiter.threshold.value = mixLimiter.thresholdDb;
    this.limiter.knee.value = mixLimiter.kneeDb;
    this.limiter.ratio.value = mixLimiter.ratio;
    this.limiter.attack.value = mixLimiter.attackSeconds;
    this.limiter.release.value = mixLimiter.releaseSeconds;
    const trim = context.createGain();
    trim.gain.value = undoMakeUpGain;
    this.limiter.connect(trim).connect(this.destination);
    this.microphoneSource = this.sourceOf(microphoneTrack);
  }

  /** What the line sends while the mix lasts (RTCRtpSender.replaceTrack target). */
  get track(): MediaStreamTrack {
    const track = this.destination.stream.getAudioTracks()[0];
    if (!track) throw new Error('the mix has no audio track');
    return track;
  }

  get microphone(): MediaStreamTrack {
    return this.microphoneTrack;
  }

  /** Another microphone (the operator chose or unplugged one mid-conference); the caller stops the old track. */
  setMicrophone(track: MediaStreamTrack): void {
    this.microphoneSource.disconnect();
    this.microphoneTrack = track;
    this.microphoneSource = this.sourceOf(track);
  }

  /** Mixes exactly these remote tracks (session id → track): sources are added and dropped as needed. */
  setRemotes(remotes: ReadonlyMap<string, MediaStreamTrack>): void {
    for (const [sessionId, source] of this.remoteSources) {
      if (remotes.get(sessionId) !== source.track) this.removeRemote(sessionId);
    }
    for (const [sessionId, track] of remotes) {
      if (!this.remoteSources.has(sessionId)) this.remoteSources.set(sessionId, { track, node: this.sourceOf(track) });
    }
  }

  removeRemote(sessionId: string): void {
    this.remoteSources.get(sessionId)?.node.disconnect();
    this.remoteSources.delete(sessionId);
  }

  get remoteSessionIds(): string[] {
    return [...this.remoteSources.keys()];
  }

  /** Disconnects every source and ends the mixed track. The microphone track is left to the caller. */
  close(): void {
    for (const sessionId of [...this.remoteSources.keys()]) this.removeRemote(sessionId);
    this.microphoneSource.disconnect();
    this.limiter.disconnect();
    for (const track of this.destination.stream.getTracks()) track.stop();
  }

  private sourceOf(track: MediaStreamTrack): MediaStreamAudioSourceNode {
    const node = this.context.createMediaStreamSource(new MediaStream([track]));
    node.connect(this.limiter);
    return node;
  }
}
