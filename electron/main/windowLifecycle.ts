// Plugs the lifecycle decisions into Electron: the console window's close (asks while a call is live), its renderer
// crashing or hanging (./consoleRecovery.ts), and the app's quit (waits for core to close, ./quitFlow.ts).
// Electron main only; the decisions are pure and tested in plain Node, this file only shows dialogs and acts.
import type { App, BrowserWindow, Dialog, MessageBoxOptions, PowerMonitor } from 'electron';
import type { Clock, Logger } from '../core/ports.js';
import type { ConsoleRecovery } from './consoleRecovery.js';
import type { MediaWindowLink } from './coreConnection.js';
import type { MainStrings } from './mainStrings.js';
import type { QuitFlow } from './quitFlow.js';

export interface LifecycleDeps {
  app: Pick<App, 'on' | 'quit'>;
  dialog: Pick<Dialog, 'showMessageBox'>;
  quit: QuitFlow;
  recovery: ConsoleRecovery;
  clock: Clock;
  logger: Logger;
  /** Main's texts in the desk's language now (it may change while the app runs). */
  text(): MainStrings;
  /** How many windows are open. */
  windowCount(): number;
}

/** The app's quit: asks first when no window can (macOS), then holds the quit until core has closed. */
export function guardQuit(deps: LifecycleDeps): void {
  deps.app.on('before-quit', (event) => {
    // With a window open, its close handler asks (Electron closes the windows next, and a refused close cancels
    // the quit). Without one (macOS: the window was closed, the app lives on) the question is asked here.
    if (deps.windowCount() === 0) confirmClose(event, null, deps);
  });
  deps.app.on('will-quit', (event) => {
    if (deps.quit.willQuit() === 'wait') event.preventDefault();
  });
  // Logoff and shutdown quit without a question (QuitFlow.systemEnding): Windows says so through each window's
  // session-end, a service manager or `kill` through SIGTERM; Linux and macOS through powerMonitor, which can
  // only be used once the app is ready (guardSystemShutdown).
  process.once('SIGTERM', () => endOfSession(deps, 'SIGTERM'));
  deps.app.on('browser-window-created', (_event, window) => {
    // Windows asks first (query-session-end) and may end the process soon after session-end: the close starts at
    // the question, without refusing the logoff, so core has the most time to hang up and unregister.
    window.on('query-session-end', () => endOfSession(deps, 'query-session-end'));
    window.on('session-end', () => endOfSession(deps, 'session-end'));
  });
}

/** After `ready`: the system's shutdown or reboot (Linux, macOS) quits without asking. */
export function guardSystemShutdown(deps: LifecycleDeps, powerMonitor: Pick<PowerMonitor, 'on'>): void {
  // electron.d.ts types the listener without arguments, but Electron passes an event whose preventDefault asks the
  // system (Linux: a logind delay lock) to wait until the app has quit.
  powerMonitor.on('shutdown', (event?: { preventDefault(): void }) => {
    event?.preventDefault();
    endOfSession(deps, 'shutdown');
  });
}

function endOfSession(deps: LifecycleDeps, why: string): void {
  if (deps.quit.phase !== 'running') return; // already on the way out (Windows says it twice)
  deps.quit.systemEnding(why);
  deps.app.quit();
}

/** Guards the console window: confirmation on close, recovery from a renderer crash or hang. */
export function guardConsoleWindow(window: BrowserWindow, media: MediaWindowLink | undefined, deps: LifecycleDeps): void {
  const { logger, recovery } = deps;
  let closing = false;
  const state = () => ({ windowClosing: closing || window.isDestroyed(), quitting: deps.quit.phase !== 'running' });

  window.on('close', (event) => {
    if (confirmClose(event, window, deps)) closing = true;
  });

  window.webContents.on('render-process-gone', (_event, details) => {
    const action = recovery.rendererGone(details.reason, deps.clock.now(), state());
    logger.error('console renderer gone', { reason: details.reason, exitCode: details.exitCode, action });
    // Whatever comes next, the page that ran the calls' audio is gone: core starts its grace period now.
    media?.engineGone(`the console renderer is gone (${details.reason}, exit code ${details.exitCode})`);
    if (action === 'reload') window.webContents.reload();
    else if (action === 'giveUp') askAfterCrashLoop(window, details.reason, deps);
  });

  // A hung page is asked about, not detached: see ConsoleRecovery.unresponsive.
  let hangQuestion: AbortController | null = null;
  window.on('unresponsive', () => {
    logger.warn('console window unresponsive');
    if (recovery.unresponsive(state()) !== 'ask') return;
    const question = new AbortController();
    hangQuestion = question;
    const text = deps.text();
    void deps.dialog
      .showMessageBox(window, {
        ...dialogBase,
        message: text.consoleHungTitle,
        detail: text.consoleHungDetail,
        buttons: [text.wait, text.reload],
        defaultId: 0,
        cancelId: 0,
        signal: question.signal,
      })
      .then(
        ({ response }) => {
          if (hangQuestion === question) hangQuestion = null;
          if (question.signal.aborted) return;
          recovery.hangAnswered();
          if (response !== 1 || window.isDestroyed()) return;
          logger.warn('console window reloaded at the operator\'s request while unresponsive');
          // A hung renderer cannot run a reload itself; crashing it leads to render-process-gone above, which
          // detaches the media engine and reloads (within the same budget as real crashes).
          window.webContents.forcefullyCrashRenderer();
        },
        (error: unknown) => {
          recovery.hangAnswered();
          logger.warn('unresponsive-window dialog failed', { error: String(error) });
        },
      );
  });
  window.on('responsive', () => {
    logger.info('console window responsive again');
    if (recovery.responsive()) hangQuestion?.abort();
  });
}

const dialogBase = { type: 'warning', title: 'AgentDesk', noLink: true } as const satisfies Partial<MessageBoxOptions>;

/**
 * Lets a close/quit go on (true), or prevents it (false) and asks the operator; a yes quits the app (core then
 * hangs up).
 */
function confirmClose(event: { preventDefault(): void }, parent: BrowserWindow | null, deps: LifecycleDeps): boolean {
  const verdict = deps.quit.closeRequested();
  if (verdict === 'proceed') return true;
  event.preventDefault();
  if (verdict === 'hold') return false;
  const text = deps.text();
  const options: MessageBoxOptions = {
    ...dialogBase,
    message: text.quitDuringCallTitle,
    detail: text.quitDuringCallDetail,
    buttons: [text.hangUpAndQuit, text.stayOnCall],
    // Enter and Esc keep the call: only a deliberate click hangs up.
    defaultId: 1,
    cancelId: 1,
  };
  // Asynchronous on purpose: a synchronous dialog would stop main's event loop, and with it core's SIP signalling.
  const shown = parent && !parent.isDestroyed() ? deps.dialog.showMessageBox(parent, options) : deps.dialog.showMessageBox(options);
  void shown.then(
    ({ response }) => {
      const hangUpAndQuit = response === 0;
      deps.quit.answered(hangUpAndQuit);
      deps.logger.info('quit during a call', { confirmed: hangUpAndQuit });
      if (hangUpAndQuit) deps.app.quit();
    },
    (error: unknown) => {
      deps.quit.answered(false);
      deps.logger.warn('quit confirmation dialog failed', { error: String(error) });
    },
  );
  return false;
}

/** The budget of reloads is spent: the operator reloads once more, or quits (and calls IT). */
function askAfterCrashLoop(window: BrowserWindow, reason: string, deps: LifecycleDeps): void {
  deps.logger.error('console renderer keeps crashing: no more automatic reloads', { reason });
  const text = deps.text();
  void deps.dialog
    .showMessageBox({
      ...dialogBase,
      type: 'error',
      message: text.consoleCrashedTitle,
      detail: `${text.consoleCrashedDetail}\n\n${reason}`,
      buttons: [text.reloadWindow, text.quit],
      defaultId: 0,
      cancelId: 0,
    })
    .then(
      ({ response }) => {
        if (response === 1) {
          deps.quit.decided();
          deps.app.quit();
          return;
        }
        deps.recovery.retry();
        if (!window.isDestroyed()) window.webContents.reload();
      },
      (error: unknown) => deps.logger.error('crash-loop dialog failed', { error: String(error) }),
    );
}
