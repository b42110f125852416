// Test probe injected into a page before its own scripts (Playwright addInitScript), in Chromium.
// It wraps RTCPeerConnection so the test can see what the page HEARS without any hook in app code:
// the dominant frequency of the remote audio (WebAudio FFT), the first inbound RTP packet, inbound packet
// counts, RFC 4733 tones the page sends, button clicks and when a ringing call first appears on screen.
/* global window, document, AudioContext, MediaStream, Audio, RTCDTMFSender, Element, MutationObserver */
(() => {
  const now = () => performance.timeOrigin + performance.now();
  const NativePeerConnection = window.RTCPeerConnection;
  let audioContext = null;
  const context = () => {
    if (!audioContext) audioContext = new AudioContext();
    if (audioContext.state !== 'running') void audioContext.resume();
    return audioContext;
  };
  const probe = { connections: [], clicks: {}, dtmfTones: [], ringingShownAt: null };

  class ProbedPeerConnection extends NativePeerConnection {
    constructor(...args) {
      super(...args);
      this.probeCreatedAt = now();
      this.probeFirstPacketAt = null;
      probe.connections.push(this);
      this.addEventListener('track', (event) => {
        if (event.track.kind !== 'audio' || this.probeAnalyser) return;
        const stream = new MediaStream([event.track]);
        // Chromium pulls remote WebRTC audio into WebAudio only while a media element plays it.
        const player = new Audio();
        player.srcObject = stream;
        void player.play().catch(() => {});
        this.probePlayer = player;
        const analyser = context().createAnalyser();
        analyser.fftSize = 8192;
        // No smoothing across reads: silence must show at once, not decay by ~2 dB per poll.
        analyser.smoothingTimeConstant = 0;
        context().createMediaStreamSource(stream).connect(analyser);
        this.probeAnalyser = analyser;
      });
      const poll = setInterval(() => {
        if (this.signalingState === 'closed') return clearInterval(poll);
        for (const receiver of this.getReceivers()) {
          if (receiver.track && receiver.track.kind === 'audio' && receiver.getSynchronizationSources().length > 0) {
            this.probeFirstPacketAt = now();
            return clearInterval(poll);
          }
        }
      }, 2);
    }
  }
  window.RTCPeerConnection = ProbedPeerConnection;

  const nativeInsertDtmf = RTCDTMFSender.prototype.insertDTMF;
  RTCDTMFSender.prototype.insertDTMF = function (...args) {
    if (!this.probeHooked) {
      this.probeHooked = true;
      this.addEventListener('tonechange', (event) => event.tone && probe.dtmfTones.push(event.tone));
    }
    return nativeInsertDtmf.apply(this, args);
  };

  probe.current = () => probe.connections.filter((pc) => pc.signalingState !== 'closed').at(-1) ?? null;
  /** Dominant frequency (100–4000 Hz) and its level in what the current call plays. */
  probe.tone = () => {
    const analyser = probe.current()?.probeAnalyser;
    if (!analyser) return { hz: 0, peakDb: -Infinity };
    const bins = new Float32Array(analyser.frequencyBinCount);
    analyser.getFloatFrequencyData(bins);
    const binHz = analyser.context.sampleRate / analyser.fftSize;
    let best = -Infinity;
    let index = 0;
    for (let i = Math.floor(100 / binHz); i < Math.min(bins.length, Math.floor(4000 / binHz)); i++) {
      if (bins[i] > best) {
        best = bins[i];
        index = i;
      }
    }
    return { hz: Math.round(index * binHz), peakDb: Math.round(best) };
  };
  probe.inboundPackets = async () => {
    const pc = probe.current();
    if (!pc) return 0;
    let packets = 0;
    (await pc.getStats()).forEach((entry) => {
      if (entry.type === 'inbound-rtp' && entry.kind === 'audio') packets += entry.packetsReceived;
    });
    return packets;
  };
  probe.firstPacketAt = () => probe.current()?.probeFirstPacketAt ?? null;
  probe.now = now;

  document.addEventListener(
    'click',
    (event) => {
      const button = event.target instanceof Element ? event.target.closest('button') : null;
      if (button) probe.clicks[(button.getAttribute('aria-label') || button.textContent || '').trim()] = now();
    },
    true,
  );
  new MutationObserver(() => {
    if (probe.ringingShownAt === null && document.querySelector('[data-call-state="ringing"]')) probe.ringingShownAt = now();
  }).observe(document, { childList: true, subtree: true, attributes: true });

  window.__probe = probe;
})();
