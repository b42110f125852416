// The gate in front of core for every IPC command (electron/main/security/ipcGuard.ts), with the
// real dispatcher behind it.
import { describe, expect, it } from 'vitest';
import { createDispatcher, type CommandHandlers, type Dispatch } from '../../../electron/core/ipc/dispatcher.js';
import { MemoryLogger } from '../../../electron/core/log/memoryLogger.js';
import { appOrigin } from '../../../electron/main/security/appScheme.js';
import { guardedInvoke, isTrustedSender, jsonByteLength } from '../../../electron/main/security/ipcGuard.js';
import { maxMessageBytes } from '../../../electron/shared/ipc/contract.js';
import { settingKeys } from '../../../electron/shared/settings.js';

const ourPage = { senderFrameUrl: 'agentdesk://app/index.html', isMainFrame: true };

describe('isTrustedSender', () => {
  it('trusts our main frame only', () => {
    expect(isTrustedSender(ourPage, appOrigin)).toBe(true);
    expect(isTrustedSender({ senderFrameUrl: 'agentdesk://app/index.html#/calls', isMainFrame: true }, appOrigin)).toBe(true);
  });

  it.each([
    ['a subframe of ours', { senderFrameUrl: 'agentdesk://app/frame.html', isMainFrame: false }],
    ['a foreign page', { senderFrameUrl: 'https://evil.example/', isMainFrame: true }],
    ['the host origin', { senderFrameUrl: 'http://127.0.0.1:4100/', isMainFrame: true }],
    ['a file page', { senderFrameUrl: 'file:///tmp/index.html', isMainFrame: true }],
    ['about:blank', { senderFrameUrl: 'about:blank', isMainFrame: true }],
    ['a destroyed frame', { senderFrameUrl: null, isMainFrame: false }],
    ['no URL', { senderFrameUrl: undefined, isMainFrame: true }],
    ['a look-alike host', { senderFrameUrl: 'agentdesk://app.evil/index.html', isMainFrame: true }],
  ])('refuses %s', (_label, sender) => {
    expect(isTrustedSender(sender, appOrigin)).toBe(false);
  });
});

describe('jsonByteLength', () => {
  it('counts UTF-8 bytes of the JSON form', () => {
    expect(jsonByteLength({ key: 'ı' })).toBe('{"key":"ı"}'.length + 1);
    expect(jsonByteLength(undefined)).toBe(0);
  });
  it('has no answer for values without a JSON form', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(jsonByteLength(cyclic)).toBeNull();
    expect(jsonByteLength({ n: 1n })).toBeNull();
  });
});

describe('guardedInvoke', () => {
  function setup() {
    const logger = new MemoryLogger();
    const calls: { name: unknown; args: unknown }[] = [];
    // Only the commands these tests call; the dispatcher looks a handler up by name.
    const handlers = {
      'settings:get': () => ({ settings: [], problems: [], provisioningFile: null }),
      'settings:set': () => ({ settings: [], problems: [], provisioningFile: null }),
      'settings:reset': () => ({ settings: [], problems: [], provisioningFile: null }),
    } satisfies Partial<CommandHandlers>;
    const real = createDispatcher(handlers as unknown as CommandHandlers, logger);
    const dispatch: Dispatch = (name, args) => {
      calls.push({ name, args });
      return real(name, args);
    };
    return { logger, calls, options: { appOrigin, maxBytes: maxMessageBytes, dispatch, logger } };
  }

  it('passes a trusted, small call to core and returns its Result', async () => {
    const { calls, options } = setup();
    const result = await guardedInvoke('settings:get', {}, ourPage, options);
    expect(result).toEqual({ ok: true, value: { settings: [], problems: [], provisioningFile: null } });
    expect(calls).toEqual([{ name: 'settings:get', args: {} }]);
  });

  it('refuses an untrusted sender before core sees anything, and logs it', async () => {
    const { calls, logger, options } = setup();
    const result = await guardedInvoke('settings:set', { key: 'ui.theme', value: 'dark' }, { senderFrameUrl: 'https://evil.example/', isMainFrame: true }, options);
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(calls).toEqual([]);
    expect(logger.lines.some((line) => line.level === 'warn' && line.message.includes('untrusted sender'))).toBe(true);
  });

  it('refuses arguments over maxMessageBytes before core sees them', async () => {
    const { calls, options } = setup();
    const big = { key: settingKeys[0], value: 'x'.repeat(maxMessageBytes) };
    const result = await guardedInvoke('settings:set', big, ourPage, options);
    expect(result).toMatchObject({ ok: false, error: { code: 'too_large' } });
    expect(calls).toEqual([]);
    const justUnder = { key: 'ui.theme', value: 'x'.repeat(maxMessageBytes - 100) };
    expect((await guardedInvoke('settings:set', justUnder, ourPage, options)).ok).toBe(true);
  });

  it('refuses arguments that are not plain data', async () => {
    const { calls, options } = setup();
    const cyclic: Record<string, unknown> = { key: 'ui.theme' };
    cyclic.value = cyclic;
    expect(await guardedInvoke('settings:set', cyclic, ourPage, options)).toMatchObject({ ok: false, error: { code: 'invalid_args' } });
    expect(calls).toEqual([]);
  });

  it("leaves schema checks to the dispatcher: invalid arguments get core's typed error", async () => {
    const { options } = setup();
    const result = await guardedInvoke('settings:reset', { key: 'no.such.key', extra: true }, ourPage, options);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_args' } });
  });
});
