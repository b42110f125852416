// The CUSTOMER in the browser tier: a plain sip.js phone (core API, sip.js's own Web handler) in its own
// Chromium page, sending a WebAudio tone instead of a microphone. Bundled by esbuild at test time
// (tests/support/customerPhone.ts); the test drives it through `window.customer`.
/* global window, AudioContext */
import { Inviter, Registerer, RegistererState, SessionState, UserAgent, Web } from 'sip.js';

let audioContext = null;
function toneStream(frequency) {
  if (!audioContext) audioContext = new AudioContext();
  void audioContext.resume();
  const oscillator = audioContext.createOscillator();
  oscillator.frequency.value = frequency;
  const gain = audioContext.createGain();
  gain.gain.value = 0.5;
  const destination = audioContext.createMediaStreamDestination();
  oscillator.connect(gain).connect(destination);
  oscillator.start();
  return destination.stream;
}

const customer = {
  userAgent: null,
  session: null,
  state: 'idle',
  inviteSentAt: null,
  infos: [],

  async start({ server, user, domain, password, displayName, toneHz }) {
    const userAgent = new UserAgent({
      uri: UserAgent.makeURI(`sip:${user}@${domain}`),
      transportOptions: { server },
      authorizationUsername: user,
      authorizationPassword: password,
      displayName,
      logBuiltinEnabled: false,
      sessionDescriptionHandlerFactory: Web.defaultSessionDescriptionHandlerFactory(async () => toneStream(toneHz)),
      // No public STUN server (offline, and it would stall ICE gathering).
      sessionDescriptionHandlerFactoryOptions: { peerConnectionConfiguration: { iceServers: [] }, iceGatheringTimeout: 1000 },
    });
    await userAgent.start();
    // Timestamp the INVITE as it goes on the wire (for INVITE → ringing shown).
    const transport = userAgent.transport;
    const send = transport.send.bind(transport);
    transport.send = (message) => {
      if (this.inviteSentAt === null && message.startsWith('INVITE '))
        this.inviteSentAt = performance.timeOrigin + performance.now();
      return send(message);
    };
    const registerer = new Registerer(userAgent);
    const registered = new Promise((resolve, reject) => {
      registerer.stateChange.addListener((state) => {
        if (state === RegistererState.Registered) resolve();
      });
      setTimeout(() => reject(new Error('customer did not register in 5 s')), 5000);
    });
    await registerer.register();
    await registered;
    this.userAgent = userAgent;
  },

  /** Calls `target`; resolves once the INVITE is sent (the state is followed in `customer.state`). */
  async call(target, domain) {
    this.inviteSentAt = null;
    const inviter = new Inviter(this.userAgent, UserAgent.makeURI(`sip:${target}@${domain}`));
    this.session = inviter;
    inviter.delegate = {
      onInfo: (info) => {
        this.infos.push(info.request.body ?? '');
        void info.accept();
      },
    };
    inviter.stateChange.addListener((state) => {
      this.state =
        state === SessionState.Established ? 'established' : state === SessionState.Terminated ? 'terminated' : this.state;
    });
    this.state = 'calling';
    await inviter.invite();
  },
};

window.customer = customer;
window.customerReady = true;
