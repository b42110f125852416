// Navigation and window.open rules (electron/main/security/navigation.ts, origin.ts).
import { describe, expect, it } from 'vitest';
import { appOrigin } from '../../../electron/main/security/appScheme.js';
import { shouldAllowNavigation, urlForLog, windowOpenHandler } from '../../../electron/main/security/navigation.js';
import { originOf } from '../../../electron/main/security/origin.js';

describe('originOf', () => {
  it.each([
    ['agentdesk://app/index.html', 'agentdesk://app'],
    ['AGENTDESK://APP/', 'agentdesk://app'],
    ['agentdesk://app', 'agentdesk://app'],
    ['https://example.com:443/a', 'https://example.com'],
    ['http://127.0.0.1:4100/?token=x', 'http://127.0.0.1:4100'],
    ['about:blank', null],
    ['data:text/html,<b>x</b>', null],
    ['blob:agentdesk://app/1234', null],
    ['javascript:alert(1)', null],
    ['not a url', null],
  ])('%s -> %s', (url, origin) => {
    expect(originOf(url)).toBe(origin);
  });
});

describe('shouldAllowNavigation', () => {
  it.each(['agentdesk://app/index.html', 'agentdesk://app/', 'agentdesk://app/index.html#/calls', 'AGENTDESK://APP/index.html'])(
    'allows our own page %s',
    (url) => expect(shouldAllowNavigation(url, appOrigin)).toBe(true),
  );

  it.each([
    'https://example.com/',
    'http://127.0.0.1:4100/',
    'file:///etc/passwd',
    'agentdesk://other/index.html',
    'agentdesk://app.evil.example/',
    'agentdesk://app:81/',
    'agentdesk://user:pw@app/index.html',
    'about:blank',
    'data:text/html,<script>alert(1)</script>',
    'blob:agentdesk://app/0d1c',
    'javascript:alert(1)',
    'chrome://gpu',
    'devtools://devtools/bundled/inspector.html',
    '',
  ])('refuses %s', (url) => {
    expect(shouldAllowNavigation(url, appOrigin)).toBe(false);
  });

  it('refuses anything that is not a string', () => {
    for (const value of [undefined, null, 42, {}, ['agentdesk://app/']]) expect(shouldAllowNavigation(value, appOrigin)).toBe(false);
  });
});

describe('windowOpenHandler', () => {
  function run(url: string) {
    const opened: string[] = [];
    const answer = windowOpenHandler((external) => opened.push(external))({ url });
    return { answer, opened };
  }

  it('never opens an Electron window, even for our own origin', () => {
    for (const url of ['agentdesk://app/index.html', 'https://crm.example.com/customer/42', 'file:///C:/x', 'about:blank']) {
      expect(run(url).answer).toEqual({ action: 'deny' });
    }
  });

  it('hands safe external links to the OS, re-serialised', () => {
    expect(run('https://crm.example.com/customer/42?tab=orders').opened).toEqual(['https://crm.example.com/customer/42?tab=orders']);
    expect(run('mailto:support@example.com').opened).toEqual(['mailto:support@example.com']);
    expect(run('HTTPS://Example.COM').opened).toEqual(['https://example.com/']);
  });

  it('hands nothing else to the OS', () => {
    for (const url of ['agentdesk://app/index.html', 'file:///etc/passwd', 'javascript:alert(1)', 'http://example.com/', 'ms-msdt:/id']) {
      expect(run(url).opened, url).toEqual([]);
    }
  });
});

describe('urlForLog', () => {
  it('keeps where a web address pointed, and nothing of a number, a mail address or a query', () => {
    expect(urlForLog('https://evil.example.com/phish?customer=Ay%C5%9Fe#x')).toBe(
      'https://evil.example.com/phish (+21 characters of query/fragment)',
    );
    expect(urlForLog('http://intranet.local/')).toBe('http://intranet.local/');
    for (const url of ['tel:+905321234567', 'sip:905321234567@pbx.example.com', 'mailto:ayse.yilmaz@example.com']) {
      const logged = urlForLog(url);
      expect(logged).toMatch(/^[a-z]+:\(\d+ characters\)$/);
      expect(logged).not.toMatch(/532|ayse|pbx/);
    }
    expect(urlForLog('not a url +905321234567')).toBe('(not a URL, 23 characters)');
  });
});
