// `agentdesk`: the one command-line entry point (host mode, settings, database, diagnostics).
// Plain Node; bundled to dist/cli/agentdesk.mjs. Each command lives in ./commands/ and registers itself.
import { Command, CommanderError } from 'commander';
import { registerCallsCommand } from './commands/calls.js';
import { registerConfigCommands } from './commands/config.js';
import { registerDbCommands } from './commands/db.js';
import { registerDoctorCommand } from './commands/doctor.js';
import { registerExportCommands } from './commands/export.js';
import { registerHidCommands } from './commands/hid.js';
import { registerHostCommand } from './commands/host.js';
import { registerImportCommands } from './commands/import.js';
import { registerNormalizeCommand } from './commands/normalize.js';
import { registerSearchCommand } from './commands/search.js';
import { registerSeedCommands } from './commands/seed.js';
import { CliError, version } from './context.js';

export function buildProgram(): Command {
  const program = new Command('agentdesk')
    .description('AgentDesk — the call-center operator workstation')
    .version(version)
    .option('--data-dir <dir>', 'where the database, settings and logs live (default: the OS user-data folder)')
    .option('--config <file>', 'provisioning file with "defaults" and "policy" (default: the system-wide path)')
    .showHelpAfterError()
    .exitOverride();
  registerHostCommand(program);
  registerConfigCommands(program);
  registerDbCommands(program);
  registerDoctorCommand(program);
  registerNormalizeCommand(program);
  registerHidCommands(program);
  registerSearchCommand(program);
  registerImportCommands(program);
  registerExportCommands(program);
  registerSeedCommands(program);
  registerCallsCommand(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2; // help/version, or a usage error already printed
    if (error instanceof CliError) {
      process.stderr.write(`agentdesk: ${error.message}\n`);
      return error.exitCode;
    }
    process.stderr.write(`agentdesk: unexpected error: ${(error as Error).stack ?? String(error)}\n`);
    return 1;
  }
}

// Run when executed directly (the bundle), not when imported by tests.
const invokedDirectly = process.argv[1] !== undefined && /agentdesk(\.mjs|\.ts)?$/.test(process.argv[1]);
if (invokedDirectly) {
  const code = await main(process.argv.slice(2));
  // `host` keeps the event loop alive; every other command ends here.
  if (code !== 0) process.exit(code);
}
