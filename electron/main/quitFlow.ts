// Quitting without dropping calls. Electron main's decisions when the operator closes the window or quits:
// ask first while a call is live, then hold the quit until core has hung up (BYE), unregistered, written the
// "Logged out" row and reset the headset, with a hard timeout so a dead network cannot hang the quit.
// Pure (timers through the Clock port), so it is tested in plain Node; main.ts plugs it into Electron's events.
import type { Clock, Logger } from '../core/ports.js';

/** How long quitting waits for core to close before the app exits anyway. */
export const CORE_CLOSE_TIMEOUT_MS = 5_000;

export interface QuitFlowDeps {
  /** Calls with someone on the other end right now (DeskWatch.liveCalls). */
  liveCalls(): number;
  /** core.close(): hang up, unregister, log the agent out, reset the headset. */
  closeCore(): Promise<void> | void;
  /** Ends the process for real (app.exit), once core closed or the timeout passed. */
  exit(): void;
  clock: Clock;
  logger: Logger;
  timeoutMs?: number;
}

/**
 * What to do with a close or quit request:
 * - `proceed`: let it happen;
 * - `ask`: prevent it and ask the operator (then call `answered`);
 * - `hold`: prevent it, the question is already on screen (a second Alt+F4 must not open a second dialog).
 */
export type CloseVerdict = 'proceed' | 'ask' | 'hold';

/** `running` → (will-quit) `closingCore` → (core closed or timed out) `exiting`. */
export type QuitPhase = 'running' | 'closingCore' | 'exiting';

export class QuitFlow {
  private asking = false;
  private confirmed = false;
  private state: QuitPhase = 'running';

  constructor(private readonly deps: QuitFlowDeps) {}

  get phase(): QuitPhase {
    return this.state;
  }

  /** The window is about to close, or the app to quit with no window to close (macOS, window already closed). */
  closeRequested(): CloseVerdict {
    // Once core is closing, the calls are being hung up already: nothing left to ask.
    if (this.state !== 'running' || this.confirmed) return 'proceed';
    if (this.asking) return 'hold';
    if (this.deps.liveCalls() === 0) return 'proceed';
    this.asking = true;
    return 'ask';
  }

  /** The operator's answer to the question `ask` put up: true = hang up and quit (the caller then quits the app). */
  answered(hangUpAndQuit: boolean): void {
    this.asking = false;
    if (hangUpAndQuit) this.decided();
  }

  /** The operator chose to quit in another dialog (e.g. after a crash loop): closing asks nothing more. */
  decided(): void {
    this.confirmed = true;
  }

  /**
   * The system is ending the session (shutdown, logoff, SIGTERM from a service manager): nobody is there to
   * answer a question, and a dialog would hold up the logoff. Quit without asking; core still hangs up and
   * unregisters on the way out (within the timeout).
   */
  systemEnding(why: string): void {
    this.deps.logger.warn('the system is ending the session: quitting without asking', { why, liveCalls: this.deps.liveCalls() });
    this.confirmed = true;
  }

  /**
   * Electron's will-quit (every window is closed): `wait` means preventDefault — the first time it starts closing
   * core and exits when that is done; later requests (the operator quits again, the OS asks again) only wait for
   * the same close. `exit` lets the quit go on (only after core is done).
   */
  willQuit(): 'wait' | 'exit' {
    if (this.state === 'exiting') return 'exit';
    if (this.state === 'closingCore') {
      this.deps.logger.info('quit requested again while core is closing: still waiting');
      return 'wait';
    }
    this.state = 'closingCore';
    this.closeCoreThenExit();
    return 'wait';
  }

  private closeCoreThenExit(): void {
    const { clock, logger } = this.deps;
    const timeoutMs = this.deps.timeoutMs ?? CORE_CLOSE_TIMEOUT_MS;
    const startedAt = clock.now();
    const finish = (outcome: 'closed' | 'failed' | 'timed out', error?: unknown) => {
      if (this.state === 'exiting') return;
      this.state = 'exiting';
      timer.cancel();
      const fields = { ms: clock.now() - startedAt, ...(error === undefined ? {} : { error: errorText(error) }) };
      if (outcome === 'closed') logger.info('core closed, quitting', fields);
      else logger.warn(`core close ${outcome}, quitting anyway`, { ...fields, timeoutMs });
      this.deps.exit();
    };
    // Declared after `finish`, which only runs later (a timer or a settled promise), never during this call.
    const timer = clock.setTimeout(() => finish('timed out'), timeoutMs);
    logger.info('quitting: closing core (hang up, unregister, log out)', { liveCalls: this.deps.liveCalls() });
    // Through a promise, so a close that throws at once is handled like one that fails later.
    Promise.resolve()
      .then(() => this.deps.closeCore())
      .then(
        () => finish('closed'),
        (error: unknown) => finish('failed', error),
      );
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
