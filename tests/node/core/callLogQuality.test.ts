// The call log stores each call's quality summary (CallQualityMonitor.finish) in the calls row, as JSON,
// and a call that never had media stores none. Real SQLite file.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../db/database.js';
import { DatabaseCallLog } from '../../../electron/core/app/callLogStore.js';
import { MemoryLogger } from '../../../electron/core/log/memoryLogger.js';
import { qualitySample, summarizeQuality } from '../../../electron/shared/callQuality.js';
import type { CallLogRecord } from '../../../electron/shared/ipc/softphone.js';
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
