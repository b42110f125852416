// `agentdesk calls`: real calls through Kamailio are written by the SQLite call log store (as main
// writes them), then the CLI lists that file newest first, as JSON and as a table.
import { describe, expect, it, vi } from 'vitest';
import { openDatabase, type AppDatabase } from '../../../db/database.js';
import { CallLogRepository } from '../../../db/repositories/callLog.js';
import { DatabaseCallLog } from '../../../electron/core/app/callLogStore.js';
import { dataDirLayout } from '../../../electron/core/app/paths.js';
import { MemoryLogger } from '../../../electron/core/log/memoryLogger.js';
import { main } from '../../../electron/host/cli/agentdesk.js';
import { qualitySample, summarizeQuality } from '../../../electron/shared/callQuality.js';
import type { CallLogEntryJson } from '../../../electron/host/cli/commands/calls.js';
import { migrationsFolder } from '../../support/paths.js';
import { useTempDirs } from '../../support/tempDir.js';
import { createTestAgent, startRegistered, type TestAgent } from './support/agent.js';
import { useSipLab } from './support/sipLab.js';

const tempDir = useTempDirs();
const { proxy, phone } = useSipLab({ auth: true });

/** Runs the CLI in this process (the same code the bundle runs) and returns what it printed. */
async function agentdesk(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  try {
    const code = await main(args);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

describe('agentdesk calls', () => {
  it('lists the calls the SIP service wrote to SQLite, newest first, with every call-log field', async () => {
    const dataDir = tempDir();
    const database: AppDatabase = openDatabase({
      path: dataDirLayout(dataDir).database,
      migrationsFolder,
      onDamaged: 'fail',
    });
    const storeLogger = new MemoryLogger();
    let agent: TestAgent | undefined;
    try {
      agent = await createTestAgent({
        servers: [proxy().wsUrl],
        user: '3101',
        dialing: { defaultCountry: 'TR' },
        alsoLogTo: new DatabaseCallLog(database, storeLogger),
      });
      await startRegistered(agent);
      const customer = await phone('3102', { displayName: 'Ayşe Yılmaz' });

      // 1. inbound, answered, the customer hangs up
      await customer.call('3101');
      const first = await agent.events.waitFor('calls:state', (c) => c.state === 'ringing');
      await agent.service.answer(first.id);
      const established = await customer.waitFor('established');
      await customer.hangup(established.session);
      await agent.callLog.waitFor((r) => r.id === first.id);

      // 2. inbound, declined with 603
      const mark = agent.events.mark();
      await customer.call('3101');
      const second = await agent.events.waitFor('calls:state', (c) => c.state === 'ringing', 10_000, mark);
      await agent.service.decline(second.id, 603);
      await agent.callLog.waitFor((r) => r.id === second.id);

      // 3. outbound to a national number: E.164 through the dialing rules, nobody registered (404)
      const third = await agent.service.dial('0532 123 45 67');
      await agent.callLog.waitFor((r) => r.id === third.id);
      expect(storeLogger.lines.filter((e) => e.level === 'error')).toEqual([]);
    } finally {
      await agent?.service.stop();
      database.close();
    }

    const limited = await agentdesk(['--data-dir', dataDir, 'calls', '--json', '--limit', '2']);
    expect(limited.code).toBe(0);
    const newestTwo = JSON.parse(limited.stdout) as CallLogEntryJson[];
    expect(newestTwo).toHaveLength(2);
    expect(newestTwo[0]).toMatchObject({
      direction: 'outbound',
      line: 1,
      rawCallerId: 'sip:+905321234567@lab.test',
      e164: '+905321234567',
      answerAt: null,
      durationMs: 0,
      hungUpBy: 'remote',
      sipCode: 404,
      sipReason: 'Not Found',
      quality: null,
    });
    expect(newestTwo[1]).toMatchObject({
      direction: 'inbound',
      hungUpBy: 'local',
      sipCode: 603,
      sipReason: 'declined',
      answerAt: null,
    });

    const all = JSON.parse((await agentdesk(['--data-dir', dataDir, 'calls', '--json'])).stdout) as CallLogEntryJson[];
    expect(all.map((c) => c.sipCode ?? c.sipReason)).toEqual([404, 603, 'completed']);
    const answered = all[2]!;
    expect(answered).toMatchObject({
      direction: 'inbound',
      line: 1,
      displayName: 'Ayşe Yılmaz',
      hungUpBy: 'remote',
      sipCode: null,
      sipReason: 'completed',
    });
    expect(answered.rawCallerId).toMatch(/^"Ayşe Yılmaz" <sip:3102@lab\.test>/);
    expect(Date.parse(answered.inviteAt)).toBeLessThanOrEqual(Date.parse(answered.answerAt!));
    expect(Date.parse(answered.endAt!) - Date.parse(answered.answerAt!)).toBe(answered.durationMs);
    for (const call of all) expect(call.inviteAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

    const table = await agentdesk(['--data-dir', dataDir, 'calls']);
    expect(table.code).toBe(0);
    const lines = table.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(
      /^INVITE\s+DIR\s+LINE\s+CALLER\s+E\.164\s+NAME\s+ANSWER\s+END\s+DURATION\s+HUNG UP\s+SIP\s+QUALITY$/,
    );
    expect(lines).toHaveLength(4);
    expect(lines[1]).toMatch(/\bout\s+1\s+sip:\+905321234567@lab\.test\s+\+905321234567\b.*\bremote\s+404 Not Found\s+-$/);
    expect(lines[3]).toMatch(/\bin\s+1\s+.*Ayşe Yılmaz.*\bremote\s+completed\s+-$/);
  }, 30_000);

  it('keeps terminal escapes out of the table, shows the quality summary, and refuses a bad --limit', async () => {
    const dataDir = tempDir();
    const database = openDatabase({ path: dataDirLayout(dataDir).database, migrationsFolder, onDamaged: 'fail' });
    const at = Date.UTC(2025, 0, 2, 9, 30);
    // The summary the call log stores (electron/shared/callQuality.ts): two 5-second samples, 1 packet in 1000 lost.
    const first = { rttMs: 38.4, jitterMs: 4, packetsReceived: 250, packetsLost: 0, codec: 'audio/PCMU' };
    const second = { rttMs: 30, jitterMs: 3.2, packetsReceived: 999, packetsLost: 1, codec: 'audio/PCMU' };
    const quality = summarizeQuality(
      [qualitySample(undefined, first, at + 9000), qualitySample(first, second, at + 14_000)],
      'audio/PCMU',
    );
    expect(quality).toMatchObject({ samples: 2, rttMsMax: 38.4, jitterMsMax: 4 });
    // A row from elsewhere (an import, an older build): the CLI must not trust its text.
    new CallLogRepository(database.sqlite).insert(
      {
        id: '01940000-0000-7000-8000-000000000001',
        direction: 'inbound',
        rawCallerId: 'sip:\u001b]0;pwned\u0007+905321234567@pbx.example',
        e164: '+905321234567',
        displayName: 'Evil \u001b[2J\u202Eeman',
        line: 2,
        inviteAt: at,
        answerAt: at + 4000,
        endAt: at + 4000 + 125_000,
        durationMs: 125_000,
        hungUpBy: 'local',
        sipCode: null,
        sipReason: 'transferred',
        quality,
      },
      at + 130_000,
    );
    database.close();

    const table = await agentdesk(['--data-dir', dataDir, 'calls']);
    // Nothing but printable text and the line breaks (no ESC, BEL or RIGHT-TO-LEFT OVERRIDE reaches the terminal).
    expect([...table.stdout].filter((ch) => ch !== '\n' && /[\p{Cc}\p{Cf}]/u.test(ch))).toEqual([]);
    expect(table.stdout).toContain('Evil [2J eman');
    expect(table.stdout).toMatch(/\bin\s+2\b.*\b02:05\s+local\s+transferred\s+MOS 4\.\d rtt 38ms jit 4ms loss 0\.1%$/m);

    const json = JSON.parse((await agentdesk(['--data-dir', dataDir, 'calls', '--json'])).stdout) as CallLogEntryJson[];
    expect(json).toEqual([
      expect.objectContaining({
        displayName: 'Evil \u001b[2J\u202Eeman',
        inviteAt: '2025-01-02T09:30:00.000Z',
        answerAt: '2025-01-02T09:30:04.000Z',
        endAt: '2025-01-02T09:32:09.000Z',
        quality,
      }),
    ]);

    for (const bad of ['0', '-1', '1.5', 'ten', '10001']) {
      const refused = await agentdesk(['--data-dir', dataDir, 'calls', '--limit', bad]);
      expect(refused.code, bad).toBe(2);
      expect(refused.stderr).toMatch(/--limit must be a whole number/);
    }
    expect((await agentdesk(['--data-dir', tempDir(), 'calls'])).stdout).toBe('no calls logged yet\n');
  });
});
