// The SIP account's connection: one sip.js UserAgent + Registerer, digest auth, registration refresh,
// reconnect with exponential backoff and jitter, and failover through the configured servers in
// order. Plain Node (Electron main or the host). Calls are SipService's business; this file only
// hands it incoming INVITEs.
import {
  Registerer,
  RegistererState,
  RequestPendingError,
  SIPExtension,
  TransportState,
  UserAgent,
  UserAgentState,
  type Core,
  type Invitation,
  type SessionDescriptionHandlerFactory,
} from 'sip.js';
import type { RegistrationReason, RegistrationState } from '../../shared/ipc/softphone.js';
import type { Clock, Logger, SecretStore } from '../ports.js';
import { backoffDelay } from './backoff.js';
import { FailoverTransport, ServerCursor, type FailoverTransportOptions } from './failoverTransport.js';
import { installNodeWebSocket } from './nodeWebSocket.js';
import { isSipConfigured, type SipConfig } from './sipConfig.js';

/** Where the SIP password lives in the SecretStore. */
export const SIP_PASSWORD_SECRET = 'sip.password';

const REFRESH_AT_PERCENT = 90;

export interface RegistrationStatus {
  state: RegistrationState;
  reason?: RegistrationReason;
  code?: number;
  detail?: string;
  server?: string;
  nextRetryAt?: number;
  at: number;
}

export interface SipConnectionDeps {
  config: SipConfig;
  secrets: SecretStore;
  clock: Clock;
  logger: Logger;
  /** [0, 1) for the backoff jitter. */
  random: () => number;
  sessionDescriptionHandlerFactory: SessionDescriptionHandlerFactory;
  onStatus(status: RegistrationStatus): void;
  onInvite(invitation: Invitation): void;
  /** The transport came back after a loss (calls may want to refresh their dialogs). */
  onReconnected?(): void;
}

type Attempt = { ok: true } | { ok: false; final: boolean; reason: RegistrationReason; code?: number; detail?: string };

/**
 * The expiry the registrar granted our binding: the expires parameter of the Contact that is ours
 * (same user part: sip.js makes a random one per UserAgent), else the Expires header. sip.js reads it
 * the same way but does not check it.
 */
export function grantedExpiry(response: Core.IncomingResponseMessage, ourContactUser: string): number | undefined {
  const contacts = response.getHeaders('contact').length;
  for (let index = 0; index < contacts; index++) {
    const contact = response.parseHeader('contact', index) as
      { uri?: { user?: string }; getParam?(name: string): string | undefined } | undefined;
    if (contact && contact.uri?.user === ourContactUser && contact.getParam) {
      const value = Number(contact.getParam('expires'));
      return Number.isFinite(value) ? value : undefined;
    }
  }
  const header = Number(response.getHeader('expires'));
  return Number.isFinite(header) ? header : undefined;
}

/** Plain text for the status detail: no controls, capped (a reason phrase comes off the network). */
export function plainDetail(text: unknown, max = 256): string | undefined {
  if (typeof text !== 'string') return undefined;
  const cleaned = text.replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]+/gu, ' ').trim();
  return cleaned === '' ? undefined : cleaned.slice(0, max);
}

export class SipConnection {
  private readonly cursor: ServerCursor | undefined;
  private userAgent: UserAgent | undefined;
  private registerer: Registerer | undefined;
  private status: RegistrationStatus;
  /** Bumped whenever a running attempt loop must give up (stop, restart, connection lost). */
  private generation = 0;
  private retryTimer: { cancel(): void } | undefined;
  /** Consecutive failed rounds: the backoff exponent. */
  private failedRounds = 0;
  private stopped = true;
  private wasRegistered = false;

  constructor(private readonly deps: SipConnectionDeps) {
    this.cursor = deps.config.servers.length > 0 ? new ServerCursor(deps.config.servers) : undefined;
    this.status = { state: 'idle', at: deps.clock.now() };
  }

  get current(): RegistrationStatus {
    return this.status;
  }

  /** The UserAgent once started (for Inviter); undefined before start and after stop. */
  get ua(): UserAgent | undefined {
    return this.userAgent;
  }

  get isRegistered(): boolean {
    return this.status.state === 'registered';
  }

  /** Starts connecting in the background; status events tell how it goes. */
  start(): void {
    if (!this.stopped) return;
    const { config } = this.deps;
    if (!isSipConfigured(config) || !this.cursor) {
      this.setStatus({ state: 'idle', reason: 'not-configured' });
      return;
    }
    installNodeWebSocket();
    this.stopped = false;
    this.userAgent = this.createUserAgent(this.cursor);
    void this.runRound();
  }

  /** Starts a new round with the first server now (after the operator fixed a password, say). */
  reconnectNow(): void {
    if (this.stopped) {
      this.start();
      return;
    }
    this.failedRounds = 0;
    void this.disconnect().then(() => this.runRound());
  }

  /** Unregisters (bounded wait), stops the UserAgent and reports `stopped`. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.generation++;
    this.retryTimer?.cancel();
    const userAgent = this.userAgent;
    const registerer = this.registerer;
    this.userAgent = undefined;
    this.registerer = undefined;
    if (userAgent) {
      if (registerer && registerer.state === RegistererState.Registered && userAgent.isConnected()) {
        await this.bounded(
          new Promise<void>((resolve) => {
            registerer
              .unregister({ requestDelegate: { onAccept: () => resolve(), onReject: () => resolve() } })
              .catch(() => resolve());
          }),
          2000,
        );
      }
      await this.bounded(
        userAgent.stop().catch(() => undefined),
        2000,
      );
    }
    this.setStatus({ state: 'stopped', reason: 'stopped-by-user' });
  }

  private createUserAgent(cursor: ServerCursor): UserAgent {
    const { config, logger } = this.deps;
    const transportOptions: FailoverTransportOptions = {
      server: cursor.current,
      cursor,
      connectionTimeout: config.connectTimeoutSec,
    };
    const userAgent = new UserAgent({
      uri: UserAgent.makeURI(`sip:${config.user}@${config.domain}`),
      displayName: config.displayName ?? '',
      authorizationUsername: config.authUser || config.user,
      authorizationPassword: '', // read from the SecretStore before each round (runRound)
      transportConstructor: FailoverTransport,
      transportOptions,
      sessionDescriptionHandlerFactory: this.deps.sessionDescriptionHandlerFactory,
      // We hang up calls and unregister ourselves (bounded); sip.js's graceful stop waits on each in turn.
      gracefulShutdown: false,
      noAnswerTimeout: config.noAnswerTimeoutSec,
      // RFC 3891: a colleague who consulted us can hand us their caller (attended transfer to this desk); sip.js
      // then links the INVITE to the call it replaces (Invitation.replacee) and BYEs that call on accept.
      sipExtensionReplaces: SIPExtension.Supported,
      userAgentString: 'AgentDesk',
      logBuiltinEnabled: false,
      logConfiguration: false,
      logLevel: 'warn',
      // sip.js hands every level to the connector; debug lines hold whole SIP messages (caller numbers).
      logConnector: (level, category, _label, content) => {
        if (level === 'warn' || level === 'error') logger[level]('sip.js', { category, message: content.slice(0, 500) });
      },
      // Our own loop reconnects (failover, jitter); sip.js's fixed-delay reconnect stays at its default, off.
      delegate: {
        onInvite: (invitation) => this.guard('onInvite', () => this.deps.onInvite(invitation)),
        onDisconnect: (error) => this.guard('onDisconnect', () => this.onDisconnect(error)),
      },
    });
    // sip.js rethrows an exception from message handling inside the WebSocket's event handler, where
    // Node treats it as uncaught and ends the process. A hostile message must never take main down.
    const transport = userAgent.transport;
    const handleMessage = transport.onMessage;
    if (handleMessage) {
      transport.onMessage = (message: string) => {
        try {
          handleMessage(message);
        } catch (error) {
          logger.warn('dropped a SIP message that sip.js could not handle', {
            error: error instanceof Error ? error.message : String(error),
            bytes: message.length,
          });
        }
      };
    }
    return userAgent;
  }

  private guard(where: string, action: () => void): void {
    try {
      action();
    } catch (error) {
      this.deps.logger.error('sip connection handler failed', {
        where,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }

  private onDisconnect(error: Error | undefined): void {
    // No error: we closed it ourselves (failover, stop). Otherwise the server or network dropped it.
    // After `failed` (wrong password) we wait for the operator, whatever the server does.
    if (!error || this.stopped || this.status.state === 'failed') return;
    this.deps.logger.warn('SIP connection lost', { server: this.cursor?.current, error: error.message });
    this.generation++;
    this.scheduleRound({ ok: false, final: false, reason: 'connection-lost', detail: error.message });
  }

  /** One pass over the servers in order; stops at the first that registers us. */
  private async runRound(): Promise<void> {
    const generation = ++this.generation;
    this.retryTimer?.cancel();
    const userAgent = this.userAgent;
    const cursor = this.cursor;
    if (!userAgent || !cursor || this.stopped) return;

    const password = await this.deps.secrets.get(SIP_PASSWORD_SECRET).catch((error: unknown) => {
      this.deps.logger.warn('could not read the SIP password', { error: error instanceof Error ? error.message : String(error) });
      return undefined;
    });
    if (generation !== this.generation) return;
    // sip.js reads this on every digest challenge, so a changed password takes effect without a new UserAgent.
    userAgent.configuration.authorizationPassword = password ?? '';

    let failure: Attempt = { ok: false, final: false, reason: 'connection-failed' };
    for (let index = 0; index < cursor.servers.length; index++) {
      const attempt = await this.tryServer(userAgent, cursor, index, generation);
      if (generation !== this.generation) return;
      if (attempt.ok) {
        this.failedRounds = 0;
        return;
      }
      if (attempt.final) {
        this.setStatus({
          state: 'failed',
          reason: attempt.reason,
          code: attempt.code,
          detail: attempt.detail,
          server: cursor.current,
        });
        return;
      }
      failure = attempt;
    }
    this.scheduleRound(cursor.servers.length > 1 ? { ...failure, reason: 'all-servers-failed' } : failure);
  }

  private scheduleRound(failure: Attempt & { ok: false }): void {
    if (this.stopped) return;
    this.retryTimer?.cancel();
    const delay = backoffDelay(this.failedRounds++, this.deps.config.reconnect, this.deps.random);
    const nextRetryAt = this.deps.clock.now() + delay;
    this.setStatus({
      state: 'reconnecting',
      reason: failure.reason,
      code: failure.code,
      detail: failure.detail,
      server: this.cursor?.current,
      nextRetryAt,
    });
    this.retryTimer = this.deps.clock.setTimeout(() => void this.runRound(), delay);
  }

  private async tryServer(userAgent: UserAgent, cursor: ServerCursor, index: number, generation: number): Promise<Attempt> {
    const transport = userAgent.transport;
    if (cursor.position !== index || !transport.isConnected()) {
      await this.disconnect();
      if (generation !== this.generation) return { ok: false, final: false, reason: 'connection-failed' };
      cursor.moveTo(index);
      this.setStatus({ state: 'connecting', server: cursor.current });
      try {
        if (userAgent.state === UserAgentState.Started) await userAgent.reconnect();
        else await userAgent.start();
      } catch (error) {
        this.deps.logger.warn('SIP server unreachable', {
          server: cursor.current,
          error: error instanceof Error ? error.message : String(error),
        });
        return {
          ok: false,
          final: false,
          reason: 'connection-failed',
          detail: plainDetail(error instanceof Error ? error.message : undefined),
        };
      }
      if (generation !== this.generation) return { ok: false, final: false, reason: 'connection-failed' };
      if (this.wasRegistered) this.guard('onReconnected', () => this.deps.onReconnected?.());
    }
    this.setStatus({ state: 'registering', server: cursor.current });
    const attempt = await this.register(userAgent);
    if (generation !== this.generation) return attempt;
    if (attempt.ok) {
      this.wasRegistered = true;
      this.setStatus({ state: 'registered', server: cursor.current });
    } else if (attempt.reason === 'timeout') {
      // A registrar that does not answer is treated as down; closing the connection also guarantees
      // that a late answer to the abandoned REGISTER can never reach the Registerer.
      await this.disconnect();
    }
    return attempt;
  }

  private async register(userAgent: UserAgent): Promise<Attempt> {
    const ourContactUser = userAgent.contact.uri.user ?? '';
    const attempt = await this.registerWith(this.registerer ?? this.newRegisterer(userAgent), ourContactUser);
    if (attempt !== 'pending') return attempt;
    // The Registerer still waits for the answer to an earlier REGISTER. We only register right after
    // (re)connecting, so that request went out on a connection that is closed now and its answer can
    // never arrive (sip.js would wait 32 s for timer F before letting us send). Start a fresh one; the
    // old one ends with that timeout and never unregisters, as it never reaches Registered again.
    const stale = this.registerer;
    const fresh = this.newRegisterer(userAgent);
    if (stale) void stale.dispose().catch(() => undefined);
    const retried = await this.registerWith(fresh, ourContactUser);
    return retried === 'pending' ? { ok: false, final: false, reason: 'rejected', detail: 'REGISTER already pending' } : retried;
  }

  private registerWith(registerer: Registerer, ourContactUser: string): Promise<Attempt | 'pending'> {
    return new Promise((resolve) => {
      const timer = this.deps.clock.setTimeout(
        () => resolve({ ok: false, final: false, reason: 'timeout', detail: 'no answer to REGISTER' }),
        this.deps.config.registerTimeoutMs,
      );
      const finish = (attempt: Attempt | 'pending') => {
        timer.cancel();
        resolve(attempt);
      };
      registerer
        .register({
          requestDelegate: {
            onAccept: (response) => {
              const expiry = grantedExpiry(response.message, ourContactUser);
              if (expiry !== undefined && expiry >= 1) {
                finish({ ok: true });
                return;
              }
              // sip.js has already scheduled its refresh at 0 ms: a registrar granting no time (or
              // nonsense) would get REGISTERs in a tight loop. Drop this Registerer; we retry with backoff.
              if (registerer === this.registerer) this.registerer = undefined;
              void registerer.dispose().catch(() => undefined);
              finish({ ok: false, final: false, reason: 'rejected', detail: 'registrar granted no usable expiry' });
            },
            onReject: (response) => {
              const code = response.message.statusCode;
              const detail = plainDetail(response.message.reasonPhrase, 128);
              // 401/407 here means sip.js already answered one challenge: the credentials are wrong.
              // Retrying would only lock the account at many PBXs, so we wait for the operator.
              if (code === 401 || code === 407) finish({ ok: false, final: true, reason: 'auth-failed', code, detail });
              else if (code === 403 || code === 404) finish({ ok: false, final: true, reason: 'rejected', code, detail });
              else if (code === 408) finish({ ok: false, final: false, reason: 'timeout', code, detail });
              else finish({ ok: false, final: false, reason: 'rejected', code, detail });
            },
          },
        })
        .catch((error: unknown) => {
          if (error instanceof RequestPendingError) finish('pending');
          else
            finish({
              ok: false,
              final: false,
              reason: 'rejected',
              detail: plainDetail(error instanceof Error ? error.message : String(error)),
            });
        });
    });
  }

  private newRegisterer(userAgent: UserAgent): Registerer {
    const registerer = this.createRegisterer(userAgent);
    // sip.js calls this.register() from its own timers (refresh, 423 retry) and drops the promise. A
    // rejection there (REGISTER already pending, disposed) would be an unhandled rejection, which ends
    // a plain Node process. Every call, ours or sip.js's, gets a handler; callers still see the result.
    const register = registerer.register.bind(registerer);
    registerer.register = (options) => {
      let pending: ReturnType<typeof register>;
      try {
        pending = register(options);
      } catch (error) {
        pending = Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
      pending.catch((error: unknown) =>
        this.deps.logger.debug('REGISTER not sent', { error: error instanceof Error ? error.message : String(error) }),
      );
      return pending;
    };
    return registerer;
  }

  private createRegisterer(userAgent: UserAgent): Registerer {
    // Refresh at 90 % of the granted time (sip.js defaults to 99 %, 3 s of slack on 300 s: too little
    // when the main process is busy or the network slow).
    const registerer = new Registerer(userAgent, {
      expires: this.deps.config.registerExpiresSec,
      refreshFrequency: REFRESH_AT_PERCENT,
    });
    registerer.stateChange.addListener((state) =>
      this.guard('registererState', () => {
        // A refresh that failed, or a binding that expired, while we thought we were registered.
        if (
          registerer === this.registerer &&
          state === RegistererState.Unregistered &&
          this.status.state === 'registered' &&
          !this.stopped
        ) {
          this.generation++;
          this.scheduleRound({ ok: false, final: false, reason: 'registration-lost' });
        }
      }),
    );
    this.registerer = registerer;
    return registerer;
  }

  private async disconnect(): Promise<void> {
    const transport = this.userAgent?.transport;
    if (!transport || transport.state === TransportState.Disconnected) return;
    await this.bounded(
      transport.disconnect().catch(() => undefined),
      2000,
    );
  }

  private async bounded<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
    let timer: { cancel(): void } | undefined;
    const timeout = new Promise<undefined>((resolve) => {
      timer = this.deps.clock.setTimeout(() => resolve(undefined), ms);
    });
    try {
      return await Promise.race([promise, timeout]);
    } finally {
      timer?.cancel();
    }
  }

  private setStatus(next: Omit<RegistrationStatus, 'at'>): void {
    const status: RegistrationStatus = { ...next, at: this.deps.clock.now() };
    for (const key of Object.keys(status) as (keyof RegistrationStatus)[]) {
      if (status[key] === undefined) delete status[key];
    }
    this.status = status;
    this.deps.onStatus(status);
  }
}
