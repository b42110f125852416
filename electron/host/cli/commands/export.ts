// `agentdesk export customers|interactions FILE.csv [--excel-tr]`: CSV with formula-injection escaping.
// Plain Node.
import type { Command } from 'commander';
import { CliError, printJson } from '../context.js';

export function registerExportCommands(program: Command): void {
  const exportCommand = program.command('export').description('export records to files');
  for (const what of ['customers', 'interactions'] as const) {
    exportCommand
      .command(what)
      .description(`write every ${what === 'customers' ? 'customer with their numbers' : 'call and note'} to a CSV file`)
      .argument('<file>', 'the CSV file to write (replaced if it exists)')
      .option('--excel-tr', 'separate with `;` and start with a BOM, as Excel with Turkish settings expects')
      .option('--json', 'print a JSON summary')
      .action(async (file: string, options: { excelTr?: boolean; json?: boolean }, command: Command) => {
        const { openCustomerStore } = await import('./customerStore.js');
        const exporters = await import('../../../core/customers/customerExport.js');
        const run = what === 'customers' ? exporters.exportCustomersCsv : exporters.exportInteractionsCsv;
        const store = openCustomerStore(command, undefined);
        try {
          const summary = run(store.service, file, { excelTurkish: options.excelTr === true });
          if (options.json) printJson(summary);
          else process.stdout.write(`Exported ${summary.rows} ${what} to ${summary.file}\n`);
        } catch (error) {
          const code = (error as { code?: string }).code;
          if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR' || code === 'EROFS')
            throw new CliError(`Cannot write ${file}: ${(error as Error).message}`);
          throw error;
        } finally {
          store.close();
        }
      });
  }
}
