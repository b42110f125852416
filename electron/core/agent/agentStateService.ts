// AgentStateService (plain Node): the operator's agent state — Logged out, Available, Not ready (reason),
// Ringing, On call, Wrap-up, Break — moved by the operator, by the calls and by the clock (after-call-work
// limits, not-ready time limits). Every change is stored with its time and an outbox row; the agent:state
// event carries what the status bar and the tray show. README.md in this folder explains the rules.
import type { AgentStateCause, AgentStateEventRow } from '../../../db/repositories/agentStateEvents.js';
import { newId } from '../../../db/ids.js';
import type { AgentStateRequest, AgentStatus, ChosenAgentState } from '../../shared/ipc/agent.js';
import { CommandFailure } from '../../shared/ipc/result.js';
import type { CallView } from '../../shared/ipc/softphone.js';
import type { SettingKey, SettingValue } from '../../shared/settings.js';
import type { AfterCallWork, AgentState } from '../../shared/workflow.js';
import type { Clock, EventSink, Logger } from '../ports.js';
import { currentAgentId } from './agentIdentity.js';
import { aliveMarkIntervalMs, type AliveMarkStore } from './aliveMark.js';

/** Where state changes are kept (db/repositories/agentStateEvents.ts in the app). */
export interface AgentStateLog {
  /** Writes the change and its outbox row in one transaction. */
  append(row: AgentStateEventRow): void;
  latest(agent: string): Pick<AgentStateEventRow, 'state' | 'at'> | undefined;
  /** The agent's newest changes first (to find after-call work a previous run left unfinished). */
  recent(agent: string, limit: number): Pick<AgentStateEventRow, 'state' | 'callId' | 'cause' | 'at'>[];
}

/** The settings the service reads (SettingsService fits). */
export interface AgentSettings {
  get<K extends SettingKey>(key: K): SettingValue<K>;
  onChange(listener: (change: { key: SettingKey }) => void): () => void;
}

export interface AgentStateServiceDeps {
  clock: Clock;
  events: EventSink;
  logger: Logger;
  settings: AgentSettings;
  log: AgentStateLog;
  /**
   * Seam to the wrap-up (WrapUpService.fileDefault): files `code` for a call whose after-call work ran out
   * without a submitted wrap-up. Without it the state still moves on and the draft stays open.
   */
  fileDefaultDisposition?: (callId: string, code: string) => void;
  /**
   * Whether the call's wrap-up is filed (WrapUpService.isFiled, or the interactions table before that service
   * exists). Without it, after-call work a previous run left unfinished is not resumed at start.
   */
  wrapUpFiled?: (callId: string) => boolean;
  /**
   * When the app was last seen running, and by whom (aliveMark.ts). Without it a session the app never closed
   * ends at its last state change.
   */
  aliveMark?: AliveMarkStore;
}

/** What SipService asks before a new call may ring (seam 1). */
export type CallAdmission = { accept: true } | { accept: false; code: 480 | 486 | 603 };

/** A state the operator chose, with its reason: where the agent rests between calls. */
interface RestingState {
  state: ChosenAgentState;
  reasonCode: string | null;
}

interface CurrentState {
  state: AgentState;
  reasonCode: string | null;
  callId: string | null;
  since: number;
}

interface AfterCallWorkInProgress {
  /** The settings as they were when it began: a change made meanwhile applies to the next call. */
  rules: AfterCallWork;
  deadline: number | null;
  timer: { cancel(): void } | undefined;
}

/** Call states in which the operator is busy with the call (talking, holding it, or dialling out). */
const engagedCallStates: readonly CallView['state'][] = ['active', 'connecting', 'held', 'dialing', 'ringback'];

const restingStates: readonly AgentState[] = ['loggedOut', 'available', 'notReady', 'break'];

/** How far back the log is read for after-call work left unfinished: log-ins and log-outs of a few restarts. */
const INTERRUPTED_LOOKBACK_ROWS = 50;

/** After-call work a previous run of this agent did not finish: since when, and the calls it was for (oldest first). */
interface InterruptedAfterCallWork {
  began: number;
  callIds: string[];
}

export class AgentStateService {
  private agent = '';
  private current: CurrentState;
  /** Where the agent returns after a call and its wrap-up, unless `pending` says otherwise. */
  private base: RestingState = { state: 'loggedOut', reasonCode: null };
  /** "After this call, go to…": set by the operator during a call (or ahead of the next one). */
  private pending: RestingState | null = null;
  private readonly liveCalls = new Map<string, CallView>();
  /** Calls still live when another agent took the desk (switchAgent): theirs, ignored until they end. */
  private readonly previousAgentsCalls = new Set<string>();
  /** Calls connected since the agent last rested whose wrap-up is not submitted yet, in the order they ended. */
  private unwrapped: string[] = [];
  /** Wrap-ups submitted for calls of the current engagement (possibly while the call was still going). */
  private readonly submitted = new Set<string>();
  /** The last call of the current engagement that was answered, ended or not. */
  private lastConnected: string | null = null;
  private acw: AfterCallWorkInProgress | null = null;
  private overLimit = false;
  private limitTimer: { cancel(): void } | undefined;
  private aliveTimer: { cancel(): void } | undefined;
  private stopListening: (() => void) | undefined;
  private lastPublished = '';
  private started = false;
  private closed = false;

  constructor(private readonly deps: AgentStateServiceDeps) {
    this.current = { state: 'loggedOut', reasonCode: null, callId: null, since: deps.clock.now() };
  }

  /** Logs the operator in (to `agent.stateAtStart`) and follows changes of who the operator is. */
  start(): AgentStatus {
    if (this.started) return this.status();
    this.started = true;
    this.agent = currentAgentId(this.deps.settings);
    this.closeUnfinishedSessions();
    this.logIn();
    this.markAlive();
    this.stopListening = this.deps.settings.onChange((change) => {
      if (change.key === 'sip.user') this.switchAgent();
    });
    return this.status();
  }

  /** Logs the operator out (the last row of the session) and stops every timer. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.stopListening?.();
    this.stopTimers();
    if (this.started && this.current.state !== 'loggedOut') {
      this.enter({ state: 'loggedOut', reasonCode: null, callId: null }, 'system');
    }
  }

  status(): AgentStatus {
    const { state, reasonCode, since, callId } = this.current;
    return {
      state,
      reasonCode,
      since,
      callId,
      pending: this.pending ? { ...this.pending } : null,
      acw: this.acw ? { mode: this.acw.rules.mode, deadline: this.acw.deadline, canExit: this.canLeaveAfterCallWork() } : null,
      overLimit: this.overLimit,
    };
  }

  // ---- the operator ----

  /**
   * Applies the operator's choice now when nothing holds them (no call, no after-call work they may not
   * leave); otherwise keeps it as the pending state for when the call and its wrap-up are over.
   */
  setState(request: AgentStateRequest): AgentStatus {
    const target = this.checked(request);
    if (restingStates.includes(this.current.state)) {
      this.pending = null;
      this.restIn(target, 'operator');
    } else if (this.current.state === 'wrapUp' && this.canLeaveAfterCallWork()) {
      // Optional after-call work: leaving it skips the wrap-up of the calls still open (their drafts stay).
      this.pending = null;
      this.restIn(target, 'operator');
    } else {
      this.pending = target;
      this.publish();
    }
    return this.status();
  }

  /** Sets (or clears) the state to take once the current — or next — call and its after-call work are over. */
  requestAfterCall(request: AgentStateRequest | null): AgentStatus {
    this.pending = request ? this.checked(request) : null;
    this.publish();
    return this.status();
  }

  // ---- the calls (seam 1: SipService and its calls:state events) ----

  /** Whether a new inbound call may ring: Not ready, Break, Wrap-up and Logged out refuse it; a second line during a call rings. */
  admitIncomingCall(): CallAdmission {
    const state = this.current.state;
    if (state === 'available' || state === 'ringing' || state === 'onCall') return { accept: true };
    const code = this.deps.settings.get('agent.unavailableCode');
    this.deps.logger.info('incoming call refused: agent not available', { state, reasonCode: this.current.reasonCode, code });
    return { accept: false, code };
  }

  /** Follows a calls:state event. */
  observeCall(view: CallView): void {
    if (this.closed || !this.started) return;
    if (this.previousAgentsCalls.has(view.id)) {
      if (view.state === 'ended') this.previousAgentsCalls.delete(view.id);
      return;
    }
    if (view.state === 'ended') {
      // A call refused before it rang (not ready, do not disturb, every line busy) was never the agent's.
      if (!this.liveCalls.delete(view.id)) return;
      if (view.answeredAt !== undefined) {
        this.lastConnected = view.id;
        if (!this.submitted.has(view.id) && !this.unwrapped.includes(view.id)) this.unwrapped.push(view.id);
      }
    } else {
      this.liveCalls.set(view.id, view);
      if (view.answeredAt !== undefined) this.lastConnected = view.id;
    }
    this.followCalls();
  }

  // ---- the wrap-up (seam 2) ----

  /** The wrap-up of `callId` was submitted (null: a wrap-up without a call, which holds no state). */
  wrapUpSubmitted(callId: string | null): void {
    if (this.closed || callId === null || restingStates.includes(this.current.state)) return;
    this.submitted.add(callId);
    this.unwrapped = this.unwrapped.filter((id) => id !== callId);
    if (this.current.state !== 'wrapUp' || !this.acw) return;
    if (this.acw.rules.mode !== 'timeboxed' && this.unwrapped.length === 0) {
      this.restAfterCall('operator');
    } else {
      // Still in wrap-up: for the next open call, or (time-boxed) until the time is up.
      this.enter({ state: 'wrapUp', reasonCode: null, callId: this.unwrapped.at(-1) ?? this.current.callId }, 'operator');
    }
  }

  // ---- internals ----

  private followCalls(): void {
    const live = [...this.liveCalls.values()];
    if (live.length > 0) {
      // A call placed during wrap-up (calling the customer back) ends that wrap-up's clock; the calls still
      // open are wrapped up together after this one.
      this.endAfterCallWork();
      const engaged = this.engagedCall(live);
      if (engaged) this.enter({ state: 'onCall', reasonCode: null, callId: engaged.id }, 'call');
      else {
        const ringing = live.find((call) => call.state === 'ringing') ?? live[0]!;
        this.enter({ state: 'ringing', reasonCode: null, callId: ringing.id }, 'call');
      }
      return;
    }
    if (this.current.state === 'ringing' || this.current.state === 'onCall') this.beginAfterCallWork();
  }

  /** The call the operator is busy with: the one talking, else one being answered, held or dialled. */
  private engagedCall(live: CallView[]): CallView | undefined {
    for (const state of engagedCallStates) {
      const call = live.find((candidate) => candidate.state === state);
      if (call) return call;
    }
    return undefined;
  }

  /** The last call ended: after-call work if a call was answered and needs it, else back to rest. */
  private beginAfterCallWork(): void {
    const rules = this.deps.settings.get('agent.afterCallWork');
    const needed = this.lastConnected !== null && (rules.mode === 'timeboxed' || this.unwrapped.length > 0);
    if (!needed) {
      this.restAfterCall('call');
      return;
    }
    // One reading of the clock: the deadline is exactly the limit after the Wrap-up row's time.
    const now = this.deps.clock.now();
    const limitMs = rules.limitSeconds * 1000;
    const deadline = limitMs > 0 ? now + limitMs : null;
    const timer = deadline === null ? undefined : this.deps.clock.setTimeout(() => this.afterCallWorkTimedOut(), limitMs);
    this.acw = { rules, deadline, timer };
    this.enter({ state: 'wrapUp', reasonCode: null, callId: this.unwrapped.at(-1) ?? this.lastConnected }, 'call', now);
  }

  private afterCallWorkTimedOut(): void {
    if (!this.acw || this.closed) return;
    const code = this.acw.rules.defaultDisposition;
    const unfiled = [...this.unwrapped];
    // Leave first: filing the default reports back through wrapUpSubmitted, which must find the agent at rest.
    this.restAfterCall('timeout');
    if (code === '' || unfiled.length === 0) return;
    const file = this.deps.fileDefaultDisposition;
    if (!file) {
      this.deps.logger.warn('after-call work ran out but no wrap-up service files the default disposition', { calls: unfiled });
      return;
    }
    for (const callId of unfiled) {
      try {
        file(callId, code);
      } catch (error) {
        this.deps.logger.error('default disposition could not be filed', {
          callId,
          code,
          error: error instanceof Error ? error.message : String(error),
        });
      }
    }
  }

  /**
   * Time-boxed work never ends early; otherwise the operator may leave once every call is wrapped up, or
   * at any time when the work is optional and no disposition is required.
   */
  private canLeaveAfterCallWork(): boolean {
    if (!this.acw) return true;
    const { mode, requireDisposition } = this.acw.rules;
    if (mode === 'timeboxed') return false;
    return this.unwrapped.length === 0 || (mode === 'optional' && !requireDisposition);
  }

  private endAfterCallWork(): void {
    this.acw?.timer?.cancel();
    this.acw = null;
  }

  /** The engagement is over: to the pending state if one was asked for, else back where the agent was. */
  private restAfterCall(cause: AgentStateCause): void {
    const target = this.pending ?? this.base;
    this.pending = null;
    this.restIn(target, cause);
  }

  private restIn(target: RestingState, cause: AgentStateCause): void {
    this.endAfterCallWork();
    this.unwrapped = [];
    this.submitted.clear();
    this.lastConnected = null;
    this.base = target;
    this.enter({ state: target.state, reasonCode: target.reasonCode, callId: null }, cause);
  }

  /** Moves to `next` (stored, with its outbox row) unless nothing changes, and tells the UI what changed. */
  private enter(next: Omit<CurrentState, 'since'>, cause: AgentStateCause, at = this.deps.clock.now()): void {
    const { state, reasonCode, callId } = this.current;
    if (state !== next.state || reasonCode !== next.reasonCode || callId !== next.callId) {
      this.record({ state: next.state, reasonCode: next.reasonCode, callId: next.callId, cause, at });
      this.current = { ...next, since: at };
      this.watchTimeLimit();
      this.deps.logger.info('agent state', { from: state, to: next.state, reasonCode: next.reasonCode, cause });
    }
    this.publish();
  }

  private record(change: Omit<AgentStateEventRow, 'id' | 'agent'>, agent = this.agent): void {
    try {
      this.deps.log.append({ id: newId(), agent, ...change });
    } catch (error) {
      // The phone must keep working on a full disk: the state changes, the log line says what was lost.
      this.deps.logger.error('agent state change not stored', {
        ...change,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }

  /** Not ready / Break with a reason that has a maximum duration: warn once when it is exceeded. */
  private watchTimeLimit(): void {
    this.limitTimer?.cancel();
    this.limitTimer = undefined;
    this.overLimit = false;
    const { state, reasonCode, since } = this.current;
    if ((state !== 'notReady' && state !== 'break') || reasonCode === null) return;
    const reason = this.deps.settings.get('agent.notReadyReasons').find((candidate) => candidate.code === reasonCode);
    if (reason?.maxDurationSeconds === undefined) return;
    const limitMs = reason.maxDurationSeconds * 1000;
    this.limitTimer = this.deps.clock.setTimeout(() => {
      this.limitTimer = undefined;
      this.overLimit = true;
      this.deps.logger.warn('agent over the time limit of a not-ready reason', {
        agent: this.agent,
        state,
        reasonCode,
        since,
        maxDurationSeconds: reason.maxDurationSeconds,
      });
      this.publish();
    }, limitMs);
  }

  private checked(request: AgentStateRequest): RestingState {
    const { state, reasonCode } = request;
    if (reasonCode === undefined) return { state, reasonCode: null };
    if (state !== 'notReady' && state !== 'break') {
      throw new CommandFailure('invalid_args', `A reason goes only with Not ready or Break, not with ${state}`, [
        { path: 'reasonCode', message: 'only for notReady and break' },
      ]);
    }
    const reason = this.deps.settings.get('agent.notReadyReasons').find((candidate) => candidate.code === reasonCode);
    if (!reason) {
      throw new CommandFailure('invalid_args', `There is no not-ready reason "${reasonCode}"`, [
        { path: 'reasonCode', message: 'not in agent.notReadyReasons' },
      ]);
    }
    if (reason.kind !== state) {
      throw new CommandFailure('invalid_args', `The reason "${reasonCode}" is a ${reason.kind} reason`, [
        { path: 'reasonCode', message: `belongs to ${reason.kind}` },
      ]);
    }
    return { state, reasonCode };
  }

  /**
   * Sessions the app never logged out (it was killed, the PC lost power) get their Logged out row, so every
   * session in the log ends with one: at the time the app was last seen running, not now, so the hours in
   * between are not counted as worked. The alive mark names the agent of that session: after a crash, the next
   * start may be another operator's.
   */
  private closeUnfinishedSessions(): void {
    let mark;
    try {
      mark = this.deps.aliveMark?.read();
    } catch (error) {
      this.deps.logger.warn('agent alive mark unreadable', { error: error instanceof Error ? error.message : String(error) });
    }
    const agents = new Set([this.agent, ...(mark ? [mark.agent] : [])]);
    for (const agent of agents) {
      let last: Pick<AgentStateEventRow, 'state' | 'at'> | undefined;
      try {
        last = this.deps.log.latest(agent);
      } catch (error) {
        this.deps.logger.error('agent state log unreadable', { error: error instanceof Error ? error.message : String(error) });
      }
      if (!last || last.state === 'loggedOut') continue;
      const lastSeen = mark?.agent === agent ? mark.at : last.at;
      const at = Math.min(Math.max(lastSeen, last.at), this.deps.clock.now());
      this.deps.logger.warn('the previous session ended without logging out', {
        agent,
        lastState: last.state,
        at: last.at,
        closedAt: at,
      });
      this.record({ state: 'loggedOut', reasonCode: null, callId: null, cause: 'system', at }, agent);
    }
  }

  /**
   * A new session: the agent starts in `agent.stateAtStart` — or, when the previous run stopped during after-call
   * work whose wrap-up is still not filed, goes on with that work (README: "Restart during after-call work").
   */
  private logIn(): void {
    const interrupted = this.interruptedAfterCallWork();
    this.current = { state: 'loggedOut', reasonCode: null, callId: null, since: this.deps.clock.now() };
    this.pending = null;
    const atStart: RestingState = { state: this.deps.settings.get('agent.stateAtStart'), reasonCode: null };
    if (!interrupted) {
      this.restIn(atStart, 'system');
      return;
    }
    // Straight into Wrap-up, where the agent comes back to rest afterwards: never Available for a moment in
    // between, when a call could be put through before the unfinished work is.
    this.base = atStart;
    this.resumeAfterCallWork(interrupted);
  }

  /**
   * The agent's log, newest first, past the rows restarts write (log-ins and log-outs, cause `system`): a run of
   * Wrap-up rows there is after-call work that never ended — the app quit, crashed or lost power during it. Any
   * other change (the operator left it, it timed out, a call came) means it ended. Calls already filed drop out.
   */
  private interruptedAfterCallWork(): InterruptedAfterCallWork | undefined {
    const filed = this.deps.wrapUpFiled;
    if (!filed) return undefined;
    try {
      let began: number | undefined;
      const callIds: string[] = [];
      for (const row of this.deps.log.recent(this.agent, INTERRUPTED_LOOKBACK_ROWS)) {
        if (row.state === 'wrapUp') {
          began = row.at;
          if (row.callId !== null && !callIds.includes(row.callId)) callIds.unshift(row.callId);
        } else if (row.cause !== 'system') {
          break;
        }
      }
      const open = callIds.filter((callId) => !filed(callId));
      return began === undefined || open.length === 0 ? undefined : { began, callIds: open };
    } catch (error) {
      this.deps.logger.error('unfinished after-call work could not be checked', {
        error: error instanceof Error ? error.message : String(error),
      });
      return undefined;
    }
  }

  /**
   * Wrap-up again for the calls of the interrupted after-call work, under today's `agent.afterCallWork`, with the
   * time limit counted from when that work first began (the time the app was down counts). A limit already past
   * runs out at once — on a timer, so the wrap-up service (made after this one at start-up) files the default.
   * Afterwards the agent rests in `agent.stateAtStart`, as after any start.
   */
  private resumeAfterCallWork({ began, callIds }: InterruptedAfterCallWork): void {
    const rules = this.deps.settings.get('agent.afterCallWork');
    const now = this.deps.clock.now();
    const deadline = rules.limitSeconds > 0 ? began + rules.limitSeconds * 1000 : null;
    const timer =
      deadline === null ? undefined : this.deps.clock.setTimeout(() => this.afterCallWorkTimedOut(), Math.max(0, deadline - now));
    this.unwrapped = [...callIds];
    this.lastConnected = callIds.at(-1) ?? null;
    this.acw = { rules, deadline, timer };
    this.deps.logger.warn('after-call work the previous run left unfinished goes on', {
      calls: callIds,
      began,
      deadline,
      mode: rules.mode,
    });
    this.enter({ state: 'wrapUp', reasonCode: null, callId: this.lastConnected }, 'system');
  }

  /** Another SIP user on this desk is another agent: log the old one out and the new one in. */
  private switchAgent(): void {
    const next = currentAgentId(this.deps.settings);
    if (this.closed || next === this.agent) return;
    if (this.current.state !== 'loggedOut') this.enter({ state: 'loggedOut', reasonCode: null, callId: null }, 'system');
    // The old account's calls are not the new agent's: the SIP connection keeps them until they end (a settings
    // change never cuts a call), and their updates must not put the new agent On call or into their wrap-up.
    for (const callId of this.liveCalls.keys()) this.previousAgentsCalls.add(callId);
    this.liveCalls.clear();
    this.agent = next;
    this.closeUnfinishedSessions();
    this.logIn();
    this.markAlive();
  }

  private stopTimers(): void {
    this.endAfterCallWork();
    this.limitTimer?.cancel();
    this.limitTimer = undefined;
    this.aliveTimer?.cancel();
    this.aliveTimer = undefined;
  }

  /** Rewrites the alive mark now and every minute while the app runs (see closeUnfinishedSessions). */
  private markAlive(): void {
    this.aliveTimer?.cancel();
    if (!this.deps.aliveMark || this.closed) return;
    this.deps.aliveMark.write({ agent: this.agent, at: this.deps.clock.now() });
    this.aliveTimer = this.deps.clock.setTimeout(() => this.markAlive(), aliveMarkIntervalMs);
  }

  /** Sends agent:state when anything the UI shows changed (calls:state events come often: mute, hold…). */
  private publish(): void {
    const status = this.status();
    const key = JSON.stringify(status);
    if (key === this.lastPublished) return;
    this.lastPublished = key;
    this.deps.events.emit('agent:state', status);
  }
}
