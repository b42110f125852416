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

  constructor(sqlite: Database.Database) {
    this.outbox = new OutboxWriter(sqlite);
    this.insertCall =
      sqlite.prepare(`INSERT INTO calls (id, direction, raw_caller_id, e164, display_name, line, invite_at, answer_at,
      end_at, duration_ms, hung_up_by, sip_code, sip_reason, quality, end_reason, conference, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    // invite_at has an index; the id (UUIDv7, time-ordered) breaks ties between calls of the same millisecond.
    this.selectNewest = sqlite.prepare(`SELECT id, direction, raw_caller_id, e164, display_name, line, invite_at, answer_at,
      end_at, duration_ms, hung_up_by, sip_code, sip_reason, quality, end_reason, conference FROM calls
      ORDER BY invite_at DESC, id DESC LIMIT ?`);
  }

  /** The newest calls first (by the time the INVITE arrived or was sent). */
  listNewest(options: CallLogListOptions): CallRecord[] {
    return this.selectNewest.all(options.limit).map((row) => ({
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
    }));
  }

  /** Inserts a finished call and its outbox row; call inside the caller's transaction when it writes more. */
  insert(call: CallRecord, now: number): void {
    this.insertCall.run(
      call.id,
      call.direction,
      call.rawCallerId,
      call.e164,
      call.displayName,
      call.line,
      call.inviteAt,
      call.answerAt,
      call.endAt,
      call.durationMs,
      call.hungUpBy,
      call.sipCode,
      call.sipReason,
      call.quality === null || call.quality === undefined ? null : JSON.stringify(call.quality),
      call.endReason ?? null,
      call.conference === true ? 1 : 0,
      now,
    );
    this.outbox.append({ entity: 'call', entityId: call.id, operation: 'insert', payload: call }, now);
  }
}
