// `agentdesk calls [--limit N] [--json]`: the softphone's call log, newest first, from the desk's database. Plain Node.
import { Option, type Command } from 'commander';
import { DatabaseDamagedError, DatabaseUnavailableError, openDatabase } from '../../../../db/database.js';
import { CallLogRepository, type CallRecord } from '../../../../db/repositories/callLog.js';
import { dataDirLayout } from '../../../core/app/paths.js';
import { CliError, migrationsFolder, printJson, resolveDataDir, type GlobalOptions } from '../context.js';

export const maxCallsListed = 10_000;

/** One call as `--json` prints it: the stored row, times as ISO 8601 (UTC). */
export interface CallLogEntryJson {
  id: string;
  direction: 'inbound' | 'outbound';
  line: number | null;
  rawCallerId: string | null;
  e164: string | null;
  displayName: string | null;
  inviteAt: string;
  answerAt: string | null;
  endAt: string | null;
  durationMs: number | null;
  hungUpBy: 'local' | 'remote' | 'system' | null;
  sipCode: number | null;
  /** The SIP reason phrase, or the softphone's end reason (declined, transferred, dnd…) when there was none. */
  sipReason: string | null;
  /** Why the call ended: completed, declined, missed, cancelled, busy, rejected, unreachable, transferred, failed… */
  endReason: string | null;
  /** The call was part of the local 3-way conference. */
  conference: boolean;
  quality: unknown;
}

const isoTime = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

export function callLogEntryJson(call: CallRecord): CallLogEntryJson {
  return {
    id: call.id,
    direction: call.direction,
    line: call.line,
    rawCallerId: call.rawCallerId,
    e164: call.e164,
    displayName: call.displayName,
    inviteAt: new Date(call.inviteAt).toISOString(),
    answerAt: isoTime(call.answerAt),
    endAt: isoTime(call.endAt),
    durationMs: call.durationMs,
    hungUpBy: call.hungUpBy,
    sipCode: call.sipCode,
    sipReason: call.sipReason,
    endReason: call.endReason ?? null,
    conference: call.conference === true,
    quality: call.quality,
  };
}

/**
 * Text from the network (caller ids, display names, reason phrases) goes to a terminal: escape sequences
 * and bidi controls in it could rewrite the screen or reorder a number, so controls become spaces.
 */
function terminalText(text: string | null, max: number): string {
  if (!text) return '';
  const plain = text.replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\s]+/gu, ' ').trim();
  return plain.length > max ? `${plain.slice(0, max - 1)}…` : plain;
}

const two = (n: number) => String(n).padStart(2, '0');

/** Local wall-clock time, as the operator's desk shows it. */
function localTime(ms: number | null, withDate: boolean): string {
  if (ms === null) return '-';
  const at = new Date(ms);
  const time = `${two(at.getHours())}:${two(at.getMinutes())}:${two(at.getSeconds())}`;
  return withDate ? `${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())} ${time}` : time;
}

function duration(ms: number | null): string {
  if (ms === null) return '-';
  const seconds = Math.round(ms / 1000);
  const hours = Math.floor(seconds / 3600);
  const rest = `${two(Math.floor((seconds % 3600) / 60))}:${two(seconds % 60)}`;
  return hours > 0 ? `${hours}:${rest}` : rest;
}

/**
 * The quality summary in a few characters. Calls carry electron/shared/callQuality.ts's QualitySummary
 * (mosAverage, rttMsMax…); older rows and the demo data carry single figures (mos, rttMs…).
 */
function qualityText(quality: unknown): string {
  if (typeof quality !== 'object' || quality === null) return '-';
  const figures = quality as Record<string, unknown>;
  const figure = (...keys: string[]) => {
    for (const key of keys) {
      const value = figures[key];
      if (typeof value === 'number' && Number.isFinite(value)) return value;
    }
    return undefined;
  };
  const mos = figure('mosAverage', 'mos');
  const rtt = figure('rttMsMax', 'rttMs');
  const jitter = figure('jitterMsMax', 'jitterMs');
  const loss = figure('lossPercentAverage', 'lossPercent');
  const parts = [
    mos !== undefined ? `MOS ${mos.toFixed(1)}` : '',
    rtt !== undefined ? `rtt ${Math.round(rtt)}ms` : '',
    jitter !== undefined ? `jit ${Math.round(jitter)}ms` : '',
    loss !== undefined ? `loss ${loss.toFixed(1)}%` : '',
  ].filter((part) => part);
  return parts.length > 0 ? parts.join(' ') : '-';
}

/** The readable table: one line per call, the columns of the call log. */
export function callLogTable(calls: CallRecord[]): string {
  const header = ['INVITE', 'DIR', 'LINE', 'CALLER', 'E.164', 'NAME', 'ANSWER', 'END', 'DURATION', 'HUNG UP', 'SIP', 'QUALITY'];
  const rows = calls.map((call) => [
    localTime(call.inviteAt, true),
    call.direction === 'inbound' ? 'in' : 'out',
    call.line === null ? '-' : String(call.line),
    terminalText(call.rawCallerId, 48) || '-',
    call.e164 ?? '-',
    terminalText(call.displayName, 32) || '-',
    localTime(call.answerAt, false),
    localTime(call.endAt, false),
    duration(call.durationMs),
    call.hungUpBy ?? '-',
    [call.sipCode === null ? '' : String(call.sipCode), terminalText(call.sipReason, 40)].filter((part) => part).join(' ') || '-',
    qualityText(call.quality),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column]!))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n') + '\n';
}

export function registerCallsCommand(program: Command): void {
  program
    .command('calls')
    .description('the call log: every call the softphone saw, newest first (direction, caller id, times, who hung up, SIP code)')
    .addOption(new Option('--limit <n>', `at most this many calls (1–${maxCallsListed})`).default('50'))
    .option('--json', 'print [{"id":…,"direction":…,"rawCallerId":…,"e164":…,"inviteAt":…,"sipCode":…,…}]')
    .action((options: { limit: string; json?: boolean }, command: Command) => {
      const limit = Number(options.limit);
      if (!/^\d+$/.test(options.limit) || !Number.isInteger(limit) || limit < 1 || limit > maxCallsListed) {
        throw new CliError(`--limit must be a whole number from 1 to ${maxCallsListed}`, 2);
      }
      const path = dataDirLayout(resolveDataDir(command.optsWithGlobals<GlobalOptions>())).database;
      let database;
      try {
        database = openDatabase({ path, migrationsFolder: migrationsFolder(), onDamaged: 'fail' });
      } catch (error) {
        if (error instanceof DatabaseDamagedError || error instanceof DatabaseUnavailableError) throw new CliError(error.message);
        throw error;
      }
      let calls: CallRecord[];
      try {
        calls = new CallLogRepository(database.sqlite).listNewest({ limit });
      } finally {
        database.close();
      }
      if (options.json) return printJson(calls.map(callLogEntryJson));
      if (calls.length === 0) return void process.stdout.write('no calls logged yet\n');
      process.stdout.write(callLogTable(calls));
    });
}
