// The SIP account and phone behaviour the SipService runs with: a plain object, so tests build one
// directly and main builds it from settings (sipConfigFromSettings). Plain Node.
import type { SettingKey, SettingValue } from '../../shared/settings.js';
import type { CountryCode, DialStringOptions } from '../phone/index.js';

export type IceServerConfig = SettingValue<'sip.iceServers'>[number];

export interface ReconnectPolicy {
  /** First retry delay before jitter. */
  initialDelayMs: number;
  /** Upper bound of the exponential growth. */
  maxDelayMs: number;
}

export interface SipConfig {
  /** ws:// or wss:// URLs, tried in this order (failover); every new round starts with the first. */
  servers: string[];
  /** SIP domain of the account (the host part of sip:user@domain). */
  domain: string;
  user: string;
  /** Digest user name when it differs from `user`. */
  authUser?: string;
  /** Our display name in From of outbound calls. */
  displayName?: string;
  /** Handed to the media engine; empty by default: no public STUN server is contacted. */
  iceServers: IceServerConfig[];
  /** How long ICE gathering may take in the media engine (sip.js waits for it before sending SDP). */
  iceGatheringTimeoutMs: number;
  /** Requested registration lifetime; sip.js refreshes at 99 % of what the registrar grants. */
  registerExpiresSec: number;
  /** A registrar that does not answer within this is treated as down (next server). */
  registerTimeoutMs: number;
  /** WebSocket connect timeout per server. */
  connectTimeoutSec: number;
  reconnect: ReconnectPolicy;
  /** Code for "Decline" on a ringing call: 486 Busy Here or 603 Decline. */
  declineCode: 486 | 603;
  /** Code for calls rejected while do-not-disturb is on. */
  dndCode: 486 | 480 | 603;
  /** Do-not-disturb at start (the operator toggles it at run time). */
  dnd: boolean;
  /** Lines: live calls at once; one more ringing call is rejected with 486. */
  maxLines: number;
  /** How calls:dtmf sends digits unless the command says otherwise. */
  dtmfMethod: 'rfc4733' | 'info';
  /** Answer an incoming call by itself after delayMs, when no other call is live. */
  autoAnswer: { enabled: boolean; delayMs: number };
  /** Intercom: answer when Alert-Info / Call-Info asks for it (answer-after=N, info=alert-autoanswer). */
  honourAnswerAfter: boolean;
  /** sip.js rejects an unanswered inbound call with 480 after this. */
  noAnswerTimeoutSec: number;
  /** Outside-line prefix, default country and dial format for numbers (electron/core/phone). */
  dialing: DialStringOptions;
}

export const sipConfigDefaults = {
  iceServers: [],
  iceGatheringTimeoutMs: 1000,
  registerExpiresSec: 300,
  registerTimeoutMs: 8000,
  connectTimeoutSec: 5,
  reconnect: { initialDelayMs: 1000, maxDelayMs: 60_000 },
  declineCode: 486,
  dndCode: 486,
  dnd: false,
  maxLines: 2,
  dtmfMethod: 'rfc4733',
  autoAnswer: { enabled: false, delayMs: 0 },
  honourAnswerAfter: false,
  noAnswerTimeoutSec: 120,
  dialing: {},
} as const satisfies Partial<SipConfig>;

export type SipConfigInput = Pick<SipConfig, 'servers' | 'domain' | 'user'> & Partial<SipConfig>;

export function sipConfig(input: SipConfigInput): SipConfig {
  return {
    ...sipConfigDefaults,
    ...input,
    iceServers: input.iceServers ?? [],
    reconnect: { ...sipConfigDefaults.reconnect, ...input.reconnect },
    autoAnswer: { ...sipConfigDefaults.autoAnswer, ...input.autoAnswer },
    dialing: { ...input.dialing },
  };
}

/** True when there is enough to register at all. */
export function isSipConfigured(config: SipConfig): boolean {
  return config.servers.length > 0 && config.user.trim() !== '' && config.domain.trim() !== '';
}

/**
 * What the connection (UserAgent, registration, media factory) is built from: a change to any of these needs
 * a new connection, which ends the calls. Everything else (decline/DND codes, DTMF, auto-answer, lines,
 * dialing rules) applies to the next call without touching the live ones.
 */
export function connectionKey(config: SipConfig): string {
  return JSON.stringify([
    config.servers,
    config.domain,
    config.user,
    config.authUser ?? '',
    config.displayName ?? '',
    config.iceServers,
    config.iceGatheringTimeoutMs,
    config.registerExpiresSec,
    config.registerTimeoutMs,
    config.connectTimeoutSec,
    config.reconnect,
    config.noAnswerTimeoutSec,
  ]);
}

/** Builds the config from the settings model (SettingsService.get). The dial format keeps its default. */
export function sipConfigFromSettings(
  settings: { get<K extends SettingKey>(key: K): SettingValue<K> },
  overrides: Partial<SipConfig> = {},
): SipConfig {
  const outsideLinePrefix = settings.get('phone.outsideLinePrefix');
  return sipConfig({
    servers: [...settings.get('sip.servers')],
    domain: settings.get('sip.domain'),
    user: settings.get('sip.user'),
    authUser: settings.get('sip.authUser') || undefined,
    displayName: settings.get('sip.displayName') || undefined,
    iceServers: [...settings.get('sip.iceServers')],
    declineCode: settings.get('phone.declineCode'),
    dndCode: settings.get('phone.dndCode'),
    dtmfMethod: settings.get('phone.dtmfMethod'),
    autoAnswer: { ...settings.get('phone.autoAnswer') },
    honourAnswerAfter: settings.get('phone.honourAnswerAfter'),
    dialing: {
      defaultCountry: settings.get('phone.defaultCountry') as CountryCode,
      ...(outsideLinePrefix ? { outsideLinePrefix } : {}),
    },
    ...overrides,
  });
}
