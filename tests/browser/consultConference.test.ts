// Browser tier, attended transfer and the local 3-way conference end to end, with REAL AUDIO: Kamailio (digest
// auth) + the real host (core: sip.js in Node) + the built renderer in Chromium (the operator's WebRTC media engine,
// which mixes the conference) + two more Chromium pages running plain sip.js (customers A and B,
// tests/support/browser/partyPhone.js). Every party speaks its own tone — the operator 1000 Hz through Chromium's
// fake microphone (a WAV file), A 440 Hz and B 1500 Hz as WebAudio oscillators — and each page measures all three
// in what it receives (tests/support/browser/toneProbe.js), so the test knows exactly WHO each party hears.
// Needs a non-loopback interface with a default route for Chromium's ICE: run it through tests/sip/netns-run.sh.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium.js';
import { readCallRows } from '../support/deskCalls.js';
import { writeToneWav } from '../support/customerPhone.js';
import { startHostProcess, type HostProcess } from '../support/host.js';
import { labDomain, labPassword, startKamailio, type Kamailio } from '../support/kamailio.js';
import {
  openConnections,
  PartyPage,
  servePartyPhone,
  toneLevels,
  toneProbeScript,
  type PartyPhoneServer,
  type ToneLevels,
} from '../support/partyPhone.js';

const operatorHz = 1000;
const aHz = 440;
const bHz = 1500;
const allTones = [operatorHz, aHz, bHz] as const;
const agentUser = '1001';
const aUser = '2001';
const bUser = '2002';

/**
 * A tone is heard above `heardDb`. It is absent when it lies `absentBelowLoudestDb` under the loudest of the three
 * tones in that stream, or under `silenceDb` (a held line is digital silence). Heard tones measure -16 to -40 dB (the
 * fake microphone's level varies with Chromium's gain control); Opus coding noise beside a loud tone stays 50–65 dB
 * under it, while two tones mixed in a conference are within 25 dB of each other.
 */
const heardDb = -55;
const absentBelowLoudestDb = 40;
const silenceDb = -90;

/** Chromium gathers ICE candidates only on a non-loopback interface (with a default route). */
const hasRoutableInterface = Object.values(networkInterfaces()).some((list) =>
  list?.some((i) => i.family === 'IPv4' && !i.internal),
);

let kamailio: Kamailio;
let host: HostProcess;
let browser: Browser;
let partyServer: PartyPhoneServer;
let dataDir: string;
let agent: Page;
let partyA: PartyPage;
let partyB: PartyPage;

/** Who hears whom: a page's connection (index, -1 = newest open) must hear `hears` and must not hear `silent`. */
interface Hearing {
  page: Page;
  connection: number;
  label: string;
  hears: number[];
  silent: number[];
}

function meets(levels: ToneLevels, { hears, silent }: Hearing): boolean {
  const level = (hz: number) => levels[hz] ?? null;
  const loudest = Math.max(...allTones.map((hz) => level(hz) ?? -Infinity));
  const absent = (hz: number) => {
    const db = level(hz);
    return db !== null && (db < silenceDb || db < loudest - absentBelowLoudestDb);
  };
  return hears.every((hz) => (level(hz) ?? -Infinity) > heardDb) && silent.every(absent);
}

/**
 * Polls until every expectation holds at once, then re-reads five times over a second: the picture must stay
 * (a tone that comes and goes fails). Logs the levels so a failure shows what was heard.
 */
async function expectHearing(what: string, expectations: Hearing[], timeout = 20_000): Promise<void> {
  const started = performance.now();
  const read = () => Promise.all(expectations.map((e) => toneLevels(e.page, e.connection, allTones)));
  let last: ToneLevels[] = [];
  const shown = (levels: ToneLevels | undefined) =>
    Object.entries(levels ?? {})
      .map(([hz, db]) => `${hz} Hz ${db === null ? 'no audio' : db === -Infinity ? 'silence' : `${db} dB`}`)
      .join(', ');
  const describeLast = () => expectations.map((e, i) => `${e.label}: ${shown(last[i])}`).join('; ');
  await expect
    .poll(
      async () => {
        last = await read();
        return expectations.every((e, i) => meets(last[i]!, e));
      },
      { timeout, interval: 250 },
    )
    .toBe(true)
    .catch((error: unknown) => {
      throw new Error(`${what}: never heard as expected; last levels (dB) ${describeLast()}`, { cause: error });
    });
  const settledMs = performance.now() - started;
  for (let i = 0; i < 5; i++) {
    await agent.waitForTimeout(200);
    last = await read();
    const broken = expectations.filter((e, j) => !meets(last[j]!, e)).map((e) => e.label);
    expect(broken, `${what} did not hold: ${describeLast()}`).toEqual([]);
  }
  console.log(`[consult/conference] ${what} after ${settledMs.toFixed(0)} ms: ${describeLast()}`);
}

const softphone = () => agent.getByRole('region', { name: 'Softphone' });
/** One call in the softphone bar, by the party's number in its heading. */
const callOf = (user: string): Locator => softphone().getByRole('article', { name: new RegExp(`\\b${user}\\b`) });
const callButton = (user: string, name: string) => callOf(user).getByRole('button', { name, exact: true });

const readCalls = () => readCallRows(dataDir, ['raw_caller_id', 'end_reason', 'hung_up_by', 'conference', 'line']);

/** Alt+1: the operator leaves the wrap-up of the last test's calls, so the next call may ring. */
async function becomeAvailable(): Promise<void> {
  const state = agent.locator('.agent-state-button');
  if ((await state.textContent())?.includes('Available')) return;
  await agent.keyboard.press('Alt+Digit1');
  await expect.poll(() => state.textContent(), { timeout: 10_000 }).toContain('Available');
}

/** A calls the operator, the operator answers with the button; returns the index of the operator's connection. */
async function aCallsAndOperatorAnswers(): Promise<number> {
  await becomeAvailable();
  await partyA.call(agentUser, labDomain);
  await callOf(aUser)
    .getByText('Incoming call')
    .waitFor({ timeout: 15_000 })
    .catch(async (error: unknown) => {
      console.error('softphone shows:', await softphone().textContent(), '\nA:', await partyA.log());
      throw error;
    });
  await callButton(aUser, 'Answer').click();
  await callOf(aUser).getByText('On call').waitFor({ timeout: 15_000 });
  await expect.poll(() => partyA.state(), { timeout: 15_000 }).toBe('established');
  const line = (await openConnections(agent)).at(-1)!;
  await expectHearing('A and the operator talk', [
    { page: partyA.page, connection: -1, label: 'A', hears: [operatorHz], silent: [bHz] },
    { page: agent, connection: line, label: 'operator←A', hears: [aHz], silent: [bHz] },
  ]);
  return line;
}

describe.skipIf(!hasRoutableInterface)('attended transfer and the 3-way conference, with real audio', () => {
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'agentdesk-consult-'));
    kamailio = await startKamailio({ auth: true });
    const config = join(dataDir, 'provisioning.json');
    writeFileSync(
      config,
      JSON.stringify({
        defaults: {
          ui: { locale: 'en' },
          sip: { servers: [kamailio.wsUrl], domain: labDomain, user: agentUser, displayName: 'Agent Deniz' },
          // Desks start Not ready and refuse calls during wrap-up: this one takes calls at once, and its operator
          // may leave the wrap-up without filing one (becomeAvailable, between the tests).
          agent: {
            stateAtStart: 'available',
            afterCallWork: { mode: 'optional', limitSeconds: 0, defaultDisposition: '', requireDisposition: false },
          },
        },
      }),
    );
    host = await startHostProcess(dataDir, ['--config', config], { AGENTDESK_SIP_PASSWORD: labPassword });
    partyServer = await servePartyPhone();
    const toneFile = join(dataDir, `tone-${operatorHz}.wav`);
    writeToneWav(toneFile, operatorHz);
    browser = await launchChromium([
      `--use-file-for-fake-audio-capture=${toneFile}`,
      '--disable-features=WebRtcHideLocalIpsWithMdns',
    ]);

    agent = await browser.newPage();
    await agent.addInitScript({ content: toneProbeScript });
    await agent.goto(host.url);
    await softphone()
      .getByText('Line: Registered')
      .waitFor({ timeout: 30_000 })
      .catch(async (error: unknown) => {
        console.error('softphone shows:', await softphone().textContent(), kamailio.log().slice(-2000));
        throw error;
      });
    // A desk without customers offers the demo workspace once (FirstRunOffer); this one starts empty. Setup, not
    // an assertion: should the offer ever not come, there is nothing to dismiss.
    const welcome = agent.getByRole('dialog', { name: 'Welcome to AgentDesk' });
    const offered = await welcome
      .waitFor({ timeout: 10_000 })
      .then(() => true)
      .catch(() => false);
    if (offered) {
      await welcome.getByRole('button', { name: 'Start empty', exact: true }).click();
      await welcome.waitFor({ state: 'hidden', timeout: 10_000 });
    }

    const party = { server: kamailio.wsUrl, domain: labDomain, password: labPassword };
    partyA = await PartyPage.open(await browser.newPage(), partyServer.url, 'A', {
      ...party,
      user: aUser,
      displayName: 'Ayşe Kaya',
      toneHz: aHz,
    });
    partyB = await PartyPage.open(await browser.newPage(), partyServer.url, 'B', {
      ...party,
      user: bUser,
      displayName: 'Boris Petrov',
      toneHz: bHz,
    });
  });

  // A failed test must not leave calls behind for the next one.
  afterEach(async () => {
    await partyA?.hangup().catch(() => undefined);
    await partyB?.hangup().catch(() => undefined);
    await expect.poll(() => softphone().locator('[data-call-id]').count(), { timeout: 15_000 }).toBe(0);
  });

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
    await partyServer?.close();
    await kamailio?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('consults B with the keyboard, completes the transfer: A and B hear each other, the operator is out', async () => {
    const logged = readCalls().length;
    const lineA = await aCallsAndOperatorAnswers();

    // Alt+S opens the consult field of the call and puts the focus in it; Enter starts the consultation.
    await agent.keyboard.press('Alt+KeyS');
    const field = callOf(aUser).getByRole('textbox', { name: 'Consult with' });
    await expect.poll(() => field.evaluate((input) => input === document.activeElement), { timeout: 5000 }).toBe(true);
    await agent.keyboard.type(bUser);
    await agent.keyboard.press('Enter');

    await expect.poll(() => partyB.state(), { timeout: 15_000 }).toBe('ringing');
    await callOf(aUser).getByText('On hold').waitFor({ timeout: 15_000 });
    await partyB.answer();
    await callOf(bUser).getByText('On call').waitFor({ timeout: 15_000 });
    // The consultation says whom it is for; the held call says where its consultation is.
    await expect(callOf(bUser).textContent()).resolves.toContain('Consultation for Ayşe Kaya (line 1)');
    await expect(callOf(aUser).textContent()).resolves.toContain('Consultation on line 2');
    const lineB = (await openConnections(agent)).at(-1)!;
    expect(lineB).not.toBe(lineA);
    await expectHearing('the operator consults B while A waits on hold', [
      { page: partyB.page, connection: -1, label: 'B', hears: [operatorHz], silent: [aHz] },
      { page: agent, connection: lineB, label: 'operator←B', hears: [bHz], silent: [aHz] },
      { page: partyA.page, connection: -1, label: 'A (held)', hears: [], silent: [operatorHz, bHz] },
    ]);

    await callButton(bUser, 'Complete transfer').click();

    // A followed the REFER and called B with Replaces; B swapped the operator's leg for A's call.
    await expect.poll(() => partyA.peer(), { timeout: 20_000 }).toBe(bUser);
    await expect.poll(() => partyB.peer(), { timeout: 20_000 }).toBe(aUser);
    await expect.poll(() => partyA.state(), { timeout: 20_000 }).toBe('established');
    await expect.poll(() => partyB.state(), { timeout: 20_000 }).toBe('established');
    await expectHearing('A and B talk after the transfer, without the operator', [
      { page: partyA.page, connection: -1, label: 'A', hears: [bHz], silent: [operatorHz] },
      { page: partyB.page, connection: -1, label: 'B', hears: [aHz], silent: [operatorHz] },
    ]);
    await expect.poll(() => softphone().locator('[data-call-id]').count(), { timeout: 15_000 }).toBe(0);
    await expect.poll(() => openConnections(agent), { timeout: 10_000 }).toEqual([]);
    // Rows exist from the first ring: wait until the hang-ups have completed them, not just until they exist.
    await expect
      .poll(
        () =>
          readCalls()
            .slice(logged)
            .map((row) => [row.line, row.end_reason]),
        { timeout: 10_000 },
      )
      .toEqual([
        [1, 'transferred'],
        [2, 'transferred'],
      ]);
    const log = await partyA.log();
    expect(log).toMatch(/refer sip:2002@lab\.test\?Replaces=/i);

    await partyA.hangup();
    await expect.poll(() => partyB.state(), { timeout: 15_000 }).toBe('terminated');
  });

  it('blind transfer: the operator sends A to B, B rings and answers, A and B hear each other', async () => {
    const logged = readCalls().length;
    const earlierLog = (await partyA.log()).length; // A's log runs across the tests
    await aCallsAndOperatorAnswers();
    await callButton(aUser, 'Transfer').click();
    await callOf(aUser).getByRole('textbox', { name: 'Transfer to' }).fill(bUser);
    await callButton(aUser, 'Transfer the call').click();

    // A followed the REFER (no Replaces: nobody to replace) and calls B itself.
    await expect.poll(() => partyB.state(), { timeout: 20_000 }).toBe('ringing');
    await partyB.answer();
    await expect.poll(() => partyA.peer(), { timeout: 20_000 }).toBe(bUser);
    await expect.poll(() => partyB.peer(), { timeout: 20_000 }).toBe(aUser);
    await expectHearing('A and B talk after the blind transfer, without the operator', [
      { page: partyA.page, connection: -1, label: 'A', hears: [bHz], silent: [operatorHz] },
      { page: partyB.page, connection: -1, label: 'B', hears: [aHz], silent: [operatorHz] },
    ]);
    await expect.poll(() => softphone().locator('[data-call-id]').count(), { timeout: 15_000 }).toBe(0);
    await expect.poll(() => openConnections(agent), { timeout: 10_000 }).toEqual([]);
    // Rows exist from the first ring: wait until the hang-ups have completed them, not just until they exist.
    await expect
      .poll(
        () =>
          readCalls()
            .slice(logged)
            .map((row) => row.end_reason),
        { timeout: 10_000 },
      )
      .toEqual(['transferred']);
    const log = (await partyA.log()).slice(earlierLog);
    expect(log).toMatch(/refer sip:2002@lab\.test/i);
    expect(log).not.toMatch(/Replaces=/i);

    await partyA.hangup();
    await expect.poll(() => partyB.state(), { timeout: 15_000 }).toBe('terminated');
  });

  it('cancels a consultation with Alt+X: B is hung up and A is back on the line', async () => {
    const logged = readCalls().length;
    const lineA = await aCallsAndOperatorAnswers();
    await callButton(aUser, 'Consult').click();
    await callOf(aUser).getByRole('textbox', { name: 'Consult with' }).fill(bUser);
    await callButton(aUser, 'Start consultation').click();
    await expect.poll(() => partyB.state(), { timeout: 15_000 }).toBe('ringing');
    await partyB.answer();
    await callOf(bUser).getByText('On call').waitFor({ timeout: 15_000 });
    await expect(callButton(bUser, 'Cancel consult').getAttribute('aria-keyshortcuts')).resolves.toBe('Alt+X');

    await agent.keyboard.press('Alt+KeyX');
    await expect.poll(() => partyB.state(), { timeout: 15_000 }).toBe('terminated');
    await expect.poll(() => softphone().locator('[data-call-id]').count(), { timeout: 15_000 }).toBe(1);
    await callOf(aUser).getByText('On call').waitFor({ timeout: 15_000 });
    await expectHearing('A is back with the operator', [
      { page: partyA.page, connection: -1, label: 'A', hears: [operatorHz], silent: [bHz] },
      { page: agent, connection: lineA, label: 'operator←A', hears: [aHz], silent: [bHz] },
    ]);
    await callButton(aUser, 'Hang up').click();
    await expect.poll(() => partyA.state(), { timeout: 15_000 }).toBe('terminated');
    // Rows exist from the first ring: wait until the hang-ups have completed them, not just until they exist.
    await expect
      .poll(
        () =>
          readCalls()
            .slice(logged)
            .map((row) => [row.line, row.end_reason, row.hung_up_by, row.conference]),
        { timeout: 10_000 },
      )
      .toEqual([
        [1, 'completed', 'local', 0],
        [2, 'completed', 'local', 0],
      ]);
  });

  it('joins A and B in a conference: everyone hears both others, mute silences only the operator, a hang-up leaves two', async () => {
    const logged = readCalls().length;
    const lineA = await aCallsAndOperatorAnswers();

    // A second call from the dial field holds A.
    await softphone().getByRole('textbox', { name: 'Number to dial' }).fill(bUser);
    await softphone().getByRole('button', { name: 'Dial', exact: true }).click();
    await expect.poll(() => partyB.state(), { timeout: 15_000 }).toBe('ringing');
    await partyB.answer();
    await callOf(bUser).getByText('On call').waitFor({ timeout: 15_000 });
    await callOf(aUser).getByText('On hold').waitFor({ timeout: 15_000 });
    const lineB = (await openConnections(agent)).at(-1)!;

    const everyone = (what: string) =>
      expectHearing(what, [
        { page: partyA.page, connection: -1, label: 'A', hears: [operatorHz, bHz], silent: [] },
        { page: partyB.page, connection: -1, label: 'B', hears: [operatorHz, aHz], silent: [] },
        { page: agent, connection: lineA, label: 'operator←A', hears: [aHz], silent: [bHz] },
        { page: agent, connection: lineB, label: 'operator←B', hears: [bHz], silent: [aHz] },
      ]);

    await callButton(bUser, 'Conference').click();
    await callOf(aUser).getByText('In the conference').waitFor({ timeout: 15_000 });
    await callOf(bUser).getByText('In the conference').waitFor({ timeout: 15_000 });
    await expect(callOf(aUser).textContent()).resolves.toContain('On call');
    await everyone('conference: A, B and the operator hear each other');

    // Mute reaches every conference line and silences the operator's microphone inside each mix only.
    await callButton(bUser, 'Mute').click();
    await callOf(aUser).getByRole('button', { name: 'Unmute', exact: true }).waitFor({ timeout: 10_000 });
    await expectHearing('conference with the operator muted: A and B still hear each other', [
      { page: partyA.page, connection: -1, label: 'A', hears: [bHz], silent: [operatorHz] },
      { page: partyB.page, connection: -1, label: 'B', hears: [aHz], silent: [operatorHz] },
      { page: agent, connection: lineA, label: 'operator←A', hears: [aHz], silent: [] },
      { page: agent, connection: lineB, label: 'operator←B', hears: [bHz], silent: [] },
    ]);
    await callButton(aUser, 'Unmute').click();
    await callOf(bUser).getByRole('button', { name: 'Mute', exact: true }).waitFor({ timeout: 10_000 });
    await everyone('conference unmuted');

    // Hold takes B out (and a conference of one is a plain call); Alt+J joins them again.
    await callButton(bUser, 'Hold').click();
    await callOf(bUser).getByText('On hold').waitFor({ timeout: 15_000 });
    await expect.poll(() => softphone().getByText('In the conference').count(), { timeout: 10_000 }).toBe(0);
    await expectHearing('B on hold: A hears only the operator', [
      { page: partyA.page, connection: -1, label: 'A', hears: [operatorHz], silent: [bHz] },
      { page: partyB.page, connection: -1, label: 'B (held)', hears: [], silent: [operatorHz, aHz] },
    ]);
    await agent.keyboard.press('Alt+KeyJ');
    await callOf(bUser).getByText('In the conference').waitFor({ timeout: 15_000 });
    await everyone('joined again with Alt+J');

    // B hangs up: A and the operator go on talking, as a plain call.
    await partyB.hangup();
    await expect.poll(() => softphone().locator('[data-call-id]').count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => softphone().getByText('In the conference').count(), { timeout: 10_000 }).toBe(0);
    await expectHearing('B hung up: A and the operator still talk', [
      { page: partyA.page, connection: -1, label: 'A', hears: [operatorHz], silent: [bHz] },
      { page: agent, connection: lineA, label: 'operator←A', hears: [aHz], silent: [bHz] },
    ]);

    await callButton(aUser, 'Hang up').click();
    await expect.poll(() => partyA.state(), { timeout: 15_000 }).toBe('terminated');
    // A's call (hung up here) and B's (hung up by B), both marked as conference calls in the log. Rows exist from
    // the first ring: wait until the hang-ups have completed them, not just until they exist.
    await expect
      .poll(
        () =>
          readCalls()
            .slice(logged)
            .map((row) => [row.end_reason, row.hung_up_by, row.conference]),
        { timeout: 10_000 },
      )
      .toEqual([
        ['completed', 'local', 1],
        ['completed', 'remote', 1],
      ]);
  });
});
