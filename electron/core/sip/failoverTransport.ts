// sip.js's WebSocket transport with a list of servers instead of one: the connection code reads
// `server` when it connects, so pointing a cursor at the next server is all failover needs.
// Plain Node (sip.js core in Electron main or the host).
import { Web } from 'sip.js';

/** Which of the configured servers the next connect() uses. Owned by SipService's reconnect loop. */
export class ServerCursor {
  private index = 0;
  constructor(readonly servers: readonly string[]) {
    if (servers.length === 0) throw new Error('ServerCursor needs at least one server');
  }
  get current(): string {
    return this.servers[this.index] ?? this.servers[0]!;
  }
  get position(): number {
    return this.index;
  }
  moveTo(index: number): void {
    this.index = Math.min(Math.max(0, index), this.servers.length - 1);
  }
}

export interface FailoverTransportOptions extends Web.TransportOptions {
  cursor: ServerCursor;
}

export class FailoverTransport extends Web.Transport {
  private readonly cursor: ServerCursor;

  constructor(logger: ConstructorParameters<typeof Web.Transport>[0], options: FailoverTransportOptions) {
    const { cursor, ...transportOptions } = options;
    // The base class validates this first URL; every URL in the list was validated by the settings schema.
    super(logger, { ...transportOptions, server: cursor.current });
    this.cursor = cursor;
  }

  override get server(): string {
    return this.cursor.current;
  }

  /** Via's transport token follows the server in use (the base class fixes it from the first URL). */
  override get protocol(): string {
    return this.cursor.current.toLowerCase().startsWith('wss:') ? 'WSS' : 'WS';
  }
}
