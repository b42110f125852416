// Test support: a hostile "SIP server" — a WebSocket server on 127.0.0.1 (ws package) that the agent
// uses as its registrar. It answers REGISTER like a registrar would, then lets a test push any bytes
// at the UA (RFC 4475 torture messages, oversized frames) and collect what the UA sends back.
import { randomBytes } from 'node:crypto';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';

export interface SipMessageSeen {
  text: string;
  /** Request method, or undefined for a response. */
  method?: string;
  status?: number;
  callId?: string;
  cseqMethod?: string;
}

function header(text: string, name: string, compact?: string): string | undefined {
  const names = compact ? `${name}|${compact}` : name;
  return new RegExp(`^(?:${names})[ \\t]*:[ \\t]*(.*)$`, 'im').exec(text)?.[1]?.trim();
}

export function parseSeen(text: string): SipMessageSeen {
  const first = text.slice(0, text.indexOf('\r\n'));
  const response = /^SIP\/2\.0 (\d{3})/.exec(first);
  const request = /^([A-Za-z]+) \S+ SIP\/2\.0$/.exec(first);
  const cseq = header(text, 'CSeq');
  return {
    text,
    ...(request ? { method: request[1] } : {}),
    ...(response ? { status: Number(response[1]) } : {}),
    ...(header(text, 'Call-ID', 'i') ? { callId: header(text, 'Call-ID', 'i') } : {}),
    ...(cseq ? { cseqMethod: cseq.split(/\s+/)[1] } : {}),
  };
}

const token = () => randomBytes(6).toString('hex');

export class FakeSipServer {
  readonly seen: SipMessageSeen[] = [];
  /** Number of WebSocket connections the UA opened (reconnects show up here). */
  connections = 0;
  /**
   * How to answer the next REGISTERs, one entry each (then normally): another status line, or a
   * 200 OK granting an odd expiry. Lets a test play a broken or hostile registrar.
   */
  readonly registerAnswers: { statusLine?: string; expires?: string }[] = [];
  private socket: WebSocket | undefined;
  private waiters: { predicate: (message: SipMessageSeen) => boolean; resolve: (message: SipMessageSeen) => void }[] = [];

  private constructor(
    private readonly server: WebSocketServer,
    readonly url: string,
  ) {
    server.on('connection', (socket) => {
      this.connections++;
      this.socket = socket;
      socket.on('message', (data: RawData) => this.onMessage(Buffer.isBuffer(data) ? data.toString('utf8') : String(data)));
      socket.on('error', () => undefined);
    });
  }

  static async start(): Promise<FakeSipServer> {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0, handleProtocols: () => 'sip', maxPayload: 1024 * 1024 });
    await new Promise<void>((resolve) => server.once('listening', resolve));
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    return new FakeSipServer(server, `ws://127.0.0.1:${port}`);
  }

  /** Sends raw bytes to the UA as one binary WebSocket message (byte-exact, as a proxy would). */
  push(bytes: Buffer | string): void {
    if (!this.socket || this.socket.readyState !== this.socket.OPEN) throw new Error('the UA is not connected');
    this.socket.send(typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes, { binary: true });
  }

  /** Resolves with the next message from the UA that matches (one already seen after `since` counts). */
  waitFor(predicate: (message: SipMessageSeen) => boolean, timeoutMs = 5000, since = 0): Promise<SipMessageSeen> {
    const found = this.seen.slice(since).find(predicate);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const waiter = {
        predicate,
        resolve: (message: SipMessageSeen) => {
          clearTimeout(timer);
          resolve(message);
        },
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`fake SIP server: timed out after ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  mark(): number {
    return this.seen.length;
  }

  /**
   * Sends a valid OPTIONS and waits for the UA's 200. sip.js handles one connection's messages in
   * order, so when this answer arrives everything pushed before it has been fully processed.
   */
  async ping(user: string, timeoutMs = 5000): Promise<void> {
    const callId = `ping-${token()}`;
    this.push(
      [
        `OPTIONS sip:${user}@lab.invalid SIP/2.0`,
        `Via: SIP/2.0/WS 127.0.0.1;branch=z9hG4bK${token()}`,
        'Max-Forwards: 70',
        `From: <sip:probe@lab.invalid>;tag=${token()}`,
        `To: <sip:${user}@lab.invalid>`,
        `Call-ID: ${callId}`,
        'CSeq: 1 OPTIONS',
        'Content-Length: 0',
        '',
        '',
      ].join('\r\n'),
    );
    const answer = await this.waitFor((m) => m.callId === callId && m.status !== undefined, timeoutMs);
    if (answer.status !== 200) throw new Error(`OPTIONS answered ${answer.status}`);
  }

  close(): Promise<void> {
    for (const client of this.server.clients) client.terminate();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private onMessage(text: string): void {
    if (/^(\r\n)+$/.test(text)) return; // keep-alive
    const message = parseSeen(text);
    this.seen.push(message);
    if (message.method === 'REGISTER') this.answerRegister(text);
    for (const waiter of [...this.waiters]) {
      if (waiter.predicate(message)) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve(message);
      }
    }
  }

  /** A registrar's 200 OK: the request's Via/From/Call-ID/CSeq, a To tag, the binding with its expiry. */
  private answerRegister(request: string): void {
    const contact = header(request, 'Contact', 'm')?.replace(/;expires=\d+/i, '') ?? '';
    const answer = this.registerAnswers.shift() ?? {};
    const response = [
      answer.statusLine ?? 'SIP/2.0 200 OK',
      `Via: ${header(request, 'Via', 'v')}`,
      `From: ${header(request, 'From', 'f')}`,
      `To: ${header(request, 'To', 't')};tag=${token()}`,
      `Call-ID: ${header(request, 'Call-ID', 'i')}`,
      `CSeq: ${header(request, 'CSeq')}`,
      `Contact: ${contact};expires=${answer.expires ?? '300'}`,
      'Content-Length: 0',
      '',
      '',
    ].join('\r\n');
    this.socket?.send(response);
  }
}
