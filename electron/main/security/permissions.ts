// Which Chromium permission requests and checks the renderer gets. Pure; main plugs these into
// session.setPermissionRequestHandler / setPermissionCheckHandler.
//
// Only the microphone, from our origin's main frame: the media engine needs getUserMedia({audio})
// for calls, and an audio "check" lets enumerateDevices report headsets with labels and ids so
// setSinkId can route the ringtone and the call. Everything else is denied, notably:
// - video: AgentDesk is audio only; a camera prompt would be a bug or an attack;
// - notifications: incoming-call and other notices are native notifications sent by main, which
//   keep working when the renderer is hidden or reloading; web notifications would bypass that;
// - clipboard-read, geolocation, midi, hid/serial/usb, display-capture, fullscreen, openExternal:
//   not used by the renderer (copying to the clipboard with a user gesture needs no permission).
import { hasOrigin, originOf } from './origin.js';

export interface PermissionRequestFacts {
  permission: string;
  /** The requesting frame's URL or origin (Electron's details.requestingUrl). */
  requestingOrigin: string | undefined;
  /** details.securityOrigin for media requests; must agree with the frame when present. */
  securityOrigin?: string | undefined;
  mediaTypes?: readonly string[] | undefined;
  isMainFrame: boolean;
}

export function isPermissionAllowed(request: PermissionRequestFacts, appOrigin: string): boolean {
  if (request.permission !== 'media' || !request.isMainFrame) return false;
  if (!hasOrigin(request.requestingOrigin, appOrigin)) return false;
  if (request.securityOrigin !== undefined && originOf(request.securityOrigin) !== appOrigin.toLowerCase()) return false;
  const types = request.mediaTypes ?? [];
  return types.length === 1 && types[0] === 'audio';
}

export interface PermissionCheckFacts {
  permission: string;
  requestingOrigin: string | undefined;
  mediaType?: string | undefined;
  isMainFrame: boolean;
}

export function isPermissionCheckAllowed(check: PermissionCheckFacts, appOrigin: string): boolean {
  return (
    check.permission === 'media' &&
    check.mediaType === 'audio' &&
    check.isMainFrame &&
    hasOrigin(check.requestingOrigin, appOrigin)
  );
}
