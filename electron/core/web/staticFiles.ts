// Maps a request path to a file inside the built renderer, refusing anything outside it. Plain Node.
// Used by the host's HTTP server; the Electron custom-scheme handler applies the same rules.
import { existsSync, statSync } from 'node:fs';
import { extname, isAbsolute, join, relative, resolve, sep } from 'node:path';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.wav': 'audio/wav',
  '.ogg': 'audio/ogg',
  '.mp3': 'audio/mpeg',
  '.map': 'application/json; charset=utf-8',
};

export type StaticLookup = { ok: true; file: string; contentType: string } | { ok: false; status: 400 | 403 | 404 };

/** @param pathname the URL path, still percent-encoded (e.g. `new URL(req.url).pathname`). */
export function resolveStaticFile(rootDir: string, pathname: string): StaticLookup {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return { ok: false, status: 400 };
  }
  if (decoded.includes('\0') || decoded.includes('\\') || !decoded.startsWith('/')) return { ok: false, status: 400 };
  const segments = decoded.split('/').filter((segment) => segment !== '');
  if (segments.some((segment) => segment === '..' || segment === '.')) return { ok: false, status: 403 };
  const relativePath = segments.length === 0 ? 'index.html' : segments.join(sep);
  const root = resolve(rootDir);
  const file = join(root, relativePath);
  const inside = relative(root, file);
  if (inside.startsWith('..') || isAbsolute(inside)) return { ok: false, status: 403 };
  if (!existsSync(file) || !statSync(file).isFile()) return { ok: false, status: 404 };
  return { ok: true, file, contentType: contentTypes[extname(file).toLowerCase()] ?? 'application/octet-stream' };
}
