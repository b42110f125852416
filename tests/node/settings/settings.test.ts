// Settings: one precedence (policy > user > defaults > builtin), provisioning problems that never crash.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MemoryLogger } from '../../../electron/core/log/memoryLogger.js';
import { systemClock, type EventSink } from '../../../electron/core/ports.js';
import { loadProvisioning, noProvisioning, systemProvisioningPath } from '../../../electron/core/settings/provisioning.js';
import { defaultLockReason, SettingsService } from '../../../electron/core/settings/settingsService.js';
import { UserSettingsFile } from '../../../electron/core/settings/userSettingsFile.js';
import { CommandFailure } from '../../../electron/shared/ipc/result.js';
import { settingValue, type EffectiveSettings } from '../../../electron/shared/settings.js';
import { useTempDirs } from '../../support/tempDir.js';

const tempDir = useTempDirs();

function provisioningFile(content: unknown): string {
  const file = join(tempDir(), 'config.json');
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

function service(file: string | undefined, dataDir = tempDir(), events?: EventSink) {
  const provisioning = file ? loadProvisioning(file, true) : noProvisioning;
  return new SettingsService(provisioning, new UserSettingsFile(dataDir), systemClock, new MemoryLogger(), events);
}

describe('precedence', () => {
  it('policy > user > provisioned defaults > builtin, each with its source', () => {
    const file = provisioningFile({
      defaults: { ui: { locale: 'tr', theme: 'dark' }, sip: { domain: 'pbx.example.com' } },
      policy: { sip: { servers: ['wss://sip1.example.com:7443/ws', 'wss://sip2.example.com/ws'] } },
      lockReason: 'Set by IT for the Istanbul site',
    });
    const settings = service(file);
    settings.set('ui.theme', 'light');
    const byKey = Object.fromEntries(settings.effective().settings.map((s) => [s.key, s]));
    expect(byKey['sip.servers']).toMatchObject({ source: 'policy', locked: true, lockReason: 'Set by IT for the Istanbul site' });
    expect(byKey['ui.theme']).toMatchObject({ value: 'light', source: 'user', locked: false });
    expect(byKey['ui.locale']).toMatchObject({ value: 'tr', source: 'defaults' });
    expect(byKey['sip.user']).toMatchObject({ value: '', source: 'builtin' });
  });

  it('refuses to change or reset a locked setting, and the value stays', () => {
    const settings = service(provisioningFile({ policy: { ui: { locale: 'ru' } } }));
    expect(() => settings.set('ui.locale', 'en')).toThrow(CommandFailure);
    try {
      settings.reset('ui.locale');
    } catch (error) {
      expect((error as CommandFailure).code).toBe('locked');
      expect((error as CommandFailure).message).toContain(defaultLockReason);
    }
    expect(settings.get('ui.locale')).toBe('ru');
  });

  it('a policy beats a user value already saved before the policy arrived', () => {
    const dataDir = tempDir();
    service(undefined, dataDir).set('ui.theme', 'dark');
    const settings = service(provisioningFile({ policy: { ui: { theme: 'light' } } }), dataDir);
    expect(settings.resolve('ui.theme')).toMatchObject({ value: 'light', source: 'policy' });
  });

  it('reset returns to the provisioned default', () => {
    const settings = service(provisioningFile({ defaults: { ui: { theme: 'dark' } } }));
    settings.set('ui.theme', 'light');
    expect(settings.reset('ui.theme').settings.find((s) => s.key === 'ui.theme')).toMatchObject({ value: 'dark', source: 'defaults' });
  });
});

describe('user settings file', () => {
  it('persists across restarts, nested like the provisioning file, mode 0600', () => {
    const dataDir = tempDir();
    service(undefined, dataDir).set('sip.servers', ['wss://a.example.com/ws']);
    const raw = JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8'));
    expect(raw).toEqual({ sip: { servers: ['wss://a.example.com/ws'] } });
    expect(service(undefined, dataDir).get('sip.servers')).toEqual(['wss://a.example.com/ws']);
  });

  it('rejects invalid values with the field path and changes nothing', () => {
    const settings = service(undefined);
    settings.set('sip.servers', ['ws://ok.example.com']);
    try {
      settings.set('sip.servers', ['ws://ok.example.com', 'http://not-a-websocket.example.com']);
      expect.unreachable();
    } catch (error) {
      expect((error as CommandFailure).code).toBe('invalid_args');
      expect((error as CommandFailure).details?.[0]?.path).toBe('sip.servers.1');
    }
    expect(settings.get('sip.servers')).toEqual(['ws://ok.example.com']);
  });

  it('keeps a broken settings.json as a .broken copy before saving over it', () => {
    const dataDir = tempDir();
    writeFileSync(join(dataDir, 'settings.json'), '{ "ui": { "theme": "dark" ');
    const settings = service(undefined, dataDir);
    expect(settings.problems()[0]).toMatchObject({ field: '(file)' });
    settings.set('ui.locale', 'tr');
    const broken = readdirSync(dataDir).filter((name) => name.startsWith('settings.json.broken-'));
    expect(broken).toHaveLength(1);
    expect(readFileSync(join(dataDir, broken[0]!), 'utf8')).toBe('{ "ui": { "theme": "dark" ');
  });

  it('emits settings:changed with the new effective settings', () => {
    const seen: EffectiveSettings[] = [];
    const settings = service(undefined, tempDir(), { emit: (_name, payload) => seen.push(payload as EffectiveSettings) });
    settings.set('ui.locale', 'ru');
    expect(settingValue(seen[0]!, 'ui.locale')).toBe('ru');
  });
});

describe('broken provisioning files', () => {
  it('names the file and the field, applies the rest', () => {
    const file = provisioningFile({
      defaults: { ui: { locale: 'de', theme: 'dark' }, sip: { servers: ['wss://good.example.com', 'ftp://bad'] } },
      policy: { sip: { domain: 'pbx.example.com', bogus: 1 } },
      extra: true,
    });
    const provisioning = loadProvisioning(file, true);
    expect(provisioning.defaults).toEqual({ 'ui.theme': 'dark' });
    expect(provisioning.policy).toEqual({ 'sip.domain': 'pbx.example.com' });
    const fields = provisioning.problems.map((p) => p.field);
    expect(fields).toEqual(expect.arrayContaining(['extra', 'defaults.ui.locale', 'defaults.sip.servers[1]', 'policy.sip.bogus']));
    expect(provisioning.problems.every((p) => p.file === file)).toBe(true);
  });

  it.each([
    ['JSON syntax error', '{"policy": {'],
    ['not an object', '[1,2,3]'],
    ['a number', '42'],
    ['binary junk', '\u0000\u0001\u0002'],
  ])('%s: one problem naming the file, nothing applied, every setting locked where it was', (_label, content) => {
    const dataDir = tempDir();
    service(undefined, dataDir).set('ui.theme', 'dark');
    const file = provisioningFile(content);
    const provisioning = loadProvisioning(file, true);
    expect(provisioning.problems).toHaveLength(1);
    expect(provisioning.problems[0]).toMatchObject({ file, field: '(file)' });
    // Fail closed: nobody can tell what IT meant to lock, so nothing can be changed until IT fixes the file;
    // the values stay as they were (the operator's own theme too), so the desk works on.
    const settings = service(file, dataDir);
    expect(settings.resolve('ui.locale')).toMatchObject({ value: 'system', source: 'builtin', locked: true, brokenPolicy: true });
    expect(settings.resolve('ui.theme')).toMatchObject({ value: 'dark', source: 'user', locked: true, brokenPolicy: true });
    expect(() => settings.set('sip.servers', ['wss://elsewhere.example.net'])).toThrow(/locked/);
    expect(settings.effective().settings.every((setting) => setting.locked)).toBe(true);
  });

  it('a wrong policy value still locks its setting, at IT\'s default or the built-in value, never the user\'s', () => {
    const dataDir = tempDir();
    service(undefined, dataDir).set('sip.servers', ['wss://operator-choice.example.net']);
    service(undefined, dataDir).set('phone.defaultCountry', 'DE');
    const file = provisioningFile({
      defaults: { phone: { defaultCountry: 'TR' } },
      policy: { sip: { servers: ['http://typo.example.com'] }, phone: { defaultCountry: 'Turkey' }, ui: { theme: 'light' } },
      lockReason: 'Call the service desk on 1234',
    });
    const settings = service(file, dataDir);
    expect(settings.resolve('sip.servers')).toEqual({
      key: 'sip.servers',
      value: [],
      source: 'builtin',
      locked: true,
      brokenPolicy: true,
      lockReason: 'Call the service desk on 1234',
    });
    expect(settings.resolve('phone.defaultCountry')).toMatchObject({ value: 'TR', source: 'defaults', locked: true, brokenPolicy: true });
    expect(() => settings.set('sip.servers', ['wss://elsewhere.example.net'])).toThrow(/locked/);
    expect(() => settings.reset('phone.defaultCountry')).toThrow(/locked/);
    // The good part of the policy applies; settings it does not name stay the operator's.
    expect(settings.resolve('ui.theme')).toMatchObject({ value: 'light', source: 'policy', locked: true });
    expect(settings.resolve('ui.locale')).toMatchObject({ locked: false });
    expect(settings.resolve('ui.theme').brokenPolicy).toBeUndefined();
    expect(settings.problems().map((problem) => problem.field)).toEqual(
      expect.arrayContaining(['policy.sip.servers[0]', 'policy.phone.defaultCountry']),
    );
  });

  it('a policy group or the whole policy that is not an object locks every setting under it', () => {
    const group = service(provisioningFile({ policy: { sip: 'wss://pbx.example.com' } }));
    expect(group.problems()).toEqual([expect.objectContaining({ field: 'policy.sip', message: 'must be an object' })]);
    expect(group.resolve('sip.servers')).toMatchObject({ locked: true, brokenPolicy: true });
    expect(group.resolve('sip.domain')).toMatchObject({ locked: true, brokenPolicy: true });
    expect(group.resolve('phone.defaultCountry')).toMatchObject({ locked: false });

    // The whole policy not an object: every setting locked where it was, the operator's values kept.
    const dataDir = tempDir();
    service(undefined, dataDir).set('ui.theme', 'dark');
    const whole = service(provisioningFile({ policy: ['sip'] }), dataDir);
    expect(whole.effective().settings.every((setting) => setting.locked && setting.brokenPolicy)).toBe(true);
    expect(whole.resolve('ui.theme')).toMatchObject({ value: 'dark', source: 'user' });
    // `null` (what templating tools write for "nothing") is no policy at all: nothing locked, nothing reported.
    const none = service(provisioningFile({ policy: null, defaults: null }));
    expect(none.effective().settings.some((setting) => setting.locked)).toBe(false);
    expect(none.problems()).toEqual([]);
    // A wrong default locks nothing: defaults are IT's suggestion, not a lock.
    const defaults = service(provisioningFile({ defaults: { sip: { servers: ['http://x'] } } }));
    expect(defaults.resolve('sip.servers')).toMatchObject({ locked: false, source: 'builtin' });
  });

  it('without a lockReason of IT\'s own, a lock carries none (the UI says "locked by IT" in its language)', () => {
    const settings = service(provisioningFile({ policy: { ui: { locale: 'ru' } } }));
    expect(settings.resolve('ui.locale')).toEqual({ key: 'ui.locale', value: 'ru', source: 'policy', locked: true });
  });

  it('a missing system-wide file is normal; a missing --config file is a problem that locks every setting', () => {
    const missing = join(tempDir(), 'nope.json');
    expect(loadProvisioning(missing, false)).toMatchObject({ problems: [], brokenPolicy: [] });
    expect(loadProvisioning(missing, true).problems[0]?.message).toMatch(/ENOENT/);
    expect(loadProvisioning(missing, true).brokenPolicy).toBe('all');
  });

  it('reads a UTF-16 file with its BOM (Windows PowerShell 5.1 writes them), little- and big-endian', () => {
    const content = JSON.stringify({ policy: { sip: { domain: 'pbx.örnek.com.tr' } }, lockReason: 'BT: 1234' });
    const little = provisioningFile('');
    writeFileSync(little, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(content, 'utf16le')]));
    expect(loadProvisioning(little, true)).toMatchObject({ problems: [], brokenPolicy: [], policy: { 'sip.domain': 'pbx.örnek.com.tr' } });
    const bigBody = Buffer.from(content, 'utf16le');
    bigBody.swap16();
    const big = provisioningFile('');
    writeFileSync(big, Buffer.concat([Buffer.from([0xfe, 0xff]), bigBody]));
    expect(loadProvisioning(big, true)).toMatchObject({ problems: [], lockReason: 'BT: 1234' });
  });

  it('refuses an oversized file unread, and locks every setting', () => {
    const file = provisioningFile(`{"defaults":{"sip":{"domain":"${'x'.repeat(2 * 1024 * 1024)}"}}}`);
    expect(loadProvisioning(file, true).problems[0]?.message).toMatch(/larger than/);
    expect(loadProvisioning(file, true).brokenPolicy).toBe('all');
  });

  it('knows the system path on each OS', () => {
    expect(systemProvisioningPath('linux')).toBe('/etc/agentdesk/config.json');
    expect(systemProvisioningPath('win32', { ProgramData: 'C:\\ProgramData' })).toMatch(/ProgramData.AgentDesk.config\.json$/);
    expect(systemProvisioningPath('darwin')).toBe('/Library/Application Support/AgentDesk/config.json');
  });
});
