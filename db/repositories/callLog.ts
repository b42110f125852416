// The call log (calls table): one row per call, written with its outbox row. Plain Node.
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
}

export class CallLogRepository {
  private readonly outbox: OutboxWriter;
  private readonly insertCall: Database.Statement;

  constructor(sqlite: Database.Database) {
    this.outbox = new OutboxWriter(sqlite);
    this.insertCall =
      sqlite.prepare(`INSERT INTO calls (id, direction, raw_caller_id, e164, display_name, line, invite_at, answer_at,
      end_at, duration_ms, hung_up_by, sip_code, sip_reason, quality, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
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
      now,
    );
    this.outbox.append({ entity: 'call', entityId: call.id, operation: 'insert', payload: call }, now);
  }
}
