// Test support for call scripts: a real SQLite file in a temp dir, script directories written as real files,
// and a small valid script to vary. Node, tests only.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase, type AppDatabase } from '../../../db/database.js';
import { CallScriptRepository } from '../../../db/repositories/callScripts.js';
import { importScriptDirectory, type ScriptImportOptions } from '../../../electron/core/scripts/scriptImport.js';
import { builtinDispositions } from '../../../electron/shared/workflow.js';
import { migrationsFolder, repoRoot } from '../../support/paths.js';

export const demoScriptsDir = join(repoRoot, 'db', 'demo', 'scripts');

export function openScriptDatabase(dir: string): {
  database: AppDatabase;
  repository: CallScriptRepository;
  count(table: string): number;
} {
  const database = openDatabase({ path: join(dir, 'agentdesk.db'), migrationsFolder, onDamaged: 'fail' });
  return {
    database,
    repository: new CallScriptRepository(database.sqlite),
    count: (table) => database.sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number,
  };
}

/** Writes `files` (name → text or bytes) into `dir`/`sub` and returns that directory. */
export function writeScriptDir(dir: string, sub: string, files: Record<string, string | Buffer>): string {
  const target = join(dir, sub);
  mkdirSync(target, { recursive: true });
  for (const [name, content] of Object.entries(files)) writeFileSync(join(target, name), content);
  return target;
}

export const importOptions = (overrides: Partial<ScriptImportOptions> = {}): ScriptImportOptions => ({
  dispositions: builtinDispositions,
  defaultCountry: 'TR',
  now: Date.UTC(2026, 10, 28, 9, 0, 0),
  ...overrides,
});

export function importDir(repository: CallScriptRepository, directory: string, overrides: Partial<ScriptImportOptions> = {}) {
  return importScriptDirectory(repository, directory, importOptions(overrides));
}

/** A small valid script: greet, ask yes/no, end. `extra` lines are appended to the top-level mapping. */
export function simpleScript(key: string, options: { language?: string; greeting?: string; extra?: string } = {}): string {
  return [
    `key: ${key}`,
    `name: Script ${key}`,
    `language: ${options.language ?? 'en'}`,
    ...(options.extra ? [options.extra] : []),
    'steps:',
    '  - id: greet',
    '    kind: say',
    `    text: "${options.greeting ?? 'Hello {{customer.name}}, this is {{agent.name}}.'}"`,
    '  - id: happy',
    '    kind: question',
    '    text: "Are you happy with the service?"',
    '    answer: yesNo',
    '    ifNo: sorry',
    '  - id: bye',
    '    kind: end',
    '    text: "Goodbye."',
    '  - id: sorry',
    '    kind: suggest',
    '    disposition: complaint',
    '    next: bye',
    '',
  ].join('\n');
}
