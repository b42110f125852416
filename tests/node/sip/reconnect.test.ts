// Reconnect timing with an injected Clock (no waiting): exponential backoff with jitter, every round
// through the servers in order, and the next attempt announced in the status. Real sockets, but only
// to ports where nothing listens (connection refused at once).
import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../../electron/core/sip/backoff.js';
import { freeTcpPort } from '../../support/kamailio.js';
import { createTestAgent } from './support/agent.js';
import { ManualClock } from '../../support/manualClock.js';

describe('backoffDelay', () => {
  const policy = { initialDelayMs: 1000, maxDelayMs: 60_000 };

  it('doubles the cap per attempt up to the maximum and draws from its upper half', () => {
    const caps = [1000, 2000, 4000, 8000, 16_000, 32_000, 60_000, 60_000];
    caps.forEach((cap, attempt) => {
      expect(backoffDelay(attempt, policy, () => 0)).toBe(cap / 2);
      expect(backoffDelay(attempt, policy, () => 0.999999)).toBe(cap);
      expect(backoffDelay(attempt, policy, () => 0.5)).toBe(0.75 * cap);
    });
  });

  it('spreads many clients over the window (jitter) and survives silly inputs', () => {
    const delays = Array.from({ length: 1000 }, () => backoffDelay(3, policy, Math.random));
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(4000);
    expect(Math.max(...delays)).toBeLessThanOrEqual(8000);
    expect(new Set(delays).size).toBeGreaterThan(500);
    expect(backoffDelay(-5, policy, () => 2)).toBe(1000);
    expect(backoffDelay(10_000, policy, () => -1)).toBe(30_000);
  });
});

describe('reconnect loop', () => {
  it('tries every server in order each round and backs off between rounds, by the injected clock', async () => {
    const clock = new ManualClock();
    const dead = [`ws://127.0.0.1:${await freeTcpPort()}`, `ws://127.0.0.1:${await freeTcpPort()}`];
    const agent = await createTestAgent({
      servers: dead,
      clock,
      random: () => 0.5,
      reconnect: { initialDelayMs: 1000, maxDelayMs: 4000 },
    });
    const { events, service } = agent;
    try {
      service.start();
      const expectedDelays = [750, 1500, 3000, 3000];
      for (const [round, delay] of expectedDelays.entries()) {
        const reconnecting = () => events.all('sip:registration', (s) => s.state === 'reconnecting');
        await expect.poll(() => reconnecting().length, { timeout: 5000 }).toBe(round + 1);
        expect(reconnecting()[round]).toMatchObject({
          reason: 'all-servers-failed',
          at: clock.now(),
          nextRetryAt: clock.now() + delay,
        });
        // Nothing happens until the clock says so.
        expect(clock.pending()).toContain(delay);
        clock.advance(delay);
      }
      const attempts = events.all('sip:registration', (s) => s.state === 'connecting').map((s) => dead.indexOf(s.server!));
      expect(attempts.slice(0, 8)).toEqual([0, 1, 0, 1, 0, 1, 0, 1]);
      expect(events.contractViolations).toEqual([]);
    } finally {
      await service.stop();
    }
  });

  it('reports not-configured instead of trying when there is no server or user', async () => {
    const agent = await createTestAgent({ servers: [], user: '' });
    agent.service.start();
    expect(agent.service.status()).toMatchObject({ state: 'idle', reason: 'not-configured' });
    await expect(agent.service.dial('1002')).rejects.toMatchObject({ code: 'unavailable' });
  });
});
