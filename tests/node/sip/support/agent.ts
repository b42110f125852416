// Test support: builds the agent's SipService the way main does (ports through the constructor), with
// an in-memory secret store, call log and event sink, and the signalling-only media peer.
import { MemoryLogger } from '../../../../electron/core/log/memoryLogger.js';
import { systemClock, type Clock, type SecretStore } from '../../../../electron/core/ports.js';
import { InMemoryCallLog } from '../../../../electron/core/sip/callLog.js';
import { SIP_PASSWORD_SECRET } from '../../../../electron/core/sip/sipConnection.js';
import { sipConfig, type SipConfig } from '../../../../electron/core/sip/sipConfig.js';
import { SipService } from '../../../../electron/core/sip/sipService.js';
import { labDomain, labPassword } from '../../../support/kamailio.js';
import { RecordingEventSink } from './recordingEventSink.js';
import { StaticSdpMediaPeer } from './staticSdpMediaPeer.js';

export class MemorySecretStore implements SecretStore {
  readonly kind = 'memory';
  private readonly values = new Map<string, string>();
  async get(name: string) {
    return this.values.get(name);
  }
  async set(name: string, value: string) {
    this.values.set(name, value);
  }
  async delete(name: string) {
    this.values.delete(name);
  }
}

export interface TestAgent {
  service: SipService;
  events: RecordingEventSink;
  callLog: InMemoryCallLog;
  media: StaticSdpMediaPeer;
  secrets: MemorySecretStore;
  logger: MemoryLogger;
  config: SipConfig;
}

export interface TestAgentOptions extends Partial<SipConfig> {
  servers: string[];
  password?: string | null;
  clock?: Clock;
  random?: () => number;
}

export async function createTestAgent(options: TestAgentOptions): Promise<TestAgent> {
  const { password, clock, random, ...overrides } = options;
  const secrets = new MemorySecretStore();
  if (password !== null) await secrets.set(SIP_PASSWORD_SECRET, password ?? labPassword);
  const events = new RecordingEventSink();
  const callLog = new InMemoryCallLog();
  const media = new StaticSdpMediaPeer();
  const logger = new MemoryLogger();
  const config = sipConfig({
    domain: labDomain,
    user: '1001',
    displayName: 'Agent 1001',
    // Fast retries: a proxy restart in a test should not wait a minute.
    reconnect: { initialDelayMs: 300, maxDelayMs: 2000 },
    registerTimeoutMs: 5000,
    connectTimeoutSec: 3,
    ...overrides,
  });
  const service = new SipService({
    config,
    secrets,
    clock: clock ?? systemClock,
    logger,
    events,
    callLog,
    mediaPeer: media,
    ...(random ? { random } : {}),
  });
  return { service, events, callLog, media, secrets, logger, config };
}

/** Starts the agent and waits until it is registered. */
export async function startRegistered(agent: TestAgent, timeoutMs = 10_000): Promise<void> {
  agent.service.start();
  await agent.events.waitFor('sip:registration', (s) => s.state === 'registered', timeoutMs);
}
