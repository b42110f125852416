// Creates the operator's main window. Electron main only; its security settings come from ./security.
import { BrowserWindow } from 'electron';
import { webPreferencesFor } from './security/webPreferences.js';

export interface MainWindowOptions {
  preloadPath: string;
  url: string;
  devTools: boolean;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    title: 'AgentDesk',
    width: 1280,
    height: 800,
    minWidth: 960,
    minHeight: 600,
    // Shown once painted, so the operator never sees a white flash or a half-built screen.
    show: false,
    autoHideMenuBar: true,
    webPreferences: webPreferencesFor(options.preloadPath, { devTools: options.devTools }),
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(options.url);
  return window;
}

/** Brings the window to the front, e.g. when the operator launches AgentDesk a second time. */
export function revealWindow(window: BrowserWindow): void {
  if (window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
