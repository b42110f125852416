// Benchmark: an INVITE reaching the proxy → the agent's SipService emits its ringing event (calls:state),
// through a real Kamailio with digest auth on 127.0.0.1; the caller is a plain sip.js UA in this process.
// Prints p50/p95; never fails on time. Run: node --import tsx tests/bench/sipBench.ts (or npm run bench).
import { startKamailio } from '../support/kamailio.js';
import { summary } from '../support/stats.js';
import { createTestAgent, startRegistered } from '../node/sip/support/agent.js';
import { TestPhone } from '../node/sip/support/testPhone.js';

const runs = Number(process.env.BENCH_RUNS ?? 50);
const proxy = await startKamailio({ auth: true });
const agent = await createTestAgent({ servers: [proxy.wsUrl], user: '3001' });
const caller = new TestPhone({ user: '3002', server: proxy.wsUrl });

try {
  const registerStarted = performance.now();
  await startRegistered(agent);
  const registerMs = performance.now() - registerStarted;
  await caller.start();

  const inviteToRing: number[] = [];
  for (let i = 0; i < runs + 3; i++) {
    const callerMark = caller.mark();
    const agentMark = agent.events.mark();
    await caller.call('3001');
    const ringing = await agent.events.waitFor('calls:state', (c) => c.state === 'ringing', 5000, agentMark);
    const ringAt = agent.events.events.slice(agentMark).find((e) => e.name === 'calls:state')!.t;
    // The caller's transport stamps each INVITE as it goes on the wire (on loopback: when the proxy has it).
    // Kamailio challenges the first one (407), so the INVITE that rings is the last one sent before the ring.
    const invites = caller.events.slice(callerMark).filter((e) => e.name === 'sent' && e.method === 'INVITE' && e.t <= ringAt);
    const sentAt = invites.at(-1)!.t;
    if (i >= 3) inviteToRing.push(ringAt - sentAt); // the first calls warm up the JIT and Kamailio's workers
    await agent.service.decline(ringing.id);
    await agent.events.waitFor('calls:state', (c) => c.id === ringing.id && c.state === 'ended', 5000, agentMark);
  }

  console.log(`first REGISTER incl. digest challenge (n=1): ${registerMs.toFixed(1)} ms`);
  console.log(
    `INVITE at the proxy -> ringing event in SipService (n=${runs}): ${summary(inviteToRing)}   target p95 <= 50 ms (to the UI: + one bridge hop)`,
  );
} finally {
  await caller.stop();
  await agent.service.stop();
  await proxy.stop();
}
