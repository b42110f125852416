// The `agentdesk` CLI as a user runs it: the built bundle in a child process.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cliBundle, repoRoot, sharedTestdata } from '../../support/paths.js';
import { useTempDirs } from '../../support/tempDir.js';
import { ensureCliBuilt } from '../../support/cliBuild.js';

const tempDir = useTempDirs();

function agentdesk(args: string[], env: Record<string, string> = {}) {
  const run = spawnSync(process.execPath, [cliBundle, ...args], { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 20_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

beforeAll(() => {
  ensureCliBuilt();
});

describe('agentdesk CLI', () => {
  it('has --help on every command', () => {
    for (const command of [[], ['host'], ['config'], ['config', 'show'], ['db'], ['db', 'migrate'], ['doctor'], ['normalize'], ['hid'], ['hid', 'describe']]) {
      const run = agentdesk([...command, '--help']);
      expect(run.code, command.join(' ')).toBe(0);
      expect(run.stdout).toMatch(/^Usage: agentdesk/);
    }
  });

  it('normalize prints E.164 or the reason it is invalid', () => {
    expect(JSON.parse(agentdesk(['normalize', '"Ayşe Yılmaz" <sip:0532%20123%2045%2067@pbx.example.com>', '--country', 'TR', '--json']).stdout)).toEqual({ e164: '+905321234567' });
    expect(JSON.parse(agentdesk(['normalize', '9 0532 123 45 67', '--country', 'TR', '--outside-line', '9', '--json']).stdout)).toEqual({ e164: '+905321234567' });
    expect(JSON.parse(agentdesk(['normalize', 'tel:+7-912-345-67-89', '--json']).stdout)).toEqual({ e164: '+79123456789' });
    const invalid = agentdesk(['normalize', 'sip:anonymous@anonymous.invalid', '--json']);
    expect(invalid.code).toBe(0);
    expect(JSON.parse(invalid.stdout)).toMatchObject({ error: 'invalid', reason: expect.any(String) });
    expect(agentdesk(['normalize', 'not a number']).code).toBe(1);
    // Without --country the desk's phone.defaultCountry applies (provisioned here as RU).
    const config = join(tempDir(), 'config.json');
    writeFileSync(config, JSON.stringify({ defaults: { phone: { defaultCountry: 'RU', outsideLinePrefix: '9' } } }));
    expect(JSON.parse(agentdesk(['--data-dir', tempDir(), '--config', config, 'normalize', '9 8 912 345-67-89', '--json']).stdout)).toEqual({ e164: '+79123456789' });
  });

  it('hid describe prints the telephony controls of a real headset, and a clear error for junk', () => {
    const jabra = JSON.parse(agentdesk(['hid', 'describe', join(sharedTestdata, 'hid-descriptors', '0b0e-0307.bin'), '--json']).stdout) as {
      telephony: boolean;
      inputs: { usage: string; reportId: number; bitOffset: number }[];
    };
    expect(jabra.telephony).toBe(true);
    expect(jabra.inputs.find((c) => c.usage === 'hookSwitch')).toMatchObject({ reportId: 2, bitOffset: 0 });
    const junk = join(tempDir(), 'junk.bin');
    writeFileSync(junk, Buffer.from([0x05, 0x0b, 0x09]));
    const refused = agentdesk(['hid', 'describe', junk]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^agentdesk: .*junk\.bin: /);
  });

  it('exits 2 on a usage error', () => {
    expect(agentdesk(['no-such-command']).code).toBe(2);
    expect(agentdesk(['host', '--port', 'eighty']).code).toBe(2);
  });

  it('config show --json prints every setting with its source and the provisioning problems', () => {
    const dataDir = tempDir();
    const config = join(tempDir(), 'config.json');
    writeFileSync(config, JSON.stringify({ defaults: { ui: { locale: 'tr' } }, policy: { sip: { domain: 'pbx.example.com', servers: 'not-a-list' } } }));
    const run = agentdesk(['--data-dir', dataDir, '--config', config, 'config', 'show', '--json']);
    expect(run.code).toBe(0);
    const shown = JSON.parse(run.stdout) as { settings: { key: string; value: unknown; source: string; locked: boolean }[]; problems: { field: string }[] };
    expect(shown.settings.find((s) => s.key === 'ui.locale')).toMatchObject({ value: 'tr', source: 'defaults' });
    expect(shown.settings.find((s) => s.key === 'sip.domain')).toMatchObject({ source: 'policy', locked: true });
    expect(shown.problems).toEqual([expect.objectContaining({ file: config, field: 'policy.sip.servers' })]);
    // The wrong policy value still locks the servers (fail closed), at the built-in value.
    expect(shown.settings.find((s) => s.key === 'sip.servers')).toMatchObject({ value: [], source: 'builtin', locked: true });

    const text = agentdesk(['--data-dir', dataDir, '--config', config, 'config', 'show']).stdout;
    expect(text).toMatch(/^sip\.servers\s+\[\]\s+\(builtin\)\s+\[locked: policy could not be applied, see problems\]$/m);
    expect(text).toMatch(/^sip\.domain\s+"pbx\.example\.com"\s+\(policy\)\s+\[locked: by IT policy\]$/m);
  });

  it('db migrate creates the database; a damaged one needs --yes and is moved aside, not deleted', () => {
    const dataDir = tempDir();
    const first = agentdesk(['--data-dir', dataDir, 'db', 'migrate', '--json']);
    expect(first.code).toBe(0);
    const migrationCount = (JSON.parse(readFileSync(join(repoRoot, 'db', 'migrations', 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] }).entries.length;
    expect(JSON.parse(first.stdout)).toMatchObject({ applied: migrationCount, schemaVersion: migrationCount });

    writeFileSync(join(dataDir, 'agentdesk.db'), 'not a database');
    const refused = agentdesk(['--data-dir', dataDir, 'db', 'migrate']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/damaged.*--yes/s);
    expect(readFileSync(join(dataDir, 'agentdesk.db'), 'utf8')).toBe('not a database');

    const agreed = agentdesk(['--data-dir', dataDir, 'db', 'migrate', '--yes', '--json']);
    expect(agreed.code).toBe(0);
    const movedAside = (JSON.parse(agreed.stdout) as { movedAside: string }).movedAside;
    expect(readFileSync(movedAside, 'utf8')).toBe('not a database');
  });

  it('doctor reports a healthy desk, and fails (exit 1) on a damaged database without touching it', () => {
    const dataDir = tempDir();
    agentdesk(['--data-dir', dataDir, 'db', 'migrate']);
    const healthy = agentdesk(['--data-dir', dataDir, 'doctor', '--json']);
    expect(healthy.code).toBe(0);
    expect(JSON.parse(healthy.stdout)).toMatchObject({ ok: true });

    writeFileSync(join(dataDir, 'agentdesk.db'), Buffer.alloc(4096, 7));
    writeFileSync(join(dataDir, 'secrets.json'), '{}', { mode: 0o644 });
    const broken = agentdesk(['--data-dir', dataDir, 'doctor']);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(/\[FAIL\] database:/);
    expect(broken.stdout).toMatch(/\[FAIL\] secrets:.*readable by others/);
    expect(readdirSync(dataDir).filter((n) => n.includes('damaged'))).toEqual([]);
  });

  it('host prints the ready line with a token and stops cleanly on SIGTERM', async () => {
    const dataDir = tempDir();
    const child = spawn(process.execPath, [cliBundle, '--data-dir', dataDir, 'host', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const line = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('\n')) resolve(out.trim());
      });
      child.once('exit', (code) => reject(new Error(`exited ${code}`)));
    });
    expect(line).toMatch(/^AgentDesk ready at http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{43}$/);
    const url = new URL(line.replace('AgentDesk ready at ', ''));
    expect((await fetch(`${url.origin}/`)).status).toBe(403);
    const exit = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
    expect(existsSync(join(dataDir, 'logs', 'agentdesk.log'))).toBe(true);
    expect(readFileSync(join(dataDir, 'logs', 'agentdesk.log'), 'utf8')).not.toContain(url.searchParams.get('token'));
  });

  it('host refuses to start on a damaged database without --yes, and says why', () => {
    const dataDir = tempDir();
    writeFileSync(join(dataDir, 'agentdesk.db'), 'junk junk junk junk junk');
    const run = agentdesk(['--data-dir', dataDir, 'host', '--port', '0']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/agentdesk: The database .* is damaged/);
  });
});
