// Benchmark probe injected into the agent's console page (Playwright addInitScript, after audioProbe.js), in
// Chromium. Timestamps the call path without any hook in app code: every bridge frame the page receives
// (calls:state events, media requests) and sends (commands, media replies), each time a ringing call appears
// in the DOM (MutationObserver) and the frame after it; and measures bridge round trips on the console's own
// command socket (the first bridge socket; the media engine opens a second one, renderer/src/media/mediaLink.ts). All times are performance.timeOrigin + performance.now() (epoch ms, sub-ms resolution).
/* global window, document, MutationObserver, requestAnimationFrame */
(() => {
  const now = () => performance.timeOrigin + performance.now();
  const probe = {
    /** { t, name, state, id } per calls:state event, as the page's socket receives it. */
    callEvents: [],
    /** { t, dir: 'in'|'out', kind, id, method } per media request (in) and reply (out). */
    media: [],
    /** { t, name } per command the console sends. */
    commands: [],
    /** { t, painted } each time a ringing call appears on screen (painted: the next animation frame). */
    ringingShown: [],
    /** The console's command socket (the first to the bridge). */
    socket: null,
  };
  const NativeWebSocket = window.WebSocket;
  const pendingMedia = new Map();

  class ProbedWebSocket extends NativeWebSocket {
    constructor(...args) {
      super(...args);
      if (!String(args[0]).includes('/bridge')) return;
      probe.socket ??= this;
      // Registered in the constructor, so it runs before the console's own onmessage handler.
      this.addEventListener('message', (event) => {
        const t = now();
        const text = typeof event.data === 'string' ? event.data : '';
        // Events reach every bridge socket: counted once, on the command socket.
        if (text.startsWith('{"t":"event","name":"calls:state"') && this === probe.socket) {
          const { payload } = JSON.parse(text);
          probe.callEvents.push({ t, state: payload.state, id: payload.id, at: payload.at });
        } else if (text.startsWith('{"t":"media"')) {
          const { id, method } = JSON.parse(text);
          pendingMedia.set(id, method);
          probe.media.push({ t, dir: 'in', id, method });
        } else if (text.startsWith('{"t":"result"') && this === probe.socket) {
          const { id } = JSON.parse(text);
          const waiting = probe.roundTrips.get(id);
          if (waiting) waiting(t);
        }
      });
    }
    send(data) {
      if (typeof data === 'string') {
        const t = now();
        if (data.startsWith('{"t":"mediaReply"')) {
          const { id } = JSON.parse(data);
          probe.media.push({ t, dir: 'out', id, method: pendingMedia.get(id) });
          pendingMedia.delete(id);
        } else if (data.startsWith('{"t":"invoke"')) {
          probe.commands.push({ t, name: JSON.parse(data).name });
        }
      }
      return super.send(data);
    }
  }
  window.WebSocket = ProbedWebSocket;

  probe.roundTrips = new Map();
  /**
   * `count` command round trips (`name`, trivial handler) on the console's own bridge socket, one after
   * another; ids far above the console's, whose results its bridge ignores. Returns each round trip in ms.
   */
  probe.measureRoundTrips = async (count, name) => {
    const socket = probe.socket;
    if (!socket || socket.readyState !== NativeWebSocket.OPEN) throw new Error('the console has no open bridge socket');
    const times = [];
    for (let i = 0; i < count; i++) {
      const id = 2_000_000_000 + i;
      const received = new Promise((resolve) => probe.roundTrips.set(id, resolve));
      const sent = now();
      NativeWebSocket.prototype.send.call(socket, JSON.stringify({ t: 'invoke', id, name, args: {} }));
      times.push((await received) - sent);
      probe.roundTrips.delete(id);
    }
    return times;
  };

  let ringingVisible = false;
  new MutationObserver(() => {
    const visible = document.querySelector('[data-call-state="ringing"]') !== null;
    if (visible && !ringingVisible) {
      const entry = { t: now(), painted: null };
      probe.ringingShown.push(entry);
      requestAnimationFrame(() => (entry.painted = now()));
    }
    ringingVisible = visible;
  }).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-call-state'] });

  // WebRTC steps as the page takes them: getUserMedia, offer/answer, descriptions, ICE gathering and connection.
  probe.rtc = [];
  const mark = (step, detail) => probe.rtc.push({ t: now(), step, detail });
  const media = navigator.mediaDevices;
  const nativeGetUserMedia = media.getUserMedia.bind(media);
  media.getUserMedia = (...args) => {
    mark('getUserMedia');
    return nativeGetUserMedia(...args).then((stream) => (mark('getUserMedia:done'), stream));
  };
  const proto = window.RTCPeerConnection.prototype;
  for (const method of ['createOffer', 'createAnswer', 'setLocalDescription', 'setRemoteDescription']) {
    const native = proto[method];
    proto[method] = function (...args) {
      mark(method);
      this.probeTraced ??= (() => {
        this.addEventListener('icegatheringstatechange', () => mark('iceGathering', this.iceGatheringState));
        this.addEventListener('icecandidate', (event) => mark('candidate', event.candidate ? event.candidate.candidate : 'end'));
        this.addEventListener('iceconnectionstatechange', () => mark('iceConnection', this.iceConnectionState));
        this.addEventListener('connectionstatechange', () => mark('connection', this.connectionState));
        return true;
      })();
      return native.apply(this, args).then((value) => (mark(`${method}:done`), value));
    };
  }

  window.__callPath = probe;
})();
