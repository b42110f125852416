// Test support: builds the agent's SipService the way main does (ports through the constructor), with
// an in-memory secret store, call log and event sink, and the signalling-only media peer.
import { MemoryLogger } from '../../../../electron/core/log/memoryLogger.js';
import { systemClock, type Clock, type SecretStore } from '../../../../electron/core/ports.js';
import { InMemoryCallLog, type CallLogSink } from '../../../../electron/core/sip/callLog.js';
import { SIP_PASSWORD_SECRET } from '../../../../electron/core/sip/sipConnection.js';
import { sipConfig, type SipConfig } from '../../../../electron/core/sip/sipConfig.js';
import { MediaPeerHub, type MediaEngineLink } from '../../../../electron/core/sip/mediaPeerHub.js';
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
  /** With `mediaHub`: the production hub between sip.js and the engine, and the engine's link to it. */
  hub?: MediaPeerHub;
  engine?: MediaEngineLink;
}

export interface TestAgentOptions extends Partial<SipConfig> {
  servers: string[];
  password?: string | null;
  clock?: Clock;
  random?: () => number;
  /** A second call log every record also goes to (the SQLite store, say); the in-memory one stays for waiting. */
  alsoLogTo?: CallLogSink;
  /**
   * Route media through the MediaPeerHub main uses, with the static-SDP engine attached as if it were the
   * renderer's page; detaching `engine` from `hub` is the renderer going away.
   */
  mediaHub?: boolean;
}

/** The static-SDP engine as a page on the hub: requests in, replies back, like the host's media socket. */
function staticEngineLink(hub: MediaPeerHub, engine: StaticSdpMediaPeer): MediaEngineLink {
  const link: MediaEngineLink = {
    label: 'test media engine',
    send(request) {
      engine.request(request.method, request.sessionId, request.params).then(
        (value) => hub.reply(link, { id: request.id, ok: true, value: value ?? null }),
        (error: unknown) => hub.reply(link, { id: request.id, ok: false, error: String(error) }),
      );
      return true;
    },
  };
  return link;
}

export async function createTestAgent(options: TestAgentOptions): Promise<TestAgent> {
  const { password, clock, random, alsoLogTo, mediaHub, ...overrides } = options;
  const secrets = new MemorySecretStore();
  if (password !== null) await secrets.set(SIP_PASSWORD_SECRET, password ?? labPassword);
  const events = new RecordingEventSink();
  const callLog = new InMemoryCallLog();
  const media = new StaticSdpMediaPeer();
  const logger = new MemoryLogger();
  const hub = mediaHub ? new MediaPeerHub({ clock: clock ?? systemClock, logger }) : undefined;
  const engine = hub ? staticEngineLink(hub, media) : undefined;
  if (hub && engine) hub.attach(engine);
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
    callLog: alsoLogTo
      ? {
          // The durable store first, so a test that saw the in-memory record can read the row.
          record: (entry) => {
            void alsoLogTo.record(entry);
            callLog.record(entry);
          },
        }
      : callLog,
    mediaPeer: hub ?? media,
    ...(random ? { random } : {}),
  });
  return { service, events, callLog, media, secrets, logger, config, ...(hub && engine ? { hub, engine } : {}) };
}

/** Starts the agent and waits until it is registered. */
export async function startRegistered(agent: TestAgent, timeoutMs = 10_000): Promise<void> {
  agent.service.start();
  await agent.events.waitFor('sip:registration', (s) => s.state === 'registered', timeoutMs);
}
