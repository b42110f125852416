// Benchmark: the softphone's call path end to end, as the operator lives it — Kamailio (digest auth), the real
// host (core + SQLite with the demo workspace), the built console in Chromium (WebRTC media engine) and a
// customer page running plain sip.js. Prints p50/p95, with the machine's load average, of:
//   1. INVITE at the proxy → ringing shown in the UI: from the customer's sip.js transport sending the
//      authenticated INVITE (on loopback the proxy has it then) to the DOM mutation that shows the ringing call
//      (MutationObserver in the console page). Also from the INVITE leaving the proxy towards the agent.
//   2. Answer clicked → first audio packet at the agent (the click event in the page → the first RTP source on
//      the RTCPeerConnection's audio receiver, polled every 2 ms by tests/support/browser/audioProbe.js).
//   3. Click-to-dial → INVITE on the wire: the Dial click → the agent's first INVITE frame reaching a SIP
//      WebSocket relay between the host and Kamailio (support/sipRelay.ts; it stays in the agent's path, one
//      loopback hop more for every message).
//   4. One bridge hop: half the round trip of a trivial command (sip:status) on the console's own host
//      WebSocket (JSON → WS → host: zod check + dispatch → JSON → WS), measured in the page.
// Plus a breakdown of each, and the desk's first call apart (cold code paths). Page times are taken on the page's
// clock and moved onto ours by the measured offset. After-call work is made optional and the bench makes the
// agent Available again after each answered call. Never fails on time (CI does not gate on it).
// Needs `npm run build`. Re-runs itself in tests/sip/netns-run.sh's private network namespace (Chromium gathers
// ICE candidates only there). BENCH_RUNS (20) calls; BENCH_VERBOSE=1 prints every call's steps; BENCH_PROFILE=<dir>
// writes CPU profiles of the host (support/hostCpuProfile.mjs) and of the console page (CDP) over each ring and
// each answer. Run: npm run bench callPath
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { WebSocket } from 'ws';
import { launchChromium } from '../support/chromium.js';
import { serveCustomerPhone, writeToneWav } from '../support/customerPhone.js';
import { prepareDemoDesk } from '../support/demoDesk.js';
import { startHostProcess } from '../support/host.js';
import { labDomain, labPassword, startKamailio } from '../support/kamailio.js';
import { cliBundle, rendererDist, repoRoot } from '../support/paths.js';
import { percentile } from '../support/stats.js';
import { startSipRelay, type RelayedMessage } from './support/sipRelay.js';

if (process.env.AGENTDESK_NETNS !== '1' && process.getuid?.() === 0 && existsSync('/usr/bin/unshare')) {
  const run = spawnSync('bash', ['tests/sip/netns-run.sh', process.execPath, '--import', 'tsx', 'tests/bench/callPathBench.ts'], {
    cwd: repoRoot,
    stdio: 'inherit',
  });
  process.exit(run.status ?? 1);
}

const runs = Number(process.env.BENCH_RUNS ?? 20);
const warmUp = 2; // the first calls compile the code paths (V8, Chromium's WebRTC stack, Kamailio's workers)
const profileDir = process.env.BENCH_PROFILE;
const agentUser = '1001';
/** A demo customer (DEMO-0001, "Işık Yıldırım", VIP, with a script): the card and the script load while it rings. */
const customerNumber = '+905321234567';
const customerName = 'Işık Yıldırım';
const UI_TIMEOUT = 20_000;
const now = () => performance.timeOrigin + performance.now();

const hasRoutableInterface = Object.values(networkInterfaces()).some((list) =>
  list?.some((i) => i.family === 'IPv4' && !i.internal),
);
if (!existsSync(cliBundle) || !existsSync(join(rendererDist, 'index.html'))) {
  console.log('call path: skipped, the build is missing (npm run build)');
  process.exit(0);
}
if (!hasRoutableInterface) {
  console.log('call path: skipped, Chromium gathers no ICE candidates without a routable interface (run as root: netns)');
  process.exit(0);
}

interface Probe {
  rtc: { t: number; step: string; detail?: string }[];
  callEvents: { t: number; state: string; id: string }[];
  media: { t: number; dir: 'in' | 'out'; id: number; method: string }[];
  commands: { t: number; name: string }[];
  ringingShown: { t: number; painted: number | null }[];
  measureRoundTrips(count: number, name: string): Promise<number[]>;
}
interface AudioProbe {
  clicks: Record<string, number>;
  firstPacketAt(): number | null;
}
type AgentWindow = { __callPath: Probe; __probe: AudioProbe };
type CustomerWindow = {
  customer: { state: string; call(t: string, d: string): Promise<void>; session: { bye(): Promise<unknown> } | null };
  __invites: number[];
};

const verbose = process.env.BENCH_VERBOSE === '1';
/** One WebRTC step as BENCH_VERBOSE prints it: `setLocalDescription +12`, `candidate(udp) +14`. */
function describeStep(entry: Probe['rtc'][number], from: number): string {
  const at = ` +${(entry.t - from).toFixed(0)}`;
  if (entry.step !== 'candidate') return `${entry.step}${entry.detail ? `=${entry.detail}` : ''}${at}`;
  const protocol = entry.detail === 'end' ? 'end' : (entry.detail?.split(' ')[2] ?? '');
  return `candidate(${protocol})${at}`;
}
/** One call's WebRTC steps in the console page, as offsets from `from` (BENCH_VERBOSE=1). */
const steps = (rtc: Probe['rtc'], from: number, until: number) =>
  rtc
    .filter((entry) => entry.t >= from && entry.t <= until)
    .map((entry) => describeStep(entry, from))
    .join(', ');
/** The media requests the console page received and answered, as offsets from `from` (BENCH_VERBOSE=1). */
const mediaSteps = (path: Probe, from: number) =>
  [
    ...path.media.map((entry) => ({ t: entry.t, text: `${entry.method}${entry.dir === 'in' ? '>' : '<'}` })),
    ...path.commands.map((entry) => ({ t: entry.t, text: `cmd ${entry.name}` })),
  ]
    .filter((entry) => entry.t >= from && entry.t <= from + 300)
    .sort((a, b) => a.t - b.t)
    .map((entry) => `${entry.text} +${(entry.t - from).toFixed(0)}`)
    .join(', ');
/** When the console page received the first `method` media request since `from`, and when it answered it. */
function mediaSpan(path: Probe, from: number, method: string): { in: number; out: number } | undefined {
  const media = path.media.filter((entry) => entry.t >= from);
  const request = media.find((entry) => entry.dir === 'in' && entry.method === method);
  const reply = request && media.find((entry) => entry.dir === 'out' && entry.id === request.id);
  return request && reply ? { in: request.t, out: reply.t } : undefined;
}
const load = () =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');
const loadSamples: number[] = [];
const fmt = (values: number[]) =>
  values.length === 0
    ? 'no samples'
    : `p50 ${percentile(values, 50).toFixed(1)} ms  p95 ${percentile(values, 95).toFixed(1)} ms  (n=${values.length})`;

/** What was started, stopped in reverse order at the end, also when a step fails half-way. */
const cleanups: (() => unknown)[] = [];
try {
  const dataDir = mkdtempSync(join(tmpdir(), 'agentdesk-callpath-'));
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  const kamailio = await startKamailio({ auth: true });
  cleanups.push(() => kamailio.stop());
  const relay = await startSipRelay(kamailio.wsUrl);
  cleanups.push(() => relay.close());
  const desk = await prepareDemoDesk(dataDir, { sipServer: relay.url, sipUser: agentUser, displayName: 'Agent Deniz' });
  if (profileDir) mkdirSync(profileDir, { recursive: true });
  const host = await startHostProcess(dataDir, ['--config', desk.config], {
    AGENTDESK_SIP_PASSWORD: labPassword,
    // Node refuses --cpu-prof in NODE_OPTIONS: a preload records the profile through node:inspector instead.
    ...(profileDir
      ? {
          NODE_OPTIONS: `--import ${join(repoRoot, 'tests', 'bench', 'support', 'hostCpuProfile.mjs')}`,
          AGENTDESK_CPU_PROFILE_DIR: profileDir,
        }
      : {}),
  });
  cleanups.push(() => host.stop());
  const customerServer = await serveCustomerPhone();
  cleanups.push(() => customerServer.close());
  const toneFile = join(dataDir, 'tone-1000.wav');
  writeToneWav(toneFile, 1000);
  const browser = await launchChromium([
    `--use-file-for-fake-audio-capture=${toneFile}`,
    '--disable-features=WebRtcHideLocalIpsWithMdns',
  ]);
  cleanups.push(() => browser.close());

  /** A second bridge client (the bench's own): sets up the desk and makes the agent Available between calls. */
  const control = new WebSocket(`ws://127.0.0.1:${new URL(host.url).port}/bridge?token=${host.token}`);
  cleanups.push(() => control.close());
  await new Promise((resolve, reject) => control.once('open', resolve).once('error', reject));
  let controlId = 1;
  const controlWaiting = new Map<number, (result: { ok: boolean; value?: unknown; error?: unknown }) => void>();
  control.on('message', (data: Buffer) => {
    const message = JSON.parse(data.toString()) as { t: string; id?: number; result?: { ok: boolean } };
    if (message.t === 'result' && message.id !== undefined) controlWaiting.get(message.id)?.(message.result!);
  });
  const invoke = (name: string, args: unknown): Promise<{ ok: boolean; value?: unknown; error?: unknown }> => {
    const id = controlId++;
    return new Promise((resolve) => {
      controlWaiting.set(id, resolve);
      control.send(JSON.stringify({ t: 'invoke', id, name, args }));
    });
  };

  // Optional after-call work, so the bench can put the agent back to Available after each answered call.
  const acw = await invoke('settings:set', {
    key: 'agent.afterCallWork',
    value: { mode: 'optional', limitSeconds: 0, defaultDisposition: '', requireDisposition: false },
  });
  if (!acw.ok) throw new Error(`could not make after-call work optional: ${JSON.stringify(acw.error)}`);

  const agent = await browser.newPage();
  await agent.addInitScript({ content: readFileSync(join(repoRoot, 'tests', 'support', 'browser', 'audioProbe.js'), 'utf8') });
  await agent.addInitScript({ content: readFileSync(join(repoRoot, 'tests', 'bench', 'support', 'callPathProbe.js'), 'utf8') });
  await agent.goto(host.url);
  const softphone = agent.getByRole('region', { name: 'Softphone' });
  await softphone.getByText('Line: Registered').waitFor({ timeout: UI_TIMEOUT });

  const customer = await browser.newPage();
  await customer.addInitScript({ content: readFileSync(join(repoRoot, 'tests', 'support', 'browser', 'audioProbe.js'), 'utf8') });
  await customer.goto(customerServer.url);
  await customer.waitForFunction(() => (window as unknown as { customerReady?: boolean }).customerReady === true);
  await customer.evaluate(
    async (options) => {
      const w = window as unknown as {
        customer: { start(o: unknown): Promise<void>; userAgent: { transport: { send(m: string): unknown } } };
      } & CustomerWindow;
      await w.customer.start(options);
      // Every INVITE as the customer's transport puts it on the wire (the first is challenged with a 407).
      w.__invites = [];
      const transport = w.customer.userAgent.transport;
      const send = transport.send.bind(transport);
      transport.send = (message: string) => {
        if (message.startsWith('INVITE ')) w.__invites.push(performance.timeOrigin + performance.now());
        return send(message);
      };
    },
    {
      server: kamailio.wsUrl,
      user: customerNumber,
      domain: labDomain,
      password: labPassword,
      displayName: customerName,
      toneHz: 440,
    },
  );

  // How far each page's clock is from ours (pages stamp with their own performance.timeOrigin).
  async function clockOffset(page: Page): Promise<{ offset: number; uncertainty: number }> {
    let best = { offset: 0, uncertainty: Infinity };
    for (let i = 0; i < 15; i++) {
      const before = now();
      const pageNow = await page.evaluate(() => performance.timeOrigin + performance.now());
      const after = now();
      if ((after - before) / 2 < best.uncertainty)
        best = { offset: pageNow - (before + after) / 2, uncertainty: (after - before) / 2 };
    }
    return best;
  }
  const agentClock = await clockOffset(agent);
  const customerClock = await clockOffset(customer);

  const figures = {
    inviteToRinging: [] as number[],
    proxyOutToRinging: [] as number[],
    answerToAudio: [] as number[],
    dialToInvite: [] as number[],
  };
  const ringBreakdown = {
    proxy: [] as number[], // customer INVITE sent → INVITE leaves the proxy to the agent (relay)
    coreToProgress: [] as number[], // INVITE at the agent → 180 Ringing back (sip.js, before our onInvite)
    coreToEvent: [] as number[], // INVITE at the agent → the page's socket has calls:state ringing
    eventToDom: [] as number[], // the page has the event → ringing in the DOM
    domToFrame: [] as number[], // ringing in the DOM → the next animation frame
  };
  const answerBreakdown = {
    clickToCommand: [] as number[],
    commandToCreate: [] as number[],
    setDescription: [] as number[],
    getDescription: [] as number[],
    replyTo200: [] as number[],
    okToFirstPacket: [] as number[],
  };
  /** The desk's very first call (cold code paths), reported apart from the figures. */
  const firstCall: string[] = [];
  const dialBreakdown = { clickToCommand: [] as number[], getDescription: [] as number[], replyToInvite: [] as number[] };

  const probe = () => agent.evaluate(() => (window as unknown as AgentWindow).__callPath);
  const since = <T extends { t: number }>(list: T[], from: number) => list.filter((entry) => entry.t >= from);
  const relayed = (from: number, test: (m: RelayedMessage) => boolean) => relay.messages.find((m) => m.t >= from && test(m));

  // Profile mode: the console page is profiled (CDP) over each ring (until 150 ms after it shows) and each answer.
  const cdp = profileDir ? await agent.context().newCDPSession(agent) : undefined;
  if (cdp) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  }

  for (let i = 0; i < runs + warmUp; i++) {
    const measured = i >= warmUp;
    loadSamples.push(loadavg()[0]!);
    // ---- inbound: ring, answer, hang up ----
    const started = now();
    await customer.evaluate(() => {
      (window as unknown as CustomerWindow).__invites.length = 0;
    });
    const shownBefore = (await probe()).ringingShown.length;
    if (cdp) await cdp.send('Profiler.start');
    await customer.evaluate(({ target, domain }) => (window as unknown as CustomerWindow).customer.call(target, domain), {
      target: agentUser,
      domain: labDomain,
    });
    await agent.waitForFunction(
      (count) => (window as unknown as AgentWindow).__callPath.ringingShown.length > count,
      shownBefore,
      {
        timeout: UI_TIMEOUT,
        polling: 25,
      },
    );
    if (cdp) {
      await agent.waitForTimeout(150);
      const { profile } = await cdp.send('Profiler.stop');
      writeFileSync(join(profileDir!, `console-ring-${i}.cpuprofile`), JSON.stringify(profile));
    }
    // The operator looks at the card before answering: let the card and the script arrive.
    await agent
      .getByRole('region', { name: 'Caller card' })
      .getByRole('article', { name: customerName })
      .waitFor({ timeout: UI_TIMEOUT });
    await agent.waitForTimeout(300);
    const state = await probe();
    const shown = state.ringingShown[shownBefore]!;
    const invites = await customer.evaluate(() => (window as unknown as CustomerWindow).__invites);
    const inviteSent = invites.at(-1)! - customerClock.offset; // the authenticated INVITE, on our clock
    const toAgent = relayed(started, (m) => m.direction === 'toAgent' && m.method === 'INVITE')!;
    const progress = relayed(started, (m) => m.direction === 'toProxy' && m.status === 180)!;
    const event = since(state.callEvents, started + agentClock.offset).find((e) => e.state === 'ringing')!;
    const shownAt = shown.t - agentClock.offset;
    if (verbose) {
      const parts = [
        ['proxy', toAgent.t - inviteSent],
        ['->180', progress.t - toAgent.t],
        ['->event', event.t - agentClock.offset - toAgent.t],
        ['->DOM', shown.t - event.t],
        ['->frame', (shown.painted ?? shown.t) - shown.t],
      ] as const;
      console.log(
        `[ring ${i}] ${(shownAt - inviteSent).toFixed(1)} ms: ${parts.map(([name, ms]) => `${name} ${ms.toFixed(1)}`).join(', ')}`,
      );
    }
    if (i === 0) firstCall.push(`INVITE -> ringing shown ${(shownAt - inviteSent).toFixed(1)} ms`);
    if (measured) {
      figures.inviteToRinging.push(shownAt - inviteSent);
      figures.proxyOutToRinging.push(shownAt - toAgent.t);
      ringBreakdown.proxy.push(toAgent.t - inviteSent);
      ringBreakdown.coreToProgress.push(progress.t - toAgent.t);
      ringBreakdown.coreToEvent.push(event.t - agentClock.offset - toAgent.t);
      ringBreakdown.eventToDom.push(shown.t - event.t);
      if (shown.painted !== null) ringBreakdown.domToFrame.push(shown.painted - shown.t);
    }

    const beforeAnswer = now() + agentClock.offset;
    if (cdp) await cdp.send('Profiler.start');
    await softphone.getByRole('button', { name: 'Answer', exact: true }).click();
    await agent.waitForFunction(() => (window as unknown as AgentWindow).__probe.firstPacketAt() !== null, undefined, {
      timeout: UI_TIMEOUT,
      polling: 25,
    });
    if (cdp) {
      const { profile } = await cdp.send('Profiler.stop');
      writeFileSync(join(profileDir!, `console-answer-${i}.cpuprofile`), JSON.stringify(profile));
    }
    const answered = await agent.evaluate(() => {
      const w = window as unknown as AgentWindow;
      return { clickedAt: w.__probe.clicks.Answer!, firstPacketAt: w.__probe.firstPacketAt()!, path: w.__callPath };
    });
    if (verbose)
      console.log(
        `[answer ${i}] ${mediaSteps(answered.path, answered.clickedAt)} | ${steps(answered.path.rtc, answered.clickedAt, answered.firstPacketAt)} | first packet +${(answered.firstPacketAt - answered.clickedAt).toFixed(0)}`,
      );
    if (i === 0) firstCall.push(`answer -> first audio ${(answered.firstPacketAt - answered.clickedAt).toFixed(1)} ms`);
    if (measured) {
      figures.answerToAudio.push(answered.firstPacketAt - answered.clickedAt);
      const command = since(answered.path.commands, beforeAnswer).find((c) => c.name === 'calls:answer');
      const create = mediaSpan(answered.path, beforeAnswer, 'create');
      const set = mediaSpan(answered.path, beforeAnswer, 'setDescription');
      const get = mediaSpan(answered.path, beforeAnswer, 'getDescription');
      const ok = relayed(
        beforeAnswer - agentClock.offset,
        (m) => m.direction === 'toProxy' && m.status === 200 && m.cseqMethod === 'INVITE',
      );
      if (command) answerBreakdown.clickToCommand.push(command.t - answered.clickedAt);
      if (command && create) answerBreakdown.commandToCreate.push(create.in - command.t);
      if (set) answerBreakdown.setDescription.push(set.out - set.in);
      if (get) answerBreakdown.getDescription.push(get.out - get.in);
      if (get && ok) answerBreakdown.replyTo200.push(ok.t - (get.out - agentClock.offset));
      if (ok) answerBreakdown.okToFirstPacket.push(answered.firstPacketAt - agentClock.offset - ok.t);
    }
    await softphone.getByRole('button', { name: 'Hang up', exact: true }).click();
    await softphone.locator('[data-call-state]').first().waitFor({ state: 'detached', timeout: UI_TIMEOUT });
    const available = await invoke('agent:setState', { state: 'available' });
    if (!available.ok || (available.value as { state: string }).state !== 'available') {
      throw new Error(`the agent did not become Available: ${JSON.stringify(available)}`);
    }

    // ---- outbound: click-to-dial (the customer's plain sip.js phone refuses with 486, no after-call work) ----
    await softphone.getByRole('textbox', { name: 'Number to dial' }).fill(customerNumber);
    const beforeDial = now();
    await softphone.getByRole('button', { name: 'Dial', exact: true }).click();
    const dialInvite = await (async () => {
      const deadline = Date.now() + UI_TIMEOUT;
      for (;;) {
        const found = relayed(beforeDial, (m) => m.direction === 'toProxy' && m.method === 'INVITE');
        if (found) return found;
        if (Date.now() > deadline) throw new Error('the agent sent no INVITE after Dial');
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    })();
    await softphone.locator('[data-call-state]').first().waitFor({ state: 'detached', timeout: UI_TIMEOUT });
    const dialed = await agent.evaluate(() => {
      const w = window as unknown as AgentWindow;
      return { clickedAt: w.__probe.clicks.Dial!, path: w.__callPath };
    });
    if (verbose)
      console.log(
        `[dial ${i}] ${steps(dialed.path.rtc, dialed.clickedAt, dialed.clickedAt + 2000)} | INVITE +${(dialInvite.t - (dialed.clickedAt - agentClock.offset)).toFixed(0)}`,
      );
    if (i === 0)
      firstCall.push(`click-to-dial -> INVITE ${(dialInvite.t - (dialed.clickedAt - agentClock.offset)).toFixed(1)} ms`);
    if (measured) {
      figures.dialToInvite.push(dialInvite.t - (dialed.clickedAt - agentClock.offset));
      const command = since(dialed.path.commands, dialed.clickedAt).find((c) => c.name === 'calls:dial');
      const get = mediaSpan(dialed.path, dialed.clickedAt, 'getDescription');
      if (command) dialBreakdown.clickToCommand.push(command.t - dialed.clickedAt);
      if (get) dialBreakdown.getDescription.push(get.out - get.in);
      if (get) dialBreakdown.replyToInvite.push(dialInvite.t - (get.out - agentClock.offset));
    }
    await agent.waitForTimeout(200);
  }

  // ---- one bridge hop, on the console's own socket, the desk idle ----
  const roundTrips = await agent.evaluate(() =>
    (window as unknown as AgentWindow).__callPath.measureRoundTrips(300, 'sip:status'),
  );
  const hops = roundTrips.slice(20).map((rt) => rt / 2);

  const loadLine = `load average during the calls: median ${percentile(loadSamples, 50).toFixed(2)} (1-min), now ${load()}; 2 cores`;
  console.log(
    `clock offsets: console page ${agentClock.offset.toFixed(2)} ± ${agentClock.uncertainty.toFixed(2)} ms, customer page ${customerClock.offset.toFixed(2)} ± ${customerClock.uncertainty.toFixed(2)} ms (corrected)`,
  );
  console.log(loadLine);
  console.log(`INVITE at the proxy -> ringing shown in the UI:   ${fmt(figures.inviteToRinging)}   target p95 <= 50 ms`);
  console.log(`  INVITE leaving the proxy -> ringing shown:      ${fmt(figures.proxyOutToRinging)}`);
  console.log(`  proxy (customer send -> relay to agent):       ${fmt(ringBreakdown.proxy)}`);
  console.log(`  at the agent -> 180 Ringing sent (sip.js):       ${fmt(ringBreakdown.coreToProgress)}`);
  console.log(`  at the agent -> calls:state in the page:         ${fmt(ringBreakdown.coreToEvent)}`);
  console.log(`  calls:state in the page -> ringing in the DOM:   ${fmt(ringBreakdown.eventToDom)}`);
  console.log(`  ringing in the DOM -> next animation frame:      ${fmt(ringBreakdown.domToFrame)}`);
  console.log(`Answer clicked -> first audio packet at the agent: ${fmt(figures.answerToAudio)}   target p50 <= 150 ms`);
  console.log(`  click -> calls:answer sent:                     ${fmt(answerBreakdown.clickToCommand)}`);
  console.log(`  calls:answer sent -> media create received:     ${fmt(answerBreakdown.commandToCreate)}`);
  console.log(`  setDescription (remote offer) in the page:       ${fmt(answerBreakdown.setDescription)}`);
  console.log(`  getDescription (answer + ICE gathering):         ${fmt(answerBreakdown.getDescription)}`);
  console.log(`  answer SDP replied -> 200 OK on the wire:        ${fmt(answerBreakdown.replyTo200)}`);
  console.log(`  200 OK on the wire -> first audio packet:        ${fmt(answerBreakdown.okToFirstPacket)}`);
  console.log(`Click-to-dial -> INVITE on the wire:               ${fmt(figures.dialToInvite)}   target p50 <= 200 ms`);
  console.log(`  click -> calls:dial sent:                       ${fmt(dialBreakdown.clickToCommand)}`);
  console.log(`  getDescription (offer + ICE gathering):          ${fmt(dialBreakdown.getDescription)}`);
  console.log(`  offer SDP replied -> INVITE on the wire:         ${fmt(dialBreakdown.replyToInvite)}`);
  console.log(`The first call after start-up (not in the figures above): ${firstCall.join(', ')}`);
  console.log(`One bridge hop (sip:status round trip / 2, idle):  ${fmt(hops)}   target p50 <= 3 ms`);
} finally {
  for (const cleanup of cleanups.reverse()) await cleanup();
}
