// Test support for the agent state machine: a real SQLite file in a temp dir, the real SettingsService,
// the fake clock, and calls:state payloads as SipService sends them.
import { join } from 'node:path';
import { openDatabase, type AppDatabase } from '../../../db/database.js';
import { newId } from '../../../db/ids.js';
import { AgentStateEventRepository, type AgentStateEventRow } from '../../../db/repositories/agentStateEvents.js';
import { AgentStateService } from '../../../electron/core/agent/agentStateService.js';
import { AliveMarkFile, type AliveMark } from '../../../electron/core/agent/aliveMark.js';
import { MemoryLogger } from '../../../electron/core/log/memoryLogger.js';
import { noProvisioning } from '../../../electron/core/settings/provisioning.js';
import { SettingsService } from '../../../electron/core/settings/settingsService.js';
import { UserSettingsFile } from '../../../electron/core/settings/userSettingsFile.js';
import type { AgentStatus } from '../../../electron/shared/ipc/agent.js';
import type { CallView } from '../../../electron/shared/ipc/softphone.js';
import type { SettingKey } from '../../../electron/shared/settings.js';
import { ManualClock } from '../../support/manualClock.js';
import { migrationsFolder } from '../../support/paths.js';
import { RecordingEventSink } from '../sip/support/recordingEventSink.js';

export interface AgentDesk {
  service: AgentStateService;
  clock: ManualClock;
  settings: SettingsService;
  events: RecordingEventSink;
  logger: MemoryLogger;
  database: AppDatabase;
  /** The desk's alive mark file (the real one, in the desk's data dir), when the options asked for one. */
  aliveMark: AliveMarkFile | undefined;
  /** Default dispositions the service asked the wrap-up to file, as [callId, code]. */
  filed: [string, string][];
  /** The agent state log, oldest first. */
  rows(): Omit<AgentStateEventRow, 'id'>[];
  /** The outbox rows for agent state events, oldest first. */
  outbox(): { entity: string; entityId: string; operation: string; payload: unknown }[];
  /** The last agent:state event. */
  last(): AgentStatus;
  close(): void;
}

export interface AgentDeskOptions {
  settings?: Partial<Record<SettingKey, unknown>>;
  /** Rows already in the log (a previous session), written before the service starts. */
  previous?: Omit<AgentStateEventRow, 'id'>[];
  /** Start the service (default true). */
  start?: boolean;
  /**
   * Keep the alive mark (agent-alive.json in the desk's dir): the mark a previous run left there, or null for
   * none yet. Left out, the service runs without one, so tests of its own timers see only those.
   */
  aliveMark?: AliveMark | null;
  /** Calls whose wrap-up a previous run filed (the service also counts the defaults it files itself). */
  filedBefore?: string[];
}

export function openAgentDesk(dir: string, options: AgentDeskOptions = {}): AgentDesk {
  const database = openDatabase({ path: join(dir, 'agentdesk.db'), migrationsFolder, onDamaged: 'fail' });
  const clock = new ManualClock();
  const logger = new MemoryLogger();
  const settings = new SettingsService(noProvisioning, new UserSettingsFile(dir), clock, logger);
  settings.set('sip.user', '1001');
  for (const [key, value] of Object.entries(options.settings ?? {})) settings.set(key as SettingKey, value);
  const repository = new AgentStateEventRepository(database.sqlite);
  for (const row of options.previous ?? []) repository.append({ id: newId(), ...row });
  const events = new RecordingEventSink();
  const filed: [string, string][] = [];
  const aliveMark = options.aliveMark === undefined ? undefined : new AliveMarkFile(dir, logger);
  if (options.aliveMark) aliveMark?.write(options.aliveMark);
  const service: AgentStateService = new AgentStateService({
    clock,
    events,
    logger,
    settings,
    log: repository,
    // As WrapUpService does: filing the default reports the wrap-up as submitted.
    fileDefaultDisposition: (callId, code) => {
      filed.push([callId, code]);
      service.wrapUpSubmitted(callId);
    },
    wrapUpFiled: (callId) => (options.filedBefore ?? []).includes(callId) || filed.some(([id]) => id === callId),
    ...(aliveMark ? { aliveMark } : {}),
  });
  const previousIds = new Set(
    (database.sqlite.prepare('SELECT id FROM agent_state_events').all() as { id: string }[]).map((row) => row.id),
  );
  if (options.start !== false) service.start();
  return {
    service,
    clock,
    settings,
    events,
    logger,
    database,
    aliveMark,
    filed,
    rows: () =>
      (
        database.sqlite
          .prepare(
            `SELECT id, agent, state, reason_code AS reasonCode, call_id AS callId, cause, at FROM agent_state_events ORDER BY at, id`,
          )
          .all() as AgentStateEventRow[]
      )
        .filter((row) => !previousIds.has(row.id))
        .map(({ id: _id, ...row }) => row),
    outbox: () =>
      (
        database.sqlite
          .prepare(
            `SELECT entity, entity_id AS entityId, operation, payload FROM outbox WHERE entity = 'agent_state_event' ORDER BY seq`,
          )
          .all() as { entity: string; entityId: string; operation: string; payload: string }[]
      ).map((row) => ({ ...row, payload: JSON.parse(row.payload) as unknown })),
    last: () => {
      const all = events.all('agent:state');
      if (all.length === 0) throw new Error('no agent:state event yet');
      return all[all.length - 1]!;
    },
    close: () => {
      service.close();
      database.close();
    },
  };
}

/** A call's views over its life, as SipService emits them on calls:state. */
export class TestCall {
  private view: CallView;

  constructor(
    private readonly desk: AgentDesk,
    id: string,
    direction: CallView['direction'] = 'inbound',
  ) {
    const now = desk.clock.now();
    this.view = {
      id,
      line: 1,
      direction,
      state: direction === 'inbound' ? 'ringing' : 'dialing',
      remoteUri: 'sip:+905321234567@lab.test',
      remoteUser: '+905321234567',
      remoteNumber: '+905321234567',
      displayName: 'Ayşe',
      callWaiting: false,
      muted: false,
      remoteHold: false,
      invitedAt: now,
      at: now,
    };
  }

  get id(): string {
    return this.view.id;
  }

  private send(change: Partial<CallView>): this {
    this.view = { ...this.view, ...change, at: this.desk.clock.now() };
    this.desk.service.observeCall(this.view);
    return this;
  }

  /** The first event: ringing (inbound) or dialing (outbound). */
  start(extra: Partial<CallView> = {}): this {
    return this.send(extra);
  }
  answer(): this {
    return this.send({ state: 'active', answeredAt: this.desk.clock.now(), callWaiting: false });
  }
  hold(): this {
    return this.send({ state: 'held' });
  }
  resume(): this {
    return this.send({ state: 'active' });
  }
  mute(): this {
    return this.send({ muted: true });
  }
  end(reason: CallView['endReason'] = 'completed'): this {
    return this.send({ state: 'ended', endedAt: this.desk.clock.now(), endReason: reason, hungUpBy: 'remote' });
  }
}
