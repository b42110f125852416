// Logs keep secrets and customer text out; secrets live in a 0600 file or the environment.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDataDir, supportedLocale } from '../../../electron/core/app/paths.js';
import { redactFields } from '../../../electron/core/log/redact.js';
import { FileSecretStore } from '../../../electron/core/secrets/fileSecretStore.js';
import { createFileLogger } from '../../../electron/host/fileLogger.js';
import { useTempDirs } from '../../support/tempDir.js';

const tempDir = useTempDirs();

describe('redactFields', () => {
  it('replaces secret-named fields at any depth and drops URL queries', () => {
    const out = redactFields({
      password: 'hunter2',
      sip: { authPassword: 'x', user: '1001', nested: { apiToken: 't' } },
      url: 'http://127.0.0.1:5000/?token=abc',
      note: 'n'.repeat(500),
    });
    expect(out).toMatchObject({ password: '[redacted]', sip: { authPassword: '[redacted]', user: '1001', nested: { apiToken: '[redacted]' } }, url: 'http://127.0.0.1:5000/?[redacted]' });
    expect(String(out!.note).length).toBeLessThan(220);
  });
});

describe('file logger', () => {
  it('writes levels to the data dir and rotates into numbered files', async () => {
    const dir = tempDir();
    const logger = createFileLogger({ dir, maxBytes: 2000, keepFiles: 3 });
    for (let i = 0; i < 200; i++) logger.info('line', { i, password: 'never-in-a-log' });
    logger.debug('not at info level');
    await new Promise((r) => setTimeout(r, 300));
    const files = readdirSync(dir).sort();
    expect(files).toEqual(expect.arrayContaining(['agentdesk.log', 'agentdesk.1.log']));
    expect(files.length).toBeLessThanOrEqual(4);
    const all = files.map((f) => readFileSync(join(dir, f), 'utf8')).join('');
    expect(all).not.toContain('never-in-a-log');
    expect(all).not.toContain('not at info level');
    expect(all).toMatch(/\[info\]\s+line \{"i":199,"password":"\[redacted\]"\}/);
  });
});

describe('FileSecretStore', () => {
  it('keeps secrets in a file only its owner can read, and the environment wins', async () => {
    const path = join(tempDir(), 'secrets.json');
    const store = new FileSecretStore(path, {});
    await store.set('sip.password', 's3cret');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(await store.get('sip.password')).toBe('s3cret');
    expect(await new FileSecretStore(path, { AGENTDESK_SIP_PASSWORD: 'from-env' }).get('sip.password')).toBe('from-env');
    await store.delete('sip.password');
    expect(await store.get('sip.password')).toBeUndefined();
  });
});

describe('paths', () => {
  it('matches Electron userData per OS and honours AGENTDESK_DATA_DIR', () => {
    expect(defaultDataDir('linux', {}, '/home/ayse')).toBe('/home/ayse/.config/AgentDesk');
    expect(defaultDataDir('linux', { XDG_CONFIG_HOME: '/x' }, '/home/ayse')).toBe('/x/AgentDesk');
    expect(defaultDataDir('darwin', {}, '/Users/a')).toBe('/Users/a/Library/Application Support/AgentDesk');
    expect(defaultDataDir('win32', { APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, 'C:\\Users\\a')).toMatch(/Roaming.AgentDesk$/);
    expect(defaultDataDir('linux', { AGENTDESK_DATA_DIR: '/data' })).toBe('/data');
  });

  it('maps OS locale tags to the shipped locales', () => {
    expect(supportedLocale('tr_TR.UTF-8')).toBe('tr');
    expect(supportedLocale('ru-RU')).toBe('ru');
    expect(supportedLocale('de-DE')).toBe('en');
    expect(supportedLocale(undefined)).toBe('en');
  });
});
