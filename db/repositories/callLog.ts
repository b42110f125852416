// The call log (calls table): one row per call, written with its outbox row, read newest first. Plain Node.
// The softphone (issue 3) owns when calls are written; the customer history and the demo use the same insert.
import type Database from 'better-sqlite3';
import { OutboxWriter } from './outboxWriter.js';

export interface CallRecord {
  id: string;
  direction: 'inbound' | 'outbound';
  rawCallerId: string | null;
  e164: string | null;
  displayName: string | null;
  line: number | null;
  inviteAt: number;
  answerAt: number | null;
  endAt: number | null;
  durationMs: number | null;
  hungUpBy: 'local' | 'remote' | 'system' | null;
  sipCode: number | null;
  sipReason: string | null;
  quality: unknown;
  /** The softphone's end reason (completed, missed, transferred, failed, …); absent on older writers. */
  endReason?: string | null;
  /** Part of the local 3-way conference at some point. */
  conference?: boolean;
}

/** Read-only queries run outside the write transaction (the CLI, diagnostics). */
export interface CallLogListOptions {
  /** At most this many rows, newest first. */
  limit: number;
}

interface CallRow {
  id: string;
  direction: 'inbound' | 'outbound';
  raw_caller_id: string | null;
  e164: string | null;
  display_name: string | null;
  line: number | null;
  invite_at: number;
  answer_at: number | null;
  end_at: number | null;
  duration_ms: number | null;
  hung_up_by: 'local' | 'remote' | 'system' | null;
  sip_code: number | null;
  sip_reason: string | null;
  quality: string | null;
  end_reason: string | null;
  conference: number;
}

const callColumns = `id, direction, raw_caller_id, e164, display_name, line, invite_at, answer_at, end_at, duration_ms, hung_up_by,
  sip_code, sip_reason, quality, end_reason, conference`;

/** Why a call that was live when AgentDesk stopped has no proper end. */
const interruptedReason = 'AgentDesk stopped during the call';

/** A call record as the named parameters of the insert and the completing update. */
function callParameters(call: CallRecord) {
  return {
    id: call.id,
    direction: call.direction,
    rawCallerId: call.rawCallerId,
    e164: call.e164,
    displayName: call.displayName,
    line: call.line,
    inviteAt: call.inviteAt,
    answerAt: call.answerAt,
    endAt: call.endAt,
    durationMs: call.durationMs,
    hungUpBy: call.hungUpBy,
    sipCode: call.sipCode,
    sipReason: call.sipReason,
    quality: call.quality === null || call.quality === undefined ? null : JSON.stringify(call.quality),
    endReason: call.endReason ?? null,
    conference: call.conference === true ? 1 : 0,
  };
}

/** The stored quality JSON, or null when it is missing or unreadable (a bad row must not hide the others). */
function parseQuality(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

export class CallLogRepository {
  private readonly outbox: OutboxWriter;
  private readonly insertCall: Database.Statement;
  private readonly selectNewest: Database.Statement<[number], CallRow>;
  private readonly selectNewestOutbound: Database.Statement<[], CallRow>;
  private readonly insertStartedCall: Database.Statement;
  private readonly completeCall: Database.Statement;
  private readonly answerCall: Database.Statement;
  private readonly selectOpen: Database.Statement<[], CallRow>;
  private readonly markInterrupted: Database.Statement;

  constructor(sqlite: Database.Database) {
    this.outbox = new OutboxWriter(sqlite);
    this.insertCall = sqlite.prepare(`INSERT INTO calls (id, direction, raw_caller_id, e164, display_name, line, invite_at, answer_at,
      end_at, duration_ms, hung_up_by, sip_code, sip_reason, quality, end_reason, conference, created_at)
      VALUES (@id, @direction, @rawCallerId, @e164, @displayName, @line, @inviteAt, @answerAt, @endAt, @durationMs, @hungUpBy,
      @sipCode, @sipReason, @quality, @endReason, @conference, @createdAt)`);
    this.insertStartedCall = sqlite.prepare(`INSERT OR IGNORE INTO calls (id, direction, raw_caller_id, e164, display_name, line,
      invite_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
    this.completeCall = sqlite.prepare(`UPDATE calls SET raw_caller_id = @rawCallerId, e164 = @e164, display_name = @displayName,
      line = @line, answer_at = @answerAt, end_at = @endAt, duration_ms = @durationMs, hung_up_by = @hungUpBy, sip_code = @sipCode,
      sip_reason = @sipReason, quality = @quality, end_reason = @endReason, conference = @conference
      WHERE id = @id AND hung_up_by IS NULL`);
    this.answerCall = sqlite.prepare('UPDATE calls SET answer_at = ? WHERE id = ? AND answer_at IS NULL AND hung_up_by IS NULL');
    this.selectOpen = sqlite.prepare(`SELECT ${callColumns} FROM calls WHERE hung_up_by IS NULL`);
    this.markInterrupted = sqlite.prepare(
      `UPDATE calls SET hung_up_by = 'system', end_reason = 'interrupted', sip_reason = '${interruptedReason}' WHERE id = ?`,
    );
    // invite_at has an index; the id (UUIDv7, time-ordered) breaks ties between calls of the same millisecond.
    this.selectNewest = sqlite.prepare(`SELECT ${callColumns} FROM calls ORDER BY invite_at DESC, id DESC LIMIT ?`);
    this.selectNewestOutbound = sqlite.prepare(
      `SELECT ${callColumns} FROM calls WHERE direction = 'outbound' ORDER BY invite_at DESC, id DESC LIMIT 1`,
    );
  }

  /** The newest calls first (by the time the INVITE arrived or was sent). */
  listNewest(options: CallLogListOptions): CallRecord[] {
    return this.selectNewest.all(options.limit).map((row) => this.rowToRecord(row));
  }

  /** The newest outbound call (what the headset's Redial calls again after a restart), or undefined. */
  newestOutbound(): CallRecord | undefined {
    const row = this.selectNewestOutbound.get();
    return row === undefined ? undefined : this.rowToRecord(row);
  }

  private rowToRecord(row: CallRow): CallRecord {
    return {
      id: row.id,
      direction: row.direction,
      rawCallerId: row.raw_caller_id,
      e164: row.e164,
      displayName: row.display_name,
      line: row.line,
      inviteAt: row.invite_at,
      answerAt: row.answer_at,
      endAt: row.end_at,
      durationMs: row.duration_ms,
      hungUpBy: row.hung_up_by,
      sipCode: row.sip_code,
      sipReason: row.sip_reason,
      quality: parseQuality(row.quality),
      endReason: row.end_reason,
      conference: row.conference === 1,
    };
  }

  /**
   * The call's row as it starts ringing or dialing, so notes, tickets and drafts of a live call can point at it.
   * No outbox row yet: the centre receives a call once, finished (finish()). A second start is ignored.
   */
  insertStarted(call: Pick<CallRecord, 'id' | 'direction' | 'rawCallerId' | 'e164' | 'displayName' | 'line' | 'inviteAt'>, now: number): void {
    this.insertStartedCall.run(call.id, call.direction, call.rawCallerId, call.e164, call.displayName, call.line, call.inviteAt, now);
  }

  /**
   * The started call was answered: its row keeps the answer time, so a call cut short by a crash is still known
   * to have been talked (not missed) when closeInterrupted() closes it.
   */
  markAnswered(callId: string, answerAt: number): void {
    this.answerCall.run(answerAt, callId);
  }

  /** A finished call: completes its started row (or inserts it) and adds its one outbox row. In a transaction. */
  finish(call: CallRecord, now: number): void {
    const updated = this.completeCall.run(callParameters(call));
    if (updated.changes === 0) return this.insert(call, now);
    this.outbox.append({ entity: 'call', entityId: call.id, operation: 'insert', payload: call }, now);
  }

  /**
   * Calls that were live when AgentDesk stopped (crash, power cut): closed as interrupted by the system, with
   * their outbox rows, at the next start. Their end time is unknown and stays empty. Returns how many.
   */
  closeInterrupted(now: number): number {
    const open = this.selectOpen.all();
    for (const row of open) {
      this.markInterrupted.run(row.id);
      const call = this.rowToRecord({ ...row, hung_up_by: 'system', end_reason: 'interrupted', sip_reason: interruptedReason });
      this.outbox.append({ entity: 'call', entityId: call.id, operation: 'insert', payload: call }, now);
    }
    return open.length;
  }

  /** Inserts a finished call and its outbox row; call inside the caller's transaction when it writes more. */
  insert(call: CallRecord, now: number): void {
    this.insertCall.run({ ...callParameters(call), createdAt: now });
    this.outbox.append({ entity: 'call', entityId: call.id, operation: 'insert', payload: call }, now);
  }
}
