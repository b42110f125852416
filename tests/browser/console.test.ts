// Browser tier: the built renderer in Debian's Chromium against the real host (core + SQLite).
// What the operator sees: the console loads through the bridge, settings round-trip, the language
// switches and sticks, a setting locked by IT cannot be changed, and the token guards everything.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { launchChromium } from '../support/chromium.js';
import { startHostProcess, type HostProcess } from '../support/host.js';

let dataDir: string;
let host: HostProcess;
let browser: Browser;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'agentdesk-browser-'));
  const config = join(dataDir, 'provisioning.json');
  writeFileSync(
    config,
    JSON.stringify({
      defaults: { ui: { locale: 'en', offerDemoWorkspace: false } },
      policy: { ui: { theme: 'dark' } },
      lockReason: 'Contrast policy of the Istanbul site',
    }),
  );
  host = await startHostProcess(dataDir, ['--config', config]);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function openConsole(): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(host.url);
  await page.getByRole('region', { name: 'Caller card' }).waitFor();
  return page;
}

/** Reads the effective settings straight from core over the bridge, as a second client. */
async function settingsFromCore(): Promise<Record<string, unknown>> {
  const socket = new WebSocket(`ws://127.0.0.1:${new URL(host.url).port}/bridge?token=${host.token}`);
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  const reply = new Promise<string>((resolve) => socket.once('message', (data) => resolve(String(data))));
  socket.send(JSON.stringify({ t: 'invoke', id: 1, name: 'settings:get', args: {} }));
  const message = JSON.parse(await reply) as { result: { value: { settings: { key: string; value: unknown }[] } } };
  socket.close();
  return Object.fromEntries(message.result.value.settings.map((s) => [s.key, s.value]));
}

describe('the console in Chromium through the host', () => {
  it('loads every region through the bridge and drops the token from the address bar', async () => {
    const page = await openConsole();
    for (const name of ['Softphone', 'Caller card', 'Script and knowledge', 'Wrap-up', 'Status']) {
      await expect(page.getByRole('region', { name }).count()).resolves.toBe(1);
    }
    expect(page.url()).not.toContain('token=');
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
    await page.close();
  });

  it('gives every control an accessible name', async () => {
    const page = await openConsole();
    const tree = await page.locator('body').ariaSnapshot();
    const unnamed = tree.split('\n').filter((line) => /^\s*- (button|textbox|combobox|link|checkbox|radio|tab|slider|spinbutton)\s*(:|$)/.test(line));
    expect(unnamed).toEqual([]);
    await page.close();
  });

  it('round-trips a setting: edited in the dialog, stored by core, shown after a reload', async () => {
    const page = await openConsole();
    await page.keyboard.press('Control+Comma');
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    await dialog.waitFor();
    const domain = dialog.getByRole('textbox', { name: 'SIP domain' });
    await domain.fill('pbx.istanbul.example.com');
    await domain.press('Enter');
    await expect.poll(async () => (await settingsFromCore())['sip.domain'], { timeout: 10_000 }).toBe('pbx.istanbul.example.com');
    await page.reload();
    await page.getByRole('region', { name: 'Caller card' }).waitFor();
    await page.keyboard.press('Control+Comma');
    await expect(page.getByRole('dialog', { name: 'Settings' }).getByRole('textbox', { name: 'SIP domain' }).inputValue()).resolves.toBe(
      'pbx.istanbul.example.com',
    );
    await page.close();
  });

  it('shows core validation errors inline and keeps the saved value', async () => {
    const page = await openConsole();
    await page.keyboard.press('Control+Comma');
    const servers = page.getByRole('dialog', { name: 'Settings' }).getByRole('textbox', { name: 'SIP servers' });
    await servers.fill('http://not-a-websocket.example.com');
    await servers.press('Control+Enter');
    await page.getByRole('dialog', { name: 'Settings' }).getByRole('button', { name: 'Save' }).first().click();
    // waitFor, not isVisible: the answer crosses the bridge, and a loaded CI machine takes its time.
    await page.getByRole('dialog', { name: 'Settings' }).getByText(/ws:\/\/ or wss:\/\//).first().waitFor({ state: 'visible' });
    expect((await settingsFromCore())['sip.servers']).toEqual([]);
    await page.close();
  });

  it('switches the language, and the choice survives a reload', async () => {
    const page = await openConsole();
    await page.getByRole('combobox', { name: 'Language' }).first().selectOption('tr');
    await page.getByRole('region', { name: 'Arayan kartı' }).waitFor();
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('tr');
    await page.reload();
    await page.getByRole('region', { name: 'Arayan kartı' }).waitFor();
    await page.getByRole('combobox', { name: 'Dil' }).first().selectOption('ru');
    await page.getByRole('region', { name: 'Карточка звонящего' }).waitFor();
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('ru');
    expect((await settingsFromCore())['ui.locale']).toBe('ru');
    await page.getByRole('combobox', { name: 'Язык' }).first().selectOption('en');
    await page.getByRole('region', { name: 'Caller card' }).waitFor();
    await page.close();
  });

  it('shows a setting locked by IT as read-only with the reason, and applies the locked value', async () => {
    const page = await openConsole();
    await page.keyboard.press('Control+Comma');
    const theme = page.getByRole('dialog', { name: 'Settings' }).getByRole('combobox', { name: 'Theme' });
    await theme.waitFor();
    await expect(theme.isDisabled()).resolves.toBe(true);
    await page.getByText('Locked by IT: Contrast policy of the Istanbul site').waitFor({ state: 'visible' });
    expect((await settingsFromCore())['ui.theme']).toBe('dark');
    await expect(page.locator('html').getAttribute('data-theme')).resolves.toBe('dark');
    await page.close();
  });

  it('refuses the console without the token', async () => {
    const page = await browser.newPage();
    const response = await page.goto(`http://127.0.0.1:${new URL(host.url).port}/`);
    expect(response?.status()).toBe(403);
    await expect(page.locator('body').innerText()).resolves.toMatch(/needs the token/);
    await page.close();
  });
});
