// Test support: the SIP lab a call test file runs in — one real Kamailio for the file, registered agents and
// sip.js phones against it, all stopped after each test, and every agent's events checked against the IPC
// contract. One place for these hooks and factories, so each call test file only says what it tests.
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type { Session } from 'sip.js';
import { startKamailio, type Kamailio, type KamailioOptions } from '../../../support/kamailio.js';
import { createTestAgent, startRegistered, type TestAgent, type TestAgentOptions } from './agent.js';
import { TestPhone, type TestPhoneOptions } from './testPhone.js';

export interface SipLab {
  /** The file's Kamailio (started in beforeAll, so call this inside tests, not at module level). */
  proxy: () => Kamailio;
  /** A registered agent on the lab's proxy; `overrides` go to createTestAgent over the server and user. */
  agent: (user: string, overrides?: Partial<TestAgentOptions>) => Promise<TestAgent>;
  /** A started sip.js phone registered at the lab's proxy. */
  phone: (user: string, options?: Partial<TestPhoneOptions>) => Promise<TestPhone>;
  /**
   * `caller` calls the agent (registered as `agentUser`) and the agent answers; any other line is held by
   * the answer. Only events after the call count, so it works for the second and later calls of a test.
   */
  answeredCall: (agent: TestAgent, caller: TestPhone, agentUser: string) => Promise<{ callId: string; session: Session }>;
  /** Runs after this test, once its agents and phones have stopped (for what they used, e.g. a SQLite file). */
  afterTest: (cleanup: () => unknown) => void;
}

export function useSipLab(kamailioOptions: KamailioOptions = {}): SipLab {
  let kamailio: Kamailio | undefined;
  const running: { stop(): Promise<unknown> }[] = [];
  const agents: TestAgent[] = [];
  const cleanups: (() => unknown)[] = [];

  beforeAll(async () => {
    kamailio = await startKamailio(kamailioOptions);
  }, 20_000);

  afterEach(async () => {
    const madeInTest = agents.splice(0);
    const cleanupsOfTest = cleanups.splice(0);
    try {
      // Last made, first stopped.
      for (const thing of running.splice(0).reverse()) await thing.stop().catch(() => undefined);
      for (const made of madeInTest) expect(made.events.contractViolations).toEqual([]);
    } finally {
      for (const cleanup of cleanupsOfTest) await cleanup();
    }
  });

  afterAll(async () => {
    await kamailio?.stop();
  }, 20_000);

  const proxy = (): Kamailio => {
    if (!kamailio) throw new Error('the SIP lab starts Kamailio in beforeAll: call proxy() inside a test');
    return kamailio;
  };

  return {
    proxy,
    async agent(user, overrides = {}) {
      const made = await createTestAgent({ servers: [proxy().wsUrl], user, ...overrides });
      agents.push(made);
      running.push(made.service);
      await startRegistered(made);
      return made;
    },
    async phone(user, options = {}) {
      const made = new TestPhone({ user, server: proxy().wsUrl, ...options });
      running.push(made);
      await made.start();
      return made;
    },
    async answeredCall(agent, caller, agentUser) {
      const mark = agent.events.mark();
      const callerMark = caller.mark();
      await caller.call(agentUser);
      const ringing = await agent.events.waitFor(
        'calls:state',
        (c) => c.state === 'ringing' && c.remoteUser === caller.user,
        10_000,
        mark,
      );
      await agent.service.answer(ringing.id);
      await agent.events.waitFor('calls:state', (c) => c.id === ringing.id && c.state === 'active');
      const established = await caller.waitFor('established', () => true, 10_000, callerMark);
      return { callId: ringing.id, session: established.session };
    },
    afterTest(cleanup) {
      cleanups.push(cleanup);
    },
  };
}
