// sip.js's Web SessionDescriptionHandler for a desk without STUN/TURN servers: the offer or answer goes out once
// the host's UDP candidates are in, instead of after Chromium's TCP candidates too. Runs in Chromium.
//
// Why: with no ICE server the only candidates are the desk's own addresses. Chromium gathers every UDP one in its
// first allocation step and a TCP one per address about 100 ms later, and only then reports "complete" — which
// sip.js waits for before it sends an INVITE, a re-INVITE or the 200 OK. SIP media servers do not use ICE-TCP
// (rtpengine, Asterisk and FreeSWITCH gather UDP only; sip.js has a stripTcpCandidates modifier for that), so
// every call waited ~100 ms for nothing. Here the wait ends when no UDP candidate has come for
// HOST_CANDIDATES_SETTLE_MS (or at the first TCP candidate: the UDP step is over by then); sip.js's own
// iceGatheringTimeout stays the upper bound, and a candidate that still comes later is simply not in this SDP.
import { Web } from 'sip.js';

/** Quiet time after the last UDP host candidate. Chromium signals all of them in one burst, a few ms apart. */
export const HOST_CANDIDATES_SETTLE_MS = 30;

export class HostIceSessionDescriptionHandler extends Web.SessionDescriptionHandler {
  private lastUdpCandidateAt: number | null = null;
  private waiting = false;
  /** sip.js supersedes a pending wait with a new one: only the latest may end `waiting`. */
  private waitNumber = 0;
  private settleTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(...args: ConstructorParameters<typeof Web.SessionDescriptionHandler>) {
    super(...args);
    // addEventListener, not onicecandidate: sip.js owns the handler properties (see its peerConnection docs).
    this.peerConnection?.addEventListener('icecandidate', (event) => this.onCandidate(event.candidate));
  }

  protected override waitForIceGatheringComplete(restart = false, timeout = 0): Promise<void> {
    if (restart) this.lastUdpCandidateAt = null;
    const complete = super.waitForIceGatheringComplete(restart, timeout);
    const number = ++this.waitNumber;
    this.waiting = true;
    const done = () => {
      if (number !== this.waitNumber) return;
      this.waiting = false;
      clearTimeout(this.settleTimer);
    };
    complete.then(done, done);
    // A later offer on the same connection (hold, resume): its candidates may all be in already.
    if (this.lastUdpCandidateAt !== null) this.settleIn(this.lastUdpCandidateAt + HOST_CANDIDATES_SETTLE_MS - performance.now());
    return complete;
  }

  private onCandidate(candidate: RTCIceCandidate | null): void {
    if (!candidate) return; // end of candidates: sip.js sees "complete" itself
    if (candidate.protocol === 'udp') {
      this.lastUdpCandidateAt = performance.now();
      if (this.waiting) this.settleIn(HOST_CANDIDATES_SETTLE_MS);
    } else if (candidate.protocol === 'tcp' && this.lastUdpCandidateAt !== null && this.waiting) {
      this.settleIn(0);
    }
  }

  private settleIn(ms: number): void {
    clearTimeout(this.settleTimer);
    this.settleTimer = setTimeout(
      () => {
        if (this.waiting) this.iceGatheringComplete();
      },
      Math.max(0, ms),
    );
  }
}
