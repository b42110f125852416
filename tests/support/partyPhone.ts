// Test support for the transfer and conference browser tests: bundles tests/support/browser/partyPhone.js (plain
// sip.js) with esbuild in memory and serves it on 127.0.0.1, so other Chromium pages can be the customers; and the
// page-side helpers that read what a page hears (tests/support/browser/toneProbe.js). Plain Node.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { Page } from 'playwright-core';
import { repoRoot } from './paths.js';

/** Injected with addInitScript into every page whose hearing a test checks. */
export const toneProbeScript = readFileSync(join(repoRoot, 'tests', 'support', 'browser', 'toneProbe.js'), 'utf8');

export interface PartyPhoneServer {
  /** http://127.0.0.1:PORT/party.html */
  url: string;
  close(): Promise<void>;
}

export async function servePartyPhone(): Promise<PartyPhoneServer> {
  const result = await build({
    entryPoints: [join(repoRoot, 'tests', 'support', 'browser', 'partyPhone.js')],
    bundle: true,
    format: 'iife', // sip.js is ESM-only; one classic script keeps the page trivial
    platform: 'browser',
    target: 'chrome120',
    write: false,
    logLevel: 'silent',
  });
  const script = result.outputFiles[0]!.text;
  const page = '<!doctype html><meta charset="utf-8"><title>Party</title><script src="party.js"></script>';
  const server: Server = createServer((request, response) => {
    if (request.url === '/party.js') {
      response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
      return response.end(script);
    }
    if (request.url === '/party.html') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return response.end(page);
    }
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/party.html`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export interface PartyOptions {
  server: string;
  user: string;
  domain: string;
  password: string;
  displayName: string;
  /** The frequency this party "speaks" (a WebAudio oscillator sent instead of a microphone). */
  toneHz: number;
  autoAnswer?: boolean;
}

interface PartyWindow {
  partyReady?: boolean;
  party: {
    start(options: PartyOptions): Promise<void>;
    call(target: string, domain: string): Promise<void>;
    answer(): Promise<void>;
    hangup(): Promise<void>;
    state: string;
    peer: string | null;
    log: { t: number; what: string; detail: string }[];
  };
}

/** A party phone page, driven from the test. */
export class PartyPage {
  constructor(
    readonly page: Page,
    readonly name: string,
  ) {}

  static async open(page: Page, url: string, name: string, options: PartyOptions): Promise<PartyPage> {
    await page.addInitScript({ content: toneProbeScript });
    await page.goto(url);
    await page.waitForFunction(() => (window as unknown as PartyWindow).partyReady === true);
    await page.evaluate((o) => (window as unknown as PartyWindow).party.start(o), options);
    return new PartyPage(page, name);
  }

  call(target: string, domain: string): Promise<void> {
    return this.page.evaluate(([t, d]) => (window as unknown as PartyWindow).party.call(t, d), [target, domain] as const);
  }

  answer(): Promise<void> {
    return this.page.evaluate(() => (window as unknown as PartyWindow).party.answer());
  }

  hangup(): Promise<void> {
    return this.page.evaluate(() => (window as unknown as PartyWindow).party.hangup());
  }

  state(): Promise<string> {
    return this.page.evaluate(() => (window as unknown as PartyWindow).party.state);
  }

  /** The SIP user this party talks to now (null without a live session). */
  peer(): Promise<string | null> {
    return this.page.evaluate(() => (window as unknown as PartyWindow).party.peer);
  }

  log(): Promise<string> {
    return this.page.evaluate(() =>
      (window as unknown as PartyWindow).party.log.map((entry) => `${entry.what} ${entry.detail}`.trim()).join('\n'),
    );
  }
}

/** Tone levels (dB) by frequency; null when the connection has no audio (yet). */
export type ToneLevels = Record<number, number | null>;

/** What connection `index` of `page` receives (-1: its newest open connection), at each frequency. */
export function toneLevels(page: Page, index: number, frequencies: readonly number[]): Promise<ToneLevels> {
  return page.evaluate(
    ([i, hz]) =>
      (window as unknown as { __tones: { levels(i: number, hz: readonly number[]): ToneLevels } }).__tones.levels(i, hz),
    [index, [...frequencies]] as const,
  );
}

/** Indexes of the page's connections that are not closed. */
export function openConnections(page: Page): Promise<number[]> {
  return page.evaluate(() => (window as unknown as { __tones: { open(): number[] } }).__tones.open());
}
