// Reconnect delays: exponential backoff with jitter, so a room full of desks does not hammer a
// proxy that just came back all in the same second. Pure TypeScript, plain Node.
import type { ReconnectPolicy } from './sipConfig.js';

/**
 * Delay before retry number `attempt` (0 = the first retry): the cap doubles from initialDelayMs up
 * to maxDelayMs, and the delay is drawn uniformly from its upper half ("equal jitter"): never less
 * than half the cap, so retries still back off, and spread enough to de-synchronise many clients.
 * `random` returns [0, 1) (Math.random in production, a fixed sequence in tests).
 */
export function backoffDelay(attempt: number, policy: ReconnectPolicy, random: () => number): number {
  const exponent = Math.min(Math.max(0, Math.floor(attempt)), 30);
  const cap = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** exponent);
  const unit = Math.min(Math.max(random(), 0), 1);
  return Math.round(cap / 2 + (cap / 2) * unit);
}
