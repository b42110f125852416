// Test support: bundles tests/support/browser/customerPhone.js (plain sip.js) with esbuild in memory and
// serves it from a tiny static server on 127.0.0.1, so a second Chromium page can be the customer.
import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { build } from 'esbuild';
import { repoRoot } from './paths.js';

export interface CustomerPhoneServer {
  /** http://127.0.0.1:PORT/customer.html */
  url: string;
  close(): Promise<void>;
}

export async function serveCustomerPhone(): Promise<CustomerPhoneServer> {
  const result = await build({
    entryPoints: [join(repoRoot, 'tests', 'support', 'browser', 'customerPhone.js')],
    bundle: true,
    format: 'iife', // sip.js is ESM-only; one classic script keeps the page trivial
    platform: 'browser',
    target: 'chrome120',
    write: false,
    logLevel: 'silent',
  });
  const script = result.outputFiles[0]!.text;
  const page = '<!doctype html><meta charset="utf-8"><title>Customer</title><script src="customer.js"></script>';
  const server: Server = createServer((request, response) => {
    if (request.url === '/customer.js') {
      response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
      return response.end(script);
    }
    if (request.url === '/customer.html') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return response.end(page);
    }
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/customer.html`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A mono 16-bit PCM WAV holding a sine tone, for Chromium's --use-file-for-fake-audio-capture. */
export function writeToneWav(file: string, hz: number, seconds = 10, sampleRate = 48_000): void {
  const samples = seconds * sampleRate;
  const data = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++) data.writeInt16LE(Math.round(Math.sin((2 * Math.PI * hz * i) / sampleRate) * 16_000), i * 2);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8);
  header.write('fmt ', 12);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(data.length, 40);
  writeFileSync(file, Buffer.concat([header, data]));
}
