// Test support: an in-memory stand-in for the core behind OUR OWN AgentDeskApi interface, built with
// buildAgentDeskApi like preload and the host client. Settings are validated with the real schemas from
// electron/shared/settings.ts; precedence here is only policy > user > defaults > builtin, which is what the
// UI shows. The real core and host are exercised by the browser tier.
import { act } from 'react';
import { buildAgentDeskApi, type AgentDeskApi } from '../../../electron/shared/ipc/api.js';
import type { AppInfo, CommandName, EventName, EventPayload } from '../../../electron/shared/ipc/contract.js';
import { fail, ok, type Result } from '../../../electron/shared/ipc/result.js';
import {
  settingDefinitions,
  settingKeys,
  type EffectiveSettings,
  type SettingKey,
  type SettingsProblem,
} from '../../../electron/shared/settings.js';
import type { Bridge, ConnectionState } from '../../../renderer/src/bridge/bridge.js';

export interface FakeDeskOptions {
  policy?: Partial<Record<SettingKey, { value: unknown; reason?: string }>>;
  /** Settings locked by a policy IT wrote that could not be applied (core answers them with `brokenPolicy`). */
  brokenPolicy?: SettingKey[];
  user?: Partial<Record<SettingKey, unknown>>;
  defaults?: Partial<Record<SettingKey, unknown>>;
  problems?: SettingsProblem[];
  provisioningFile?: string | null;
  connection?: ConnectionState;
}

export type Handler = (args: unknown) => Promise<Result<unknown>> | Result<unknown>;

export interface FakeDesk {
  bridge: Bridge;
  api: AgentDeskApi;
  /** Every command the UI sent, in order. */
  calls: { name: CommandName; args: unknown }[];
  /** Replace a command's behaviour (e.g. to answer with an error). */
  override(name: CommandName, handler: Handler): void;
  emit<K extends EventName>(name: K, payload: EventPayload<K>): void;
  setConnection(state: ConnectionState): void;
  retryNowCalls: number;
  effective(): EffectiveSettings;
  user: Partial<Record<SettingKey, unknown>>;
  problems: SettingsProblem[];
}

export const fakeAppInfo: AppInfo = {
  name: 'AgentDesk',
  version: '0.1.0-test',
  mode: 'host',
  platform: 'linux',
  systemLocale: 'en',
  dataDir: '/tmp/agentdesk-test',
  database: { path: '/tmp/agentdesk-test/agentdesk.db', schemaVersion: 1, journalMode: 'wal' },
};

export function createFakeDesk(options: FakeDeskOptions = {}): FakeDesk {
  const policy = options.policy ?? {};
  const defaults = options.defaults ?? {};
  const user: Partial<Record<SettingKey, unknown>> = { ...options.user };
  const problems = [...(options.problems ?? [])];
  const calls: FakeDesk['calls'] = [];
  const overrides = new Map<CommandName, Handler>();
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const connectionListeners = new Set<(state: ConnectionState) => void>();
  let connection: ConnectionState = options.connection ?? { status: 'connected' };

  const effective = (): EffectiveSettings => ({
    settings: settingKeys.map((key) => {
      const locked = policy[key];
      if (locked) {
        return locked.reason === undefined
          ? { key, value: locked.value, source: 'policy' as const, locked: true }
          : { key, value: locked.value, source: 'policy' as const, locked: true, lockReason: locked.reason };
      }
      if (options.brokenPolicy?.includes(key)) {
        return { key, value: settingDefinitions[key].builtin, source: 'builtin' as const, locked: true, brokenPolicy: true as const };
      }
      if (Object.hasOwn(user, key)) return { key, value: user[key], source: 'user' as const, locked: false };
      if (Object.hasOwn(defaults, key)) return { key, value: defaults[key], source: 'defaults' as const, locked: false };
      return { key, value: settingDefinitions[key].builtin, source: 'builtin' as const, locked: false };
    }),
    problems: [...problems],
    provisioningFile: options.provisioningFile ?? null,
  });

  const emit = (name: EventName, payload: unknown) => {
    for (const listener of [...(listeners.get(name) ?? [])]) listener(payload);
  };

  // Only what the console uses so far; anything else answers like a core without that service.
  const handlers: Partial<Record<CommandName, Handler>> = {
    'app:info': () => ok(fakeAppInfo),
    'settings:get': () => ok(effective()),
    'settings:set': (raw) => {
      const { key, value } = raw as { key: SettingKey; value: unknown };
      if (policy[key]) return fail('locked', `${key} is locked by policy`);
      const parsed = settingDefinitions[key].schema.safeParse(value);
      if (!parsed.success) {
        return fail(
          'invalid_args',
          `Invalid value for ${key}`,
          parsed.error.issues.map((issue) => ({ path: ['value', ...issue.path.map(String)].join('.'), message: issue.message })),
        );
      }
      user[key] = parsed.data;
      const next = effective();
      emit('settings:changed', next);
      return ok(next);
    },
    'settings:reset': (raw) => {
      const { key } = raw as { key: SettingKey };
      delete user[key];
      const next = effective();
      emit('settings:changed', next);
      return ok(next);
    },
  };

  const api = buildAgentDeskApi(
    async (name, args) => {
      calls.push({ name, args });
      // Answer on a later task, like a real bridge: the UI must cope with its own loading states.
      await new Promise((resolve) => setTimeout(resolve, 0));
      const handler = overrides.get(name) ?? handlers[name];
      return handler ? handler(args) : fail('unknown_command', `The fake desk has no ${name}`);
    },
    (name, listener) => {
      let set = listeners.get(name);
      if (!set) listeners.set(name, (set = new Set()));
      set.add(listener);
      return () => set.delete(listener);
    },
  );

  const desk: FakeDesk = {
    api,
    calls,
    user,
    problems,
    retryNowCalls: 0,
    effective,
    override: (name, handler) => overrides.set(name, handler),
    // From the test's side, events and connection changes update React state: wrap them in act.
    emit: (name, payload) => act(() => emit(name, payload)),
    setConnection(state) {
      act(() => {
        connection = state;
        for (const listener of [...connectionListeners]) listener(state);
      });
    },
    bridge: {
      mode: 'host',
      api,
      getConnection: () => connection,
      onConnectionChange(listener) {
        connectionListeners.add(listener);
        return () => connectionListeners.delete(listener);
      },
      retryNow: () => {
        desk.retryNowCalls++;
      },
      close: () => {},
    },
  };
  return desk;
}
