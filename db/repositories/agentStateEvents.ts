// Agent state log queries: append a state change with its outbox row, read an agent's latest and recent
// changes. Plain Node. The log is append-only: a state holds from its `at` until the agent's next row.
import type Database from 'better-sqlite3';
import { OutboxWriter } from './outboxWriter.js';

export type AgentStateName = 'loggedOut' | 'available' | 'notReady' | 'ringing' | 'onCall' | 'wrapUp' | 'break';
export type AgentStateCause = 'operator' | 'call' | 'timeout' | 'system';

export interface AgentStateEventRow {
  id: string;
  agent: string;
  state: AgentStateName;
  reasonCode: string | null;
  callId: string | null;
  cause: AgentStateCause;
  at: number;
}

export class AgentStateEventRepository {
  private readonly outbox: OutboxWriter;
  private readonly statements;
  private readonly appendBoth: (row: AgentStateEventRow) => void;

  constructor(sqlite: Database.Database) {
    this.outbox = new OutboxWriter(sqlite);
    this.statements = {
      insert: sqlite.prepare(
        'INSERT INTO agent_state_events (id, agent, state, reason_code, call_id, cause, at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      // `id` breaks ties: two changes in one millisecond (a call ending into wrap-up) keep their order, UUIDv7 being time-ordered.
      latest: sqlite.prepare(
        `SELECT id, agent, state, reason_code AS reasonCode, call_id AS callId, cause, at FROM agent_state_events
         WHERE agent = ? ORDER BY at DESC, id DESC LIMIT 1`,
      ),
      recent: sqlite.prepare(
        `SELECT id, agent, state, reason_code AS reasonCode, call_id AS callId, cause, at FROM agent_state_events
         WHERE agent = ? ORDER BY at DESC, id DESC LIMIT ?`,
      ),
    };
    const transaction = sqlite.transaction((row: AgentStateEventRow) => {
      this.statements.insert.run(row.id, row.agent, row.state, row.reasonCode, row.callId, row.cause, row.at);
      this.outbox.append({ entity: 'agent_state_event', entityId: row.id, operation: 'insert', payload: row }, row.at);
    });
    // No read inside, but IMMEDIATE anyway: the write lock is taken up front, so a busy sync writer makes
    // this wait (busy_timeout) instead of failing half-way.
    this.appendBoth = (row) => transaction.immediate(row);
  }

  /** Writes the change and its outbox row in one transaction. */
  append(row: AgentStateEventRow): void {
    this.appendBoth(row);
  }

  latest(agent: string): AgentStateEventRow | undefined {
    return this.statements.latest.get(agent) as AgentStateEventRow | undefined;
  }

  /** The agent's newest changes first. */
  recent(agent: string, limit: number): AgentStateEventRow[] {
    return this.statements.recent.all(agent, limit) as AgentStateEventRow[];
  }
}
