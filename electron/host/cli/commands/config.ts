// `agentdesk config show`: the effective settings, each with where its value comes from. Plain Node.
import type { Command } from 'commander';
import { loadSettings, printJson, type GlobalOptions } from '../context.js';

export function registerConfigCommands(program: Command): void {
  const config = program.command('config').description('settings and provisioning');
  config
    .command('show')
    .description('print the effective settings, each with its source (policy, user, defaults, builtin)')
    .option('--json', 'machine-readable output')
    .action((options: { json?: boolean }, command: Command) => {
      const effective = loadSettings(command.optsWithGlobals<GlobalOptions>()).effective();
      if (options.json) return printJson(effective);
      const lines = [`Provisioning file: ${effective.provisioningFile ?? '(none)'}`, ''];
      const width = Math.max(...effective.settings.map((s) => s.key.length));
      for (const setting of effective.settings) {
        const why = setting.brokenPolicy ? 'policy could not be applied, see problems' : (setting.lockReason ?? 'by IT policy');
        const lock = setting.locked ? `  [locked: ${why}]` : '';
        lines.push(`${setting.key.padEnd(width)}  ${JSON.stringify(setting.value)}  (${setting.source})${lock}`);
      }
      if (effective.problems.length > 0) {
        lines.push('', 'Problems:');
        for (const problem of effective.problems) lines.push(`  ${problem.file}: ${problem.field}: ${problem.message}`);
      }
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}
