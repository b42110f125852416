// Progress reports of the customer import and export (CLI line, UI dialog), throttled. Plain Node (core).
// A million-row import reaches its row counter a million times; the listener (an IPC event, a terminal
// line) must see a handful of calls a second, not slow the loop down.

/** What a long import/export is doing: `checking` (pass 1, nothing written), `writing`, `indexing`, `exporting`. */
export type CustomerFilePhase = 'checking' | 'writing' | 'indexing' | 'exporting';

export interface CustomerFileProgress {
  phase: CustomerFilePhase;
  rowsDone: number;
  /** Unknown while checking (the file is being counted); known while writing, indexing and exporting. */
  rowsTotal?: number;
}

/** At most one call per this many ms (~10 a second), plus every phase change and one final call. */
export const PROGRESS_INTERVAL_MS = 100;

export interface ThrottledProgress<P extends CustomerFileProgress> {
  (progress: P): void;
  /** Sends the last report if the throttle held it back: the final state always reaches the listener. */
  flush(): void;
}

export function throttleProgress<P extends CustomerFileProgress>(
  listener: ((progress: P) => void) | undefined,
  intervalMs = PROGRESS_INTERVAL_MS,
): ThrottledProgress<P> {
  let lastSent = -Infinity;
  let lastPhase: CustomerFilePhase | undefined;
  let lastRows: number | undefined;
  let pending: P | undefined;
  const send = (progress: P) => {
    pending = undefined;
    lastSent = performance.now();
    lastPhase = progress.phase;
    lastRows = progress.rowsDone;
    listener?.(progress);
  };
  const report = ((progress: P) => {
    if (!listener) return;
    if (progress.phase !== lastPhase) send(progress);
    else if (progress.rowsDone === lastRows && progress.rowsTotal !== undefined)
      pending = undefined; // nothing new
    else if (performance.now() - lastSent >= intervalMs) send(progress);
    else pending = progress;
  }) as ThrottledProgress<P>;
  report.flush = () => {
    if (pending) send(pending);
  };
  return report;
}
