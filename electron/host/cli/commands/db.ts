// `agentdesk db migrate`: opens (and if needed creates) the database and applies pending migrations.
import type { Command } from 'commander';
import { DatabaseDamagedError, DatabaseUnavailableError, openDatabase } from '../../../../db/database.js';
import { dataDirLayout } from '../../../core/app/paths.js';
import { CliError, migrationsFolder, printJson, resolveDataDir, type GlobalOptions } from '../context.js';

export function registerDbCommands(program: Command): void {
  const db = program.command('db').description('the local database');
  db.command('migrate')
    .description('apply pending migrations (FK off -> one transaction -> foreign_key_check -> FK on)')
    .option('--yes', 'if the database is damaged, move it aside and create a fresh one')
    .option('--json', 'machine-readable output')
    .action((options: { yes?: boolean; json?: boolean }, command: Command) => {
      const path = dataDirLayout(resolveDataDir(command.optsWithGlobals<GlobalOptions>())).database;
      let database;
      try {
        database = openDatabase({
          path,
          migrationsFolder: migrationsFolder(),
          onDamaged: options.yes ? 'move-aside-and-create' : 'fail',
        });
      } catch (error) {
        if (error instanceof DatabaseDamagedError || error instanceof DatabaseUnavailableError) throw new CliError(error.message);
        throw error;
      }
      const outcome = {
        path,
        applied: database.migration.applied,
        schemaVersion: database.migration.schemaVersion,
        movedAside: database.movedAside ?? null,
      };
      database.close();
      if (options.json) return printJson(outcome);
      if (outcome.movedAside) process.stdout.write(`The damaged database was moved to ${outcome.movedAside}\n`);
      process.stdout.write(`${path}: ${outcome.applied} migration(s) applied, schema version ${outcome.schemaVersion}\n`);
    });
}
