// Browser tier, the softphone end to end: Kamailio (digest auth) + the real host (core: sip.js in Node) +
// the built renderer in Chromium (the agent's WebRTC media engine) + a second Chromium page running plain
// sip.js (the customer). Asserts what the operator sees and that AUDIO ARRIVES BOTH WAYS (FFT tone
// detection: customer 440 Hz oscillator, agent 1000 Hz fake-microphone file), hold/resume, DTMF, hang-up
// and the call row in SQLite. The caller is a customer seeded in the agent's database: their caller card
// shows while it rings. Prints INVITE → ringing shown and answer → first audio at the agent.
// Needs a non-loopback interface with a default route for Chromium's ICE: run it through
// tests/sip/netns-run.sh (see tests/sip/README.md).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { launchChromium } from '../support/chromium.js';
import { readCallRows } from '../support/deskCalls.js';
import { serveCustomerPhone, writeToneWav, type CustomerPhoneServer } from '../support/customerPhone.js';
import { startHostProcess, type HostProcess } from '../support/host.js';
import { labDomain, labPassword, startKamailio, type Kamailio } from '../support/kamailio.js';
import { repoRoot } from '../support/paths.js';
import { openTestStore } from '../node/customers/customerTestSupport.js';

const customerHz = 440;
const agentHz = 1000;
/** The customer phone's SIP user: an E.164 number, so the agent's core looks the caller up. */
const customerNumber = '+905321234567';
const probeScript = readFileSync(join(repoRoot, 'tests', 'support', 'browser', 'audioProbe.js'), 'utf8');

/** Chromium gathers ICE candidates only on a non-loopback interface (with a default route). */
const hasRoutableInterface = Object.values(networkInterfaces()).some((list) =>
  list?.some((i) => i.family === 'IPv4' && !i.internal),
);

interface Tone {
  hz: number;
  peakDb: number;
}
const hears = (tone: Tone, hz: number) => Math.abs(tone.hz - hz) <= 25 && tone.peakDb > -75;

let kamailio: Kamailio;
let host: HostProcess;
let browser: Browser;
let customerServer: CustomerPhoneServer;
let dataDir: string;
let agent: Page;
let customer: Page;

describe.skipIf(!hasRoutableInterface)('a call between a customer and the operator, with real audio', () => {
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'agentdesk-softphone-'));
    kamailio = await startKamailio({ auth: true });
    // Seed the agent's database before the host opens it: the customer who is about to call.
    const store = openTestStore(dataDir);
    await store.service.create({
      name: 'Ayşe Yılmaz',
      company: 'Yılmaz Gıda',
      tariff: 'Fiber 100',
      phones: [{ number: customerNumber, label: 'mobile' }],
    });
    store.close();
    const config = join(dataDir, 'provisioning.json');
    writeFileSync(
      config,
      JSON.stringify({
        defaults: {
          ui: { locale: 'en' },
          sip: { servers: [kamailio.wsUrl], domain: labDomain, user: '1001', displayName: 'Agent Deniz' },
          // Desks start Not ready (as contact-center suites log agents in); this one takes calls at once.
          agent: { stateAtStart: 'available' },
        },
      }),
    );
    host = await startHostProcess(dataDir, ['--config', config], { AGENTDESK_SIP_PASSWORD: labPassword });
    customerServer = await serveCustomerPhone();
    const toneFile = join(dataDir, `tone-${agentHz}.wav`);
    writeToneWav(toneFile, agentHz);
    browser = await launchChromium([
      `--use-file-for-fake-audio-capture=${toneFile}`,
      '--disable-features=WebRtcHideLocalIpsWithMdns',
    ]);

    agent = await browser.newPage();
    await agent.addInitScript({ content: probeScript });
    await agent.goto(host.url);
    await agent
      .getByRole('region', { name: 'Softphone' })
      .getByText('Line: Registered')
      .waitFor({ timeout: 15_000 })
      .catch(async (error: unknown) => {
        console.error(
          'softphone shows:',
          await agent.getByRole('region', { name: 'Softphone' }).textContent(),
          kamailio.log().slice(-2000),
        );
        throw error;
      });

    customer = await browser.newPage();
    await customer.addInitScript({ content: probeScript });
    await customer.goto(customerServer.url);
    await customer.waitForFunction(() => (window as unknown as { customerReady?: boolean }).customerReady === true);
    await customer.evaluate(
      (options) => (window as unknown as { customer: { start(o: unknown): Promise<void> } }).customer.start(options),
      {
        server: kamailio.wsUrl,
        user: customerNumber,
        domain: labDomain,
        password: labPassword,
        displayName: 'Ayşe Yılmaz <b>VIP</b>',
        toneHz: customerHz,
      },
    );
  });

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
    await customerServer?.close();
    await kamailio?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const agentTone = () => agent.evaluate(() => (window as unknown as { __probe: { tone(): Tone } }).__probe.tone());
  const customerTone = () => customer.evaluate(() => (window as unknown as { __probe: { tone(): Tone } }).__probe.tone());
  const inboundPackets = (page: Page) =>
    page.evaluate(() => (window as unknown as { __probe: { inboundPackets(): Promise<number> } }).__probe.inboundPackets());
  const customerState = () => customer.evaluate(() => (window as unknown as { customer: { state: string } }).customer.state);
  const softphone = () => agent.getByRole('region', { name: 'Softphone' });

  /** Polls until both sides hear the other's tone (or not), within `timeout`. */
  async function expectAudio(flowing: boolean, timeout = 10_000) {
    const started = performance.now();
    await expect.poll(async () => hears(await agentTone(), customerHz), { timeout, interval: 200 }).toBe(flowing);
    await expect.poll(async () => hears(await customerTone(), agentHz), { timeout, interval: 200 }).toBe(flowing);
    console.log(
      `[softphone] audio ${flowing ? 'flowing' : 'stopped'} both ways after ${(performance.now() - started).toFixed(0)} ms`,
      await agentTone(),
      await customerTone(),
    );
  }

  it('rings with the caller as text, answers, and carries audio both ways', async () => {
    await customer.evaluate(
      (domain) =>
        (window as unknown as { customer: { call(t: string, d: string): Promise<void> } }).customer.call('1001', domain),
      labDomain,
    );
    const ringing = softphone().getByText('Incoming call');
    await ringing.waitFor({ timeout: 10_000 });
    const call = softphone().locator('[data-call-state="ringing"]');
    await expect(call.textContent()).resolves.toContain(customerNumber);
    await expect(call.textContent()).resolves.toContain('Ayşe Yılmaz');
    // Markup in a display name is text, never elements.
    await expect(softphone().locator('b').count()).resolves.toBe(0);
    // The caller card: the seeded customer, found by the caller's number while it still rings.
    const callerCard = agent.getByRole('region', { name: 'Caller card' });
    const customerCard = callerCard.getByRole('article', { name: 'Ayşe Yılmaz' });
    await customerCard.waitFor({ timeout: 5000 });
    await expect(customerCard.textContent()).resolves.toContain('Yılmaz Gıda');
    await expect(call.count()).resolves.toBe(1);

    const inviteSentAt = await customer.evaluate(
      () => (window as unknown as { customer: { inviteSentAt: number } }).customer.inviteSentAt,
    );
    const ringingShownAt = await agent.evaluate(
      () => (window as unknown as { __probe: { ringingShownAt: number } }).__probe.ringingShownAt,
    );
    console.log(`[softphone] INVITE sent → ringing shown in the UI: ${(ringingShownAt - inviteSentAt).toFixed(1)} ms`);

    await softphone().getByRole('button', { name: 'Answer', exact: true }).click();
    await softphone().getByText('On call').waitFor({ timeout: 10_000 });
    await expect.poll(customerState, { timeout: 10_000 }).toBe('established');
    await expectAudio(true);

    const answerToAudio = await agent.evaluate(() => {
      const probe = (window as unknown as { __probe: { clicks: Record<string, number>; firstPacketAt(): number | null } })
        .__probe;
      const firstPacket = probe.firstPacketAt();
      const answeredAt = probe.clicks.Answer;
      return firstPacket === null || answeredAt === undefined ? null : firstPacket - answeredAt;
    });
    expect(answerToAudio).not.toBeNull();
    console.log(`[softphone] Answer clicked → first audio packet at the agent: ${answerToAudio!.toFixed(1)} ms`);
  });

  it('Hold stops the media both ways and Resume brings it back', async () => {
    await softphone().getByRole('button', { name: 'Hold', exact: true }).click();
    await softphone().getByText('On hold').waitFor({ timeout: 10_000 });
    await softphone().getByRole('button', { name: 'Resume', exact: true }).waitFor();
    await expectAudio(false);
    // The customer answered our sendonly offer with recvonly: nothing reaches the agent any more.
    const before = await inboundPackets(agent);
    await agent.waitForTimeout(1000);
    expect((await inboundPackets(agent)) - before).toBe(0);

    await softphone().getByRole('button', { name: 'Resume', exact: true }).click();
    await softphone().getByText('On call').waitFor({ timeout: 10_000 });
    await expectAudio(true);
  });

  it('sends DTMF: RFC 4733 from the keypad, SIP INFO on request, and the customer receives the INFO', async () => {
    await softphone().getByRole('button', { name: 'Keypad', exact: true }).click();
    await softphone().getByRole('button', { name: 'Digit 5', exact: true }).click();
    await expect
      .poll(() => agent.evaluate(() => (window as unknown as { __probe: { dtmfTones: string[] } }).__probe.dtmfTones), {
        timeout: 5000,
      })
      .toContain('5');

    // SIP INFO is the other DTMF method: ask core over the bridge as a second client, as a script would.
    const bridge = new WebSocket(`ws://127.0.0.1:${new URL(host.url).port}/bridge?token=${host.token}`);
    await new Promise((resolve, reject) => {
      bridge.once('open', resolve);
      bridge.once('error', reject);
    });
    const invoke = (id: number, name: string, args: unknown) =>
      new Promise<{ ok: boolean; value: unknown }>((resolve) => {
        const onMessage = (data: unknown) => {
          const message = JSON.parse(String(data)) as { t: string; id?: number; result?: { ok: boolean; value: unknown } };
          if (message.t === 'result' && message.id === id) {
            bridge.off('message', onMessage);
            resolve(message.result!);
          }
        };
        bridge.on('message', onMessage);
        bridge.send(JSON.stringify({ t: 'invoke', id, name, args }));
      });
    const list = await invoke(1, 'calls:list', {});
    const [live] = list.value as { id: string }[];
    const sent = await invoke(2, 'calls:dtmf', { callId: live!.id, tones: '7', method: 'info' });
    bridge.close();
    expect(sent.ok).toBe(true);
    await expect
      .poll(() => customer.evaluate(() => (window as unknown as { customer: { infos: string[] } }).customer.infos.join('\n')), {
        timeout: 5000,
      })
      .toMatch(/Signal=7/);
  });

  it('shows the live call quality of a clean network', async () => {
    // CallQualityMonitor samples every 2 s from the second stats reading on.
    const figures = softphone().locator('.call-quality-figures');
    await figures.waitFor({ timeout: 10_000 });
    expect(await figures.textContent()).toMatch(/^MOS 4\.\d · RTT \d+ ms · jitter \d+ ms · loss 0\.0 %$/);
    expect(
      await softphone()
        .getByText(/Poor connection/)
        .count(),
    ).toBe(0);
  });

  it('a reload of the console during the call re-negotiates the media within 3 s', async () => {
    const callBefore = await softphone().locator('[data-call-state]').count();
    expect(callBefore).toBe(1);
    const reloadedAt = performance.now();
    await agent.reload();
    await softphone().getByText('On call').waitFor({ timeout: 10_000 });
    await expect.poll(async () => hears(await agentTone(), customerHz), { timeout: 10_000, interval: 100 }).toBe(true);
    await expect.poll(async () => hears(await customerTone(), agentHz), { timeout: 10_000, interval: 100 }).toBe(true);
    const restoredMs = performance.now() - reloadedAt;
    console.log(`[softphone] reload → audio both ways again after ${restoredMs.toFixed(0)} ms (target ≤ 3000)`);
    expect(await customerState()).toBe('established');
  });

  it('Hang up ends the call on both sides and logs it in the agent database', async () => {
    await softphone().getByRole('button', { name: 'Hang up', exact: true }).click();
    await expect.poll(customerState, { timeout: 10_000 }).toBe('terminated');
    await expect.poll(() => softphone().getByText('On call').count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => softphone().locator('[data-call-state]').count()).toBe(0);

    const readCalls = () =>
      readCallRows(dataDir, ['direction', 'raw_caller_id', 'hung_up_by', 'duration_ms', 'answer_at', 'quality']);
    // The row exists from the first ring: wait until the hang-up has completed it.
    await expect.poll(() => readCalls().filter((row) => row.hung_up_by !== null).length, { timeout: 5000 }).toBe(1);
    const [row] = readCalls() as [Record<string, unknown>];
    expect(row.direction).toBe('inbound');
    expect(String(row.raw_caller_id)).toContain(customerNumber);
    expect(row.hung_up_by).toBe('local');
    expect(row.answer_at).not.toBeNull();
    expect(Number(row.duration_ms)).toBeGreaterThan(1000);
    const quality = JSON.parse(String(row.quality)) as { samples: number; mosAverage: number; codec: string };
    expect(quality.samples).toBeGreaterThanOrEqual(1);
    expect(quality.mosAverage).toBeGreaterThan(4);
    expect(quality.codec).toMatch(/opus/i);
  });
});
