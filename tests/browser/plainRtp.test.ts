// Browser tier, a plain-RTP caller: baresip (a SIP phone speaking RTP/AVP G.711 over UDP, tests/support/baresip.ts)
// calls the operator through Kamailio (-A WITH_RTPENGINE) and rtpengine (tests/support/rtpengine.ts), which turns
// its RTP into DTLS-SRTP/ICE for the operator's WebRTC media engine and back. The operator is the real host (core:
// sip.js in Node) + the built renderer in Chromium. Asserts with tone-frequency detection that audio arrives both
// ways — the agent page's FFT probe hears the phone's 800 Hz; a Goertzel filter over the G.711 that reaches the
// phone (recorded with tcpdump) hears the agent's 1000 Hz — that Hold stops the media and Resume brings it back,
// that the live call quality shows, that RFC 4733 digits from the keypad reach the phone, and the other way
// round: the operator dials the phone (rtpengine offers it plain RTP), it answers, and its hang-up ends the call
// for the operator. Needs root and a
// non-loopback interface with a default route (Chromium's ICE): run it through tests/sip/netns-run.sh (see
// tests/sip/README.md).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BaresipPhone, type Heard } from '../support/baresip.js';
import { launchChromium } from '../support/chromium.js';
import { readCallRows } from '../support/deskCalls.js';
import { writeToneWav } from '../support/customerPhone.js';
import { startHostProcess, type HostProcess } from '../support/host.js';
import { labDomain, labPassword, startKamailio, type Kamailio } from '../support/kamailio.js';
import { repoRoot } from '../support/paths.js';
import { routableIPv4, startRtpengine, type Rtpengine } from '../support/rtpengine.js';

const phoneHz = 800;
const agentHz = 1000;
const phoneUser = '2001';
const agentUser = '1001';
const probeScript = readFileSync(join(repoRoot, 'tests', 'support', 'browser', 'audioProbe.js'), 'utf8');

/**
 * Chromium gathers ICE candidates only on a non-loopback interface (with a default route), and rtpengine relays
 * media on it; recording what reaches the phone (tcpdump) needs root. tests/sip/netns-run.sh gives both.
 */
const mediaIp = routableIPv4();
const cannotRun = !mediaIp
  ? 'no non-loopback IPv4 interface, so Chromium gathers no ICE candidates'
  : process.getuid?.() !== 0
    ? 'not root, so tcpdump cannot record what reaches the phone'
    : undefined;
if (cannotRun) {
  console.warn(`[plainRtp] SKIPPED: ${cannotRun}. Run it as root through tests/sip/netns-run.sh.`);
}

interface Tone {
  hz: number;
  peakDb: number;
}
/** The agent page's FFT (audioProbe.js): the dominant frequency of what the current call plays, and its level. */
const agentHears = (tone: Tone, hz: number) => Math.abs(tone.hz - hz) <= 25 && tone.peakDb > -75;
/**
 * What reached the phone in a listening window (its G.711 decoded): the agent's tone passes Chromium's audio
 * processing at about -10 to -30 dBFS and is nearly all of the power; on hold the phone gets digital silence or
 * nothing at all.
 */
const phoneHears = (reading: Heard) => reading.seconds >= 0.3 && reading.toneDb > -45 && reading.toneShare > 0.5;
const phoneHearsNothing = (reading: Heard) => reading.seconds === 0 || reading.toneDb < -60;
const shown = (reading: Heard) =>
  `${reading.packets} packets, ${reading.seconds.toFixed(2)} s of G.711, ${agentHz} Hz at ` +
  `${reading.toneDb.toFixed(1)} dBFS, rms ${reading.rmsDb.toFixed(1)} dBFS, share ${reading.toneShare.toFixed(2)}`;

let rtpengine: Rtpengine;
let kamailio: Kamailio;
let host: HostProcess;
let browser: Browser;
let phone: BaresipPhone;
let dataDir: string;
let agent: Page;

describe.skipIf(cannotRun !== undefined)('a plain-RTP phone (baresip via rtpengine) calls the operator, with real audio', () => {
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'agentdesk-plainrtp-'));
    rtpengine = await startRtpengine({ mediaIp: mediaIp! });
    kamailio = await startKamailio({ auth: true, rtpengine: rtpengine.ngSocket });
    const config = join(dataDir, 'provisioning.json');
    writeFileSync(
      config,
      JSON.stringify({
        defaults: {
          // No first-run demo offer: this desk starts empty and must not be interrupted by a dialog.
          ui: { locale: 'en', offerDemoWorkspace: false },
          sip: { servers: [kamailio.wsUrl], domain: labDomain, user: agentUser, displayName: 'Agent Deniz' },
          // Desks start Not ready (as contact-center suites log agents in); this one takes calls at once.
          agent: { stateAtStart: 'available' },
        },
      }),
    );
    host = await startHostProcess(dataDir, ['--config', config], { AGENTDESK_SIP_PASSWORD: labPassword });
    const toneFile = join(dataDir, `tone-${agentHz}.wav`);
    writeToneWav(toneFile, agentHz, 30);
    browser = await launchChromium([
      `--use-file-for-fake-audio-capture=${toneFile}`,
      // rtpengine cannot resolve Chromium's mDNS *.local candidates: use the address itself.
      '--disable-features=WebRtcHideLocalIpsWithMdns',
    ]);
    agent = await browser.newPage();
    await agent.addInitScript({ content: probeScript });
    await agent.goto(host.url);
    await softphone()
      .getByText('Line: Registered')
      .waitFor({ timeout: 30_000 })
      .catch(async (error: unknown) => {
        console.error('softphone shows:', await softphone().textContent(), kamailio.log().slice(-2000));
        throw error;
      });

    phone = await BaresipPhone.start({
      user: phoneUser,
      displayName: 'Plain Phone',
      password: labPassword,
      proxyPort: kamailio.sipPort,
      toneHz: phoneHz,
    });
    await phone.waitRegistered();
  });

  afterAll(async () => {
    await phone?.stop();
    await browser?.close();
    await host?.stop();
    await kamailio?.stop();
    await rtpengine?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const softphone = () => agent.getByRole('region', { name: 'Softphone' });
  const agentTone = () => agent.evaluate(() => (window as unknown as { __probe: { tone(): Tone } }).__probe.tone());
  const agentInboundPackets = () =>
    agent.evaluate(() => (window as unknown as { __probe: { inboundPackets(): Promise<number> } }).__probe.inboundPackets());

  /** Polls until the agent hears the phone's tone and the phone hears the agent's (or both hear nothing). */
  async function expectAudio(flowing: boolean, timeout = 20_000) {
    const started = performance.now();
    await expect
      .poll(async () => agentHears(await agentTone(), phoneHz), { timeout, interval: 250 })
      .toBe(flowing)
      .catch(async (error: unknown) => {
        throw new Error(`agent ${flowing ? 'never heard' : 'still hears'} ${phoneHz} Hz: ${JSON.stringify(await agentTone())}`, {
          cause: error,
        });
      });
    let last: Heard | undefined;
    await expect
      .poll(
        async () => {
          last = await phone.listen(600, agentHz);
          return flowing ? phoneHears(last) : phoneHearsNothing(last);
        },
        { timeout, interval: 0 },
      )
      .toBe(true)
      .catch((error: unknown) => {
        throw new Error(
          `phone ${flowing ? 'never heard' : 'still hears'} ${agentHz} Hz: ${last && shown(last)}` +
            `\nbaresip: ${phone.log().slice(-3000)}\nrtpengine: ${rtpengine.log().slice(-4000)}`,
          { cause: error },
        );
      });
    // The picture must hold, not flicker: a second window on the phone, a second read at the agent.
    const again = await phone.listen(1000, agentHz);
    expect(flowing ? phoneHears(again) : phoneHearsNothing(again), `phone, 1 s later: ${shown(again)}`).toBe(true);
    expect(agentHears(await agentTone(), phoneHz)).toBe(flowing);
    console.log(
      `[plainRtp] audio ${flowing ? 'flowing' : 'stopped'} both ways after ${(performance.now() - started).toFixed(0)} ms;`,
      `agent hears ${JSON.stringify(await agentTone())}; phone: ${shown(again)}`,
    );
  }

  it('the phone calls, the operator answers, and audio arrives both ways through rtpengine', async () => {
    const dialedAt = performance.timeOrigin + performance.now();
    await phone.dial(`sip:${agentUser}@127.0.0.1:${kamailio.sipPort}`);
    const call = softphone().locator('[data-call-state="ringing"]');
    await call.waitFor({ timeout: 15_000 }).catch(async (error: unknown) => {
      console.error('softphone shows:', await softphone().textContent(), kamailio.log().slice(-3000), phone.log().slice(-2000));
      throw error;
    });
    await expect(call.textContent()).resolves.toContain(phoneUser);
    await expect(call.textContent()).resolves.toContain('Plain Phone');
    const ringingShownAt = await agent.evaluate(
      () => (window as unknown as { __probe: { ringingShownAt: number } }).__probe.ringingShownAt,
    );
    console.log(`[plainRtp] dial → ringing shown in the UI: ${(ringingShownAt - dialedAt).toFixed(0)} ms`);

    await softphone().getByRole('button', { name: 'Answer', exact: true }).click();
    await softphone().getByText('On call').waitFor({ timeout: 15_000 });
    await phone.waitEvent('CALL_ESTABLISHED', 15_000, dialedAt);
    await expectAudio(true);

    // The agent's side is WebRTC (DTLS-SRTP, ICE with rtpengine's relay address) carrying the phone's G.711.
    const media = await agent.evaluate(async () => {
      type Entry = Partial<Record<'kind' | 'codecId' | 'mimeType' | 'dtlsState' | 'srtpCipher' | 'address', string>> & {
        id: string;
        type: string;
        selectedCandidatePairId?: string;
        remoteCandidateId?: string;
      };
      const pc = (window as unknown as { __probe: { current(): RTCPeerConnection | null } }).__probe.current();
      const stats: Entry[] = [];
      if (pc) (await pc.getStats()).forEach((entry: Entry) => stats.push(entry));
      const byId = (id: string | undefined) => stats.find((entry) => entry.id === id);
      const inbound = stats.find((entry) => entry.type === 'inbound-rtp' && entry.kind === 'audio');
      const transport = stats.find((entry) => entry.type === 'transport');
      return {
        codec: byId(inbound?.codecId)?.mimeType,
        dtls: transport?.dtlsState,
        srtp: transport?.srtpCipher,
        remote: byId(byId(transport?.selectedCandidatePairId)?.remoteCandidateId)?.address,
        sdp: pc?.remoteDescription?.sdp ?? '',
      };
    });
    console.log(`[plainRtp] agent media: ${media.codec}, DTLS ${media.dtls}, ${media.srtp}, remote ${media.remote}`);
    expect(media.codec).toMatch(/^audio\/PCM[UA]$/);
    expect(media.dtls).toBe('connected');
    expect(media.srtp).toBeTruthy();
    expect(media.remote).toBe(rtpengine.mediaIp);
    expect(media.sdp).toMatch(/UDP\/TLS\/RTP\/SAVPF/);
    expect(media.sdp).toMatch(/a=rtpmap:\d+ telephone-event\/8000/);

    const firstPacketMs = await agent.evaluate(() => {
      const probe = (window as unknown as { __probe: { clicks: Record<string, number>; firstPacketAt(): number | null } })
        .__probe;
      const first = probe.firstPacketAt();
      return first === null || probe.clicks.Answer === undefined ? null : first - probe.clicks.Answer;
    });
    expect(firstPacketMs).not.toBeNull();
    console.log(`[plainRtp] Answer clicked → first audio packet at the agent: ${firstPacketMs!.toFixed(1)} ms`);
  });

  it('shows the live call quality of the G.711 leg', async () => {
    // CallQualityMonitor samples every 2 s from the second stats reading on; rtpengine relays the phone's RTCP.
    const figures = softphone().locator('.call-quality-figures');
    await figures.waitFor({ timeout: 15_000 });
    const shownFigures = await figures.textContent();
    console.log(`[plainRtp] call quality shown: ${shownFigures}`);
    expect(shownFigures).toMatch(/^MOS 4\.\d · RTT \d+ ms · jitter \d+ ms · loss 0\.0 %$/);
    expect(
      await softphone()
        .getByText(/Poor connection/)
        .count(),
    ).toBe(0);
  });

  it('Hold stops the media both ways and Resume brings it back', async () => {
    await softphone().getByRole('button', { name: 'Hold', exact: true }).click();
    await softphone().getByText('On hold').waitFor({ timeout: 15_000 });
    await softphone().getByRole('button', { name: 'Resume', exact: true }).waitFor();
    await expectAudio(false);
    // rtpengine offered the phone our sendonly; it answered recvonly and sends nothing any more.
    const before = await agentInboundPackets();
    await agent.waitForTimeout(1000);
    expect((await agentInboundPackets()) - before).toBe(0);

    await softphone().getByRole('button', { name: 'Resume', exact: true }).click();
    await softphone().getByText('On call').waitFor({ timeout: 15_000 });
    await expectAudio(true);
  });

  it('keypad digits go out as RFC 4733 and the phone decodes them', async () => {
    const since = performance.timeOrigin + performance.now();
    await softphone().getByRole('button', { name: 'Keypad', exact: true }).click();
    for (const digit of ['4', '2', '9']) {
      await softphone()
        .getByRole('button', { name: `Digit ${digit}`, exact: true })
        .click();
      // One digit at a time: each is a telephone-event of its own, as a person presses them.
      await expect.poll(() => phone.dtmfSince(since), { timeout: 10_000 }).toContain(digit);
    }
    expect(phone.dtmfSince(since)).toBe('429');
    // They travelled inside the media: the agent sent no SIP INFO.
    expect(kamailio.log()).not.toMatch(/REQ INFO /);
  });

  it('Hang up ends the call at the phone and logs it in the agent database', async () => {
    const since = performance.timeOrigin + performance.now();
    await softphone().getByRole('button', { name: 'Hang up', exact: true }).click();
    await phone.waitEvent('CALL_CLOSED', 15_000, since);
    await expect.poll(() => softphone().locator('[data-call-state]').count(), { timeout: 15_000 }).toBe(0);
    const readCalls = () => readCallRows(dataDir, ['direction', 'raw_caller_id', 'hung_up_by', 'answer_at', 'quality']);
    // The row exists from the first ring: wait until the hang-up has completed it.
    await expect.poll(() => readCalls().filter((row) => row.hung_up_by !== null).length, { timeout: 10_000 }).toBe(1);
    const [row] = readCalls() as [Record<string, unknown>];
    expect(row.direction).toBe('inbound');
    expect(String(row.raw_caller_id)).toContain(phoneUser);
    expect(row.hung_up_by).toBe('local');
    expect(row.answer_at).not.toBeNull();
    expect((JSON.parse(String(row.quality)) as { codec: string }).codec).toMatch(/PCM[UA]/i);
  });

  it('the operator dials the phone: it answers, audio flows both ways, and its hang-up ends the call', async () => {
    const since = performance.timeOrigin + performance.now();
    await softphone().getByRole('textbox', { name: 'Number to dial' }).fill(phoneUser);
    await softphone().getByRole('button', { name: 'Dial', exact: true }).click();
    // The phone gets an offer it can take (rtpengine turned the WebRTC offer into RTP/AVP G.711) and rings.
    await phone.waitEvent('CALL_INCOMING', 15_000, since).catch((error: unknown) => {
      throw new Error(`the phone never rang\nkamailio: ${kamailio.log().slice(-3000)}\nbaresip: ${phone.log().slice(-2000)}`, {
        cause: error,
      });
    });
    await phone.command('accept');
    await phone.waitEvent('CALL_ESTABLISHED', 15_000, since);
    await softphone().getByText('On call').waitFor({ timeout: 15_000 });
    await expectAudio(true);
    // The outbound leg is measured too (its quality is stored with the call).
    await softphone().locator('.call-quality-figures').waitFor({ timeout: 15_000 });

    await phone.hangup();
    await expect.poll(() => softphone().locator('[data-call-state]').count(), { timeout: 15_000 }).toBe(0);
    const readOutbound = () => readCallRows(dataDir, ['hung_up_by', 'answer_at', 'quality'], "where direction = 'outbound'");
    // The row exists from the dial: wait until the phone's hang-up has completed it.
    await expect.poll(() => readOutbound().filter((row) => row.hung_up_by !== null).length, { timeout: 10_000 }).toBe(1);
    const [row] = readOutbound() as [Record<string, unknown>];
    expect(row.hung_up_by).toBe('remote');
    expect(row.answer_at).not.toBeNull();
    expect((JSON.parse(String(row.quality)) as { codec: string }).codec).toMatch(/PCM[UA]/i);
  });
});
