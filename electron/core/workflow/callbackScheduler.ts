// The callback alarm clock: when a callback this operator may make (theirs or anyone's) falls due, it
// marks it `notified` (with its outbox row), sends `callbacks:due` so the console pops the customer's card,
// and asks the desktop notifier to show a system notification. Plain Node (core).
// The timer is re-armed from the table on start, so callbacks that fell due while the desk was closed
// fire at once on the next start, and nothing depends on a timer surviving a restart.
import type { AppDatabase } from '../../../db/database.js';
import { WrapUpRepository, type CallbackRow } from '../../../db/repositories/wrapUps.js';
import { CommandFailure } from '../../shared/ipc/result.js';
import { wrapUpLimits, type CallbackView } from '../../shared/ipc/wrapUp.js';
import type { Clock, EventSink, Logger } from '../ports.js';

/** A system notification for a due callback (Electron's Notification in main); absent in browser mode. */
export interface CallbackNotifier {
  notify(callback: CallbackView): void;
}

export interface CallbackSchedulerOptions {
  database: Pick<AppDatabase, 'sqlite'>;
  clock: Clock;
  events: EventSink;
  logger: Logger;
  agent: () => string;
  notifier?: CallbackNotifier | undefined;
}

/**
 * The longest single wait. Node timers overflow past 2^31-1 ms (~24.8 days) and fire at once; and a
 * laptop that slept may resume with a timer that no longer matches the wall clock. Waking hourly to
 * re-read the table costs nothing and bounds both.
 */
export const MAX_WAIT_MS = 60 * 60 * 1000;
/** Callbacks handled per wake-up; more due than this are handled on the immediate next one. */
const BATCH = 100;

export function callbackView(row: CallbackRow): CallbackView {
  return {
    id: row.id,
    customerId: row.customerId,
    customerName: row.customerName,
    e164: row.e164,
    dueAt: row.dueAt,
    assignee: row.assignee,
    createdBy: row.createdBy,
    note: row.note,
    status: row.status,
    callId: row.callId,
    interactionId: row.interactionId,
    createdAt: row.createdAt,
  };
}

export class CallbackScheduler {
  private readonly repository: WrapUpRepository;
  private timer: { cancel(): void } | undefined;
  private running = false;

  constructor(private readonly options: CallbackSchedulerOptions) {
    this.repository = new WrapUpRepository(options.database.sqlite);
  }

  /** Fires what is already due, then waits for the next one. */
  start(): void {
    this.running = true;
    this.wake();
  }

  stop(): void {
    this.running = false;
    this.timer?.cancel();
    this.timer = undefined;
  }

  /** Callbacks were added or changed (a submit, another desk's sync, the agent changed): re-read the table. */
  reschedule(): void {
    if (this.running) this.wake();
  }

  /** Callbacks still to make — mine, anyone's, or both — soonest first. */
  list(scope: 'mine' | 'anyone' | 'all'): CallbackView[] {
    return this.repository
      .openCallbacks(this.options.agent(), { mine: scope !== 'anyone', anyone: scope !== 'mine' }, wrapUpLimits.callbacks)
      .map(callbackView);
  }

  /** Done (called back) or cancelled; an already closed callback answers `conflict`. */
  setStatus(id: string, status: 'done' | 'cancelled'): CallbackView {
    const current = this.repository.callbackById(id);
    if (!current) throw new CommandFailure('not_found', 'No such callback');
    if (current.status === 'done' || current.status === 'cancelled')
      throw new CommandFailure('conflict', `The callback is already ${current.status}`);
    const changed = this.repository.transaction(() =>
      this.repository.setCallbackStatus(current, status, this.options.clock.now()),
    );
    if (!changed) throw new CommandFailure('conflict', 'The callback changed meanwhile; reload it');
    this.options.events.emit('callbacks:changed', { ids: [id] });
    this.reschedule();
    return callbackView(this.repository.callbackById(id)!);
  }

  private wake(): void {
    this.timer?.cancel();
    this.timer = undefined;
    const { clock, logger } = this.options;
    let fired: CallbackView[] = [];
    try {
      fired = this.fireDue();
    } catch (error) {
      logger.error('callback scheduler failed to read or mark due callbacks', { error: (error as Error).message });
    }
    if (fired.length > 0) this.options.events.emit('callbacks:changed', { ids: fired.map((c) => c.id) });
    if (!this.running) return;
    if (fired.length === BATCH) {
      this.timer = clock.setTimeout(() => this.wake(), 0);
      return;
    }
    let next: number | undefined;
    try {
      next = this.repository.nextDueAt(this.options.agent());
    } catch (error) {
      logger.error('callback scheduler failed to read the next due time', { error: (error as Error).message });
    }
    const wait = next === undefined ? MAX_WAIT_MS : Math.min(MAX_WAIT_MS, Math.max(0, next - clock.now()));
    this.timer = clock.setTimeout(() => this.wake(), wait);
  }

  /** Marks every due callback `notified` (one transaction), then tells the console and the notifier. */
  private fireDue(): CallbackView[] {
    const { clock, events, logger, notifier } = this.options;
    const now = clock.now();
    const agent = this.options.agent();
    const notified = this.repository.transaction(() =>
      this.repository
        .dueCallbacks(agent, now, BATCH)
        .filter((row) => this.repository.setCallbackStatus(row, 'notified', now))
        .map((row) => this.repository.callbackById(row.id)!),
    );
    const views = notified.map(callbackView);
    for (const view of views) {
      events.emit('callbacks:due', view);
      try {
        notifier?.notify(view);
      } catch (error) {
        logger.warn('callback notification failed', { callbackId: view.id, error: (error as Error).message });
      }
    }
    return views;
  }
}
