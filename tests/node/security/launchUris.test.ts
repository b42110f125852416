// tel:/sip: links from the command line and the OS (electron/main/launchUris.ts): untrusted input.
import { describe, expect, it } from 'vitest';
import { dialUriFrom, dialUrisFromArgv, LaunchUriQueue, secondInstanceArgv } from '../../../electron/main/launchUris.js';

describe('dialUriFrom', () => {
  it.each([
    ['tel:+905551234567', 'tel:+905551234567'],
    ['TEL:+905551234567', 'tel:+905551234567'],
    ['tel://+905551234567', 'tel:+905551234567'],
    ['tel:+90%20555%20123', 'tel:+90%20555%20123'],
    ['sip:alice@pbx.example.com', 'sip:alice@pbx.example.com'],
    ['SIP:1001@10.0.0.5;transport=ws', 'sip:1001@10.0.0.5;transport=ws'],
  ])('%s -> %s', (raw, uri) => {
    expect(dialUriFrom(raw)).toBe(uri);
  });

  it.each([
    'https://example.com/',
    'sips:alice@example.com',
    'callto:alice',
    'tel:',
    'tel:+90 555',
    'tel:+90\n555',
    'sip:alice@example.com\u202e',
    'tel:%E0%A4%A',
    `tel:+${'9'.repeat(300)}`,
    '/usr/bin/agentdesk',
    '',
  ])('refuses %s', (raw) => {
    expect(dialUriFrom(raw)).toBeNull();
  });
});

describe('dialUrisFromArgv', () => {
  it('picks the links out of an argv and ignores switches and paths', () => {
    const argv = ['/opt/AgentDesk/agentdesk', '--no-sandbox', '--config=/etc/agentdesk.json', 'tel:+905551234567', '--', 'sip:1001@pbx'];
    expect(dialUrisFromArgv(argv)).toEqual(['tel:+905551234567', 'sip:1001@pbx']);
  });

  it('ignores a switch that smuggles a link in its value', () => {
    expect(dialUrisFromArgv(['agentdesk', '--tel:+905551234567', '--url=tel:+1'])).toEqual([]);
  });

  it('ignores non-strings and looks at a bounded number of arguments', () => {
    expect(dialUrisFromArgv([1, null, { tel: 1 }, 'tel:+1'])).toEqual(['tel:+1']);
    expect(dialUrisFromArgv([...Array(100).fill('x'), 'tel:+1'])).toEqual([]);
  });
});

describe('secondInstanceArgv', () => {
  it("prefers the argv the second instance sent itself", () => {
    expect(secondInstanceArgv(['agentdesk', '--reordered'], { argv: ['agentdesk', 'tel:+1'] })).toEqual(['agentdesk', 'tel:+1']);
  });
  it("falls back to Electron's argv when additionalData is missing or malformed", () => {
    expect(secondInstanceArgv(['agentdesk', 'tel:+2'], undefined)).toEqual(['agentdesk', 'tel:+2']);
    expect(secondInstanceArgv(['agentdesk', 'tel:+2'], { argv: 'tel:+3' })).toEqual(['agentdesk', 'tel:+2']);
  });
});

describe('LaunchUriQueue', () => {
  it('holds links until core listens, then delivers them in order, then live', () => {
    const queue = new LaunchUriQueue();
    queue.push(['tel:+1', 'tel:+2']);
    const got: string[] = [];
    const stop = queue.listen((uri) => got.push(uri));
    expect(got).toEqual(['tel:+1', 'tel:+2']);
    queue.push(['sip:3@pbx']);
    expect(got).toEqual(['tel:+1', 'tel:+2', 'sip:3@pbx']);
    stop();
    queue.push(['tel:+4']);
    expect(got).toHaveLength(3);
    const later: string[] = [];
    queue.listen((uri) => later.push(uri));
    expect(later).toEqual(['tel:+4']);
  });

  it('keeps only the last 16 while nobody listens (a script spamming second instances)', () => {
    const queue = new LaunchUriQueue();
    queue.push(Array.from({ length: 40 }, (_, i) => `tel:+${i}`));
    const got: string[] = [];
    queue.listen((uri) => got.push(uri));
    expect(got).toHaveLength(16);
    expect(got[0]).toBe('tel:+24');
    expect(got.at(-1)).toBe('tel:+39');
  });
});
