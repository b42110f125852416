// Writes every finished call from the SIP service into SQLite (calls table + outbox). Plain Node.
// Runs in the process that owns SIP, so calls are logged even when no window is open.
import type { AppDatabase } from '../../../db/database.js';
import { CallLogRepository } from '../../../db/repositories/callLog.js';
import type { QualitySummary } from '../../shared/callQuality.js';
import type { Logger } from '../ports.js';
import type { CallLogRecord, CallLogSink } from '../sip/callLog.js';

export class DatabaseCallLog implements CallLogSink {
  private readonly calls: CallLogRepository;

  constructor(
    private readonly database: AppDatabase,
    private readonly logger: Logger,
    /** The call's quality summary (CallQualityMonitor.finish), asked once as the call is logged. */
    private readonly qualityFor: (callId: string) => QualitySummary | null = () => null,
  ) {
    this.calls = new CallLogRepository(database.sqlite);
  }

  record(entry: CallLogRecord): void {
    try {
      this.database.sqlite
        .transaction(() =>
          this.calls.insert(
            {
              id: entry.id,
              direction: entry.direction,
              rawCallerId: entry.rawCallerId,
              e164: entry.remoteNumber ?? null,
              displayName: entry.displayName || null,
              line: entry.line,
              inviteAt: entry.invitedAt,
              answerAt: entry.answeredAt ?? null,
              endAt: entry.endedAt,
              durationMs: entry.durationMs,
              hungUpBy: entry.hungUpBy,
              sipCode: entry.sipCode ?? null,
              sipReason: entry.sipReason ?? entry.endReason,
              quality: this.qualityFor(entry.id),
              endReason: entry.endReason,
              conference: entry.conference === true,
            },
            entry.endedAt,
          ),
        )
        .immediate();
    } catch (error) {
      // The phone keeps working; the record is in the log line's ids for IT to recover.
      this.logger.error('call log write failed', { callId: entry.id, error: (error as Error).message });
    }
  }
}
