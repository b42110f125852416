// Test support for the transfer and conference browser tests: serves tests/support/browser/partyPhone.js (plain
// sip.js, bundled in memory; see phonePageServer.ts) on 127.0.0.1, so other Chromium pages can be the customers; and
// the page-side helpers that read what a page hears (tests/support/browser/toneProbe.js). Plain Node.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { repoRoot } from './paths.js';
import { servePhonePage, type PhonePageServer } from './phonePageServer.js';

/** Injected with addInitScript into every page whose hearing a test checks. */
export const toneProbeScript = readFileSync(join(repoRoot, 'tests', 'support', 'browser', 'toneProbe.js'), 'utf8');

/** http://127.0.0.1:PORT/party.html, and close(). */
export type PartyPhoneServer = PhonePageServer;

export function servePartyPhone(): Promise<PartyPhoneServer> {
  return servePhonePage('party', 'Party');
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
