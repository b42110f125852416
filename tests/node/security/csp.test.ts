// The renderer's Content-Security-Policy (electron/shared/security/csp.ts), as main serves it on
// agentdesk://app/ and the host on HTTP.
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../../electron/shared/security/csp.js';

function directives(policy: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) {
      expect(map.has(name), `duplicate ${name}`).toBe(false);
      map.set(name, sources);
    }
  }
  return map;
}

describe('contentSecurityPolicy', () => {
  const policy = directives(contentSecurityPolicy());

  it('starts from nothing', () => {
    expect(contentSecurityPolicy().startsWith("default-src 'none'")).toBe(true);
  });

  it.each([
    ['script-src', ["'self'"]],
    ['style-src', ["'self'"]],
    ['img-src', ["'self'", 'data:']],
    ['font-src', ["'self'"]],
    ['media-src', ["'self'", 'blob:', 'mediastream:']],
    ['connect-src', ["'self'"]],
    ['base-uri', ["'none'"]],
    ['form-action', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
    ['object-src', ["'none'"]],
  ])('%s is exactly %j', (name, sources) => {
    expect(policy.get(name)).toEqual(sources);
  });

  it('allows no inline code, eval or wildcard anywhere', () => {
    const text = contentSecurityPolicy({ connectSources: ['ws://127.0.0.1:4100'] });
    for (const loose of ["'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "'wasm-unsafe-eval'", ' * ', 'http:', 'https:']) {
      expect(` ${text} `).not.toContain(loose);
    }
    // React sets style props through the CSSOM, which CSP does not govern: no style-src-attr needed.
    expect(policy.has('style-src-attr')).toBe(false);
    expect(policy.has('style-src-elem')).toBe(false);
  });

  it('adds the host bridge to connect-src only', () => {
    const withBridge = directives(contentSecurityPolicy({ connectSources: ['ws://127.0.0.1:4100'] }));
    expect(withBridge.get('connect-src')).toEqual(["'self'", 'ws://127.0.0.1:4100']);
    for (const [name, sources] of withBridge) {
      if (name !== 'connect-src') expect(sources).toEqual(policy.get(name));
    }
  });
});

describe('contentSecurityPolicy connect sources', () => {
  it.each(["ws://127.0.0.1:1234; script-src 'unsafe-inline'", 'ws://a b', "'unsafe-eval'", '*', 'javascript:alert(1)'])(
    'refuses %s, which could smuggle in a directive',
    (source) => {
      expect(() => contentSecurityPolicy({ connectSources: [source] })).toThrow(/Not a safe CSP source/);
    },
  );
});
