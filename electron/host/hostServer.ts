// Host mode: serves the built renderer and the contract over a WebSocket on 127.0.0.1. Plain Node.
// Guarded by a random per-launch token: the page is served only to `/?token=…` (which sets a
// same-site, HTTP-only cookie for its assets), and the bridge accepts only `?token=…` from our origin.
// No token or a wrong one: refused before anything runs.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import type { Dispatch } from '../core/ipc/dispatcher.js';
import type { EventSink, Logger } from '../core/ports.js';
import type { MediaEngineLink, MediaPeerHub } from '../core/sip/mediaPeerHub.js';
import { resolveStaticFile } from '../core/web/staticFiles.js';
import { isEventName, maxMessageBytes } from '../shared/ipc/contract.js';
import { fail } from '../shared/ipc/result.js';
import { bridgePath, clientMessageSchema, maxMediaReplyBytes, type ServerMessage } from '../shared/ipc/wire.js';
import { contentSecurityPolicy } from '../shared/security/csp.js';

export const hostAddress = '127.0.0.1';
const cookieName = 'agentdesk_session';

export interface HostServerOptions {
  port: number;
  rendererDir: string;
  dispatch: Dispatch;
  logger: Logger;
  /** Fixed token for tests; a fresh random one otherwise. */
  token?: string;
  /** Where media requests go: a page that sends `attachMedia` becomes the engine (core's MediaPeer). */
  media?: MediaPeerHub;
}

export interface HostServer {
  readonly port: number;
  readonly token: string;
  readonly url: string;
  /** Fans contract events out to every connected, authenticated page. */
  readonly events: EventSink;
  readonly clientCount: () => number;
  close(): Promise<void>;
}

export function newBridgeToken(): string {
  return randomBytes(32).toString('base64url');
}

function tokensMatch(expected: string, given: string | null | undefined): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieToken(request: IncomingMessage): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === cookieName) return rest.join('=');
  }
  return undefined;
}

export async function startHostServer(options: HostServerOptions): Promise<HostServer> {
  const token = options.token ?? newBridgeToken();
  const { logger } = options;
  const clients = new Set<WebSocket>();
  let origin = '';
  let csp = '';

  const send = (socket: WebSocket, message: ServerMessage) => {
    if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
  };

  const server: Server = createServer((request, response) => serveHttp(request, response));
  const bridge = new WebSocketServer({ noServer: true, maxPayload: 4 * maxMessageBytes });

  function refuseHttp(response: ServerResponse, status: number, text: string) {
    response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
    response.end(`${text}\n`);
  }

  function serveHttp(request: IncomingMessage, response: ServerResponse) {
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuseHttp(response, 405, 'Method not allowed');
    const url = new URL(request.url ?? '/', origin);
    const isPage = url.pathname === '/' || url.pathname === '/index.html';
    const authorised = isPage ? tokensMatch(token, url.searchParams.get('token')) || tokensMatch(token, cookieToken(request)) : tokensMatch(token, cookieToken(request));
    if (!authorised) {
      logger.warn('host refused an HTTP request without a valid token', { path: url.pathname });
      return refuseHttp(response, 403, 'AgentDesk: this address needs the token printed when the host started.');
    }
    const found = resolveStaticFile(options.rendererDir, url.pathname);
    if (!found.ok) return refuseHttp(response, found.status, found.status === 404 ? 'Not found' : 'Bad request');
    const headers: Record<string, string> = {
      'content-type': found.contentType,
      'content-security-policy': csp,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cross-origin-opener-policy': 'same-origin',
      'permissions-policy': 'camera=(), geolocation=(), microphone=(self)',
      'cache-control': isPage ? 'no-store' : 'private, max-age=31536000, immutable',
    };
    if (isPage) headers['set-cookie'] = `${cookieName}=${token}; HttpOnly; SameSite=Strict; Path=/`;
    response.writeHead(200, headers);
    if (request.method === 'HEAD') return response.end();
    createReadStream(found.file).pipe(response);
  }

  server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', origin);
    const requestOrigin = request.headers.origin;
    // Browsers always send Origin; another site's page must never reach the bridge even with the token.
    const originOk = requestOrigin === undefined || requestOrigin === origin;
    if (url.pathname !== bridgePath || !originOk || !tokensMatch(token, url.searchParams.get('token'))) {
      logger.warn('host refused a bridge connection', { path: url.pathname, originOk });
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    bridge.handleUpgrade(request, socket, head, (ws) => bridge.emit('connection', ws, request));
  });

  // The media engine link of each socket that announced one (at most one per socket).
  const mediaLinks = new Map<WebSocket, MediaEngineLink>();
  const socketLabels = new WeakMap<WebSocket, string>();
  let socketCount = 0;

  bridge.on('connection', (socket: WebSocket) => {
    clients.add(socket);
    const socketNumber = ++socketCount;
    logger.info('bridge client connected', { clients: clients.size });
    socketLabels.set(socket, `host socket ${socketNumber}`);
    socket.on('close', () => {
      clients.delete(socket);
      const link = mediaLinks.get(socket);
      if (link) {
        mediaLinks.delete(socket);
        options.media?.detach(link, 'the console page that ran the media engine disconnected');
      }
      logger.info('bridge client disconnected', { clients: clients.size });
    });
    socket.on('error', (error) => logger.warn('bridge socket error', { error: error.message }));
    socket.on('message', (data: RawData, isBinary: boolean) => void onMessage(socket, data, isBinary));
  });

  async function onMessage(socket: WebSocket, data: RawData, isBinary: boolean) {
    const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
    if (isBinary) return send(socket, { t: 'refused', code: 'forbidden', message: 'Binary frames are not part of the contract' });
    if (bytes.length > maxMessageBytes) {
      // Refused unread; the id is taken from the frame's head so the caller's promise settles.
      const id = /^\{"t":"invoke","id":(\d{1,15})/.exec(bytes.subarray(0, 64).toString('utf8'))?.[1];
      logger.warn('bridge message too large', { bytes: bytes.length });
      if (id !== undefined) return send(socket, { t: 'result', id: Number(id), result: fail('too_large', `Message larger than ${maxMessageBytes} bytes`) });
      return send(socket, { t: 'refused', code: 'too_large', message: `Message larger than ${maxMessageBytes} bytes` });
    }
    let json: unknown;
    try {
      json = JSON.parse(bytes.toString('utf8'));
    } catch {
      return send(socket, { t: 'refused', code: 'forbidden', message: 'Not JSON' });
    }
    const message = clientMessageSchema.safeParse(json);
    if (!message.success) return send(socket, { t: 'refused', code: 'forbidden', message: 'Not a contract message' });
    if (message.data.t === 'attachMedia') return attachMedia(socket);
    if (message.data.t === 'mediaReply') {
      const link = mediaLinks.get(socket);
      if (!link || !options.media) return;
      // A reply carries one SDP or a stats summary; a bigger one fails the request rather than reaching sip.js.
      if (bytes.length > maxMediaReplyBytes) {
        return options.media.reply(link, { id: message.data.id, ok: false, error: `reply larger than ${maxMediaReplyBytes} bytes` });
      }
      const reply = message.data;
      return options.media.reply(link, reply.ok ? { id: reply.id, ok: true, value: reply.value } : { id: reply.id, ok: false, error: reply.error ?? '' });
    }
    const { id, name, args } = message.data;
    const result = await options.dispatch(name, args);
    send(socket, { t: 'result', id, result });
  }

  function attachMedia(socket: WebSocket) {
    if (!options.media) return;
    let link = mediaLinks.get(socket);
    if (!link) {
      link = {
        label: socketLabels.get(socket) ?? 'host socket',
        send(request) {
          if (socket.readyState !== WebSocket.OPEN) return false;
          send(socket, { t: 'media', ...request });
          return true;
        },
      };
      mediaLinks.set(socket, link);
    }
    options.media.attach(link);
  }

  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(options.port, hostAddress, () => {
      server.off('error', rejectListen);
      resolveListen();
    });
  });
  const port = (server.address() as AddressInfo).port;
  origin = `http://${hostAddress}:${port}`;
  csp = contentSecurityPolicy({ connectSources: [`ws://${hostAddress}:${port}`] });

  const events: EventSink = {
    emit(name, payload) {
      if (!isEventName(name)) return;
      const text = JSON.stringify({ t: 'event', name, payload } satisfies ServerMessage);
      for (const socket of clients) if (socket.readyState === WebSocket.OPEN) socket.send(text);
    },
  };

  return {
    port,
    token,
    url: `${origin}/?token=${token}`,
    events,
    clientCount: () => clients.size,
    close: () =>
      new Promise<void>((resolveClose) => {
        for (const socket of clients) socket.terminate();
        bridge.close();
        server.close(() => resolveClose());
        server.closeAllConnections();
      }),
  };
}
