// The CUSTOMER in the browser tier: a plain sip.js phone (core API, sip.js's own Web handler) in its own
// Chromium page, sending a WebAudio tone instead of a microphone (tonePhone.js). Bundled by esbuild at test time
// (tests/support/customerPhone.ts); the test drives it through `window.customer`.
/* global window */
import { Inviter, SessionState, UserAgent } from 'sip.js';
import { registerWithin, toneUserAgent } from './tonePhone.js';

const customer = {
  userAgent: null,
  session: null,
  state: 'idle',
  inviteSentAt: null,
  infos: [],

  async start(options) {
    const userAgent = toneUserAgent(options);
    await userAgent.start();
    // Timestamp the INVITE as it goes on the wire (for INVITE → ringing shown).
    const transport = userAgent.transport;
    const send = transport.send.bind(transport);
    transport.send = (message) => {
      if (this.inviteSentAt === null && message.startsWith('INVITE '))
        this.inviteSentAt = performance.timeOrigin + performance.now();
      return send(message);
    };
    await registerWithin(userAgent, 5000, 'customer did not register in 5 s');
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
