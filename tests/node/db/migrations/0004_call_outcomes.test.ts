// Migration 0004_call_outcomes: calls gain end_reason and conference; calls logged before it keep their data
// and read back as "no end reason, not a conference".
import { describe, expect, it } from 'vitest';
import { CallLogRepository } from '../../../../db/repositories/callLog.js';
import { runMigrations } from '../../../../db/migrate.js';
import { useTempDirs } from '../../../support/tempDir.js';
import { databaseAt, migrationsUpTo } from './migrationSteps.js';

const tempDir = useTempDirs();

describe('migration 0004_call_outcomes', () => {
  it('keeps old calls and stores the new outcomes', () => {
    const dir = tempDir();
    const sqlite = databaseAt(dir, '0003_workflow');
    sqlite.exec(`INSERT INTO calls (id, direction, e164, invite_at, sip_reason, created_at)
                 VALUES ('old', 'inbound', '+905321234567', 10, 'transferred', 10)`);
    expect(runMigrations(sqlite, migrationsUpTo(dir, '0004_call_outcomes')).applied).toBe(1);
    const calls = new CallLogRepository(sqlite);
    calls.insert(
      {
        id: 'new',
        direction: 'outbound',
        rawCallerId: null,
        e164: '+905551112233',
        displayName: null,
        line: 2,
        inviteAt: 20,
        answerAt: 21,
        endAt: 80,
        durationMs: 59_000,
        hungUpBy: 'local',
        sipCode: null,
        sipReason: null,
        quality: null,
        endReason: 'transferred',
        conference: true,
      },
      80,
    );
    expect(calls.listNewest({ limit: 10 }).map(({ id, endReason, conference, sipReason }) => ({ id, endReason, conference, sipReason }))).toEqual([
      { id: 'new', endReason: 'transferred', conference: true, sipReason: null },
      { id: 'old', endReason: null, conference: false, sipReason: 'transferred' },
    ]);
    sqlite.close();
  });
});
