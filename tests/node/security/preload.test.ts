// window.agentDesk as the sandboxed preload builds it (electron/preload/preloadApi.ts), with
// stand-ins for Electron's contextBridge and ipcRenderer that record what crosses the bridge.
import { describe, expect, it } from 'vitest';
import { apiKey, createPreloadApi, exposeAgentDeskApi, type ContextBridgeLike, type IpcRendererLike } from '../../../electron/preload/preloadApi.js';
import { commandNames, eventNames } from '../../../electron/shared/ipc/contract.js';

type Listener = (event: unknown, ...args: unknown[]) => void;

/** Records invokes and keeps listeners per channel, like ipcRenderer does. */
function fakeIpcRenderer(answer: (channel: string, args: unknown) => Promise<unknown> = async () => ({ ok: true, value: 'answer' })) {
  const invokes: { channel: string; args: unknown[] }[] = [];
  const listeners = new Map<string, Set<Listener>>();
  const ipc = {
    invoke: (channel: string, ...args: unknown[]) => {
      invokes.push({ channel, args });
      return answer(channel, args[0]);
    },
    on(channel: string, listener: Listener) {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel)!.add(listener);
      return ipc;
    },
    removeListener(channel: string, listener: Listener) {
      listeners.get(channel)?.delete(listener);
      return ipc;
    },
  };
  const emit = (channel: string, payload: unknown) => {
    const event = { sender: { send: () => 'the real IpcRenderer' }, senderId: 0, ports: [] };
    for (const listener of listeners.get(channel) ?? []) listener(event, payload);
  };
  return { ipc: ipc as unknown as IpcRendererLike, invokes, listeners, emit };
}

describe('createPreloadApi', () => {
  it('exposes exactly the contract: one function per command, one subscriber per event', () => {
    const api = createPreloadApi(fakeIpcRenderer().ipc);
    expect(Object.keys(api).sort()).toEqual(['commands', 'events']);
    expect(Object.keys(api.commands).sort()).toEqual([...commandNames].sort());
    expect(Object.keys(api.events).sort()).toEqual([...eventNames].sort());
    for (const fn of [...Object.values(api.commands), ...Object.values(api.events)]) expect(typeof fn).toBe('function');
    expect(Object.isFrozen(api) && Object.isFrozen(api.commands) && Object.isFrozen(api.events)).toBe(true);
  });

  it('keeps command and event channels apart', () => {
    expect(commandNames.filter((name) => (eventNames as string[]).includes(name))).toEqual([]);
  });

  it('invokes the channel named like the command with the single argument object', async () => {
    const fake = fakeIpcRenderer();
    const api = createPreloadApi(fake.ipc);
    const result = await api.commands['settings:set']({ key: 'ui.theme', value: 'dark' });
    expect(result).toEqual({ ok: true, value: 'answer' });
    expect(fake.invokes).toEqual([{ channel: 'settings:set', args: [{ key: 'ui.theme', value: 'dark' }] }]);
  });

  it('turns a rejected invoke (no handler yet, main gone) into an `unavailable` Result', async () => {
    const fake = fakeIpcRenderer(async () => {
      throw new Error("No handler registered for 'app:info'");
    });
    const result = await createPreloadApi(fake.ipc).commands['app:info']({});
    expect(result).toMatchObject({ ok: false, error: { code: 'unavailable' } });
  });

  it('delivers only the payload to subscribers, never the IpcRendererEvent', () => {
    const fake = fakeIpcRenderer();
    const api = createPreloadApi(fake.ipc);
    const received: unknown[][] = [];
    const unsubscribe = api.events['app:notice']((...args: unknown[]) => received.push(args));
    const notice = { level: 'warning', code: 'sip.unreachable', message: 'SIP server unreachable' };
    fake.emit('app:notice', notice);
    fake.emit('settings:changed', { settings: [], problems: [], provisioningFile: null });
    expect(received).toEqual([[notice]]);
    unsubscribe();
    fake.emit('app:notice', notice);
    expect(received).toHaveLength(1);
    expect(fake.listeners.get('app:notice')?.size).toBe(0);
  });

  it('subscribes only to contract event channels', () => {
    const fake = fakeIpcRenderer();
    const api = createPreloadApi(fake.ipc);
    for (const name of eventNames) api.events[name](() => undefined);
    expect([...fake.listeners.keys()].sort()).toEqual([...eventNames].sort());
  });

  it('reaches no channel outside the contract, whatever the page passes', async () => {
    const fake = fakeIpcRenderer();
    const api = createPreloadApi(fake.ipc) as unknown as Record<string, Record<string, unknown>>;
    expect(api.commands!['__proto__']).toBe(Object.prototype);
    expect(api.commands!['ELECTRON_BROWSER_REQUIRE']).toBeUndefined();
    expect(() => {
      (api.commands as Record<string, unknown>)['evil:cmd'] = () => undefined;
    }).toThrow();
    expect(fake.invokes).toEqual([]);
  });
});

describe('exposeAgentDeskApi', () => {
  it('exposes one object, window.agentDesk, through the context bridge and nothing else', () => {
    const exposed: { key: string; api: unknown }[] = [];
    const bridge: ContextBridgeLike = { exposeInMainWorld: (key, api) => void exposed.push({ key, api }) };
    exposeAgentDeskApi(bridge, fakeIpcRenderer().ipc);
    expect(exposed).toHaveLength(1);
    expect(exposed[0]!.key).toBe('agentDesk');
    expect(apiKey).toBe('agentDesk');
    const api = exposed[0]!.api as Record<string, Record<string, unknown>>;
    expect(Object.keys(api.commands!).sort()).toEqual([...commandNames].sort());
    // Nothing reachable from the exposed object is ipcRenderer or one of its methods.
    const seen = new Set<unknown>();
    const walk = (value: unknown) => {
      if ((typeof value !== 'object' && typeof value !== 'function') || value === null || seen.has(value)) return;
      seen.add(value);
      for (const key of Object.keys(value)) walk((value as Record<string, unknown>)[key]);
    };
    walk(api);
    const ipc = fakeIpcRenderer().ipc;
    expect([...seen].some((value) => value === ipc || value === ipc.invoke || value === ipc.on)).toBe(false);
  });
});
