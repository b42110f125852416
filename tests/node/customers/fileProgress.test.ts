// The import/export progress throttle: a handful of calls a second however fast the rows go, every phase
// change at once, and the final state always delivered.
import { describe, expect, it } from 'vitest';
import { throttleProgress, type CustomerFileProgress } from '../../../electron/core/customers/fileProgress.js';

describe('throttleProgress', () => {
  it('passes phase changes at once, holds the rest to one per interval, and flushes the last', () => {
    const seen: CustomerFileProgress[] = [];
    const report = throttleProgress<CustomerFileProgress>((p) => seen.push(p), 60_000);
    for (let rowsDone = 0; rowsDone <= 100_000; rowsDone += 100) report({ phase: 'checking', rowsDone });
    report({ phase: 'writing', rowsDone: 0, rowsTotal: 100_000 });
    report({ phase: 'writing', rowsDone: 50_000, rowsTotal: 100_000 });
    report({ phase: 'writing', rowsDone: 100_000, rowsTotal: 100_000 });
    report.flush();
    expect(seen).toEqual([
      { phase: 'checking', rowsDone: 0 },
      { phase: 'writing', rowsDone: 0, rowsTotal: 100_000 },
      { phase: 'writing', rowsDone: 100_000, rowsTotal: 100_000 },
    ]);
  });

  it('sends again once the interval has passed, and never the same report twice', async () => {
    const seen: number[] = [];
    const report = throttleProgress<CustomerFileProgress>((p) => seen.push(p.rowsDone), 20);
    report({ phase: 'exporting', rowsDone: 1, rowsTotal: 3 });
    report({ phase: 'exporting', rowsDone: 2, rowsTotal: 3 });
    await new Promise((resolve) => setTimeout(resolve, 30));
    report({ phase: 'exporting', rowsDone: 3, rowsTotal: 3 });
    report({ phase: 'exporting', rowsDone: 3, rowsTotal: 3 });
    report.flush();
    expect(seen).toEqual([1, 3]);
  });

  it('does nothing without a listener', () => {
    const report = throttleProgress(undefined);
    expect(() => {
      report({ phase: 'checking', rowsDone: 1 });
      report.flush();
    }).not.toThrow();
  });
});
