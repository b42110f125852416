// agentdesk://app/ serving the built renderer (electron/main/security/appFiles.ts, appScheme.ts).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { appFileResponse, resolveAppFile } from '../../../electron/main/security/appFiles.js';
import { appEntryUrl, appOrigin, appSchemePrivileges } from '../../../electron/main/security/appScheme.js';
import { contentSecurityPolicy } from '../../../electron/shared/security/csp.js';
import { sharedTestdata } from '../../support/paths.js';
import { useTempDirs } from '../../support/tempDir.js';

const tempDir = useTempDirs();
const csp = contentSecurityPolicy();
let root = '';
let outside = '';

beforeAll(() => {
  const base = tempDir();
  root = join(base, 'dist', 'renderer');
  outside = join(base, 'secret.txt');
  mkdirSync(join(root, 'assets'), { recursive: true });
  mkdirSync(join(root, 'sounds'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>AgentDesk</title><div id="root"></div>');
  writeFileSync(join(root, 'assets', 'index-abc123.js'), 'console.log("app")');
  writeFileSync(join(root, 'assets', 'index-abc123.css'), 'body{}');
  writeFileSync(join(root, 'sounds', 'ring.wav'), Buffer.from('RIFF0000WAVE'));
  writeFileSync(join(root, 'ünïcode file.svg'), '<svg/>');
  writeFileSync(outside, 'top secret');
});

describe('the app scheme', () => {
  it('is standard and secure, with fetch and code cache, and nothing that widens access', () => {
    expect(appSchemePrivileges).toEqual({
      scheme: 'agentdesk',
      privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
    });
    expect(appOrigin).toBe('agentdesk://app');
    expect(appEntryUrl.startsWith(`${appOrigin}/`)).toBe(true);
  });
});

describe('resolveAppFile', () => {
  it.each([
    ['agentdesk://app/', 'index.html', 'text/html; charset=utf-8'],
    ['agentdesk://app/index.html', 'index.html', 'text/html; charset=utf-8'],
    ['agentdesk://app/index.html?x=1#top', 'index.html', 'text/html; charset=utf-8'],
    ['agentdesk://app/assets/index-abc123.js', 'assets/index-abc123.js', 'text/javascript; charset=utf-8'],
    ['agentdesk://app/assets/index-abc123.css', 'assets/index-abc123.css', 'text/css; charset=utf-8'],
    ['agentdesk://app/sounds/ring.wav', 'sounds/ring.wav', 'audio/wav'],
    ['agentdesk://app/%C3%BCn%C3%AFcode%20file.svg', 'ünïcode file.svg', 'image/svg+xml'],
    ['AGENTDESK://APP/index.html', 'index.html', 'text/html; charset=utf-8'],
  ])('%s -> %s', (url, file, type) => {
    const found = resolveAppFile(root, url, csp);
    expect(found.ok).toBe(true);
    if (!found.ok) return;
    expect(found.filePath).toBe(join(root, file));
    expect(found.headers['Content-Type']).toBe(type);
  });

  it('puts the CSP and the hardening headers on every answer', () => {
    for (const url of [appEntryUrl, 'agentdesk://app/missing.js', 'agentdesk://other/x']) {
      const found = resolveAppFile(root, url, csp);
      expect(found.headers).toMatchObject({
        'Content-Security-Policy': csp,
        'X-Content-Type-Options': 'nosniff',
        'Cross-Origin-Opener-Policy': 'same-origin',
        'Cross-Origin-Resource-Policy': 'same-origin',
        'Referrer-Policy': 'no-referrer',
      });
      expect(found.headers['Permissions-Policy']).toContain('camera=()');
    }
  });

  it.each([
    ['agentdesk://app/../secret.txt', 403],
    ['agentdesk://app/assets/../../secret.txt', 403],
    ['agentdesk://app/%2e%2e/secret.txt', 403],
    ['agentdesk://app/%2E%2E/%2e%2E/secret.txt', 403],
    ['agentdesk://app/.%2e/secret.txt', 403],
    ['agentdesk://app/./index.html', 403],
    ['agentdesk://app/..%2fsecret.txt', 403],
    ['agentdesk://app/%2e%2e%2fsecret.txt', 403],
    ['agentdesk://app/assets\\..\\..\\secret.txt', 400],
    ['agentdesk://app/assets%5c..%5csecret.txt', 400],
    ['agentdesk://app/index.html%00.js', 400],
    ['agentdesk://app/index.html\u0000', 400],
    ['agentdesk://app/C:/Windows/win.ini', 400],
    ['agentdesk://app/index.html:stream', 400],
    ['agentdesk://app/%E0%A4%A', 400],
    ['agentdesk://app//etc/passwd', 404],
    ['agentdesk://app/etc/passwd', 404],
    ['agentdesk://app/missing.js', 404],
    ['agentdesk://app/assets', 404],
    ['agentdesk://other/index.html', 403],
    ['agentdesk://app:8080/index.html', 403],
    ['agentdesk://user:pass@app/index.html', 403],
    ['agentdesk://app.evil.example/index.html', 403],
    ['file:///etc/passwd', 400],
    ['https://app/index.html', 400],
    ['', 400],
  ])('refuses %s with %i', (url, status) => {
    const found = resolveAppFile(root, url, csp);
    expect(found.ok).toBe(false);
    if (found.ok) return;
    expect(found.status).toBe(status);
  });

  it('refuses methods other than GET and HEAD', () => {
    expect(resolveAppFile(root, appEntryUrl, csp, 'HEAD').ok).toBe(true);
    for (const method of ['POST', 'PUT', 'DELETE', 'OPTIONS']) {
      const found = resolveAppFile(root, appEntryUrl, csp, method);
      expect(found.ok ? 200 : found.status).toBe(405);
    }
  });

  it('never resolves a naughty string to a file outside the renderer folder', () => {
    const naughty: string[] = JSON.parse(readFileSync(join(sharedTestdata, 'naughty-strings', 'blns.json'), 'utf8'));
    let served = 0;
    for (const text of naughty) {
      for (const url of [`agentdesk://app/${text}`, `agentdesk://app/${encodeURIComponent(text)}`, `agentdesk://app/assets/${text}`]) {
        const found = resolveAppFile(root, url, csp);
        if (!found.ok) continue;
        served++;
        expect(found.filePath.startsWith(`${root}/`), url).toBe(true);
      }
    }
    // Only the naughty strings that are empty or name the index come back as files.
    expect(served).toBeLessThan(10);
  });
});

describe('appFileResponse', () => {
  it('answers a file with its bytes, type and CSP', async () => {
    const response = await appFileResponse(root, { url: 'agentdesk://app/sounds/ring.wav', method: 'GET' }, csp);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('audio/wav');
    expect(response.headers.get('content-security-policy')).toBe(csp);
    expect(Buffer.from(await response.arrayBuffer()).toString()).toBe('RIFF0000WAVE');
  });

  it('answers HEAD without a body', async () => {
    const response = await appFileResponse(root, { url: appEntryUrl, method: 'HEAD' }, csp);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
  });

  it('answers a refusal as plain text with the same headers, never the file', async () => {
    const response = await appFileResponse(root, { url: 'agentdesk://app/%2e%2e/secret.txt', method: 'GET' }, csp);
    expect(response.status).toBe(403);
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(csp);
    expect(await response.text()).not.toContain('top secret');
    const missing = await appFileResponse(root, { url: 'agentdesk://app/nope.js', method: 'GET' }, csp);
    expect(missing.status).toBe(404);
  });
});
