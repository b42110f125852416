// SipService: the operator's phone in core — registration (via SipConnection) and every call control:
// incoming ring/answer/decline, outbound, hold/resume, mute, DTMF, blind transfer, two lines with call
// waiting, do-not-disturb, a call-log record per call. sip.js core API only. Plain Node.
import type { URI} from 'sip.js';
import { Invitation, Inviter, RequestPendingError, SessionState, UserAgent } from 'sip.js';
import type {
  CallEndReason,
  CallLogRecord,
  CallView,
  DtmfMethod,
  HangupParty,
  SoftphoneFailureReason,
  SoftphoneStatus,
} from '../../shared/ipc/softphone.js';
import { softphoneFailureDetails } from '../../shared/ipc/softphone.js';
import { CommandFailure, type ErrorCode } from '../../shared/ipc/result.js';
import { dialString, toSipUriUser } from '../phone/index.js';
import type { Clock, EventSink, Logger, SecretStore } from '../ports.js';
import { requestedAnswerDelayMs } from './answerAfter.js';
import type { CallLogSink } from './callLog.js';
import {
  createMediaBridgeFactory,
  MediaSessionDescriptionHandler,
  type MediaDescriptionOptions,
  type MediaPeer,
} from './mediaBridge.js';
import { describeInboundRouting, type InboundRouting } from './inboundRouting.js';
import { replacesReferTo } from './referTo.js';
import { capText, describeCallee, describeCaller, type RemoteParty } from './remoteParty.js';
import { plainDetail, SIP_PASSWORD_SECRET, SipConnection, type RegistrationStatus } from './sipConnection.js';
import { connectionKey, type SipConfig } from './sipConfig.js';
import { v7 as uuidv7 } from 'uuid';

export interface SipServiceDeps {
  config: SipConfig;
  secrets: SecretStore;
  clock: Clock;
  logger: Logger;
  events: EventSink;
  callLog: CallLogSink;
  mediaPeer: MediaPeer;
  /** [0, 1) for reconnect jitter; Math.random unless a test fixes it. */
  random?: () => number;
  /** Asked before a new inbound call rings: the agent state (Not ready, Break…) refuses it with its code. */
  admitIncoming?: () => { accept: true } | { accept: false; code: 480 | 486 | 603 };
}

interface Ending {
  reason: CallEndReason;
  by: HangupParty;
  code?: number;
  phrase?: string;
}

interface Call {
  view: Omit<CallView, 'at'>;
  session: Invitation | Inviter;
  sipCallId: string;
  /** Set by whoever ends the call first (our command, the far end's BYE/CANCEL, a final response). */
  ending?: Ending;
  /** Outbound: the final non-2xx answer to our INVITE. */
  finalResponse?: { code: number; phrase?: string };
  /** Outbound: the extension of a dialed number, sent as DTMF once answered. */
  extension?: string;
  /** Inbound: the pending auto-answer (setting or intercom request); cancelled when the call stops ringing. */
  autoAnswerTimer?: { cancel(): void };
  /**
   * An attended transfer joining this call and `peer` is under way or done: the transferee (whose far end
   * got our REFER) or the target (whose dialog the REFER's Replaces names; its far end BYEs us once replaced).
   */
  attended?: { role: 'transferee' | 'target'; peer: Call };
  /** Was in the local conference at some point (for the call log). */
  wasInConference?: boolean;
  /** An INVITE with Replaces is taking this call over (RFC 3891): it ends as soon as that call is answered. */
  replacedBy?: Call;
  /**
   * Resolves once the INVITE transaction is over: for an outbound call at the 2xx (we send the ACK),
   * for an inbound one when the caller's ACK arrives. A re-INVITE sent before that races the ACK, and
   * sip.js ends the call when an ACK arrives while our offer is pending (RFC 3261 §14.1 forbids it).
   */
  confirmed: Promise<void>;
  confirm: () => void;
  finished: boolean;
}

/**
 * An attended-transfer target normally ends our leg itself once the transferee's INVITE with Replaces has
 * replaced it (RFC 3891 §3); one without Replaces support would stay connected to us, so we end it after this.
 */
const REPLACED_LEG_GRACE_MS = 3000;
/** A ',' in DTMF sent by SIP INFO. */
const DTMF_PAUSE_MS = 1000;
/** An ACK crosses the proxy in milliseconds; after this the caller's side is broken. */
const ACK_WAIT_MS = 5000;
const REINVITE_ATTEMPTS = 3;
const REINVITE_RETRY_MIN_MS = 150;
const SHUTDOWN_HANGUP_MS = 2000;
/** A dialed number's extension is sent as DTMF this long after the answer (IVRs need a moment). */
const EXTENSION_DTMF_DELAY_MS = 1500;
const RFC4733_DTMF_OPTIONS = { duration: 100, interToneGap: 70 };
const MAX_SIP_CALL_ID_LENGTH = 256;

/** sip.js refuses a re-INVITE while another INVITE transaction of the dialog is open (either direction). */
function isTransactionClash(error: unknown): boolean {
  return error instanceof RequestPendingError || (error instanceof Error && /ongoing re-INVITE/i.test(error.message));
}

/**
 * A command failure with the reason the renderer translates: the error code alone says `conflict` for a full set
 * of lines, a refused hold and a refused transfer alike, and the English message is for the log only.
 */
function failure(code: ErrorCode, reason: SoftphoneFailureReason, message: string, sipCode?: number): CommandFailure {
  const validCode = sipCode !== undefined && sipCode >= 100 && sipCode <= 699 ? sipCode : undefined;
  return new CommandFailure(code, message, softphoneFailureDetails(reason, validCode));
}

/** Outbound failure codes the operator reads differently: busy, nobody there, or refused. */
function outboundEndReason(code: number): CallEndReason {
  if (code === 486 || code === 600) return 'busy';
  if (code === 404 || code === 408 || code === 480 || code === 410 || code === 604) return 'unreachable';
  return 'rejected';
}

type MediaDirection = 'sendrecv' | 'sendonly' | 'recvonly' | 'inactive';
const directionAttribute = /^a=(sendrecv|sendonly|recvonly|inactive)\s*$/;

/**
 * The direction of the first audio stream in an SDP body: its own a= attribute, else the session-level
 * one, else sendrecv (RFC 4566 §6). Used to see when the far end puts us on hold.
 */
export function sdpAudioDirection(sdp: string): MediaDirection {
  const lines = sdp.split(/\r?\n/);
  let sessionLevel: MediaDirection | undefined;
  let inAudio = false;
  let seenMedia = false;
  for (const line of lines) {
    if (line.startsWith('m=')) {
      if (inAudio) break;
      seenMedia = true;
      inAudio = line.startsWith('m=audio');
      continue;
    }
    const match = directionAttribute.exec(line);
    if (!match) continue;
    if (inAudio) return match[1] as MediaDirection;
    if (!seenMedia) sessionLevel = match[1] as MediaDirection;
  }
  return sessionLevel ?? 'sendrecv';
}

export class SipService {
  private config: SipConfig;
  private connection: SipConnection;
  private readonly calls = new Map<string, Call>();
  /** The lines of the local conference (mixed by the media engine); empty, or two and more. */
  private readonly conferenceLegs = new Set<Call>();
  private dnd: boolean;
  private readonly random: () => number;
  /** The newest settings not applied yet: reconfigure() runs one change at a time and applies the newest. */
  private wantedConfig: SipConfig | undefined;
  private reconfiguring: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(private readonly deps: SipServiceDeps) {
    this.config = deps.config;
    this.dnd = deps.config.dnd;
    this.random = deps.random ?? Math.random;
    this.connection = this.createConnection(deps.config);
  }

  // ---- lifecycle and registration ----

  start(): void {
    this.connection.start();
  }

  /** Hangs up every call (bounded), unregisters and stops; a settings change waiting for the calls is dropped. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wantedConfig = undefined;
    // A settings change half-way (its old connection unregistering) must not start a new one after this returns.
    await this.reconfiguring;
    await this.endCallsAndDisconnect();
  }

  private async endCallsAndDisconnect(): Promise<void> {
    await Promise.all([...this.calls.values()].map((call) => this.within(this.endForShutdown(call), SHUTDOWN_HANGUP_MS)));
    await this.connection.stop();
    for (const call of [...this.calls.values()]) {
      call.ending ??= { reason: 'failed', by: 'system', phrase: 'softphone stopped' };
      this.finish(call);
    }
  }

  /**
   * New settings. Phone behaviour (decline/DND codes, DTMF method, auto-answer, dialing rules) applies from the
   * next call on. A change of account, servers, display name, ICE servers or timers needs a new connection:
   * with calls on the line it waits until the last one ends, so saving a setting never cuts a customer off.
   * Changes run one at a time (a second Save during the first's unregister must not make a second user agent),
   * and a change queued behind another applies the newest settings.
   */
  reconfigure(config: SipConfig): Promise<void> {
    this.wantedConfig = config;
    this.reconfiguring = this.reconfiguring
      .then(() => this.applyWantedConfig())
      .catch((error: unknown) => this.logFailure('reconfigure', error));
    return this.reconfiguring;
  }

  private async applyWantedConfig(): Promise<void> {
    const config = this.wantedConfig;
    if (!config || this.stopped) return;
    if (connectionKey(config) === connectionKey(this.config)) {
      this.wantedConfig = undefined;
      this.config = config;
      return;
    }
    if (this.calls.size > 0) {
      this.deps.logger.info('sip settings changed; the new connection waits for the calls to end', { calls: this.calls.size });
      return; // finish() of the last call runs reconfigure again
    }
    this.wantedConfig = undefined;
    await this.endCallsAndDisconnect();
    if (this.stopped) return; // stop() came while the old connection was unregistering
    this.config = config;
    this.connection = this.createConnection(config);
    this.connection.start();
  }

  status(): SoftphoneStatus {
    return this.toStatus(this.connection.current);
  }

  reconnect(): SoftphoneStatus {
    this.connection.reconnectNow();
    return this.status();
  }

  /** Keeps the new password in the SecretStore only (never in settings, the DB or a log) and registers with it. */
  async setPassword(password: string): Promise<SoftphoneStatus> {
    await this.deps.secrets.set(SIP_PASSWORD_SECRET, password);
    this.deps.logger.info('sip password changed');
    return this.reconnect();
  }

  setDoNotDisturb(enabled: boolean): SoftphoneStatus {
    this.dnd = enabled;
    const status = this.status();
    this.deps.events.emit('sip:registration', status);
    return status;
  }

  listCalls(): CallView[] {
    return [...this.calls.values()].map((call) => this.snapshot(call));
  }

  // ---- call control (each answers with the call's view after the action) ----

  /** `consultFor`: the call this one consults for (calls:consult), shown on the new call's view. */
  async dial(target: string, consultFor?: string): Promise<CallView> {
    const userAgent = this.connection.ua;
    if (!userAgent || !this.connection.isRegistered) throw failure('unavailable', 'not-registered', 'The phone is not registered');
    const line = this.freeLine();
    if (line === undefined) throw failure('conflict', 'lines-busy', 'Every line is in use');
    const resolved = this.resolveTarget(target);
    await this.holdOthers(undefined);

    const inviter = new Inviter(userAgent, resolved.uri, {
      sessionDescriptionHandlerOptions: this.descriptionOptions(false),
    });
    const call = this.addCall(inviter, 'outbound', line, describeCallee(resolved.uri, resolved.e164), false);
    call.extension = resolved.extension;
    call.sipCallId = capText(inviter.request.callId, MAX_SIP_CALL_ID_LENGTH);
    if (consultFor) call.view.consultFor = consultFor;
    // The offer is started before 'dialing' is announced: the media engine gathers the microphone and ICE while
    // the card lookup, the call log and the UI take in the new call (the INVITE waits for that offer anyway).
    const invited = inviter.invite({
      requestDelegate: {
        onProgress: (response) =>
          this.guard('onProgress', () => {
            const code = response.message.statusCode;
            if ((code === 180 || code === 183) && call.view.state === 'dialing') this.update(call, { state: 'ringback' });
          }),
        onReject: (response) =>
          this.guard('onReject', () => {
            call.finalResponse = {
              code: response.message.statusCode ?? 500,
              phrase: plainDetail(response.message.reasonPhrase, 128),
            };
          }),
      },
    });
    this.emit(call);
    try {
      await invited;
    } catch (error) {
      call.ending ??= {
        reason: 'failed',
        by: 'system',
        phrase: plainDetail(error instanceof Error ? error.message : String(error), 128),
      };
      if (inviter.state !== SessionState.Terminated) await inviter.cancel().catch(() => undefined);
      this.finish(call);
    }
    return this.snapshot(call);
  }

  async answer(callId: string): Promise<CallView> {
    const call = this.getCall(callId);
    const invitation = call.session;
    if (!(invitation instanceof Invitation) || call.view.state !== 'ringing') {
      throw failure('conflict', 'not-ringing', 'Only a ringing incoming call can be answered');
    }
    this.cancelAutoAnswer(call);
    // Call waiting: the operator talks to one party at a time, so answering holds the others.
    await this.holdOthers(call);
    // The answer is started before 'connecting' is announced: sip.js asks the media engine for the peer connection
    // at once, and the engine builds it while the UI, the call log and the observers take in the new state.
    const accepted = invitation.accept({ sessionDescriptionHandlerOptions: this.descriptionOptions(false) });
    this.update(call, { state: 'connecting', callWaiting: false });
    try {
      await accepted;
    } catch (error) {
      // sip.js has already answered 480 and terminated the session (media engine failure).
      call.ending ??= {
        reason: 'failed',
        by: 'system',
        code: 480,
        phrase: plainDetail(error instanceof Error ? error.message : String(error), 128),
      };
      throw failure('unavailable', 'media-failed', 'The call could not be answered (media)');
    }
    return this.snapshot(call);
  }

  async decline(callId: string, code?: 486 | 603): Promise<CallView> {
    const call = this.getCall(callId);
    const invitation = call.session;
    if (!(invitation instanceof Invitation) || call.view.state !== 'ringing') {
      throw failure('conflict', 'not-ringing', 'Only a ringing incoming call can be declined');
    }
    const statusCode = code ?? this.config.declineCode;
    this.cancelAutoAnswer(call);
    call.ending = { reason: 'declined', by: 'local', code: statusCode };
    await invitation.reject({ statusCode });
    return this.snapshot(call);
  }

  async hangup(callId: string): Promise<CallView> {
    const call = this.getCall(callId);
    const session = call.session;
    if (call.view.state === 'ringing' && session instanceof Invitation) return this.decline(callId);
    if (session instanceof Inviter && (session.state === SessionState.Initial || session.state === SessionState.Establishing)) {
      call.ending ??= { reason: 'cancelled', by: 'local' };
      await session.cancel();
      return this.snapshot(call);
    }
    // Answered here but not established yet (the media engine is still producing its answer): sip.js
    // allows neither reject nor BYE in between, so hang up as soon as it is established.
    if (session.state === SessionState.Establishing) await this.untilSettled(session);
    if (session.state === SessionState.Established) {
      call.ending ??= { reason: 'completed', by: 'local' };
      await session.bye();
      return this.snapshot(call);
    }
    throw failure('conflict', 'call-ending', 'The call is already ending');
  }

  async hold(callId: string): Promise<CallView> {
    const call = this.getCall(callId);
    if (call.view.state === 'held') return this.snapshot(call);
    this.requireEstablished(call);
    // Holding a conference line takes it out of the conference; the others stay joined.
    this.leaveConference(call);
    await this.reinvite(call, true);
    this.update(call, { state: 'held' });
    return this.snapshot(call);
  }

  async resume(callId: string): Promise<CallView> {
    const call = this.getCall(callId);
    if (call.view.state !== 'held') throw failure('conflict', 'not-held', 'The call is not on hold');
    this.requireEstablished(call);
    // Swap: resuming one line holds the line the operator was talking on.
    await this.holdOthers(call);
    await this.reinvite(call, false);
    this.update(call, { state: 'active' });
    return this.snapshot(call);
  }

  async mute(callId: string, muted: boolean): Promise<CallView> {
    const call = this.getCall(callId);
    // In a conference the operator's microphone goes to every line: muting one mutes them all.
    const calls = this.conferenceLegs.has(call) ? [...this.conferenceLegs] : [call];
    const handlers = calls.map((each) => each.session.sessionDescriptionHandler);
    if (!handlers.every((handler) => handler instanceof MediaSessionDescriptionHandler && !handler.isClosed)) {
      throw failure('conflict', 'no-media', 'The call has no media yet');
    }
    await Promise.all(handlers.map((handler) => (handler as MediaSessionDescriptionHandler).mute(muted)));
    for (const each of calls) this.update(each, { muted });
    return this.snapshot(call);
  }

  /**
   * A media engine attached after the previous one went away (the console reloaded or crashed): every
   * connected call gets a fresh peer connection there and a re-INVITE carrying its new offer, keeping hold,
   * mute and the conference mix as they were. A call that cannot be re-negotiated is ended with the reason,
   * never left connected in silence.
   */
  async restoreMedia(): Promise<void> {
    const connected = [...this.calls.values()].filter((call) => call.session.state === SessionState.Established);
    await Promise.all(
      connected.map(async (call) => {
        const handler = call.session.sessionDescriptionHandler;
        if (!(handler instanceof MediaSessionDescriptionHandler) || handler.isClosed) return;
        handler.recreate();
        try {
          await this.reinvite(call, call.view.state === 'held');
          if (call.view.muted) await handler.mute(true);
          this.deps.logger.info('media restored after the media engine came back', { callId: call.view.id });
        } catch (error) {
          this.logFailure('media recovery', error);
          this.endWithoutMedia(call, 'the console was reloaded and the call could not be re-connected');
        }
      }),
    );
    if (this.conferenceLegs.size > 0) await this.mixConference();
  }

  /** No media engine came back in time: connected calls end (the far end would hear silence otherwise). */
  endCallsWithoutMedia(reason: string): void {
    for (const call of [...this.calls.values()]) {
      if (call.session.state === SessionState.Established) this.endWithoutMedia(call, reason);
    }
  }

  private endWithoutMedia(call: Call, reason: string): void {
    call.ending ??= { reason: 'failed', by: 'system', phrase: `media lost: ${reason}` };
    this.byeQuietly(call, 'end a call without media');
  }

  /** The media engine's RTP statistics for a call (CallQualityMonitor samples them). */
  async mediaStats(callId: string): Promise<unknown> {
    const handler = this.getCall(callId).session.sessionDescriptionHandler;
    if (!(handler instanceof MediaSessionDescriptionHandler) || handler.isClosed) {
      throw failure('conflict', 'no-media', 'The call has no media yet');
    }
    return handler.stats();
  }

  async sendDtmf(callId: string, tones: string, method?: DtmfMethod): Promise<CallView> {
    const call = this.getCall(callId);
    this.requireEstablished(call);
    await this.sendTones(call, tones, method ?? this.config.dtmfMethod);
    return this.snapshot(call);
  }

  /** Blind transfer: REFER the far end to `target`; our leg ends once the NOTIFY reports success. */
  async transfer(callId: string, target: string): Promise<CallView> {
    const call = this.getCall(callId);
    this.requireEstablished(call);
    this.refuseSecondTransfer(call);
    const { uri } = this.resolveTarget(target);
    await this.sendRefer(call, uri, capText(uri.toString(), 512), {
      succeeded: (code) => {
        call.ending ??= { reason: 'transferred', by: 'local', code };
        this.byeQuietly(call, 'bye after transfer');
      },
    });
    return this.snapshot(call);
  }

  /** Attended transfer, step 1: holds `callId` (and any other live call) and calls `target` on a free line. */
  async consult(callId: string, target: string): Promise<CallView> {
    const call = this.getCall(callId);
    this.requireEstablished(call);
    if (call.attended) throw failure('conflict', 'transfer-pending', 'A transfer of this call is already under way');
    return this.dial(target, call.view.id);
  }

  /** Gives up a consultation: hangs it up and resumes the call it consulted for. */
  async cancelConsult(callId: string): Promise<CallView> {
    const consultation = this.getCall(callId);
    const originalId = consultation.view.consultFor;
    if (!originalId) throw failure('conflict', 'not-consultation', 'This call is not a consultation');
    if (consultation.attended) throw failure('conflict', 'transfer-pending', 'The transfer is already under way');
    // Nothing to go back to: the consultation stays, it is the operator's only call now.
    const original = this.calls.get(originalId);
    if (!original) throw failure('not_found', 'consulted-call-ended', 'The call it consulted for has ended');
    await this.hangup(callId).catch((error: unknown) => {
      // Already ending (the consulted party hung up at the same moment): resuming is all that is left.
      if (!(error instanceof CommandFailure && error.code === 'conflict')) throw error;
    });
    if (original.view.state === 'held') return this.resume(originalId);
    return this.snapshot(original);
  }

  /**
   * Attended transfer, step 2: REFER the far end of `callId` (the transferee, usually held) to the party of
   * `targetCallId` (usually the consultation) with Replaces naming our dialog with that party. The transferee
   * calls the target, the target swaps our leg for it and BYEs us; on the NOTIFY's 2xx we BYE the transferee.
   * Both of our legs end as transferred.
   */
  async attendedTransfer(callId: string, targetCallId: string): Promise<CallView> {
    const call = this.getCall(callId);
    const target = this.getCall(targetCallId);
    if (call === target) throw failure('invalid_args', 'transfer-to-self', 'A call cannot be transferred to itself');
    this.requireEstablished(call);
    this.requireEstablished(target);
    this.refuseSecondTransfer(call);
    this.refuseSecondTransfer(target);
    const dialog = target.session.dialog;
    if (!dialog) throw failure('conflict', 'not-connected', 'The target call is not connected');
    const referTo = replacesReferTo(target.session.remoteIdentity.uri, dialog);
    call.attended = { role: 'transferee', peer: target };
    target.attended = { role: 'target', peer: call };
    const forget = () => {
      if (call.attended?.peer === target) delete call.attended;
      if (target.attended?.peer === call) delete target.attended;
    };
    try {
      await this.sendRefer(call, referTo, capText(target.view.remoteUri, 512), {
        succeeded: (code) => {
          call.ending ??= { reason: 'transferred', by: 'local', code };
          this.byeQuietly(call, 'bye after attended transfer');
          this.deps.clock.setTimeout(() => {
            if (target.finished) return;
            target.ending ??= { reason: 'transferred', by: 'local' };
            this.byeQuietly(target, 'bye of the replaced leg');
          }, REPLACED_LEG_GRACE_MS);
        },
        failed: forget,
      });
    } catch (error) {
      forget();
      throw error;
    }
    return this.snapshot(call);
  }

  /**
   * 3-way (or larger) conference mixed locally: resumes the given calls (any other live call is held first),
   * marks them `conference` and asks the media engine to mix each line's outgoing audio with the others'.
   * Hold or hang-up of a line takes it out (see leaveConference).
   */
  async conference(callIds: string[]): Promise<CallView[]> {
    const legs = [...new Set(callIds)].map((id) => this.getCall(id));
    if (legs.length < 2) throw failure('invalid_args', 'conference-too-small', 'A conference joins two calls or more');
    for (const leg of legs) {
      this.requireEstablished(leg);
      if (leg.view.transfer?.status === 'pending' || leg.attended)
        throw failure('conflict', 'transfer-pending', 'A call being transferred cannot join a conference');
    }
    for (const other of [...this.calls.values()]) if (!legs.includes(other)) this.leaveConference(other);
    await this.holdOthers(legs);
    for (const leg of legs) {
      if (leg.view.state !== 'held') continue;
      await this.reinvite(leg, false);
      this.update(leg, { state: 'active' });
    }
    for (const leg of legs) {
      this.conferenceLegs.add(leg);
      leg.wasInConference = true;
      this.update(leg, { conference: true });
    }
    const mixed = await this.mixConference();
    if (!mixed) throw failure('unavailable', 'conference-mix-failed', 'The calls are joined, but the media engine could not mix their audio');
    return legs.map((leg) => this.snapshot(leg));
  }

  // ---- incoming calls ----

  private onInvite(invitation: Invitation): void {
    const party = { ...describeCaller(invitation.request, this.config.dialing), ...describeInboundRouting(invitation.request) };
    const replaced = this.callReplacedBy(invitation);
    if (replaced) {
      this.takeOver(invitation, replaced, party);
      return;
    }
    const line = this.freeLine();
    const admission = this.dnd ? undefined : this.deps.admitIncoming?.();
    const rejectWith = this.dnd
      ? { code: this.config.dndCode, reason: 'dnd' as const }
      : admission?.accept === false
        ? { code: admission.code, reason: 'agent-unavailable' as const }
        : line === undefined
          ? { code: 486, reason: 'lines-busy' as const }
          : undefined;
    const call = this.addCall(invitation, 'inbound', rejectWith ? 0 : line!, party, !rejectWith && this.calls.size > 0);
    call.sipCallId = capText(invitation.request.callId, MAX_SIP_CALL_ID_LENGTH);
    if (rejectWith) {
      call.ending = { reason: rejectWith.reason, by: 'system', code: rejectWith.code };
      invitation.reject({ statusCode: rejectWith.code }).catch((error: unknown) => this.logFailure('reject', error));
      return;
    }
    this.scheduleAutoAnswer(call, invitation);
    this.emit(call);
  }

  /** Our connected call that an INVITE with Replaces names (sip.js matched the dialog), if any. */
  private callReplacedBy(invitation: Invitation): Call | undefined {
    const replacee = invitation.replacee;
    if (!replacee) return undefined;
    for (const call of this.calls.values()) {
      if (call.session !== replacee || call.finished || call.replacedBy) continue;
      return call.view.state === 'active' || call.view.state === 'held' ? call : undefined;
    }
    return undefined;
  }

  /**
   * Attended transfer TO this desk (RFC 3891): a colleague who consulted us transfers their caller, whose
   * INVITE names our call with the colleague in Replaces. It takes that call's line without ringing — no
   * agent-state admission or DND either: the operator is already on this conversation — and is answered at
   * once; sip.js BYEs the replaced call when the answer is sent, which ends as transferred by its far end.
   */
  private takeOver(invitation: Invitation, replaced: Call, party: RemoteParty & InboundRouting): void {
    const call = this.addCall(invitation, 'inbound', replaced.view.line, party, false);
    call.sipCallId = capText(invitation.request.callId, MAX_SIP_CALL_ID_LENGTH);
    call.view.handedOverBy = replaced.view.displayName || replaced.view.remoteUser;
    replaced.replacedBy = call;
    replaced.ending = { reason: 'transferred', by: 'remote' };
    this.cancelAutoAnswer(call);
    this.answer(call.view.id).catch((error: unknown) => {
      // Not answered (media engine gone): the caller gets sip.js's 480 and the replaced call stays.
      delete replaced.ending;
      delete replaced.replacedBy;
      this.logFailure('take over replaced call', error);
    });
  }

  /**
   * Auto-answer (setting, policy-lockable) and intercom (Alert-Info / Call-Info answer-after, when honoured):
   * the earliest requested time wins. Only a call that arrives while no other call exists is answered by
   * itself: a second line is never picked up over a live call, and the caller hanging up first cancels it.
   */
  private scheduleAutoAnswer(call: Call, invitation: Invitation): void {
    const delays: number[] = [];
    if (this.config.autoAnswer.enabled) delays.push(this.config.autoAnswer.delayMs);
    if (this.config.honourAnswerAfter) {
      const requested = requestedAnswerDelayMs(invitation.request);
      if (requested !== undefined) delays.push(requested);
    }
    if (delays.length === 0 || this.calls.size > 1) return;
    // Counted from the INVITE's arrival, so the time announced on the ringing event is the time it happens.
    const answerAt = call.view.invitedAt + Math.min(...delays);
    call.view.autoAnswerAt = answerAt;
    const wait = Math.max(0, answerAt - this.deps.clock.now());
    call.autoAnswerTimer = this.deps.clock.setTimeout(() => {
      call.autoAnswerTimer = undefined;
      if (call.finished || call.view.state !== 'ringing') return;
      const busy = [...this.calls.values()].some((other) => other !== call && other.view.state !== 'ringing');
      if (busy) {
        this.cancelAutoAnswer(call);
        this.emit(call);
        return;
      }
      this.answer(call.view.id).catch((error: unknown) => this.logFailure('auto-answer', error));
    }, wait);
  }

  private cancelAutoAnswer(call: Call): void {
    call.autoAnswerTimer?.cancel();
    call.autoAnswerTimer = undefined;
    delete call.view.autoAnswerAt;
  }

  // ---- internals ----

  private refuseSecondTransfer(call: Call): void {
    if (call.view.transfer?.status === 'pending' || call.attended) {
      throw failure('conflict', 'transfer-pending', 'A transfer of this call is already under way');
    }
  }

  /**
   * Sends a REFER on `call` and follows the implicit subscription (RFC 3515): resolves once the far end
   * accepts the REFER; a NOTIFY whose sipfrag is 2xx calls `succeeded`, a final error marks the transfer
   * failed on the call's view (the operator still has the call and can try again).
   */
  private sendRefer(
    call: Call,
    referTo: URI,
    targetText: string,
    outcome: { succeeded(code: number): void; failed?(code: number | undefined): void },
  ): Promise<void> {
    this.update(call, { transfer: { target: targetText, status: 'pending' } });
    const failed = (code: number | undefined) => {
      if (!call.finished) this.update(call, { transfer: { target: targetText, status: 'failed', ...(code ? { code } : {}) } });
      outcome.failed?.(code);
    };
    return new Promise<void>((resolve, reject) => {
      call.session
        .refer(referTo, {
          requestDelegate: {
            onAccept: () => resolve(),
            onReject: (response) => {
              const code = response.message.statusCode;
              failed(code);
              reject(failure('conflict', 'transfer-refused', `Transfer refused (${code})`, code));
            },
          },
          onNotify: (notification) =>
            this.guard('onNotify', () => {
              notification.accept().catch((error: unknown) => this.logFailure('accept NOTIFY', error));
              const status = /^SIP\/2\.0\s+(\d{3})/.exec(notification.request.body ?? '');
              const code = status ? Number(status[1]) : undefined;
              if (code === undefined || code < 200) return;
              if (code < 300) outcome.succeeded(code);
              else failed(code);
            }),
        })
        .catch((error: unknown) => {
          failed(undefined);
          reject(error instanceof Error ? error : new Error(String(error)));
        });
    });
  }

  /**
   * Takes a line out of the conference (held, hung up, ended by the far end). The lines left keep talking;
   * a single line left is an ordinary call again. The media engine is told at once (fire and forget).
   */
  private leaveConference(call: Call): void {
    if (!this.conferenceLegs.delete(call)) return;
    const leaving = [call];
    if (this.conferenceLegs.size === 1) {
      leaving.push(...this.conferenceLegs);
      this.conferenceLegs.clear();
    }
    for (const leg of leaving) {
      leg.view.conference = false;
      if (!leg.finished) this.emit(leg);
      this.sendMix(leg, []).catch((error: unknown) => this.logFailure('end conference mix', error));
    }
    if (this.conferenceLegs.size > 0) void this.mixConference();
  }

  /** Tells the media engine which sessions each conference line mixes with; false if any request failed. */
  private async mixConference(): Promise<boolean> {
    const legs = [...this.conferenceLegs];
    const results = await Promise.allSettled(
      legs.map((leg) =>
        this.sendMix(
          leg,
          legs.filter((other) => other !== leg).map((other) => other.session.id),
        ),
      ),
    );
    const failures = results.filter((result): result is PromiseRejectedResult => result.status === 'rejected');
    for (const failure of failures) this.logFailure('conference mix', failure.reason);
    return failures.length === 0;
  }

  private async sendMix(call: Call, sessionIds: string[]): Promise<void> {
    const handler = call.session.sessionDescriptionHandler;
    // A closed handler has no media to mix (the call ended); a missing one never had any.
    if (!(handler instanceof MediaSessionDescriptionHandler) || handler.isClosed) return;
    await handler.mixWith(sessionIds);
  }

  /** BYE for a call we are done with; a call already ending is left alone. */
  private byeQuietly(call: Call, where: string): void {
    if (call.session.state !== SessionState.Established) return;
    call.session.bye().catch((error: unknown) => this.logFailure(where, error));
  }

  private createConnection(config: SipConfig): SipConnection {
    const mediaFactory = createMediaBridgeFactory(this.deps.mediaPeer, {
      clock: this.deps.clock,
      logger: this.deps.logger,
      iceServers: config.iceServers,
      iceGatheringTimeoutMs: config.iceGatheringTimeoutMs,
    });
    return new SipConnection({
      config,
      secrets: this.deps.secrets,
      clock: this.deps.clock,
      logger: this.deps.logger,
      random: this.random,
      sessionDescriptionHandlerFactory: mediaFactory,
      onStatus: (status) => this.deps.events.emit('sip:registration', this.toStatus(status)),
      onInvite: (invitation) => this.onInvite(invitation),
      onReconnected: () => this.refreshDialogs(),
    });
  }

  private toStatus(status: RegistrationStatus): SoftphoneStatus {
    return { ...status, dnd: this.dnd };
  }

  private addCall(
    session: Invitation | Inviter,
    direction: CallView['direction'],
    line: number,
    party: RemoteParty & InboundRouting,
    callWaiting: boolean,
  ): Call {
    const now = this.deps.clock.now();
    let confirm = () => {};
    const confirmed = new Promise<void>((resolve) => (confirm = resolve));
    const call: Call = {
      session,
      sipCallId: '',
      confirmed,
      confirm,
      finished: false,
      view: {
        id: uuidv7(),
        line,
        direction,
        state: direction === 'inbound' ? 'ringing' : 'dialing',
        ...party,
        callWaiting,
        muted: false,
        remoteHold: false,
        conference: false,
        invitedAt: now,
      },
    };
    this.calls.set(call.view.id, call);
    this.watch(call);
    return call;
  }

  private watch(call: Call): void {
    const session = call.session;
    session.stateChange.addListener((state) =>
      this.guard('sessionState', () => {
        if (state === SessionState.Established) {
          if (session instanceof Inviter) call.confirm();
          if (call.view.answeredAt === undefined) {
            this.update(call, { state: 'active', answeredAt: this.deps.clock.now(), callWaiting: false });
            if (call.extension) this.sendExtension(call, call.extension);
          }
        } else if (state === SessionState.Terminated) {
          call.confirm();
          // The final response of an outbound INVITE reaches our request delegate only after sip.js has
          // moved the session to Terminated; let that callback run first so the code is known.
          queueMicrotask(() => this.guard('finish', () => this.finish(call)));
        }
      }),
    );
    session.delegate = {
      onAck: () => call.confirm(),
      onBye: (bye) =>
        this.guard('onBye', () => {
          // The target of an attended transfer BYEs the leg the transferee's INVITE with Replaces took over.
          call.ending ??= { reason: call.attended?.role === 'target' ? 'transferred' : 'completed', by: 'remote' };
          bye.accept().catch((error: unknown) => this.logFailure('accept BYE', error));
        }),
      onCancel: () =>
        this.guard('onCancel', () => {
          call.ending ??= { reason: 'missed', by: 'remote', code: 487 };
        }),
      onInfo: (info) =>
        this.guard('onInfo', () => {
          info.accept().catch((error: unknown) => this.logFailure('accept INFO', error));
        }),
      onInvite: (request, _response, statusCode) =>
        this.guard('onReinvite', () => {
          if (statusCode !== 200 || typeof request.body !== 'string' || request.body === '') return;
          const direction = sdpAudioDirection(request.body);
          this.update(call, { remoteHold: direction === 'sendonly' || direction === 'inactive' });
        }),
      // A far end must not be able to make the agent dial someone else (sip.js follows REFER by default).
      onRefer: (referral) =>
        this.guard('onRefer', () => {
          referral.reject().catch((error: unknown) => this.logFailure('reject REFER', error));
        }),
    };
  }

  private finish(call: Call): void {
    if (call.finished) return;
    call.finished = true;
    this.cancelAutoAnswer(call);
    this.calls.delete(call.view.id);
    if (this.calls.size === 0 && this.wantedConfig && !this.stopped) void this.reconfigure(this.wantedConfig);
    this.leaveConference(call);
    const ending = call.ending ?? this.inferEnding(call);
    const code = ending.code ?? call.finalResponse?.code;
    const endedAt = this.deps.clock.now();
    this.update(call, {
      state: 'ended',
      endedAt,
      endReason: ending.reason,
      hungUpBy: ending.by,
      ...(code !== undefined && code >= 100 && code <= 699 ? { sipCode: code } : {}),
    });
    this.writeLog(call, ending, endedAt);
  }

  /**
   * Why a call ended when nobody said so first. sip.js ends a call whose offer or answer failed (media engine
   * gone or failing) before our accept()/invite() caller hears of it, so the reason comes from the handler.
   */
  private inferEnding(call: Call): Ending {
    const session = call.session;
    const handler = session.sessionDescriptionHandler;
    const mediaFailure = handler instanceof MediaSessionDescriptionHandler ? handler.failure : undefined;
    const failed = (code?: number): Ending => ({
      reason: 'failed',
      by: 'system',
      ...(code ? { code } : {}),
      ...(mediaFailure ? { phrase: plainDetail(mediaFailure, 128) } : {}),
    });
    if (call.view.answeredAt !== undefined) return failed();
    if (session instanceof Invitation) {
      // Answered here, but the media engine produced no answer: sip.js sent 480.
      if (call.view.state === 'connecting') return failed(480);
      // Unanswered and not cancelled by the caller: sip.js's no-answer timer (480).
      return { reason: 'missed', by: 'system', code: 480 };
    }
    if (call.finalResponse) {
      return {
        reason: outboundEndReason(call.finalResponse.code),
        by: 'remote',
        code: call.finalResponse.code,
        phrase: call.finalResponse.phrase,
      };
    }
    return failed();
  }

  private writeLog(call: Call, ending: Ending, endedAt: number): void {
    const view = call.view;
    const code = ending.code ?? call.finalResponse?.code;
    const phrase = ending.phrase ?? call.finalResponse?.phrase;
    const record: CallLogRecord = {
      id: view.id,
      sipCallId: call.sipCallId,
      direction: view.direction,
      line: view.line,
      rawCallerId: view.remoteUri,
      ...(view.remoteNumber ? { remoteNumber: view.remoteNumber } : {}),
      displayName: view.displayName,
      invitedAt: view.invitedAt,
      ...(view.answeredAt !== undefined ? { answeredAt: view.answeredAt } : {}),
      endedAt,
      durationMs: view.answeredAt !== undefined ? Math.max(0, endedAt - view.answeredAt) : 0,
      hungUpBy: ending.by,
      endReason: ending.reason,
      ...(code !== undefined && code >= 100 && code <= 699 ? { sipCode: code } : {}),
      ...(phrase ? { sipReason: capText(phrase, 128) } : {}),
      ...(call.wasInConference ? { conference: true } : {}),
    };
    try {
      const pending = this.deps.callLog.record(record);
      if (pending instanceof Promise) pending.catch((error: unknown) => this.logFailure('call log', error));
    } catch (error) {
      this.logFailure('call log', error);
    }
  }

  private snapshot(call: Call): CallView {
    return { ...call.view, at: this.deps.clock.now() };
  }

  private update(call: Call, change: Partial<Omit<CallView, 'at' | 'id'>>): void {
    Object.assign(call.view, change);
    this.emit(call);
  }

  private emit(call: Call): void {
    this.deps.events.emit('calls:state', this.snapshot(call));
  }

  private getCall(callId: string): Call {
    const call = this.calls.get(callId);
    if (!call) throw failure('not_found', 'call-ended', 'No such call');
    return call;
  }

  private requireEstablished(call: Call): void {
    if (call.session.state !== SessionState.Established) throw failure('conflict', 'not-connected', 'The call is not connected');
  }

  /** Lowest free line number, or undefined when every line is busy. */
  private freeLine(): number | undefined {
    const used = new Set([...this.calls.values()].map((call) => call.view.line));
    for (let line = 1; line <= this.config.maxLines; line++) if (!used.has(line)) return line;
    return undefined;
  }

  private descriptionOptions(hold: boolean): MediaDescriptionOptions {
    return { hold, constraints: { audio: true, video: false } };
  }

  /** Puts every connected call except `keep` on hold (before answering, dialing or resuming another). */
  private async holdOthers(keep: Call | readonly Call[] | undefined): Promise<void> {
    const kept: readonly (Call | undefined)[] = Array.isArray(keep) ? keep : [keep as Call | undefined];
    for (const other of [...this.calls.values()]) {
      if (kept.includes(other) || other.replacedBy || other.view.state !== 'active' || other.session.state !== SessionState.Established)
        continue;
      this.leaveConference(other);
      try {
        await this.reinvite(other, true);
        this.update(other, { state: 'held' });
      } catch (error) {
        // Still answer: a missed call is worse than a call that could not be held.
        this.logFailure('hold before switching lines', error);
      }
    }
  }

  /**
   * Hold or resume with a re-INVITE; the media engine turns `hold` into a=sendonly (or inactive).
   * A re-INVITE that crosses another one is refused (491 glare, or 500 while the far end still waits
   * for the ACK of the previous one, which the proxy may deliver after our new INVITE). Those are
   * retried after a short random pause: RFC 3261 §14.1 asks for up to 4 s, and sip.js's Retry-After
   * for the 500 is up to 10 s, both far too slow for an operator's Hold button.
   */
  private async reinvite(call: Call, hold: boolean): Promise<void> {
    await this.untilConfirmed(call);
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.reinviteOnce(call, hold);
      if (outcome === 'ok') return;
      if (!outcome.retry || attempt >= REINVITE_ATTEMPTS)
        throw failure('conflict', hold ? 'hold-refused' : 'resume-refused', outcome.message, outcome.code);
      const pause = REINVITE_RETRY_MIN_MS + Math.round(this.random() * REINVITE_RETRY_MIN_MS * 2);
      await new Promise<void>((resolve) => this.deps.clock.setTimeout(resolve, pause));
    }
  }

  private reinviteOnce(call: Call, hold: boolean): Promise<'ok' | { retry: boolean; message: string; code?: number }> {
    const session = call.session;
    const action = hold ? 'Hold' : 'Resume';
    if (session.state !== SessionState.Established)
      return Promise.resolve({ retry: false, message: 'The call is not connected' });
    const previous = session.sessionDescriptionHandlerOptionsReInvite;
    return new Promise((resolve) => {
      const failed = (retry: boolean, message: string, code?: number) => {
        session.sessionDescriptionHandlerOptionsReInvite = previous;
        resolve({ retry, message, ...(code ? { code } : {}) });
      };
      try {
        session
          .invite({
            sessionDescriptionHandlerOptions: this.descriptionOptions(hold),
            requestDelegate: {
              onAccept: () => resolve('ok'),
              onReject: (response) => {
                const code = response.message.statusCode ?? 0;
                failed(code === 491 || code === 500, `${action} refused (${code})`, code);
              },
            },
          })
          .catch((error: unknown) =>
            failed(isTransactionClash(error), `${action} failed: ${error instanceof Error ? error.message : String(error)}`),
          );
      } catch (error) {
        failed(isTransactionClash(error), `${action} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    });
  }

  /** Resolves when the session leaves Establishing (or after ACK_WAIT_MS). */
  private async untilSettled(session: Invitation | Inviter): Promise<void> {
    let timer: { cancel(): void } | undefined;
    await new Promise<void>((resolve) => {
      const done = () => {
        timer?.cancel();
        session.stateChange.removeListener(listener);
        resolve();
      };
      const listener = (state: SessionState) => {
        if (state !== SessionState.Establishing) done();
      };
      session.stateChange.addListener(listener);
      timer = this.deps.clock.setTimeout(done, ACK_WAIT_MS);
      if (session.state !== SessionState.Establishing) done();
    });
  }

  private async untilConfirmed(call: Call): Promise<void> {
    let timer: { cancel(): void } | undefined;
    const timedOut = new Promise<boolean>((resolve) => {
      timer = this.deps.clock.setTimeout(() => resolve(true), ACK_WAIT_MS);
    });
    const late = await Promise.race([call.confirmed.then(() => false), timedOut]);
    timer?.cancel();
    if (late) throw failure('conflict', 'not-confirmed', 'The call is not confirmed yet (no ACK)');
  }

  /**
   * After the connection came back, the far end still routes in-dialog requests to our old WebSocket
   * (the proxy's alias names the old connection). A re-INVITE from us carries a Contact the proxy
   * aliases to the new connection, so BYE and re-INVITEs from the far end reach us again.
   */
  private refreshDialogs(): void {
    for (const call of this.calls.values()) {
      if (call.session.state !== SessionState.Established) continue;
      this.reinvite(call, call.view.state === 'held').catch((error: unknown) =>
        this.logFailure('refresh dialog after reconnect', error),
      );
    }
  }

  private async sendTones(call: Call, tones: string, method: DtmfMethod): Promise<void> {
    if (method === 'rfc4733') {
      const handler = call.session.sessionDescriptionHandler;
      if (!handler || !handler.sendDtmf(tones, RFC4733_DTMF_OPTIONS))
        throw failure('unavailable', 'dtmf-unavailable', 'The media engine cannot send DTMF now');
      return;
    }
    for (const tone of tones) {
      if (tone === ',') {
        await new Promise<void>((resolve) => this.deps.clock.setTimeout(resolve, DTMF_PAUSE_MS));
        continue;
      }
      await new Promise<void>((resolve, reject) => {
        call.session
          .info({
            requestOptions: {
              body: {
                contentDisposition: 'render',
                contentType: 'application/dtmf-relay',
                content: `Signal=${tone.toUpperCase()}\r\nDuration=160\r\n`,
              },
            },
            requestDelegate: {
              onAccept: () => resolve(),
              onReject: (response) =>
                reject(
                  failure('conflict', 'dtmf-refused', `DTMF INFO refused (${response.message.statusCode})`, response.message.statusCode),
                ),
            },
          })
          .catch(reject);
      });
    }
  }

  private sendExtension(call: Call, extension: string): void {
    this.deps.clock.setTimeout(() => {
      if (call.session.state !== SessionState.Established) return;
      this.sendTones(call, extension, this.config.dtmfMethod).catch((error: unknown) => this.logFailure('extension DTMF', error));
    }, EXTENSION_DTMF_DELAY_MS);
  }

  /** A dial target as a request URI: sip:/sips: URIs as given, anything else through the dialing rules. */
  private resolveTarget(target: string): { uri: URI; e164?: string; extension?: string } {
    const text = target.trim();
    if (/^sips?:/i.test(text)) {
      // URI headers (?Route=…) would let a pasted link add headers to our INVITE.
      const uri = text.includes('?') ? undefined : UserAgent.makeURI(text);
      if (!uri || !uri.user) throw failure('invalid_args', 'invalid-sip-address', 'Not a SIP address that can be called');
      return { uri };
    }
    const dialed = dialString(text, this.config.dialing);
    if (!dialed.ok) throw failure('invalid_args', 'invalid-number', `Cannot dial this number (${dialed.reason})`);
    const uri = UserAgent.makeURI(`sip:${toSipUriUser(dialed.dial)}@${this.config.domain}`);
    if (!uri) throw failure('invalid_args', 'invalid-number', 'Cannot dial this number');
    return dialed.kind === 'external'
      ? { uri, e164: dialed.e164, ...(dialed.extension ? { extension: dialed.extension } : {}) }
      : { uri };
  }

  private async endForShutdown(call: Call): Promise<void> {
    try {
      await this.hangup(call.view.id);
    } catch (error) {
      this.logFailure('hang up at shutdown', error);
    }
  }

  /** Waits for `promise` at most `ms` (a far end that never answers must not hold up shutdown). */
  private async within(promise: Promise<unknown>, ms: number): Promise<void> {
    let timer: { cancel(): void } | undefined;
    await Promise.race([promise, new Promise<void>((resolve) => (timer = this.deps.clock.setTimeout(resolve, ms)))]);
    timer?.cancel();
  }

  private guard(where: string, action: () => void): void {
    try {
      action();
    } catch (error) {
      this.logFailure(where, error);
    }
  }

  private logFailure(where: string, error: unknown): void {
    this.deps.logger.warn('softphone action failed', { where, error: error instanceof Error ? error.message : String(error) });
  }
}
