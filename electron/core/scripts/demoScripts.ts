// The demo call scripts (inbound service, telesales offer, complaint intake; Turkish and English) shipped with
// the app, and where they are: db/demo/scripts in a checkout, <resources>/demo/scripts when packaged (beside
// <resources>/migrations, see build/electronBuilder.config.ts). Plain Node (core).
import { dirname, join } from 'node:path';
import { CallScriptRepository } from '../../../db/repositories/callScripts.js';
import type { AppDatabase } from '../../../db/database.js';
import type { Disposition } from '../../shared/workflow.js';
import type { CountryCode } from '../phone/index.js';
import { importScriptDirectory, type ScriptImportSummary } from './scriptImport.js';

/** The demo scripts sit beside the migrations, in the checkout and in the installed app alike. */
export function demoScriptsFolder(migrationsFolder: string): string {
  return join(dirname(migrationsFolder), 'demo', 'scripts');
}

export interface DemoScriptOptions {
  folder: string;
  dispositions: readonly Disposition[];
  defaultCountry: CountryCode;
  now: number;
}

/** Imports the demo scripts like `agentdesk import scripts`: a second run finds them unchanged and adds nothing. */
export function importDemoScripts(
  database: Pick<AppDatabase, 'sqlite'>,
  options: DemoScriptOptions,
): Promise<ScriptImportSummary> {
  const { folder, ...importOptions } = options;
  return importScriptDirectory(new CallScriptRepository(database.sqlite), folder, importOptions);
}
