// Test support: a Clock whose time moves only when the test says so (timers fire in order on advance).
import type { Clock } from '../../electron/core/ports.js';

export class ManualClock implements Clock {
  private time = 1_700_000_000_000;
  private timers: { at: number; callback: () => void; cancelled: boolean }[] = [];

  now(): number {
    return this.time;
  }

  setTimeout(callback: () => void, ms: number): { cancel(): void } {
    const timer = { at: this.time + Math.max(0, ms), callback, cancelled: false };
    this.timers.push(timer);
    return { cancel: () => (timer.cancelled = true) };
  }

  /** Pending timers, soonest first. */
  pending(): number[] {
    return this.timers
      .filter((t) => !t.cancelled)
      .map((t) => t.at - this.time)
      .sort((a, b) => a - b);
  }

  advance(ms: number): void {
    const until = this.time + ms;
    for (;;) {
      const due = this.timers.filter((t) => !t.cancelled && t.at <= until).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.time = due.at;
      due.cancelled = true;
      due.callback();
    }
    this.time = until;
    this.timers = this.timers.filter((t) => !t.cancelled);
  }
}
