// `agentdesk export customers|interactions FILE.csv|FILE.xlsx [--format csv|xlsx] [--excel-tr]`. Plain Node.
// Formula-injection escaping in both formats (see core/customers/customerExport.ts); progress on stderr.
import { Option, type Command } from 'commander';
import { CliError, printJson } from '../context.js';

export function registerExportCommands(program: Command): void {
  const exportCommand = program.command('export').description('export records to files');
  for (const what of ['customers', 'interactions'] as const) {
    exportCommand
      .command(what)
      .description(
        `write every ${what === 'customers' ? 'customer with their numbers' : 'call and note with its customer'} to a CSV or XLSX file`,
      )
      .argument('<file>', 'the file to write (replaced only once the export is complete)')
      .addOption(
        new Option('--format <format>', 'file format (default: from the extension, .xlsx → xlsx, else csv)').choices([
          'csv',
          'xlsx',
        ]),
      )
      .option('--excel-tr', 'CSV: separate with `;` and start with a BOM, as Excel with Turkish settings expects')
      .option('--json', 'print a JSON summary')
      .action(async (file: string, options: { format?: 'csv' | 'xlsx'; excelTr?: boolean; json?: boolean }, command: Command) => {
        const { openCustomerStore } = await import('./customerStore.js');
        const exporters = await import('../../../core/customers/customerExport.js');
        const run = what === 'customers' ? exporters.exportCustomers : exporters.exportInteractions;
        const store = openCustomerStore(command, undefined);
        const tty = process.stderr.isTTY === true;
        try {
          const summary = await run(store.service, file, {
            format: options.format,
            excelTurkish: options.excelTr === true,
            onProgress: tty
              ? (p) =>
                  process.stderr.write(
                    `\rexporting… ${p.rowsDone.toLocaleString('en')} of ${(p.rowsTotal ?? 0).toLocaleString('en')} rows\u001b[K`,
                  )
              : undefined,
          });
          if (tty) process.stderr.write('\n');
          if (options.json) printJson(summary);
          else process.stdout.write(`Exported ${summary.rows} ${what} to ${summary.file} (${summary.format.toUpperCase()})\n`);
        } catch (error) {
          if (error instanceof exporters.ExportError) throw new CliError(error.message);
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
