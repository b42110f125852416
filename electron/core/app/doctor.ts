// `doctor`: read-only health checks of a desk (data dir, database, settings, logs, secrets). Plain Node.
// Never changes anything: a damaged database is reported, not moved.
import Database from 'better-sqlite3';
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { pendingMigrationCount, schemaVersion } from '../../../db/migrate.js';
import type { Provisioning } from '../settings/provisioning.js';
import { UserSettingsFile } from '../settings/userSettingsFile.js';
import { dataDirLayout } from './paths.js';

export type CheckStatus = 'ok' | 'warning' | 'error';
export interface DoctorCheck {
  id: string;
  status: CheckStatus;
  message: string;
}
export interface DoctorReport {
  ok: boolean;
  dataDir: string;
  checks: DoctorCheck[];
}

export interface DoctorOptions {
  dataDir: string;
  migrationsFolder: string;
  provisioning: Provisioning;
  rendererDir?: string;
  platform?: NodeJS.Platform;
}

function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

export function runDoctor(options: DoctorOptions): DoctorReport {
  const layout = dataDirLayout(options.dataDir);
  const checks: DoctorCheck[] = [];
  const add = (id: string, status: CheckStatus, message: string) => checks.push({ id, status, message });

  if (!existsSync(layout.root)) add('dataDir', 'warning', `${layout.root} does not exist yet; it is created on first start`);
  else if (!statSync(layout.root).isDirectory()) add('dataDir', 'error', `${layout.root} is not a folder`);
  else if (!writable(layout.root)) add('dataDir', 'error', `${layout.root} is not writable`);
  else add('dataDir', 'ok', layout.root);

  checks.push(checkDatabase(layout.database, options.migrationsFolder));

  const { provisioning } = options;
  add(
    'provisioning',
    'ok',
    provisioning.file ? `provisioning file ${provisioning.file}` : 'no provisioning file (built-in defaults)',
  );
  const userProblems = existsSync(layout.userSettings) ? new UserSettingsFile(layout.root).load().problems : [];
  for (const problem of [...provisioning.problems, ...userProblems]) {
    add('settings', 'warning', `${problem.file}: ${problem.field}: ${problem.message}`);
  }
  if (provisioning.problems.length + userProblems.length === 0) add('settings', 'ok', 'no settings problems');

  if (existsSync(layout.logs))
    add('logs', writable(layout.logs) ? 'ok' : 'error', `${layout.logs}${writable(layout.logs) ? '' : ' is not writable'}`);
  else add('logs', 'ok', `${layout.logs} (created on first start)`);

  if (existsSync(layout.secrets) && (options.platform ?? process.platform) !== 'win32') {
    const mode = statSync(layout.secrets).mode & 0o777;
    if (mode & 0o077)
      add('secrets', 'error', `${layout.secrets} is readable by others (mode ${mode.toString(8)}); run chmod 600`);
    else add('secrets', 'ok', `${layout.secrets} (mode 600)`);
  }

  if (options.rendererDir !== undefined) {
    const index = `${options.rendererDir}/index.html`;
    add(
      'renderer',
      existsSync(index) ? 'ok' : 'warning',
      existsSync(index) ? options.rendererDir : `${index} is missing; build it with npm run build`,
    );
  }
  return { ok: checks.every((check) => check.status !== 'error'), dataDir: layout.root, checks };
}

function checkDatabase(path: string, migrationsFolder: string): DoctorCheck {
  if (!existsSync(path))
    return { id: 'database', status: 'warning', message: `${path} does not exist yet; it is created on first start` };
  let sqlite: Database.Database | undefined;
  try {
    sqlite = new Database(path, { readonly: true, fileMustExist: true });
    const result = sqlite.pragma('integrity_check(10)', { simple: false }) as Record<string, string>[];
    const messages = result.map((row) => Object.values(row)[0]);
    if (messages.length !== 1 || messages[0] !== 'ok') {
      return { id: 'database', status: 'error', message: `${path} is damaged: ${messages.slice(0, 3).join('; ')}` };
    }
    const pending = pendingMigrationCount(sqlite, migrationsFolder);
    const version = schemaVersion(sqlite);
    if (pending > 0)
      return {
        id: 'database',
        status: 'warning',
        message: `${path}: schema version ${version}, ${pending} migration(s) pending (applied on next start)`,
      };
    return { id: 'database', status: 'ok', message: `${path}: intact, schema version ${version}` };
  } catch (error) {
    return { id: 'database', status: 'error', message: `${path} cannot be read as a database: ${(error as Error).message}` };
  } finally {
    sqlite?.close();
  }
}
