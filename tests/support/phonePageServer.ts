// Test support: bundles one of the plain sip.js phone pages in tests/support/browser/ (customerPhone.js,
// partyPhone.js) with esbuild in memory and serves it from a tiny static server on 127.0.0.1, so another Chromium
// page can be the far end of a call. Plain Node.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { build } from 'esbuild';
import { repoRoot } from './paths.js';

export interface PhonePageServer {
  /** http://127.0.0.1:PORT/<name>.html */
  url: string;
  close(): Promise<void>;
}

/**
 * Serves tests/support/browser/<name>Phone.js as /<name>.js inside the page /<name>.html (titled `title`).
 * sip.js is ESM-only; bundling it into one classic script keeps the page trivial.
 */
export async function servePhonePage(name: string, title: string): Promise<PhonePageServer> {
  const result = await build({
    entryPoints: [join(repoRoot, 'tests', 'support', 'browser', `${name}Phone.js`)],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    write: false,
    logLevel: 'silent',
  });
  const script = result.outputFiles[0]!.text;
  const page = `<!doctype html><meta charset="utf-8"><title>${title}</title><script src="${name}.js"></script>`;
  const server: Server = createServer((request, response) => {
    if (request.url === `/${name}.js`) {
      response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
      return response.end(script);
    }
    if (request.url === `/${name}.html`) {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return response.end(page);
    }
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/${name}.html`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
