// The softphone's part of the contract: SIP registration, call control commands and their events.
// Runs anywhere (zod only). Spread into contract.ts; handlers live in electron/core/sip/softphoneHandlers.ts.
import { z } from 'zod';

const none = z.object({}).strict();

/** Our id for a call (a UUIDv7), not the SIP Call-ID. */
const callId = z.string().min(1).max(64);
/** What the operator typed, pasted or clicked: a number, an extension, a tel: or sip: URI. */
const dialTarget = z.string().trim().min(1).max(256);
/** Epoch milliseconds from core's Clock. */
const timestamp = z.number().int().nonnegative();
const sipStatusCode = z.number().int().min(100).max(699);

export const registrationStates = [
  'idle', // not started, or not configured
  'connecting', // opening the WebSocket to a server
  'registering', // REGISTER sent, waiting for the final answer
  'registered',
  'reconnecting', // lost or every server failed: waiting for the next attempt (see nextRetryAt)
  'failed', // will not retry by itself (wrong password, account refused); fix and sip:reconnect
  'stopped',
] as const;
export type RegistrationState = (typeof registrationStates)[number];

/** Why the registration is in its state. Stable codes: the renderer translates them. */
export const registrationReasons = [
  'not-configured', // no server, user or domain in settings
  'connection-failed', // the WebSocket to a server did not open
  'connection-lost', // an open WebSocket closed
  'all-servers-failed', // every server in sip.servers failed this round
  'auth-failed', // digest authentication refused (401/407 after the challenge): wrong user or password
  'rejected', // the registrar answered with another error (403, 404, 5xx…)
  'timeout', // no final answer to REGISTER in time
  'registration-lost', // a refresh failed or the binding expired
  'stopped-by-user',
] as const;
export type RegistrationReason = (typeof registrationReasons)[number];

export const softphoneStatusSchema = z
  .object({
    state: z.enum(registrationStates),
    reason: z.enum(registrationReasons).optional(),
    /** SIP status code behind the reason, when there is one (401, 403, 503…). */
    code: sipStatusCode.optional(),
    /** Reason phrase or error text for the log and a tooltip; plain text, capped. */
    detail: z.string().max(256).optional(),
    /** The server in use or being tried (ws:// or wss:// URL). */
    server: z.string().max(2048).optional(),
    /** When the next automatic attempt happens (state reconnecting). */
    nextRetryAt: timestamp.optional(),
    /** Do not disturb: incoming calls are rejected with the configured code. */
    dnd: z.boolean(),
    at: timestamp,
  })
  .strict();
export type SoftphoneStatus = z.infer<typeof softphoneStatusSchema>;

export const callDirections = ['inbound', 'outbound'] as const;
export type CallDirection = (typeof callDirections)[number];

export const callStates = [
  'ringing', // inbound, not answered yet
  'dialing', // outbound, INVITE sent, no ringing from the far end yet
  'ringback', // outbound, the far end is ringing (18x)
  'connecting', // answered here, waiting for the dialog to be confirmed
  'active',
  'held', // on hold by us
  'ended',
] as const;
export type CallState = (typeof callStates)[number];

export const callEndReasons = [
  'completed', // answered, then hung up normally (BYE) by either side
  'declined', // we declined a ringing call (486 or 603)
  'missed', // inbound: the caller gave up or nobody answered in time
  'cancelled', // outbound: we hung up before the answer
  'busy', // outbound: 486/600 from the far end
  'rejected', // outbound: the far end or the network refused it (other 4xx–6xx)
  'unreachable', // outbound: 404/408/480 — nobody to ring
  'dnd', // inbound, rejected because do-not-disturb was on
  'agent-unavailable', // inbound, rejected because the agent was not ready (Not ready, Break, Wrap-up, Logged out)
  'lines-busy', // inbound, rejected because every line was in use
  'transferred', // blind or attended transfer succeeded, our leg ended (both legs, for an attended one)
  'failed', // signalling or media failure
] as const;
export type CallEndReason = (typeof callEndReasons)[number];

export const hangupParties = ['local', 'remote', 'system'] as const;
export type HangupParty = (typeof hangupParties)[number];

export const callViewSchema = z
  .object({
    id: callId,
    /** 1…maxLines; 0 for a call rejected before it got a line (do-not-disturb, every line busy). */
    line: z.number().int().min(0).max(8),
    direction: z.enum(callDirections),
    state: z.enum(callStates),
    /** Caller ID as received (inbound: the From value without its tag) or the URI we dialed. */
    remoteUri: z.string().max(512),
    /** The user part of that URI, cleaned to plain text: an extension or a number as sent. */
    remoteUser: z.string().max(128),
    /** E.164 when the caller ID or the dialed number is a valid phone number. */
    remoteNumber: z.string().max(24).optional(),
    /** Plain text: invisibles and bidi controls stripped, capped. Render as text, never as markup. */
    displayName: z.string().max(256),
    /** Inbound: the number the caller dialled (P-Called-Party-ID, else the To user), for script rules. Plain text. */
    dialledNumber: z.string().max(128).optional(),
    /** Inbound: the queue the PBX routed the call through (X-Queue header, else the Diversion user). Plain text. */
    queue: z.string().max(128).optional(),
    /** Inbound call that arrived while another call was live: ring softly. */
    callWaiting: z.boolean(),
    muted: z.boolean(),
    /** The far end has put us on hold (its offer was sendonly/inactive). */
    remoteHold: z.boolean(),
    transfer: z
      .object({ target: z.string().max(512), status: z.enum(['pending', 'failed']), code: sipStatusCode.optional() })
      .strict()
      .optional(),
    /** Ringing: the phone answers by itself at this time (auto-answer setting or an intercom request). */
    autoAnswerAt: timestamp.optional(),
    /** A consultation call (attended transfer, step 1): the id of the held call it consults for. */
    consultFor: callId.optional(),
    /**
     * Attended transfer to this desk: the colleague who handed this caller over (their display name, else their
     * user part), whose call with us it replaced. Plain text.
     */
    handedOverBy: z.string().max(256).optional(),
    /** In the local 3-way conference: the operator and every conference line hear each other (absent = false). */
    conference: z.boolean().optional(),
    invitedAt: timestamp,
    answeredAt: timestamp.optional(),
    endedAt: timestamp.optional(),
    endReason: z.enum(callEndReasons).optional(),
    hungUpBy: z.enum(hangupParties).optional(),
    sipCode: sipStatusCode.optional(),
    /** Timestamp of this state change. */
    at: timestamp,
  })
  .strict();
export type CallView = z.infer<typeof callViewSchema>;

/** One finished call, as core hands it to the call log (SQLite in main, memory in tests). */
export const callLogRecordSchema = z
  .object({
    id: callId,
    sipCallId: z.string().max(256),
    direction: z.enum(callDirections),
    line: z.number().int().min(0).max(8),
    rawCallerId: z.string().max(512),
    remoteNumber: z.string().max(24).optional(),
    displayName: z.string().max(256),
    invitedAt: timestamp,
    answeredAt: timestamp.optional(),
    endedAt: timestamp,
    /** Answer to end; 0 when the call was never answered. */
    durationMs: z.number().int().nonnegative(),
    hungUpBy: z.enum(hangupParties),
    endReason: z.enum(callEndReasons),
    sipCode: sipStatusCode.optional(),
    sipReason: z.string().max(128).optional(),
    /** The call was part of the local conference at some point. */
    conference: z.boolean().optional(),
  })
  .strict();
export type CallLogRecord = z.infer<typeof callLogRecordSchema>;

export const declineCodes = [486, 603] as const;
export const dtmfMethods = ['rfc4733', 'info'] as const;
export type DtmfMethod = (typeof dtmfMethods)[number];
/** DTMF digits as RFC 4733 and SIP INFO carry them; `,` is a pause. */
export const dtmfTones = z.string().regex(/^[0-9A-Da-d*#,]{1,32}$/, 'DTMF tones are 0-9, A-D, *, # and ,');

/**
 * Why a softphone command failed, beyond its error code (a `conflict` may be "every line is in use" or "the far end
 * refused the hold"). Stable strings the renderer translates; the code's own text is the fallback.
 */
export const softphoneFailureReasons = [
  'not-registered', // the line is not registered: nothing can be dialled
  'lines-busy', // every line is in use
  'call-ended', // no such call (any more)
  'not-ringing', // answer/decline: the call stopped ringing
  'media-failed', // answer: the media engine produced no answer (microphone, audio engine)
  'call-ending', // hang-up: the call is already ending
  'not-held', // resume: the call is not on hold
  'no-media', // mute: the call has no media yet
  'not-connected', // the call is not (or no longer) established
  'not-confirmed', // the far end's ACK has not arrived: a re-INVITE now would break the call
  'hold-refused', // the far end refused the hold re-INVITE (or it failed)
  'resume-refused', // the far end refused the resume re-INVITE (or it failed)
  'transfer-pending', // a transfer of this call is already under way
  'transfer-refused', // the far end refused our REFER (sipCode says how)
  'not-consultation', // cancelConsult on a call that consults for nobody
  'consulted-call-ended', // the call a consultation was for has ended
  'transfer-to-self', // attended transfer of a call to itself
  'conference-too-small', // a conference needs two calls or more
  'conference-mix-failed', // the calls are joined but the media engine could not mix them
  'dtmf-unavailable', // the media engine cannot send RFC 4733 tones now
  'dtmf-refused', // the far end refused a SIP INFO tone (sipCode says how)
  'invalid-sip-address', // a sip: URI we will not call (no user part, URI headers)
  'invalid-number', // the dialing rules cannot turn the text into a number
] as const;
export type SoftphoneFailureReason = (typeof softphoneFailureReasons)[number];

type FailureDetail = { path: string; message: string };

/**
 * A softphone failure's reason (and SIP code) as CommandFailure details — the envelope's existing field, so the
 * Result contract, the dispatcher and both bridges carry it unchanged: `{path:'reason'}` and `{path:'sipCode'}`.
 */
export function softphoneFailureDetails(reason: SoftphoneFailureReason, sipCode?: number): FailureDetail[] {
  return [{ path: 'reason', message: reason }, ...(sipCode !== undefined ? [{ path: 'sipCode', message: String(sipCode) }] : [])];
}

/** Reads what softphoneFailureDetails wrote; undefined for any other failure (or an unknown reason). */
export function softphoneFailureOf(error: {
  details?: readonly FailureDetail[] | undefined;
}): { reason: SoftphoneFailureReason; sipCode?: number } | undefined {
  const reason = error.details?.find((detail) => detail.path === 'reason')?.message;
  if (!(softphoneFailureReasons as readonly string[]).includes(reason ?? '')) return undefined;
  const sipCode = Number(error.details?.find((detail) => detail.path === 'sipCode')?.message);
  return {
    reason: reason as SoftphoneFailureReason,
    ...(Number.isInteger(sipCode) && sipCode >= 100 && sipCode <= 699 ? { sipCode } : {}),
  };
}

const onCall = z.object({ callId }).strict();

export const softphoneCommands = {
  'sip:status': { args: none, result: softphoneStatusSchema },
  /** Drop the connection and start over with the first server (after fixing a password, say). */
  'sip:reconnect': { args: none, result: softphoneStatusSchema },
  /**
   * Stores the SIP password in the SecretStore (OS keychain in the desktop app, a 0600 file in browser
   * mode) and registers again with it. Write-only: no command ever returns the password.
   */
  'sip:setPassword': { args: z.object({ password: z.string().min(1).max(256) }).strict(), result: softphoneStatusSchema },
  'calls:dnd': { args: z.object({ enabled: z.boolean() }).strict(), result: softphoneStatusSchema },
  'calls:list': { args: none, result: z.array(callViewSchema).max(8) },
  'calls:dial': { args: z.object({ target: dialTarget }).strict(), result: callViewSchema },
  'calls:answer': { args: onCall, result: callViewSchema },
  'calls:decline': {
    args: z.object({ callId, code: z.union([z.literal(declineCodes[0]), z.literal(declineCodes[1])]).optional() }).strict(),
    result: callViewSchema,
  },
  'calls:hangup': { args: onCall, result: callViewSchema },
  'calls:hold': { args: onCall, result: callViewSchema },
  'calls:resume': { args: onCall, result: callViewSchema },
  'calls:mute': { args: z.object({ callId, muted: z.boolean() }).strict(), result: callViewSchema },
  'calls:dtmf': {
    args: z.object({ callId, tones: dtmfTones, method: z.enum(dtmfMethods).optional() }).strict(),
    result: callViewSchema,
  },
  /** Blind transfer (REFER). */
  'calls:transfer': { args: z.object({ callId, target: dialTarget }).strict(), result: callViewSchema },
  /** Attended transfer, step 1: hold `callId` and call `target` on a free line. Answers with the new call. */
  'calls:consult': { args: z.object({ callId, target: dialTarget }).strict(), result: callViewSchema },
  /** Give up the consultation: hang it up and resume the call it consulted for (whose view is the answer). */
  'calls:cancelConsult': { args: onCall, result: callViewSchema },
  /**
   * Attended transfer, step 2: REFER the far end of `callId` to the party of `targetCallId` with Replaces
   * (RFC 3891), so those two talk; both of our legs then end as transferred. Answers with `callId`'s view.
   */
  'calls:attendedTransfer': {
    args: z.object({ callId, targetCallId: callId }).strict(),
    result: callViewSchema,
  },
  /**
   * 3-way conference mixed locally: joins the given connected calls (held ones are resumed, other live calls
   * are held). Holding or hanging up a line takes it out; the last line left is an ordinary call again.
   */
  'calls:conference': {
    args: z.object({ callIds: z.array(callId).min(2).max(8) }).strict(),
    result: z.array(callViewSchema).max(8),
  },
} as const;

export const softphoneEvents = {
  'sip:registration': softphoneStatusSchema,
  'calls:state': callViewSchema,
} as const;
