// What Electron main needs from core, and what it gives core. Main is written against this
// interface only; ./wireCore.ts is the one place that connects it to electron/core.
import type { IpcMain, WebContents } from 'electron';
import type { SaveFileDialog } from '../core/customers/customerFileService.js';
import type { Dispatch } from '../core/ipc/dispatcher.js';
import type { ShortcutRegistry } from '../core/hotkeys/shortcutRegistry.js';
import type { EventSink, Logger, SecretStore } from '../core/ports.js';
import type { Locale } from '../shared/settings.js';
import type { LaunchUriQueue } from './launchUris.js';

export interface MainCoreOptions {
  version: string;
  /** app.getPath('userData'): database, settings, secrets, logs. */
  dataDir: string;
  /** db/migrations in development, <resources>/migrations when packaged. */
  migrationsFolder: string;
  /** `--config=FILE` on the command line (Chromium's switch syntax), else undefined (core falls back to the system-wide file). */
  provisioningFile: string | undefined;
  /** The OS's preferred locale tag, e.g. `tr-TR`. */
  systemLocaleTag: string;
  /** The desk's language now (ui.locale, else the OS's: DeskWatch.locale), for the texts main writes itself. */
  locale(): Locale;
  logger: Logger;
  /** Contract events from core reach the windows through this. */
  events: EventSink;
  secrets: SecretStore;
  /** Global shortcuts (answer, hang up, …) registered with the OS. */
  shortcuts: ShortcutRegistry;
  /** The operator agreed to move a damaged database aside and start a fresh one (never deleted). */
  replaceDamagedDatabase: boolean;
  /** tel:/sip: links to dial; the SIP service should `listen` once it can place calls. */
  dialUris: LaunchUriQueue;
  /** Where an export or an import's error report is saved (the OS save dialog). */
  saveFileDialog: SaveFileDialog;
}

export interface MainCore {
  /** Called only after the sender and size checks of ./security/ipcGuard.ts. */
  dispatch: Dispatch;
  /** Lets this window run the WebRTC media engine core's SIP calls use (the window that attaches last wins). */
  linkMediaWindow(contents: MediaWindowContents, ipc: Pick<IpcMain, 'on' | 'off'>): MediaWindowLink;
  close(): void | Promise<void>;
}

export type StartMainCore = (options: MainCoreOptions) => MainCore | Promise<MainCore>;

export type MediaWindowContents = Pick<WebContents, 'id' | 'send' | 'isDestroyed' | 'once'>;

/** One window's link to core's media hub. */
export interface MediaWindowLink {
  /**
   * The window's renderer died (crash, kill, OOM): its engine is gone, so core fails the engine's pending requests
   * and starts its grace period for the calls. The link stays: the reloaded page attaches again through it.
   */
  engineGone(reason: string): void;
  /** Unlinks the window for good (also done when its webContents is destroyed). */
  unlink(): void;
}
