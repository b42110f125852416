// The call log on a real SQLite file: a call's row exists from its first ring (without outbox), is completed at
// the end with its one outbox row and its quality summary; calls a crash left open are closed as interrupted.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../db/database.js';
import { DatabaseCallLog } from '../../../electron/core/app/callLogStore.js';
import { MemoryLogger } from '../../../electron/core/log/memoryLogger.js';
import { qualitySample, summarizeQuality } from '../../../electron/shared/callQuality.js';
import type { CallLogRecord, CallView } from '../../../electron/shared/ipc/softphone.js';
import { migrationsFolder } from '../../support/paths.js';
import { useTempDirs } from '../../support/tempDir.js';

const tempDir = useTempDirs();

const record = (id: string): CallLogRecord => ({
  id,
  sipCallId: `${id}@lab.test`,
  direction: 'inbound',
  line: 1,
  rawCallerId: '<sip:+905321234567@lab.test>',
  remoteNumber: '+905321234567',
  displayName: 'Ayşe',
  invitedAt: 1000,
  answeredAt: 2000,
  endedAt: 62_000,
  durationMs: 60_000,
  hungUpBy: 'remote',
  endReason: 'completed',
});

describe('call log quality summary', () => {
  it('is written with the call, asked for once per call', () => {
    const database = openDatabase({ path: join(tempDir(), 'agentdesk.db'), migrationsFolder, onDamaged: 'fail' });
    const summary = summarizeQuality(
      [qualitySample({ packetsReceived: 100, packetsLost: 0 }, { packetsReceived: 200, packetsLost: 0, rttMs: 20, jitterMs: 1 }, 5)],
      'audio/opus',
    );
    const asked: string[] = [];
    const log = new DatabaseCallLog(database, new MemoryLogger(), (callId) => {
      asked.push(callId);
      return callId === 'with-media' ? summary : null;
    });
    log.record(record('with-media'));
    log.record(record('no-media'));
    const quality = (id: string) => database.sqlite.prepare('SELECT quality FROM calls WHERE id = ?').pluck().get(id);
    expect(JSON.parse(quality('with-media') as string)).toEqual(summary);
    expect(quality('no-media')).toBeNull();
    expect(asked).toEqual(['with-media', 'no-media']);
    database.close();
  });
});

const ringing = (id: string): CallView => ({
  id,
  line: 1,
  direction: 'inbound',
  state: 'ringing',
  remoteUri: '<sip:+905321234567@lab.test>',
  remoteUser: '+905321234567',
  remoteNumber: '+905321234567',
  displayName: 'Ayşe',
  callWaiting: false,
  muted: false,
  remoteHold: false,
  invitedAt: 1000,
  at: 1000,
});

describe('call rows from the first ring', () => {
  it('exist while the call is live, without outbox, and are completed once at the end', () => {
    const database = openDatabase({ path: join(tempDir(), 'agentdesk.db'), migrationsFolder, onDamaged: 'fail' });
    const log = new DatabaseCallLog(database, new MemoryLogger());
    const sql = database.sqlite;
    const outboxRows = () => sql.prepare(`SELECT count(*) FROM outbox WHERE entity = 'call'`).pluck().get();
    log.started(ringing('c1'), 1000);
    log.started({ ...ringing('c1'), state: 'active', at: 2000 }, 2000); // later states change nothing
    expect(sql.prepare('SELECT id, end_at, hung_up_by FROM calls').all()).toEqual([{ id: 'c1', end_at: null, hung_up_by: null }]);
    expect(outboxRows()).toBe(0);
    // A note of the live call can point at it now (foreign key).
    sql.prepare(`INSERT INTO interactions (id, call_id, kind, occurred_at, created_at) VALUES ('n1', 'c1', 'note', 1500, 1500)`).run();

    log.record({ ...record('c1'), endReason: 'completed' });
    expect(sql.prepare('SELECT end_at, hung_up_by, end_reason, duration_ms FROM calls WHERE id = ?').get('c1')).toEqual({
      end_at: 62_000,
      hung_up_by: 'remote',
      end_reason: 'completed',
      duration_ms: 60_000,
    });
    expect(outboxRows()).toBe(1);
    // A call never seen starting (logged straight at its end) is inserted as before.
    log.record(record('c2'));
    expect(outboxRows()).toBe(2);
    database.close();
  });

  it('closes calls a crash left open as interrupted at the next start, with their outbox rows', () => {
    const path = join(tempDir(), 'agentdesk.db');
    const first = openDatabase({ path, migrationsFolder, onDamaged: 'fail' });
    new DatabaseCallLog(first, new MemoryLogger()).started(ringing('live'), 1000);
    first.close(); // the app dies here

    const second = openDatabase({ path, migrationsFolder, onDamaged: 'fail' });
    const logger = new MemoryLogger();
    const log = new DatabaseCallLog(second, logger);
    expect(log.closeInterrupted(99_000)).toBe(1);
    expect(log.closeInterrupted(99_500)).toBe(0);
    expect(second.sqlite.prepare('SELECT hung_up_by, end_reason, sip_reason, end_at FROM calls').get()).toEqual({
      hung_up_by: 'system',
      end_reason: 'interrupted',
      sip_reason: 'AgentDesk stopped during the call',
      end_at: null,
    });
    const outbox = second.sqlite.prepare(`SELECT payload FROM outbox WHERE entity = 'call'`).pluck().all() as string[];
    expect(outbox.map((payload) => JSON.parse(payload) as { id: string; endReason: string })).toEqual([
      expect.objectContaining({ id: 'live', endReason: 'interrupted', hungUpBy: 'system' }),
    ]);
    second.close();
  });
});
