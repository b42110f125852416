// Registration against a real Kamailio: plain and digest auth, wrong password, refresh, failover,
// reconnect after the proxy restarts and after the agent's own connection drops mid-call.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIP_PASSWORD_SECRET } from '../../../electron/core/sip/sipConnection.js';
import { softphoneHandlers } from '../../../electron/core/sip/softphoneHandlers.js';
import { freeTcpPort, startKamailio, type Kamailio } from '../../support/kamailio.js';
import { createTestAgent, startRegistered, type TestAgent } from './support/agent.js';
import { startTcpRelay } from './support/tcpRelay.js';
import { TestPhone } from './support/testPhone.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let open: Kamailio;
let withAuth: Kamailio;
const cleanups: (() => Promise<unknown>)[] = [];

function track<T extends { stop(): Promise<unknown> }>(thing: T): T {
  cleanups.push(() => thing.stop());
  return thing;
}

async function agent(options: Parameters<typeof createTestAgent>[0]): Promise<TestAgent> {
  const made = await createTestAgent(options);
  track(made.service);
  return made;
}

beforeAll(async () => {
  [open, withAuth] = await Promise.all([startKamailio(), startKamailio({ auth: true })]);
}, 20_000);

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  await Promise.all([open?.stop(), withAuth?.stop()]);
}, 30_000);

describe('registration', () => {
  it('registers without auth, reports each step with a Clock timestamp, and stops cleanly', async () => {
    const a = await agent({ servers: [open.wsUrl], user: '1101' });
    const before = Date.now();
    await startRegistered(a);
    const states = a.events.all('sip:registration').map((s) => s.state);
    expect(states).toEqual(['connecting', 'registering', 'registered']);
    for (const status of a.events.all('sip:registration')) {
      expect(status.at).toBeGreaterThanOrEqual(before);
      expect(status.server).toBe(open.wsUrl);
      expect(status.dnd).toBe(false);
    }
    expect(a.service.status().state).toBe('registered');

    await a.service.stop();
    expect(a.service.status()).toMatchObject({ state: 'stopped', reason: 'stopped-by-user' });
    expect(a.events.contractViolations).toEqual([]);
  });

  it('answers the digest challenge with the password from the SecretStore', async () => {
    const a = await agent({ servers: [withAuth.wsUrl], user: '1102' });
    await startRegistered(a);
    // The binding is real: a second UA can reach the agent through the proxy.
    const caller = track(new TestPhone({ user: '1103', server: withAuth.wsUrl }));
    await caller.start();
    await caller.call('1102');
    const ringing = await a.events.waitFor('calls:state', (c) => c.state === 'ringing');
    expect(ringing.remoteUser).toBe('1103');
    await a.service.hangup(ringing.id);
  });

  it('a wrong password ends in failed/auth-failed with the code, does not retry, and recovers after the fix', async () => {
    const a = await agent({ servers: [withAuth.wsUrl], user: '1104', password: 'not-the-password' });
    a.service.start();
    const failed = await a.events.waitFor('sip:registration', (s) => s.state === 'failed');
    expect(failed).toMatchObject({ reason: 'auth-failed', code: 401, server: withAuth.wsUrl });
    const count = a.events.all('sip:registration').length;
    await sleep(1500); // more than the first backoff delay: nothing may happen by itself
    expect(a.events.all('sip:registration')).toHaveLength(count);

    await a.secrets.set(SIP_PASSWORD_SECRET, 'lab');
    const since = a.events.mark();
    a.service.reconnect();
    await a.events.waitFor('sip:registration', (s) => s.state === 'registered', 10_000, since);
  });

  it('sip:setPassword stores the password as a secret only and registers with it', async () => {
    const a = await agent({ servers: [withAuth.wsUrl], user: '1114', password: 'wrong' });
    a.service.start();
    await a.events.waitFor('sip:registration', (s) => s.state === 'failed');
    const since = a.events.mark();
    const handlers = softphoneHandlers(a.service);
    const status = await handlers['sip:setPassword']({ password: 'lab' });
    expect(JSON.stringify(status)).not.toContain('lab"');
    await a.events.waitFor('sip:registration', (s) => s.state === 'registered', 10_000, since);
    expect(await a.secrets.get(SIP_PASSWORD_SECRET)).toBe('lab');
  });

  it('keeps the binding alive by refreshing before it expires', async () => {
    const a = await agent({ servers: [open.wsUrl], user: '1105', registerExpiresSec: 3 });
    await startRegistered(a);
    await sleep(4000); // the 3 s binding would have expired at Kamailio without a refresh (at 2.7 s)
    expect(a.service.status().state).toBe('registered');
    const caller = track(new TestPhone({ user: '1106', server: open.wsUrl }));
    await caller.start();
    await caller.call('1105');
    const ringing = await a.events.waitFor('calls:state', (c) => c.state === 'ringing');
    await a.service.decline(ringing.id);
    expect(a.events.all('sip:registration', (s) => s.reason === 'registration-lost')).toEqual([]);
  });

  it('fails over to the second server when the first one is down', async () => {
    const dead = `ws://127.0.0.1:${await freeTcpPort()}`;
    const a = await agent({ servers: [dead, open.wsUrl], user: '1107' });
    await startRegistered(a);
    const steps = a.events.all('sip:registration').map((s) => `${s.state}@${s.server === dead ? 'dead' : 'live'}`);
    expect(steps).toEqual(['connecting@dead', 'connecting@live', 'registering@live', 'registered@live']);
  });

  it('reconnects and re-registers after the proxy restarts on the same ports', async () => {
    const proxy = await startKamailio();
    const a = await agent({ servers: [proxy.wsUrl], user: '1108' });
    try {
      await startRegistered(a);
      const since = a.events.mark();
      await proxy.stop();
      const lost = await a.events.waitFor('sip:registration', (s) => s.state === 'reconnecting', 10_000, since);
      expect(lost.reason).toBe('connection-lost');
      expect(lost.nextRetryAt).toBeGreaterThan(lost.at);

      const restarted = await startKamailio({ ports: { sip: proxy.sipPort, ws: proxy.wsPort } });
      track(restarted);
      await a.events.waitFor('sip:registration', (s) => s.state === 'registered', 15_000, since);
      // Kamailio's in-memory location table started empty: only a new REGISTER makes this call ring.
      const caller = track(new TestPhone({ user: '1109', server: restarted.wsUrl }));
      await caller.start();
      await caller.call('1108');
      const ringing = await a.events.waitFor('calls:state', (c) => c.state === 'ringing');
      await a.service.decline(ringing.id);
    } finally {
      await proxy.stop();
    }
  }, 40_000);

  it('keeps a call through a drop of its own connection: re-registers and refreshes the dialog', async () => {
    const relay = await startTcpRelay(open.wsPort);
    cleanups.push(() => relay.close());
    const a = await agent({ servers: [relay.url], user: '1110' });
    await startRegistered(a);
    const customer = track(new TestPhone({ user: '1111', server: open.wsUrl }));
    await customer.start();
    await customer.call('1110');
    const ringing = await a.events.waitFor('calls:state', (c) => c.state === 'ringing');
    await a.service.answer(ringing.id);
    await a.events.waitFor('calls:state', (c) => c.id === ringing.id && c.state === 'active');
    const established = await customer.waitFor('established');
    // Let the customer's ACK cross the proxy to us first: cut before it and the dialog can never be
    // confirmed (the proxy would send the ACK down the dead connection), which is another test.
    await sleep(300);
    const customerMark = customer.mark();

    const since = a.events.mark();
    relay.cut();
    await a.events.waitFor(
      'sip:registration',
      (s) => s.state === 'reconnecting' && s.reason === 'connection-lost',
      10_000,
      since,
    );
    await a.events.waitFor('sip:registration', (s) => s.state === 'registered', 10_000, since);
    // Our re-INVITE crossed the new connection, so the proxy now routes the customer's BYE to it.
    const refresh = await customer.waitFor('reinvite', () => true, 10_000, customerMark);
    expect(refresh.direction).toBe('sendrecv');
    await customer.hangup(established.session);
    const ended = await a.events.waitFor('calls:state', (c) => c.id === ringing.id && c.state === 'ended');
    expect(ended).toMatchObject({ endReason: 'completed', hungUpBy: 'remote' });
  }, 30_000);
});
