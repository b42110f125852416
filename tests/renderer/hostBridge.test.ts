// The host-mode bridge client against a real WebSocket server speaking electron/shared/ipc/wire.ts:
// round trips, events, disconnects (pending invokes fail `unavailable`), back-off reconnects, refusal,
// and the token hand-over from the address bar. vitest + happy-dom (its WebSocket is a real client).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket as ServerSocket } from 'ws';
import type { ClientMessage as AnyClientMessage, ServerMessage } from '../../electron/shared/ipc/wire.js';
import type { Bridge, ConnectionState } from '../../renderer/src/bridge/bridge.js';
import {
  bridgeUrl,
  checkPageAccess,
  connectBridge,
  takeBridgeToken,
  tokenStorageKey,
} from '../../renderer/src/bridge/connect.js';
import { createHostBridge } from '../../renderer/src/bridge/hostBridge.js';

/** The command bridge only sends invokes (media messages travel on the media engine's own socket). */
type ClientMessage = Extract<AnyClientMessage, { t: 'invoke' }>;

type Reply = (message: ClientMessage, socket: ServerSocket) => ServerMessage | null;

interface TestHost {
  port: number;
  url: string;
  connections: number;
  sockets: Set<ServerSocket>;
  received: ClientMessage[];
  reply: Reply;
  broadcast(message: ServerMessage): void;
  dropAll(): void;
  close(): Promise<void>;
}

const hosts: TestHost[] = [];
const bridges: Bridge[] = [];

async function startHost(token = 'secret', port = 0): Promise<TestHost> {
  const server = new WebSocketServer({ host: '127.0.0.1', port, path: '/bridge' });
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const host: TestHost = {
    port: (server.address() as AddressInfo).port,
    url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}/bridge?token=${token}`,
    connections: 0,
    sockets: new Set(),
    received: [],
    reply: (message) => ({ t: 'result', id: message.id, result: { ok: true, value: { echo: message.name } } }),
    broadcast(message) {
      for (const socket of host.sockets) socket.send(JSON.stringify(message));
    },
    dropAll() {
      for (const socket of host.sockets) socket.terminate();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of host.sockets) socket.terminate();
        server.close(() => resolve());
      }),
  };
  server.on('connection', (socket, request) => {
    host.connections++;
    if (new URL(request.url ?? '', 'http://x').searchParams.get('token') !== token) {
      socket.send(JSON.stringify({ t: 'refused', code: 'forbidden', message: 'wrong token' } satisfies ServerMessage));
      socket.close(1008);
      return;
    }
    host.sockets.add(socket);
    socket.on('close', () => host.sockets.delete(socket));
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as ClientMessage;
      host.received.push(message);
      const answer = host.reply(message, socket);
      if (answer) socket.send(JSON.stringify(answer));
    });
  });
  hosts.push(host);
  return host;
}

function track(bridge: Bridge): Bridge {
  bridges.push(bridge);
  return bridge;
}

function waitForState(bridge: Bridge, status: ConnectionState['status'], timeoutMs = 5000): Promise<ConnectionState> {
  if (bridge.getConnection().status === status) return Promise.resolve(bridge.getConnection());
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`bridge never reached ${status}; is ${bridge.getConnection().status}`)),
      timeoutMs,
    );
    const stop = bridge.onConnectionChange((state) => {
      if (state.status !== status) return;
      clearTimeout(timer);
      stop();
      resolve(state);
    });
  });
}

afterEach(async () => {
  for (const bridge of bridges.splice(0)) bridge.close();
  for (const host of hosts.splice(0)) await host.close();
  sessionStorage.clear();
});

describe('host bridge', () => {
  it('invokes commands and delivers contract events to subscribers', async () => {
    const host = await startHost();
    host.reply = (message) => ({
      t: 'result',
      id: message.id,
      result: {
        ok: true,
        value: message.name === 'settings:get' ? { settings: [], problems: [], provisioningFile: null } : 'pong',
      },
    });
    const bridge = track(createHostBridge({ url: host.url }));
    await waitForState(bridge, 'connected');

    const result = await bridge.api.commands['settings:get']({});
    expect(result).toEqual({ ok: true, value: { settings: [], problems: [], provisioningFile: null } });
    expect(host.received).toEqual([{ t: 'invoke', id: 1, name: 'settings:get', args: {} }]);

    const notices: unknown[] = [];
    const unsubscribe = bridge.api.events['app:notice']((payload) => notices.push(payload));
    host.broadcast({ t: 'event', name: 'no:such-event', payload: 1 });
    host.broadcast({ t: 'event', name: 'app:notice', payload: { level: 'info', code: 'x', message: 'hello' } });
    await expect.poll(() => notices).toEqual([{ level: 'info', code: 'x', message: 'hello' }]);
    unsubscribe();
    host.broadcast({ t: 'event', name: 'app:notice', payload: { level: 'info', code: 'x', message: 'again' } });
    await bridge.api.commands['app:info']({}); // a round trip after the event, so it had time to arrive
    expect(notices).toHaveLength(1);
  });

  it('fails pending invokes with `unavailable` when the socket drops, then reconnects with back-off', async () => {
    const host = await startHost();
    host.reply = () => null; // never answers: the invoke stays pending
    const bridge = track(createHostBridge({ url: host.url, initialRetryMs: 50, maxRetryMs: 200 }));
    await waitForState(bridge, 'connected');

    const pending = bridge.api.commands['settings:get']({});
    await expect.poll(() => host.received.length).toBe(1);
    host.dropAll();
    const result = await pending;
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe('unavailable');

    const waiting = await waitForState(bridge, 'reconnecting');
    expect(waiting).toMatchObject({ status: 'reconnecting', attempt: 1 });
    // While waiting, commands fail at once rather than hang.
    const meanwhile = await bridge.api.commands['app:info']({});
    expect(!meanwhile.ok && meanwhile.error.code).toBe('unavailable');

    await waitForState(bridge, 'connected');
    expect(host.connections).toBe(2);
    host.reply = (message) => ({ t: 'result', id: message.id, result: { ok: true, value: 'back' } });
    expect(await bridge.api.commands['app:info']({})).toEqual({ ok: true, value: 'back' });
  });

  it('doubles the wait after each failed attempt, up to the maximum', async () => {
    const host = await startHost();
    const url = host.url;
    await host.close();
    hosts.length = 0;
    const clock = { now: 1_000_000 };
    const bridge = track(createHostBridge({ url, initialRetryMs: 20, maxRetryMs: 60, now: () => clock.now }));
    const delays: number[] = [];
    bridge.onConnectionChange((state) => {
      if (state.status === 'reconnecting') delays.push(state.retryAt - clock.now);
    });
    await expect.poll(() => delays.length, { timeout: 5000 }).toBeGreaterThanOrEqual(4);
    expect(delays.slice(0, 4)).toEqual([20, 40, 60, 60]);
  });

  it('retryNow skips the back-off wait', async () => {
    const first = await startHost();
    const port = first.port;
    await first.close();
    hosts.length = 0;
    const bridge = track(createHostBridge({ url: first.url, initialRetryMs: 60_000 }));
    await waitForState(bridge, 'reconnecting');
    const second = await startHost('secret', port); // the host is back on the same port
    bridge.retryNow();
    await waitForState(bridge, 'connected', 2000);
    expect(second.connections).toBe(1);
  });

  it('asks checkAccess after an attempt that never opened: refused stops, retry waits', async () => {
    const host = await startHost();
    const url = host.url;
    await host.close();
    hosts.length = 0;
    const verdicts: string[] = [];
    const refused = track(
      createHostBridge({
        url,
        initialRetryMs: 20,
        checkAccess: async () => {
          verdicts.push('asked');
          return verdicts.length < 2 ? 'retry' : 'refused';
        },
      }),
    );
    const seen: string[] = [];
    refused.onConnectionChange((state) => seen.push(state.status));
    await waitForState(refused, 'refused');
    expect(verdicts).toEqual(['asked', 'asked']);
    expect(seen).toEqual(['reconnecting', 'connecting', 'refused']);
  });

  it('does not ask checkAccess when an open connection drops', async () => {
    const host = await startHost();
    let asked = 0;
    const bridge = track(createHostBridge({ url: host.url, initialRetryMs: 20, checkAccess: async () => (asked++, 'refused') }));
    await waitForState(bridge, 'connected');
    host.dropAll();
    await waitForState(bridge, 'reconnecting');
    await waitForState(bridge, 'connected');
    expect(asked).toBe(0);
  });

  it('stops for good when the host refuses the token', async () => {
    const host = await startHost('right');
    const bridge = track(createHostBridge({ url: host.url.replace('token=right', 'token=wrong'), initialRetryMs: 20 }));
    const state = await waitForState(bridge, 'refused');
    expect(state).toEqual({ status: 'refused', code: 'forbidden' });
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(host.connections).toBe(1);
    expect(bridge.getConnection().status).toBe('refused');
  });

  it('turns a malformed answer into `internal` and refuses oversized requests before sending', async () => {
    const host = await startHost();
    host.reply = (message) => ({ t: 'result', id: message.id, result: { ok: false, error: { code: 'nonsense' } } });
    const bridge = track(createHostBridge({ url: host.url }));
    await waitForState(bridge, 'connected');
    const malformed = await bridge.api.commands['app:info']({});
    expect(!malformed.ok && malformed.error.code).toBe('internal');

    const huge = await bridge.api.commands['settings:set']({ key: 'sip.displayName', value: 'x'.repeat(1024 * 1024) });
    expect(!huge.ok && huge.error.code).toBe('too_large');
    expect(host.received).toHaveLength(1);
  });
});

describe('bridge start-up', () => {
  it('reads a 403 for the page as a stale token, anything unreachable as worth retrying', async () => {
    const server = createServer((request, response) => {
      // happy-dom's page is on another origin than this server (and preflights): let it read the status.
      const cors = {
        'access-control-allow-origin': '*',
        'access-control-allow-headers': '*',
        'access-control-allow-methods': '*',
      };
      if (request.method === 'OPTIONS') response.writeHead(204, cors);
      else response.writeHead(request.url === '/stale' ? 403 : 200, cors);
      response.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      expect(await checkPageAccess(`${base}/stale`)).toBe('refused');
      expect(await checkPageAccess(`${base}/`)).toBe('retry');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    expect(await checkPageAccess(`${base}/`)).toBe('retry'); // closed now: nobody answers
  });

  it('moves the token from the address bar into sessionStorage and reuses it on reload', () => {
    history.replaceState(null, '', '/?token=abc%2B1&view=compact#status');
    expect(takeBridgeToken(window)).toBe('abc+1');
    expect(location.search).toBe('?view=compact');
    expect(location.hash).toBe('#status');
    expect(sessionStorage.getItem(tokenStorageKey)).toBe('abc+1');
    // A reload: no token in the URL any more, the stored one is used.
    expect(takeBridgeToken(window)).toBe('abc+1');
  });

  it('builds ws:// or wss:// URLs for the page origin', () => {
    expect(bridgeUrl({ protocol: 'http:', host: '127.0.0.1:4321' }, 'a b')).toBe('ws://127.0.0.1:4321/bridge?token=a%20b');
    expect(bridgeUrl({ protocol: 'https:', host: 'desk.example' }, 't')).toBe('wss://desk.example/bridge?token=t');
  });

  it('uses the Electron preload API when present', () => {
    const api = { commands: {}, events: {} } as unknown as NonNullable<Window['agentDesk']>;
    const bridge = connectBridge({ location, history, sessionStorage, agentDesk: api });
    expect(bridge.mode).toBe('electron');
    expect(bridge.api).toBe(api);
    expect(bridge.getConnection()).toEqual({ status: 'connected' });
  });

  it('reports a missing token instead of connecting anywhere', async () => {
    history.replaceState(null, '', '/');
    const bridge = connectBridge({ location, history, sessionStorage, agentDesk: undefined });
    expect(bridge.getConnection()).toEqual({ status: 'missing-token' });
    const result = await bridge.api.commands['settings:get']({});
    expect(!result.ok && result.error.code).toBe('unavailable');
  });

  it('forgets a token the host refused, so a reload does not retry it', async () => {
    const host = await startHost('right');
    sessionStorage.setItem(tokenStorageKey, 'stale');
    history.replaceState(null, '', '/');
    const fakeLocation = {
      ...location,
      protocol: 'http:',
      host: `127.0.0.1:${host.port}`,
      search: '',
      pathname: '/',
      hash: '',
    } as Location;
    const bridge = track(connectBridge({ location: fakeLocation, history, sessionStorage, agentDesk: undefined }));
    await waitForState(bridge, 'refused');
    expect(sessionStorage.getItem(tokenStorageKey)).toBeNull();
  });
});
