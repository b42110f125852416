// The app's own privileged scheme, agentdesk://app/, and its privileges. Pure data; main registers it.
// Why a custom scheme and not file://: a real origin for CSP 'self', permissions and IPC sender checks,
// and no file:// extra privileges (the grantFileProtocolExtraPrivileges fuse is off).
import type { CustomScheme } from 'electron';

export const appScheme = 'agentdesk';
export const appHost = 'app';
export const appOrigin = `${appScheme}://${appHost}`;
/** What the main window loads. */
export const appEntryUrl = `${appOrigin}/index.html`;

/**
 * standard: relative URLs, a real origin, web storage. secure: treated like https (getUserMedia and
 * setSinkId need a secure context). supportFetchAPI: the renderer fetches its own assets (module
 * scripts, the ringtone for Web Audio). codeCache: V8 caches our scripts between launches.
 * Not corsEnabled: that privilege lets *other* origins read this scheme cross-origin (Electron serves
 * custom schemes without an Access-Control-Allow-Origin check), and same-origin loads do not need it.
 * Not bypassCSP, not allowServiceWorkers, not stream (ringtones are small, fully buffered files).
 */
export const appSchemePrivileges = {
  scheme: appScheme,
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
} as const satisfies CustomScheme;
