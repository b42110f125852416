// Serves agentdesk://app/<path> from the built renderer (dist/renderer). Pure apart from reading files;
// main plugs `appFileResponse` into protocol.handle. Refuses traversal, other hosts and methods.
import { readFile } from 'node:fs/promises';
import { resolveStaticFile } from '../../core/web/staticFiles.js';
import { appHost, appScheme } from './appScheme.js';
import { hasControlOrInvisible } from './characters.js';

export type AppFileLookup =
  | { ok: true; filePath: string; headers: Record<string, string> }
  | { ok: false; status: 400 | 403 | 404 | 405; reason: string; headers: Record<string, string> };

/** Headers on every answer of the scheme, files and errors alike (a worker script takes its CSP from its own response). */
export function appResponseHeaders(csp: string): Record<string, string> {
  return {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    // Features the renderer never uses, off even if a dependency asks. Microphone and speaker
    // selection stay at their default (self): calls need them.
    'Permissions-Policy': 'camera=(), display-capture=(), geolocation=(), hid=(), payment=(), serial=(), usb=()',
  };
}

// A dot segment in any spelling; Chromium and WHATWG URL remove these before we see the path, so
// one arriving here was crafted: refuse it outright instead of letting normalisation decide.
const dotSegment = /^(?:\.|%2e){1,2}$/i;
// Separators and bytes no file of ours has: backslash (Windows separator), NUL and other controls.
const forbiddenEncoded = /%5c|%00/i;

/**
 * Maps a request URL to a file inside `rootDir`.
 * @param rootDir the built renderer (dist/renderer), inside app.asar when packaged
 * @param requestUrl the URL exactly as the request carries it
 */
export function resolveAppFile(rootDir: string, requestUrl: string, csp: string, method = 'GET'): AppFileLookup {
  const headers = appResponseHeaders(csp);
  const refuse = (status: 400 | 403 | 404 | 405, reason: string): AppFileLookup => ({ ok: false, status, reason, headers });

  if (method !== 'GET' && method !== 'HEAD') return refuse(405, 'method not allowed');
  const prefix = `${appScheme}://`;
  if (typeof requestUrl !== 'string' || requestUrl.length > 4096 || !requestUrl.toLowerCase().startsWith(prefix)) {
    return refuse(400, 'not an app URL');
  }
  if (requestUrl.includes('\\') || forbiddenEncoded.test(requestUrl) || hasControlOrInvisible(requestUrl)) {
    return refuse(400, 'forbidden character in URL');
  }
  const rawPath = requestUrl.slice(prefix.length).split(/[?#]/, 1)[0] ?? '';
  if (rawPath.split('/').some((segment) => dotSegment.test(segment))) return refuse(403, 'path traversal');

  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return refuse(400, 'unparsable URL');
  }
  if (url.hostname.toLowerCase() !== appHost || url.port !== '' || url.username !== '' || url.password !== '') {
    return refuse(403, 'other host');
  }
  // `C:` (a drive) or `name:stream` (an NTFS alternate data stream) never name one of our files.
  let decoded: string;
  try {
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return refuse(400, 'malformed percent-encoding');
  }
  if (decoded.includes(':')) return refuse(400, 'colon in path');

  const found = resolveStaticFile(rootDir, url.pathname);
  if (!found.ok) return refuse(found.status, found.status === 404 ? 'not found' : 'refused path');
  return { ok: true, filePath: found.file, headers: { ...headers, 'Content-Type': found.contentType } };
}

/** The protocol.handle answer: the file with its headers, or a short plain-text error. */
export async function appFileResponse(rootDir: string, request: { url: string; method: string }, csp: string): Promise<Response> {
  const lookup = resolveAppFile(rootDir, request.url, csp, request.method);
  if (!lookup.ok) {
    return new Response(`${lookup.status} ${lookup.reason}\n`, {
      status: lookup.status,
      headers: { ...lookup.headers, 'Content-Type': 'text/plain; charset=utf-8' },
    });
  }
  let body: Uint8Array<ArrayBuffer> | null = null;
  if (request.method !== 'HEAD') {
    try {
      // A copy into a plain ArrayBuffer: what both Node's and the DOM's Response typings accept.
      body = new Uint8Array(await readFile(lookup.filePath));
    } catch {
      // Gone or unreadable between the lookup and the read (an update replacing files): still a 404.
      return new Response('404 not found\n', { status: 404, headers: { ...lookup.headers, 'Content-Type': 'text/plain; charset=utf-8' } });
    }
  }
  return new Response(body, { status: 200, headers: lookup.headers });
}
