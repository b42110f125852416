// The contract at the dispatch boundary: wrong types, unknown fields, unknown commands, failures.
import { describe, expect, it } from 'vitest';
import { createDispatcher, type CommandHandlers } from '../../../electron/core/ipc/dispatcher.js';
import { EventHub } from '../../../electron/core/ipc/eventHub.js';
import { MemoryLogger } from '../../../electron/core/log/memoryLogger.js';
import { commandNames, commands, eventNames } from '../../../electron/shared/ipc/contract.js';
import { buildAgentDeskApi } from '../../../electron/shared/ipc/api.js';
import { CommandFailure } from '../../../electron/shared/ipc/result.js';
import { settingKeys } from '../../../electron/shared/settings.js';

const effective = { settings: [], problems: [], provisioningFile: null };

/** The app and settings handlers; the dispatcher never looks at the others, so the rest stay out. */
function handlers(overrides: Partial<CommandHandlers> = {}): CommandHandlers {
  return {
    'app:info': () => ({
      name: 'AgentDesk',
      version: '1',
      mode: 'host',
      platform: 'linux',
      systemLocale: 'en',
      dataDir: '/d',
      database: { path: '/d/a.db', schemaVersion: 1, journalMode: 'wal' },
    }),
    'settings:get': () => effective,
    'settings:set': () => effective,
    'settings:reset': () => effective,
    ...overrides,
  } as Partial<CommandHandlers> as CommandHandlers;
}

describe('dispatcher', () => {
  const logger = new MemoryLogger();

  it('answers a valid command with ok:true', async () => {
    expect(await createDispatcher(handlers(), logger)('settings:get', {})).toEqual({ ok: true, value: effective });
  });

  it.each([
    ['a number for the key', 'settings:set', { key: 42, value: 'x' }],
    ['an unknown setting', 'settings:set', { key: 'sip.password', value: 'x' }],
    ['an unknown extra field', 'settings:reset', { key: 'ui.locale', sneaky: true }],
    ['no object at all', 'settings:reset', 'ui.locale'],
    ['an array', 'settings:get', []],
    ['prototype pollution', 'settings:set', JSON.parse('{"key":"ui.locale","value":"tr","__proto__":{"x":1}}')],
  ])('refuses %s with invalid_args and never calls the handler', async (_label, name, args) => {
    let called = false;
    const dispatch = createDispatcher(
      handlers({ 'settings:set': () => ((called = true), effective), 'settings:reset': () => ((called = true), effective) }),
      logger,
    );
    const result = await dispatch(name, args);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('invalid_args');
    expect(called).toBe(false);
  });

  it('refuses unknown and inherited command names', async () => {
    const dispatch = createDispatcher(handlers(), logger);
    for (const name of ['nope:nope', 'constructor', '__proto__', 'toString', 42, null]) {
      const result = await dispatch(name, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'unknown_command' } });
    }
  });

  it('passes a CommandFailure through and hides any other error', async () => {
    const dispatch = createDispatcher(
      handlers({
        'settings:set': () => {
          throw new CommandFailure('locked', 'ui.locale is locked');
        },
        'settings:get': () => {
          throw new Error('SQLITE_IOERR at /home/ayse/secret/path');
        },
      }),
      logger,
    );
    expect(await dispatch('settings:set', { key: 'ui.locale', value: 'tr' })).toEqual({
      ok: false,
      error: { code: 'locked', message: 'ui.locale is locked' },
    });
    const hidden = await dispatch('settings:get', {});
    expect(hidden).toEqual({ ok: false, error: { code: 'internal', message: 'Internal error' } });
  });

  it('treats a handler result that breaks the contract as an internal error', async () => {
    const dispatch = createDispatcher(handlers({ 'settings:get': () => ({ wrong: true }) as never }), logger);
    expect(await dispatch('settings:get', {})).toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});

describe('contract', () => {
  it('every command has strict object args and a result schema', () => {
    for (const name of commandNames) {
      expect(name).toMatch(/^[a-z]+:[a-zA-Z]+$/);
      expect(commands[name].args.safeParse({ unexpected: 1 }).success).toBe(false);
    }
  });

  it('the api built from the contract has exactly its keys', () => {
    const api = buildAgentDeskApi(
      async () => ({ ok: true, value: null }),
      () => () => {},
    );
    expect(Object.keys(api.commands).sort()).toEqual([...commandNames].sort());
    expect(Object.keys(api.events).sort()).toEqual([...eventNames].sort());
    expect(Object.isFrozen(api.commands)).toBe(true);
  });

  it('settings keys are dotted domain.name', () => {
    for (const key of settingKeys) expect(key).toMatch(/^[a-z]+\.[a-zA-Z]+$/);
  });
});

describe('EventHub', () => {
  it('drops payloads that break the contract and survives a failing sink', () => {
    const logger = new MemoryLogger();
    const hub = new EventHub(logger);
    const received: unknown[] = [];
    hub.add({
      emit: () => {
        throw new Error('window gone');
      },
    });
    hub.add({ emit: (_name, payload) => received.push(payload) });
    hub.emit('app:notice', { level: 'info', code: 'x', message: 'hello' });
    hub.emit('app:notice', { level: 'loud', code: 'x', message: 'bad' } as never);
    expect(received).toEqual([{ level: 'info', code: 'x', message: 'hello' }]);
    expect(logger.lines.map((l) => l.message)).toEqual(['event sink failed', 'event payload broke the contract']);
  });
});
