// Attaches the rules of ./security to Electron objects: every webContents, the session, ipcMain.
// Electron main only. The decisions live in ./security (pure, unit-tested); this file only plugs them in.
import type { IpcMain, IpcMainInvokeEvent, Session, WebContents } from 'electron';
import type { Logger } from '../core/ports.js';
import { commandNames } from '../shared/ipc/contract.js';
import { guardedInvoke, type InvokeGuardOptions, type SenderFacts } from './security/ipcGuard.js';
import { shouldAllowNavigation, urlForLog, windowOpenHandler, type OpenExternal } from './security/navigation.js';
import { isPermissionAllowed, isPermissionCheckAllowed } from './security/permissions.js';

export interface GuardOptions {
  appOrigin: string;
  logger: Logger;
  openExternal: OpenExternal;
}

/** For `app.on('web-contents-created')`: applies to every window, and to anything created later. */
export function guardWebContents(contents: WebContents, options: GuardOptions): void {
  const { appOrigin, logger } = options;
  const refuseForeign = (kind: string) => (details: { url: string; preventDefault(): void }) => {
    if (shouldAllowNavigation(details.url, appOrigin)) return;
    details.preventDefault();
    logger.warn('navigation blocked', { kind, url: urlForLog(details.url) });
  };
  contents.on('will-navigate', refuseForeign('navigate'));
  // Subframes (the main frame is will-navigate's): the renderer has no iframes, but a dependency might.
  contents.on('will-frame-navigate', (details) => {
    if (!details.isMainFrame) refuseForeign('frame-navigate')(details);
  });
  contents.on('will-redirect', refuseForeign('redirect'));
  // webviewTag is off in webPreferences; refuse here too in case a future window forgets.
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    logger.warn('webview blocked');
  });
  contents.setWindowOpenHandler(windowOpenHandler(options.openExternal));
}

/** Permission, device and download handlers of the session our windows use. */
export function guardSession(session: Session, options: GuardOptions): void {
  const { appOrigin, logger } = options;
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const mediaTypes = 'mediaTypes' in details ? details.mediaTypes : undefined;
    const securityOrigin = 'securityOrigin' in details ? details.securityOrigin : undefined;
    const allowed = isPermissionAllowed(
      { permission, requestingOrigin: details.requestingUrl, securityOrigin, mediaTypes, isMainFrame: details.isMainFrame },
      appOrigin,
    );
    if (!allowed) logger.warn('permission denied', { permission, mediaTypes, url: details.requestingUrl });
    callback(allowed);
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    isPermissionCheckAllowed(
      { permission, requestingOrigin, mediaType: details.mediaType, isMainFrame: details.isMainFrame },
      appOrigin,
    ),
  );
  // WebHID/WebSerial/WebUSB from the page: headset buttons are read by main (core/hid), not the renderer.
  session.setDevicePermissionHandler(() => false);
  // The renderer never downloads files; a download would write attacker-chosen bytes to disk.
  session.on('will-download', (event, item) => {
    event.preventDefault();
    logger.warn('download blocked', { url: urlForLog(item.getURL()) });
  });
}

function senderFacts(event: IpcMainInvokeEvent): SenderFacts {
  const frame = event.senderFrame;
  return { senderFrameUrl: frame?.url ?? null, isMainFrame: frame !== null && frame.parent === null };
}

/** One ipcMain.handle channel per contract command; returns a function that removes them all. */
export function registerContractHandlers(ipcMain: IpcMain, options: InvokeGuardOptions): () => void {
  for (const name of commandNames) {
    ipcMain.handle(name, (event, args: unknown) => guardedInvoke(name, args, senderFacts(event), options));
  }
  return () => {
    for (const name of commandNames) ipcMain.removeHandler(name);
  };
}
