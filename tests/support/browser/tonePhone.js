// What the browser-tier phone pages (customerPhone.js, partyPhone.js) share: a sip.js UserAgent that "speaks" a
// WebAudio tone instead of a microphone, and a REGISTER that must succeed in time. Runs in Chromium; esbuild
// bundles it into each page's script at test time (tests/support/phonePageServer.ts).
/* global AudioContext */
import { Registerer, RegistererState, UserAgent, Web } from 'sip.js';

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

/** A UserAgent (not started) for `user` whose calls send a `toneHz` tone; `extra` adds page-specific options. */
export function toneUserAgent({ server, user, domain, password, displayName, toneHz }, extra = {}) {
  return new UserAgent({
    uri: UserAgent.makeURI(`sip:${user}@${domain}`),
    transportOptions: { server },
    authorizationUsername: user,
    authorizationPassword: password,
    displayName,
    logBuiltinEnabled: false,
    sessionDescriptionHandlerFactory: Web.defaultSessionDescriptionHandlerFactory(async () => toneStream(toneHz)),
    // No public STUN server (offline, and it would stall ICE gathering).
    sessionDescriptionHandlerFactoryOptions: { peerConnectionConfiguration: { iceServers: [] }, iceGatheringTimeout: 1000 },
    ...extra,
  });
}

/** REGISTERs the started `userAgent`; rejects with `failure` unless the registrar accepts within `timeoutMs`. */
export async function registerWithin(userAgent, timeoutMs, failure) {
  const registerer = new Registerer(userAgent);
  const registered = new Promise((resolve, reject) => {
    registerer.stateChange.addListener((state) => {
      if (state === RegistererState.Registered) resolve();
    });
    setTimeout(() => reject(new Error(failure)), timeoutMs);
  });
  await registerer.register();
  await registered;
}
