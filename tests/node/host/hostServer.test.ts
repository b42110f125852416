// The host bridge: token and origin checks, contract validation over the wire, events, static files.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { MemoryLogger } from '../../../electron/core/log/memoryLogger.js';
import { runHost, type RunningHost } from '../../../electron/host/runHost.js';
import { maxMessageBytes } from '../../../electron/shared/ipc/contract.js';
import type { ServerMessage } from '../../../electron/shared/ipc/wire.js';
import { migrationsFolder } from '../../support/paths.js';
import { useTempDirs } from '../../support/tempDir.js';

const tempDir = useTempDirs();
let host: RunningHost;
let origin: string;

beforeAll(async () => {
  const rendererDir = tempDir();
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>AgentDesk</title>');
  mkdirSync(join(rendererDir, 'assets'));
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  const config = join(tempDir(), 'config.json');
  writeFileSync(config, JSON.stringify({ policy: { ui: { theme: 'dark' } }, lockReason: 'Corporate theme' }));
  host = await runHost({
    dataDir: tempDir(),
    port: 0,
    provisioningFile: config,
    migrationsFolder,
    rendererDir,
    version: 'test',
    replaceDamagedDatabase: false,
    logger: new MemoryLogger(),
  });
  origin = `http://127.0.0.1:${host.server.port}`;
});
afterAll(async () => host.stop());

/** A bridge client that records every message it gets. */
async function connect(query = `?token=${host.server.token}`, headers: Record<string, string> = {}) {
  const socket = new WebSocket(`ws://127.0.0.1:${host.server.port}/bridge${query}`, { headers });
  const messages: ServerMessage[] = [];
  socket.on('message', (data) => messages.push(JSON.parse(String(data)) as ServerMessage));
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    socket.once('error', reject);
  });
  let nextId = 1;
  const waitFor = async (predicate: (m: ServerMessage) => boolean) => {
    for (let i = 0; i < 200; i++) {
      const found = messages.find(predicate);
      if (found) return found;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error('no such message');
  };
  return {
    socket,
    messages,
    waitFor,
    async invoke(name: string, args: unknown) {
      const id = nextId++;
      socket.send(JSON.stringify({ t: 'invoke', id, name, args }));
      const reply = await waitFor((m) => m.t === 'result' && m.id === id);
      return (reply as { result: { ok: boolean; value?: unknown; error?: { code: string } } }).result;
    },
  };
}

describe('HTTP', () => {
  it('refuses the page without the token or with a wrong one', async () => {
    expect((await fetch(`${origin}/`)).status).toBe(403);
    expect((await fetch(`${origin}/?token=wrong`)).status).toBe(403);
    expect((await fetch(`${origin}/?token=${host.server.token}x`)).status).toBe(403);
  });

  it('serves the page with the token, a strict CSP and a session cookie for the assets', async () => {
    const page = await fetch(`${origin}/?token=${host.server.token}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toMatch(/^default-src 'none'/);
    expect(page.headers.get('content-security-policy')).toContain(`connect-src 'self' ws://127.0.0.1:${host.server.port}`);
    const cookie = page.headers.get('set-cookie')!.split(';')[0]!;
    expect(page.headers.get('set-cookie')).toMatch(/HttpOnly; SameSite=Strict/);
    expect((await fetch(`${origin}/assets/app.js`)).status).toBe(403);
    const asset = await fetch(`${origin}/assets/app.js`, { headers: { cookie } });
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
  });

  it('never serves a file outside the renderer folder', async () => {
    const cookie = `agentdesk_session=${host.server.token}`;
    for (const path of ['/..%2f..%2fetc%2fpasswd', '/assets/%2e%2e/%2e%2e/package.json', '/%00index.html', '/assets\\..\\x', '/%E0%A4%A']) {
      const response = await fetch(`${origin}${path}`, { headers: { cookie } });
      expect([400, 403, 404]).toContain(response.status);
    }
    expect((await fetch(`${origin}/`, { method: 'POST', headers: { cookie } })).status).toBe(405);
  });
});

describe('bridge', () => {
  it('refuses a connection without the token, with a wrong token or from another origin', async () => {
    await expect(connect('')).rejects.toThrow('HTTP 403');
    await expect(connect('?token=wrong')).rejects.toThrow('HTTP 403');
    await expect(connect(`?token=${host.server.token}`, { origin: 'http://evil.example.com' })).rejects.toThrow('HTTP 403');
  });

  it('answers contract commands with the Result envelope', async () => {
    const client = await connect(`?token=${host.server.token}`, { origin });
    const info = await client.invoke('app:info', {});
    expect(info).toMatchObject({ ok: true, value: { name: 'AgentDesk', mode: 'host', database: { journalMode: 'wal' } } });
    expect(await client.invoke('settings:set', { key: 'ui.locale', value: 42 })).toMatchObject({ ok: false, error: { code: 'invalid_args' } });
    expect(await client.invoke('settings:set', { key: 'ui.locale', value: 'tr', extra: 1 })).toMatchObject({ ok: false, error: { code: 'invalid_args' } });
    expect(await client.invoke('shell:exec', { cmd: 'rm -rf /' })).toMatchObject({ ok: false, error: { code: 'unknown_command' } });
    client.socket.close();
  });

  it('a locked setting cannot be changed through the bridge', async () => {
    const client = await connect();
    expect(await client.invoke('settings:set', { key: 'ui.theme', value: 'light' })).toMatchObject({ ok: false, error: { code: 'locked', message: expect.stringContaining('Corporate theme') } });
    const settings = (await client.invoke('settings:get', {})) as { value: { settings: { key: string; value: unknown }[] } };
    expect(settings.value.settings.find((s) => s.key === 'ui.theme')?.value).toBe('dark');
    client.socket.close();
  });

  it('sends settings:changed to every connected page', async () => {
    const a = await connect();
    const b = await connect();
    expect(await a.invoke('settings:set', { key: 'ui.locale', value: 'ru' })).toMatchObject({ ok: true });
    const event = await b.waitFor((m) => m.t === 'event' && m.name === 'settings:changed');
    expect(JSON.stringify(event)).toContain('"ru"');
    a.socket.close();
    b.socket.close();
  });

  it('refuses oversized, non-JSON, binary and off-contract frames and keeps serving', async () => {
    const client = await connect();
    client.socket.send(JSON.stringify({ t: 'invoke', id: 77, name: 'settings:set', args: { key: 'sip.domain', value: 'x'.repeat(maxMessageBytes) } }));
    expect(await client.waitFor((m) => m.t === 'result' && m.id === 77)).toMatchObject({ result: { ok: false, error: { code: 'too_large' } } });
    client.socket.send('not json {');
    client.socket.send(Buffer.from([1, 2, 3]), { binary: true });
    client.socket.send(JSON.stringify({ t: 'hack', id: 1 }));
    await new Promise((r) => setTimeout(r, 100));
    expect(client.messages.filter((m) => m.t === 'refused')).toHaveLength(3);
    expect(await client.invoke('settings:get', {})).toMatchObject({ ok: true });
    client.socket.close();
  });
});
