// Writes every call from the SIP service into SQLite. Plain Node; runs in the process that owns SIP, so calls are
// logged even when no window is open. A call's row is written as it starts (notes, tickets and drafts of a live
// call point at it) and completed when it ends, with its one outbox row; calls left open by a crash are closed
// as interrupted at the next start.
import type { AppDatabase } from '../../../db/database.js';
import { CallLogRepository } from '../../../db/repositories/callLog.js';
import type { QualitySummary } from '../../shared/callQuality.js';
import type { CallView } from '../../shared/ipc/softphone.js';
import type { Logger } from '../ports.js';
import type { CallLogRecord, CallLogSink } from '../sip/callLog.js';

export class DatabaseCallLog implements CallLogSink {
  private readonly calls: CallLogRepository;
  /** Calls whose answer time is already in their row (calls:state repeats it with every later change). */
  private readonly answerLogged = new Set<string>();

  constructor(
    private readonly database: AppDatabase,
    private readonly logger: Logger,
    /** The call's quality summary (CallQualityMonitor.finish), asked once as the call is logged. */
    private readonly qualityFor: (callId: string) => QualitySummary | null = () => null,
  ) {
    this.calls = new CallLogRepository(database.sqlite);
  }

  /** Closes calls a previous run left open (crash, power cut); returns how many. */
  closeInterrupted(now: number): number {
    try {
      const closed = this.database.sqlite.transaction(() => this.calls.closeInterrupted(now)).immediate();
      if (closed > 0) this.logger.warn('calls left open by the previous run closed as interrupted', { calls: closed });
      return closed;
    } catch (error) {
      this.logger.error('closing interrupted calls failed', { error: (error as Error).message });
      return 0;
    }
  }

  /**
   * The first state of a call (ringing, dialing): its row, without outbox (the centre gets it finished); then its
   * answer time once it is answered.
   */
  started(view: CallView, now: number): void {
    if (view.state === 'ended') {
      this.answerLogged.delete(view.id);
      return;
    }
    try {
      this.calls.insertStarted(
        {
          id: view.id,
          direction: view.direction,
          rawCallerId: view.remoteUri,
          e164: view.remoteNumber ?? null,
          displayName: view.displayName || null,
          line: view.line,
          inviteAt: view.invitedAt,
        },
        now,
      );
      if (view.answeredAt !== undefined && !this.answerLogged.has(view.id)) {
        this.calls.markAnswered(view.id, view.answeredAt);
        this.answerLogged.add(view.id);
      }
    } catch (error) {
      this.logger.error('call start not logged', { callId: view.id, error: (error as Error).message });
    }
  }

  record(entry: CallLogRecord): void {
    try {
      this.database.sqlite
        .transaction(() =>
          this.calls.finish(
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
