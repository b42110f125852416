// Test support: the far end of a call — a plain sip.js 0.21 UserAgent in Node (core API), registered
// at the test Kamailio, with the signalling-only media peer. It records what it receives so tests can
// assert what actually crossed the proxy (INVITEs, re-INVITE directions, INFO bodies, REFERs, BYEs).
import {
  Inviter,
  Registerer,
  RegistererState,
  SessionState,
  SIPExtension,
  UserAgent,
  type Invitation,
  type Session,
} from 'sip.js';
import { MemoryLogger } from '../../../../electron/core/log/memoryLogger.js';
import { createMediaBridgeFactory } from '../../../../electron/core/sip/mediaBridge.js';
import { installNodeWebSocket } from '../../../../electron/core/sip/nodeWebSocket.js';
import { sdpAudioDirection } from '../../../../electron/core/sip/sipService.js';
import { systemClock } from '../../../../electron/core/ports.js';
import { labDomain, labPassword } from '../../../support/kamailio.js';
import { StaticSdpMediaPeer } from './staticSdpMediaPeer.js';

export type PhoneEvent =
  | { name: 'invite'; t: number; invitation: Invitation; from: string; displayName: string; replaces?: string }
  | { name: 'reinvite'; t: number; direction: string }
  | { name: 'info'; t: number; contentType: string; body: string }
  | { name: 'refer'; t: number; referTo: string }
  | { name: 'bye'; t: number }
  | { name: 'established'; t: number; session: Session }
  | { name: 'terminated'; t: number; session: Session }
  | { name: 'final'; t: number; code: number }
  | { name: 'sent'; t: number; method: string };

type EventOf<N extends PhoneEvent['name']> = Extract<PhoneEvent, { name: N }>;

export interface TestPhoneOptions {
  user: string;
  server: string;
  password?: string;
  displayName?: string;
  /** Accept incoming calls at once. */
  autoAnswer?: boolean;
  /**
   * Support Replaces (RFC 3891) like a desk phone does: an INVITE with Replaces that names one of this
   * phone's dialogs is accepted at once and the replaced dialog gets a BYE (sip.js does that on accept).
   */
  replaces?: boolean;
}

export class TestPhone {
  readonly media = new StaticSdpMediaPeer();
  readonly events: PhoneEvent[] = [];
  readonly logger = new MemoryLogger();
  ua!: UserAgent;
  private registerer!: Registerer;
  private waiters: { name: string; predicate: (event: never) => boolean; resolve: (event: PhoneEvent) => void }[] = [];

  constructor(readonly options: TestPhoneOptions) {}

  get user(): string {
    return this.options.user;
  }

  async start(): Promise<void> {
    installNodeWebSocket();
    const { user, server } = this.options;
    this.ua = new UserAgent({
      uri: UserAgent.makeURI(`sip:${user}@${labDomain}`),
      displayName: this.options.displayName ?? `Test ${user}`,
      authorizationUsername: user,
      authorizationPassword: this.options.password ?? labPassword,
      transportOptions: { server },
      logBuiltinEnabled: false,
      logLevel: 'error',
      sessionDescriptionHandlerFactory: createMediaBridgeFactory(this.media, {
        clock: systemClock,
        logger: this.logger,
        iceServers: [],
        iceGatheringTimeoutMs: 1000,
      }),
      delegate: { onInvite: (invitation) => this.onInvite(invitation) },
      ...(this.options.replaces ? { sipExtensionReplaces: SIPExtension.Supported } : {}),
    });
    await this.ua.start();
    // Timestamp every request leaving this UA (the benchmark measures from the INVITE on the wire).
    const transport = this.ua.transport;
    const send = transport.send.bind(transport);
    transport.send = (message: string) => {
      const method = /^([A-Z]+) \S+ SIP\/2\.0/.exec(message)?.[1];
      if (method) this.record({ name: 'sent', t: performance.now(), method });
      return send(message);
    };
    this.registerer = new Registerer(this.ua, { expires: 300 });
    const registered = new Promise<void>((resolve, reject) => {
      this.registerer.stateChange.addListener((state) => {
        if (state === RegistererState.Registered) resolve();
        if (state === RegistererState.Terminated) reject(new Error(`${user}: registration terminated`));
      });
    });
    await this.registerer.register({
      requestDelegate: { onReject: (r) => console.error(`${user}: REGISTER rejected ${r.message.statusCode}`) },
    });
    await registered;
  }

  async stop(): Promise<void> {
    try {
      if (this.registerer?.state === RegistererState.Registered) await this.registerer.unregister();
    } catch {
      // the proxy may be gone already
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
    await this.ua?.stop().catch(() => undefined);
  }

  /** Removes the registration (the phone is unreachable from now on) but keeps its dialogs. */
  async unregister(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.registerer
        .unregister({
          requestDelegate: {
            onAccept: () => resolve(),
            onReject: (r) => reject(new Error(`unregister ${r.message.statusCode}`)),
          },
        })
        .catch(reject);
    });
  }

  /** Calls `target` (a user at the lab domain); resolves once the INVITE is sent. */
  async call(target: string, options: { extraHeaders?: string[] } = {}): Promise<Inviter> {
    const inviter = new Inviter(this.ua, UserAgent.makeURI(`sip:${target}@${labDomain}`)!, {
      ...(options.extraHeaders ? { extraHeaders: options.extraHeaders } : {}),
    });
    this.attach(inviter);
    await inviter.invite({
      requestDelegate: {
        onReject: (response) => this.record({ name: 'final', t: performance.now(), code: response.message.statusCode ?? 0 }),
        onAccept: (response) => this.record({ name: 'final', t: performance.now(), code: response.message.statusCode ?? 0 }),
      },
    });
    return inviter;
  }

  /** The last incoming call that is still ringing. */
  ringing(): Invitation {
    const invitation = [...this.events].reverse().find((e): e is EventOf<'invite'> => e.name === 'invite')?.invitation;
    if (!invitation || invitation.state !== SessionState.Initial) throw new Error(`${this.user}: no ringing call`);
    return invitation;
  }

  async hangup(session: Session): Promise<void> {
    if (session instanceof Inviter && session.state !== SessionState.Established) await session.cancel();
    else if (session.state === SessionState.Established) await session.bye();
  }

  waitFor<N extends PhoneEvent['name']>(
    name: N,
    predicate: (event: EventOf<N>) => boolean = () => true,
    timeoutMs = 10_000,
    since = 0,
  ): Promise<EventOf<N>> {
    const seen = this.events.slice(since).find((e): e is EventOf<N> => e.name === name && predicate(e as EventOf<N>));
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const waiter = {
        name,
        predicate: predicate as (event: never) => boolean,
        resolve: (event: PhoneEvent) => {
          clearTimeout(timer);
          resolve(event as EventOf<N>);
        },
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`${this.user}: timed out waiting for ${name}`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  mark(): number {
    return this.events.length;
  }

  private record(event: PhoneEvent): void {
    this.events.push(event);
    for (const waiter of [...this.waiters]) {
      if (waiter.name === event.name && waiter.predicate(event as never)) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve(event);
      }
    }
  }

  private onInvite(invitation: Invitation): void {
    this.attach(invitation);
    this.record({
      name: 'invite',
      t: performance.now(),
      invitation,
      from: invitation.remoteIdentity.uri.user ?? '',
      displayName: invitation.remoteIdentity.displayName,
      ...(invitation.request.hasHeader('replaces') ? { replaces: invitation.request.getHeader('replaces') } : {}),
    });
    if (this.options.autoAnswer || invitation.replacee)
      invitation.accept().catch((error: unknown) => console.error(`${this.user}: accept failed`, error));
  }

  private attach(session: Session): void {
    session.stateChange.addListener((state) => {
      if (state === SessionState.Established) this.record({ name: 'established', t: performance.now(), session });
      if (state === SessionState.Terminated) this.record({ name: 'terminated', t: performance.now(), session });
    });
    session.delegate = {
      onInvite: (request) =>
        this.record({ name: 'reinvite', t: performance.now(), direction: sdpAudioDirection(request.body ?? '') }),
      onInfo: (info) => {
        this.record({
          name: 'info',
          t: performance.now(),
          contentType: info.request.getHeader('content-type') ?? '',
          body: info.request.body ?? '',
        });
        void info.accept();
      },
      onBye: (bye) => {
        this.record({ name: 'bye', t: performance.now() });
        void bye.accept();
      },
      // A customer's phone follows a blind transfer: accept the REFER and call the new target.
      onRefer: (referral) => {
        this.record({ name: 'refer', t: performance.now(), referTo: referral.referTo.uri.toString() });
        void referral.accept().then(() => {
          const inviter = referral.makeInviter();
          this.attach(inviter);
          return inviter.invite();
        });
      },
    };
  }
}
