// The webPreferences of every AgentDesk window. Pure; main passes the result to BrowserWindow.
import { isAbsolute } from 'node:path';
import type { WebPreferences } from 'electron';

export interface WindowSecurityOptions {
  /** DevTools only in development builds: IT does not want operators poking at the renderer. */
  devTools?: boolean;
}

export function webPreferencesFor(preloadPath: string, options: WindowSecurityOptions = {}): WebPreferences {
  // A relative preload path would resolve against the working directory, which a shortcut can change.
  if (!isAbsolute(preloadPath)) throw new Error(`preload path must be absolute: ${preloadPath}`);
  return {
    preload: preloadPath,
    // The renderer sees only window.agentDesk (contextBridge); no Node, no Electron internals.
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webviewTag: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    enableWebSQL: false,
    plugins: false,
    // Spellcheck would send typed text (customer notes) to the OS/dictionary service; it also
    // downloads dictionaries from Google's CDN on Windows/Linux.
    spellcheck: false,
    // A page that floods alert()/confirm() cannot lock the operator out of the window.
    safeDialogs: true,
    // Dropping a file or link on the window must not navigate away from the app mid-call.
    navigateOnDragDrop: false,
    // The window is often hidden or minimised while the operator works in the CRM: it must still
    // ring at once and keep WebRTC timers, audio and getStats running. Chromium throttles timers
    // and audio scheduling of background pages unless this is off.
    backgroundThrottling: false,
    // An incoming call rings before the operator has touched the window; Chromium's autoplay
    // policy would otherwise block the ringtone until the first click.
    autoplayPolicy: 'no-user-gesture-required',
    devTools: options.devTools ?? false,
  };
}
