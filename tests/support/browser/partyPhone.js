// A PARTY in the browser-tier transfer and conference tests: a plain sip.js phone (core API, sip.js's own Web
// handler) in its own Chromium page that sends a WebAudio tone of its own frequency instead of a microphone.
// Unlike customerPhone.js it also takes calls, follows a REFER (the transferee of an attended transfer) and
// supports Replaces (the transfer target swaps the operator's leg for the transferee's). The tone and the
// registration come from tonePhone.js. Bundled by esbuild at test time (tests/support/partyPhone.ts); the test
// drives it through `window.party`.
/* global window */
import { Inviter, SessionState, SIPExtension, UserAgent } from 'sip.js';
import { registerWithin, toneUserAgent } from './tonePhone.js';

const now = () => performance.timeOrigin + performance.now();

const party = {
  userAgent: null,
  /** Every session this phone had, oldest first; `current` is the one that matters now. */
  sessions: [],
  /** What happened, for assertions and failure messages: { t, what, detail }. */
  log: [],
  autoAnswer: false,

  /** The newest session that is not over (a replacing call comes after the one it replaced). */
  get current() {
    return [...this.sessions].reverse().find((session) => session.state !== SessionState.Terminated) ?? null;
  },
  /** 'idle' | 'ringing' | 'calling' | 'established' | 'terminated' — of the current session, else the last one. */
  get state() {
    const session = this.current ?? this.sessions.at(-1);
    if (!session) return 'idle';
    switch (session.state) {
      case SessionState.Initial:
        return session instanceof Inviter ? 'calling' : 'ringing';
      case SessionState.Establishing:
        return 'calling';
      case SessionState.Established:
        return 'established';
      default:
        return 'terminated';
    }
  },
  /** The user part of the current session's far end (who this phone talks to now). */
  get peer() {
    return this.current?.remoteIdentity.uri.user ?? null;
  },

  async start({ autoAnswer = false, ...options }) {
    this.autoAnswer = autoAnswer;
    const userAgent = toneUserAgent(options, {
      sipExtensionReplaces: SIPExtension.Supported,
      delegate: { onInvite: (invitation) => this.onInvite(invitation) },
    });
    await userAgent.start();
    await registerWithin(userAgent, 10_000, `${options.user} did not register in 10 s`);
    this.userAgent = userAgent;
  },

  /** Calls `target`; resolves once the INVITE is sent (follow `party.state`). */
  async call(target, domain) {
    const inviter = new Inviter(this.userAgent, UserAgent.makeURI(`sip:${target}@${domain}`));
    this.track(inviter, `call ${target}`);
    await inviter.invite();
  },

  async answer() {
    const ringing = this.sessions.find((session) => session.state === SessionState.Initial && !(session instanceof Inviter));
    if (!ringing) throw new Error('nothing is ringing');
    await ringing.accept();
  },

  async hangup() {
    const session = this.current;
    if (!session) return;
    if (session.state === SessionState.Established) await session.bye();
    else if (session instanceof Inviter) await session.cancel();
    else await session.reject();
  },

  onInvite(invitation) {
    const replaces = invitation.request.getHeader('replaces');
    this.track(invitation, `invite from ${invitation.remoteIdentity.uri.user}${replaces ? ' with Replaces' : ''}`);
    // A call that replaces one of ours (RFC 3891) is taken at once; sip.js then BYEs the replaced dialog.
    if (this.autoAnswer || invitation.replacee) {
      invitation.accept().catch((error) => this.note('accept failed', String(error)));
    }
  },

  track(session, what) {
    this.sessions.push(session);
    this.note(what);
    session.stateChange.addListener((state) => this.note(`${what}: ${state}`));
    session.delegate = {
      onBye: (bye) => {
        this.note('bye received');
        void bye.accept();
      },
      // The transferee's part of a transfer: accept the REFER and call whom it names (with its Replaces).
      onRefer: (referral) => {
        this.note('refer', referral.referTo.uri.toString());
        void referral
          .accept()
          .then(() => {
            const inviter = referral.makeInviter();
            this.track(inviter, `call ${inviter.remoteIdentity.uri.user} (referred)`);
            return inviter.invite();
          })
          .catch((error) => this.note('refer failed', String(error)));
      },
    };
  },

  note(what, detail = '') {
    this.log.push({ t: now(), what, detail });
  },
};

window.party = party;
window.partyReady = true;
