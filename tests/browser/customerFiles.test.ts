// Browser tier: customer import and export through the UI, in Debian's Chromium against the real host (core +
// SQLite). The operator reaches the dialog from the keyboard, picks a CSV of 30,000 customers, watches it being
// sent and checked, reads the summary; a file with bad rows is refused with its rows and a report to download;
// an import is cancelled while checking; an export for Turkish Excel downloads and imports back unchanged.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
  dataDir = mkdtempSync(join(tmpdir(), 'agentdesk-browser-files-'));
  const config = join(dataDir, 'provisioning.json');
  writeFileSync(
    config,
    JSON.stringify({ defaults: { ui: { locale: 'en', offerDemoWorkspace: false }, phone: { defaultCountry: 'TR' } } }),
  );
  host = await startHostProcess(dataDir, ['--config', config]);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A CRM export of `count` customers (Turkish and Russian names, national numbers). */
function crmFile(name: string, count: number, firstId = 0): string {
  const lines = ['external_id,name,company,phone,city'];
  for (let i = firstId; i < firstId + count; i++) {
    lines.push(`CRM-${i},Işık Yıldırım ${i},Ёлкин и партнёры ${i % 97},0532 ${String(1_000_000 + i).slice(-7)},İstanbul`);
  }
  const path = join(dataDir, name);
  writeFileSync(path, `${lines.join('\r\n')}\r\n`);
  return path;
}

/** Opens the console and the dialog the way a keyboard user does: F6 to the caller card, Tab, Enter. */
async function openDialog(): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(host.url);
  await page.getByRole('region', { name: 'Caller card' }).waitFor();
  await page.getByRole('region', { name: 'Caller card' }).focus();
  await page.keyboard.press('Tab');
  await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Import / export…');
  await page.keyboard.press('Enter');
  await page.getByRole('dialog', { name: 'Import and export customers' }).waitFor();
  return page;
}

/** Records every text the import's progress line shows, from the page itself (a poll could miss a phase). */
async function recordProgress(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { progressSeen: string[] }).progressSeen = seen;
    new MutationObserver(() => {
      for (const line of Array.from(document.querySelectorAll('.customer-files-progress [role="status"]'))) {
        const text = line.textContent ?? '';
        if (seen.at(-1) !== text) seen.push(text);
      }
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  return () => page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen);
}

async function importThroughDialog(page: Page, file: string): Promise<string> {
  const dialog = page.getByRole('dialog', { name: 'Import and export customers' });
  await dialog.getByLabel('CSV file', { exact: true }).setInputFiles(file);
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  const outcome = dialog.locator('.customer-files-outcome [role="status"]').first();
  await outcome.waitFor({ timeout: 60_000 });
  return (await outcome.textContent()) ?? '';
}

/** Asks core directly, as a second bridge client. */
async function invoke(name: string, args: unknown): Promise<{ ok: boolean; value?: unknown }> {
  const socket = new WebSocket(`ws://127.0.0.1:${new URL(host.url).port}/bridge?token=${host.token}`);
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  const reply = new Promise<string>((resolve) =>
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as { t: string };
      if (message.t === 'result') resolve(String(data));
    }),
  );
  socket.send(JSON.stringify({ t: 'invoke', id: 1, name, args }));
  const message = JSON.parse(await reply) as { result: { ok: boolean; value?: unknown } };
  socket.close();
  return message.result;
}

describe('customer import and export in the browser', () => {
  it('imports 30,000 customers with the file sent and checked before the eyes of the operator', async () => {
    const file = crmFile('crm-30k.csv', 30_000);
    const page = await openDialog();
    const progress = await recordProgress(page);
    const outcome = await importThroughDialog(page, file);
    expect(outcome).toBe('Imported the whole file “crm-30k.csv”: 30,000 rows — 30,000 created, 0 updated, 0 unchanged.');
    const seen = await progress();
    expect(seen.some((text) => /^Sending the file… \d+%$/.test(text))).toBe(true);
    expect(seen.some((text) => /^Checking the rows… [\d,]+ checked$/.test(text))).toBe(true);
    // The bar was determinate while sending: more than one step of the 2.5 MB file was shown.
    expect(new Set(seen.filter((text) => text.startsWith('Sending'))).size).toBeGreaterThan(1);

    const found = await invoke('customers:search', { query: 'yildirim 29999' });
    expect(found).toMatchObject({ ok: true, value: [{ externalId: 'CRM-29999', phones: ['+905321029999'] }] });
    await page.close();
  });

  it('refuses a file with bad rows, lists them, and downloads the full report', async () => {
    const bad = join(dataDir, 'bad-rows.csv');
    writeFileSync(bad, 'external_id,name,phone\nB-1,Ayşe Demir,0532 111 22 33\nB-2,Mehmet <b>Öz</b>,12\nB-3,,0533 444 55 66\n');
    const page = await openDialog();
    const outcome = await importThroughDialog(page, bad);
    expect(outcome).toBe('Nothing was imported: 2 of 3 rows have errors. Fix them and import the whole file again.');
    const dialog = page.getByRole('dialog', { name: 'Import and export customers' });
    const rows = await dialog.locator('table tbody tr').allTextContents();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(/^3/);
    expect(rows[1]).toMatch(/^4/);
    await expect(dialog.locator('table b').count()).resolves.toBe(0);

    const downloading = page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Download the error report' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('bad-rows-errors.csv');
    const report = readFileSync((await download.path())!, 'utf8')
      .trim()
      .split(/\r?\n/);
    expect(report[0]).toBe('row,line,reason');
    expect(report.slice(1).map((line) => line.split(',')[0])).toEqual(['3', '4']);
    expect(await invoke('customers:search', { query: 'B-1' })).toMatchObject({ ok: true, value: [] });
    await page.close();
  });

  it('cancels an import while core checks the rows: nothing is imported', async () => {
    const file = crmFile('crm-cancel.csv', 200_000, 100_000);
    const page = await openDialog();
    const dialog = page.getByRole('dialog', { name: 'Import and export customers' });
    await dialog.getByLabel('CSV file', { exact: true }).setInputFiles(file);
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await dialog.getByText(/^Checking the rows…/).waitFor({ timeout: 60_000 });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.getByText('Import cancelled: nothing was imported.').waitFor({ timeout: 30_000 });
    expect(await invoke('customers:search', { query: 'CRM-100000' })).toMatchObject({ ok: true, value: [] });
    await page.close();
  });

  it('exports customers for Turkish Excel as a download that imports back unchanged', async () => {
    const page = await openDialog();
    const dialog = page.getByRole('dialog', { name: 'Import and export customers' });
    await dialog.getByLabel('CSV for Excel with Turkish settings (semicolon, BOM)').check();
    const downloading = page.waitForEvent('download', { timeout: 60_000 });
    await dialog.getByRole('button', { name: 'Export', exact: true }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^customers-\d{4}-\d{2}-\d{2}-excel\.csv$/);
    const path = join(dataDir, download.suggestedFilename());
    await download.saveAs(path);
    const bytes = readFileSync(path);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').trimEnd().split(/\r?\n/);
    expect(lines[0]).toMatch(/^\ufeffexternal_id;name;company;phones;/);
    expect(lines).toHaveLength(30_001);
    await dialog.getByText(/^Exported 30,000 rows to customers-/).waitFor();

    const outcome = await importThroughDialog(page, path);
    expect(outcome).toBe(
      `Imported the whole file “${download.suggestedFilename()}”: 30,000 rows — 0 created, 0 updated, 30,000 unchanged.`,
    );
    await page.close();
  });
});
