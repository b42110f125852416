// `agentdesk config show`: the effective settings, each with where its value comes from. Plain Node.
import type { Command } from 'commander';
import { resolveProvisioning } from '../../../core/app/core.js';
import { MemoryLogger } from '../../../core/log/memoryLogger.js';
import { systemClock } from '../../../core/ports.js';
import { SettingsService } from '../../../core/settings/settingsService.js';
import { UserSettingsFile } from '../../../core/settings/userSettingsFile.js';
import { printJson, resolveDataDir, type GlobalOptions } from '../context.js';

export function registerConfigCommands(program: Command): void {
  const config = program.command('config').description('settings and provisioning');
  config
    .command('show')
    .description('print the effective settings, each with its source (policy, user, defaults, builtin)')
    .option('--json', 'machine-readable output')
    .action((options: { json?: boolean }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const settings = new SettingsService(
        resolveProvisioning(globals.config),
        new UserSettingsFile(resolveDataDir(globals)),
        systemClock,
        new MemoryLogger(),
      );
      const effective = settings.effective();
      if (options.json) return printJson(effective);
      const lines = [`Provisioning file: ${effective.provisioningFile ?? '(none)'}`, ''];
      const width = Math.max(...effective.settings.map((s) => s.key.length));
      for (const setting of effective.settings) {
        const lock = setting.locked ? `  [locked: ${setting.lockReason}]` : '';
        lines.push(`${setting.key.padEnd(width)}  ${JSON.stringify(setting.value)}  (${setting.source})${lock}`);
      }
      if (effective.problems.length > 0) {
        lines.push('', 'Problems:');
        for (const problem of effective.problems) lines.push(`  ${problem.file}: ${problem.field}: ${problem.message}`);
      }
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}
