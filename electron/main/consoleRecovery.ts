// What Electron main does when the console window's renderer dies or hangs. Its page carries the calls' audio
// (the WebRTC media engine), so a crash must not leave calls "connected" in silence: the engine is detached at
// once (core then keeps the calls for its grace period and re-negotiates them into the reloaded page), and the
// window is reloaded — at most a few times a minute, so a crash loop ends in a dialog instead of spinning.
// Pure, so it is tested in plain Node; main.ts plugs it into webContents' render-process-gone / unresponsive.
import type { RenderProcessGoneDetails } from 'electron';

export type RendererGoneReason = RenderProcessGoneDetails['reason'];

/** At most `max` reloads within any `windowMs` (a sliding window over the last reloads). */
export class ReloadBudget {
  private readonly spentAt: number[] = [];

  constructor(
    readonly max = 3,
    readonly windowMs = 60_000,
  ) {}

  /** Spends one reload at `now` if the budget allows it. */
  take(now: number): boolean {
    while (this.spentAt.length > 0 && now - (this.spentAt[0] ?? now) >= this.windowMs) this.spentAt.shift();
    if (this.spentAt.length >= this.max) return false;
    this.spentAt.push(now);
    return true;
  }

  /** The operator asked for another try after a crash loop. */
  reset(): void {
    this.spentAt.length = 0;
  }
}

/**
 * - `reload`: reload the window (the page re-attaches its media engine and restores its state);
 * - `giveUp`: too many crashes (or one a reload cannot fix): ask the operator to reload once more or quit;
 * - `ignore`: the window is closing or the app quitting, nothing to bring back.
 * The media engine is detached in every case: the page that ran it is gone.
 */
export type RendererGoneAction = 'reload' | 'giveUp' | 'ignore';

export interface ConsoleState {
  /** The window is destroyed or closing. */
  windowClosing: boolean;
  /** The app is quitting (QuitFlow phase is not `running`). */
  quitting: boolean;
}

export class ConsoleRecovery {
  private hangQuestionOpen = false;

  constructor(private readonly budget = new ReloadBudget()) {}

  rendererGone(reason: RendererGoneReason, now: number, state: ConsoleState): RendererGoneAction {
    if (state.windowClosing || state.quitting) return 'ignore';
    // The renderer binary failed its code-integrity check: every reload fails the same way.
    if (reason === 'integrity-failure') return 'giveUp';
    return this.budget.take(now) ? 'reload' : 'giveUp';
  }

  /** After `giveUp` the operator chose to reload: a fresh budget for the next minute. */
  retry(): void {
    this.budget.reset();
  }

  /**
   * The renderer stopped responding. The media engine is NOT detached: audio runs on its own threads and a page
   * that comes back does not attach again, so detaching would end healthy calls after the grace period. The
   * operator is asked (wait / reload) once per hang; `ignore` while that question is open or when closing.
   */
  unresponsive(state: ConsoleState): 'ask' | 'ignore' {
    if (state.windowClosing || state.quitting || this.hangQuestionOpen) return 'ignore';
    this.hangQuestionOpen = true;
    return 'ask';
  }

  /** The renderer answers again: true when the open question should be dismissed. */
  responsive(): boolean {
    const wasOpen = this.hangQuestionOpen;
    this.hangQuestionOpen = false;
    return wasOpen;
  }

  /** The hang question was answered (or dismissed). */
  hangAnswered(): void {
    this.hangQuestionOpen = false;
  }
}
