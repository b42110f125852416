// What may be handed to shell.openExternal (electron/main/security/externalUrl.ts).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { maxExternalUrlLength, safeExternalUrl } from '../../../electron/main/security/externalUrl.js';
import { sharedTestdata } from '../../support/paths.js';

describe('safeExternalUrl', () => {
  it.each([
    ['https://example.com', 'https://example.com/'],
    ['https://crm.example.com/customers/42?tab=orders#notes', 'https://crm.example.com/customers/42?tab=orders#notes'],
    ['https://bücher.example/', 'https://xn--bcher-kva.example/'],
    ['https://example.com/a b', 'https://example.com/a%20b'],
    ['mailto:support@example.com', 'mailto:support@example.com'],
    ['mailto:support@example.com?subject=Ticket%2042', 'mailto:support@example.com?subject=Ticket%2042'],
    ['tel:+905551234567', 'tel:+905551234567'],
    ['tel:+1-800-555-0100', 'tel:+1-800-555-0100'],
  ])('accepts %s as %s', (raw, expected) => {
    expect(safeExternalUrl(raw)).toBe(expected);
  });

  it.each([
    ['http (cleartext)', 'http://example.com/'],
    ['file', 'file:///etc/passwd'],
    ['UNC file', 'file://server/share/x.exe'],
    ['javascript', 'javascript:alert(1)'],
    ['JavaScript with case and spaces', ' JaVaScRiPt:alert(1)'],
    ['data', 'data:text/html,<script>alert(1)</script>'],
    ['vbscript', 'vbscript:msgbox(1)'],
    ['ms-msdt (Follina)', 'ms-msdt:/id PCWDiagnostic'],
    ['search-ms', 'search-ms:query=x&crumb=location:\\\\evil\\share'],
    ['smb', 'smb://evil/share'],
    ['our own scheme', 'agentdesk://app/index.html'],
    ['sip (dialled in-app, not by the OS)', 'sip:alice@example.com'],
    ['credentials', 'https://user:pass@example.com/'],
    ['user only', 'https://user@example.com/'],
    ['newline', 'https://example.com/\nSet-Cookie: x'],
    ['tab', 'https://exa\tmple.com/'],
    ['NUL', 'https://example.com/\u0000'],
    ['encoded newline in mailto', 'mailto:a@example.com?subject=x%0D%0ABcc:all@example.com'],
    ['right-to-left override', 'https://example.com/\u202Eexe.pdf'],
    ['encoded right-to-left override', 'https://example.com/%E2%80%AEfdp.exe'],
    ['zero-width space', 'https://exam\u200Bple.com/'],
    ['malformed percent-encoding', 'https://example.com/%E0%A4%A'],
    ['leading space', ' https://example.com/'],
    ['mailto without address', 'mailto:'],
    ['tel with letters', 'tel:1-800-FLOWERS'],
    ['tel with a parameter', 'tel:+905551234567;phone-context=evil'],
    ['relative', '/index.html'],
    ['empty', ''],
  ])('refuses %s', (_label, raw) => {
    expect(safeExternalUrl(raw)).toBeNull();
  });

  it('refuses over-long URLs', () => {
    const path = 'a'.repeat(maxExternalUrlLength);
    expect(safeExternalUrl(`https://example.com/${path}`)).toBeNull();
    expect(safeExternalUrl(`https://example.com/${'a'.repeat(maxExternalUrlLength - 30)}`)).not.toBeNull();
    // Within the limit raw, over it once the parser percent-encodes it.
    expect(safeExternalUrl(`https://example.com/${' '.repeat(700)}x`)).toBeNull();
  });

  it('refuses non-strings', () => {
    for (const value of [undefined, null, 1, {}, new URL('https://example.com/')]) expect(safeExternalUrl(value)).toBeNull();
  });

  it('lets no naughty string through unless it became a clean https/mailto/tel URL', () => {
    const naughty: string[] = JSON.parse(readFileSync(join(sharedTestdata, 'naughty-strings', 'blns.json'), 'utf8'));
    for (const text of naughty) {
      for (const raw of [text, `https://example.com/${text}`, `mailto:${text}`, `tel:${text}`]) {
        const safe = safeExternalUrl(raw);
        if (safe === null) continue;
        const url = new URL(safe);
        expect(['https:', 'mailto:', 'tel:'], raw).toContain(url.protocol);
        // eslint-disable-next-line no-control-regex -- looking for control characters is the point
        expect(safe, raw).not.toMatch(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/);
        expect(url.username + url.password, raw).toBe('');
      }
    }
  });
});
