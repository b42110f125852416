// `agentdesk import customers FILE.csv`: the whole file or nothing, with progress on stderr. Plain Node.
import { Option, type Command } from 'commander';
import type { ImportProgress } from '../../../core/customers/customerImport.js';
import { importColumns } from '../../../core/customers/importColumns.js';
import { CliError, printJson } from '../context.js';
import { registerImportScriptsCommand } from './importScripts.js';

export function registerImportCommands(program: Command): void {
  const importCommand = program.command('import').description('import records from files');
  registerImportScriptsCommand(importCommand);
  importCommand
    .command('customers')
    .description(`import customers from a UTF-8 CSV file (columns: ${importColumns.join(', ')}); all rows or none`)
    .argument('<file>', 'CSV file, `,` or `;` separated, with a header line')
    .addOption(
      new Option(
        '--country <cc>',
        'country of numbers written without a country code (default: the phone.defaultCountry setting)',
      ),
    )
    .option('--dry-run', 'check the file and count what would change; write nothing')
    .option('--json', 'print the summary as JSON')
    .action(async (file: string, options: { country?: string; dryRun?: boolean; json?: boolean }, command: Command) => {
      const { openCustomerStore } = await import('./customerStore.js');
      const { importCustomersCsv } = await import('../../../core/customers/customerImport.js');
      const { CsvFileError } = await import('../../../core/customers/csv/csvFile.js');
      const store = openCustomerStore(command, options.country);
      try {
        const summary = await importCustomersCsv(store.service, file, {
          defaultCountry: store.service.defaultCountry(),
          dryRun: options.dryRun === true,
          onProgress: progressPrinter(),
          actor: 'cli',
        });
        if (process.stderr.isTTY) process.stderr.write('\n');
        if (options.json) printJson(summary);
        else {
          const lines = [summary.message];
          if (summary.ignoredColumns.length > 0) lines.push(`Ignored columns: ${summary.ignoredColumns.join(', ')}`);
          if (summary.formulaCells > 0)
            lines.push(`${summary.formulaCells} cells start with = or @; they were read as plain text.`);
          for (const error of summary.errors) lines.push(`  row ${error.row} (line ${error.line}): ${error.message}`);
          if (summary.errorCount > summary.errors.length)
            lines.push(`  … and ${summary.errorCount - summary.errors.length} more rows with errors`);
          process.stdout.write(`${lines.join('\n')}\n`);
        }
        if (summary.errorCount > 0) process.exitCode = 1;
      } catch (error) {
        if (error instanceof CsvFileError) {
          if (options.json) printJson({ file, imported: false, error: { problem: error.problem, message: error.message } });
          throw new CliError(error.message);
        }
        throw error;
      } finally {
        store.close();
      }
    });
}

/** "checking… 12.0 MB of 80.0 MB" / "writing… 40,000 of 100,000 rows": one line, rewritten on a terminal. */
function progressPrinter(): (progress: ImportProgress) => void {
  const tty = process.stderr.isTTY === true;
  const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
  const count = (rows: number) => rows.toLocaleString('en');
  return (progress) => {
    const text =
      progress.phase === 'checking'
        ? `checking… ${count(progress.rowsDone)} rows${progress.bytesDone !== undefined && progress.bytesTotal ? `, ${mb(progress.bytesDone)} of ${mb(progress.bytesTotal)}` : ''}`
        : `${progress.phase}… ${count(progress.rowsDone)} of ${count(progress.rowsTotal ?? 0)} rows`;
    process.stderr.write(tty ? `\r${text}\u001b[K` : `${text}\n`);
  };
}
