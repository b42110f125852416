// `agentdesk doctor`: read-only health report of this desk; exit code 1 when something is broken.
import type { Command } from 'commander';
import { resolveProvisioning } from '../../../core/settings/provisioning.js';
import { runDoctor } from '../../../core/app/doctor.js';
import { migrationsFolder, printJson, rendererDir, resolveDataDir, type GlobalOptions } from '../context.js';

const marks = { ok: 'ok  ', warning: 'warn', error: 'FAIL' } as const;

export function registerDoctorCommand(program: Command): void {
  program
    .command('doctor')
    .description('check the data dir, database integrity, settings and logs; changes nothing')
    .option('--json', 'machine-readable output')
    .action((options: { json?: boolean }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const report = runDoctor({
        dataDir: resolveDataDir(globals),
        migrationsFolder: migrationsFolder(),
        provisioning: resolveProvisioning(globals.config),
        rendererDir: rendererDir(),
      });
      if (options.json) printJson(report);
      else {
        for (const check of report.checks) process.stdout.write(`[${marks[check.status]}] ${check.id}: ${check.message}\n`);
        process.stdout.write(report.ok ? 'No problems that stop AgentDesk.\n' : 'Problems found: see FAIL lines above.\n');
      }
      if (!report.ok) process.exitCode = 1;
    });
}
