// Benchmark support: a transparent SIP-over-WebSocket relay between the agent's host and Kamailio, in the
// bench's Node process, that timestamps every SIP message in both directions as it crosses "the wire".
// One upstream connection per downstream one (Kamailio sees the relay as the agent's connection, like NAT).
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer, type RawData } from 'ws';

export interface RelayedMessage {
  /** performance.timeOrigin + performance.now() when the relay received the frame. */
  t: number;
  /** 'toProxy': from the agent to Kamailio; 'toAgent': from Kamailio to the agent. */
  direction: 'toProxy' | 'toAgent';
  /** The request method ('INVITE', 'ACK'…) or undefined for a response. */
  method?: string;
  /** The response status (180, 200…) or undefined for a request. */
  status?: number;
  /** The CSeq method (what a response answers). */
  cseqMethod?: string;
  callId?: string;
  /** The request carries a Proxy-Authorization / Authorization header (the retry after a 407/401). */
  authorized: boolean;
}

export interface SipRelay {
  /** ws://127.0.0.1:PORT — give this to the agent as its SIP server. */
  readonly url: string;
  readonly messages: RelayedMessage[];
  close(): Promise<void>;
}

const now = () => performance.timeOrigin + performance.now();

function describe(text: string, direction: RelayedMessage['direction'], t: number): RelayedMessage {
  const headEnd = text.indexOf('\r\n\r\n');
  const head = headEnd === -1 ? text : text.slice(0, headEnd);
  const [startLine = '', ...headers] = head.split('\r\n');
  const header = (name: RegExp) => headers.find((line) => name.test(line))?.replace(/^[^:]+:\s*/, '');
  const status = /^SIP\/2\.0 (\d{3})/.exec(startLine)?.[1];
  const cseq = header(/^cseq\s*:/i)?.split(/\s+/)[1];
  return {
    t,
    direction,
    ...(status ? { status: Number(status) } : { method: startLine.split(' ')[0] }),
    ...(cseq ? { cseqMethod: cseq } : {}),
    ...(header(/^(call-id|i)\s*:/i) ? { callId: header(/^(call-id|i)\s*:/i) } : {}),
    authorized: headers.some((line) => /^(proxy-)?authorization\s*:/i.test(line)),
  };
}

export async function startSipRelay(upstreamUrl: string): Promise<SipRelay> {
  const messages: RelayedMessage[] = [];
  const server = new WebSocketServer({
    host: '127.0.0.1',
    port: 0,
    handleProtocols: (protocols) => (protocols.has('sip') ? 'sip' : false),
  });
  const sockets = new Set<WebSocket>();
  server.on('connection', (agent) => {
    const proxy = new WebSocket(upstreamUrl, 'sip');
    sockets.add(agent).add(proxy);
    const early: string[] = [];
    const text = (data: RawData) =>
      (Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer)).toString('utf8');
    agent.on('message', (data) => {
      const t = now();
      const message = text(data);
      messages.push(describe(message, 'toProxy', t));
      if (proxy.readyState === WebSocket.OPEN) proxy.send(message);
      else early.push(message);
    });
    proxy.on('open', () => {
      for (const message of early.splice(0)) proxy.send(message);
    });
    proxy.on('message', (data) => {
      const t = now();
      const message = text(data);
      messages.push(describe(message, 'toAgent', t));
      if (agent.readyState === WebSocket.OPEN) agent.send(message);
    });
    const closeBoth = () => {
      agent.close();
      proxy.close();
    };
    agent.on('close', closeBoth);
    proxy.on('close', closeBoth);
    agent.on('error', closeBoth);
    proxy.on('error', closeBoth);
  });
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}`,
    messages,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.terminate();
        server.close(() => resolve());
      }),
  };
}
