// Test probe for the transfer and conference tests, injected into a page before its own scripts (Playwright
// addInitScript), in Chromium. It wraps RTCPeerConnection, as audioProbe.js does, but measures several tones at
// once in what each connection RECEIVES: a conference party hears two others mixed in one stream, so the
// dominant frequency alone cannot tell who is heard. No hook in app code.
/* global window, AudioContext, MediaStream, Audio */
(() => {
  const NativePeerConnection = window.RTCPeerConnection;
  let audioContext = null;
  const context = () => {
    if (!audioContext) audioContext = new AudioContext();
    if (audioContext.state !== 'running') void audioContext.resume();
    return audioContext;
  };
  const connections = [];

  class TonedPeerConnection extends NativePeerConnection {
    constructor(...args) {
      super(...args);
      this.toneIndex = connections.length;
      connections.push(this);
      this.addEventListener('track', (event) => {
        if (event.track.kind !== 'audio' || this.toneAnalyser) return;
        const stream = new MediaStream([event.track]);
        // Chromium pulls remote WebRTC audio into WebAudio only while a media element plays it.
        const player = new Audio();
        player.srcObject = stream;
        void player.play().catch(() => {});
        this.tonePlayer = player;
        const analyser = context().createAnalyser();
        analyser.fftSize = 8192; // 5.9 Hz bins at 48 kHz
        // No smoothing across reads: a tone that stops must show at once.
        analyser.smoothingTimeConstant = 0;
        context().createMediaStreamSource(stream).connect(analyser);
        this.toneAnalyser = analyser;
      });
    }
  }
  window.RTCPeerConnection = TonedPeerConnection;

  /** Peak level (dBFS of the FFT) within ±tolerance Hz of each frequency, in one snapshot of `analyser`. */
  function levelsOf(analyser, frequencies, tolerance) {
    const bins = new Float32Array(analyser.frequencyBinCount);
    analyser.getFloatFrequencyData(bins);
    const binHz = analyser.context.sampleRate / analyser.fftSize;
    const levels = {};
    for (const hz of frequencies) {
      let best = -Infinity;
      const from = Math.max(0, Math.floor((hz - tolerance) / binHz));
      const to = Math.min(bins.length - 1, Math.ceil((hz + tolerance) / binHz));
      for (let i = from; i <= to; i++) if (bins[i] > best) best = bins[i];
      levels[hz] = Math.round(best);
    }
    return levels;
  }

  window.__tones = {
    /** How many connections this page made so far (index = creation order). */
    count: () => connections.length,
    /** Indexes of the connections that are not closed. */
    open: () => connections.filter((pc) => pc.signalingState !== 'closed').map((pc) => pc.toneIndex),
    /**
     * Levels of `frequencies` in what connection `index` receives (-Infinity when it has no audio yet).
     * `index` -1 means the newest open connection.
     */
    levels(index, frequencies, tolerance = 15) {
      const open = connections.filter((pc) => pc.signalingState !== 'closed');
      const pc = index === -1 ? open.at(-1) : connections[index];
      if (!pc || !pc.toneAnalyser || pc.signalingState === 'closed') {
        return Object.fromEntries(frequencies.map((hz) => [hz, null]));
      }
      return levelsOf(pc.toneAnalyser, frequencies, tolerance);
    },
  };
})();
