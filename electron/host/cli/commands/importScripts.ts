// `agentdesk import scripts DIR`: call scripts (*.yaml, *.yml, *.json and a rules file) from a directory, every
// file validated, all imported or none; problems printed as FILE:LINE PATH: REASON. Plain Node.
import type { Command } from 'commander';
import type { CountryCode } from '../../../core/phone/index.js';
import type { ScriptImportSummary } from '../../../core/scripts/scriptImport.js';
import { CliError, loadSettings, printJson, type GlobalOptions } from '../context.js';

export function registerImportScriptsCommand(importCommand: Command): void {
  importCommand
    .command('scripts')
    .description(
      'import call scripts from a directory (*.yaml, *.yml, *.json, plus rules.yaml); all files or none, ' +
        'a changed file becomes a new version (format: electron/core/scripts/README.md)',
    )
    .argument('<dir>', 'directory of script files')
    .option('--dry-run', 'check every file and report what would change; write nothing')
    .option('--json', 'print the summary as JSON')
    .action(async (dir: string, options: { dryRun?: boolean; json?: boolean }, command: Command) => {
      const { openCustomerStore } = await import('./customerStore.js');
      const { CallScriptRepository } = await import('../../../../db/repositories/callScripts.js');
      const { importScriptDirectory, ScriptDirectoryError } = await import('../../../core/scripts/scriptImport.js');
      const settings = loadSettings(command.optsWithGlobals<GlobalOptions>());
      const store = openCustomerStore(command, undefined);
      try {
        const summary = await importScriptDirectory(new CallScriptRepository(store.database.sqlite), dir, {
          dispositions: settings.get('workflow.dispositions'),
          defaultCountry: settings.get('phone.defaultCountry') as CountryCode,
          now: store.service.now(),
          dryRun: options.dryRun === true,
        });
        if (options.json) printJson(summary);
        else process.stdout.write(`${describeScriptImport(summary).join('\n')}\n`);
        if (summary.errors.length > 0) process.exitCode = 1;
      } catch (error) {
        if (error instanceof ScriptDirectoryError) {
          if (options.json) printJson({ directory: dir, written: false, error: error.message });
          throw new CliError(error.message);
        }
        throw error;
      } finally {
        store.close();
      }
    });
}

/** The summary as lines a person reads: problems first (with file:line), then what changed. */
export function describeScriptImport(summary: ScriptImportSummary): string[] {
  const where = (problem: ScriptImportSummary['errors'][number]) =>
    `${problem.file}${problem.line === undefined ? '' : `:${problem.line}`}${problem.path ? ` ${problem.path}` : ''}`;
  if (summary.errors.length > 0) {
    return [
      `Nothing was imported: ${summary.errors.length} problem${summary.errors.length === 1 ? '' : 's'} in ${summary.directory}`,
      ...summary.errors.map((problem) => `  ${where(problem)}: ${problem.message}`),
    ];
  }
  const lines = [
    `${summary.dryRun ? 'Would import' : 'Imported'} ${summary.imported} script version${summary.imported === 1 ? '' : 's'}; ` +
      `${summary.unchanged} unchanged${summary.deactivated > 0 ? `; ${summary.deactivated} older version${summary.deactivated === 1 ? '' : 's'} switched off` : ''}.`,
    ...summary.files.map(
      (file) => `  ${file.status === 'imported' ? '+' : '='} ${file.key} v${file.version} (${file.language}) ${file.file}`,
    ),
  ];
  if (summary.rulesFile) lines.push(`  rules: ${summary.rulesFile}`);
  for (const warning of summary.warnings) lines.push(`  warning: ${where(warning)}: ${warning.message}`);
  return lines;
}
