// `agentdesk seed demo`: fill the database with the demo workspace (idempotent). Plain Node.
import type { Command } from 'commander';
import type { CountryCode } from '../../../core/phone/index.js';
import { loadSettings, migrationsFolder, printJson, type GlobalOptions } from '../context.js';

export function registerSeedCommands(program: Command): void {
  const seed = program.command('seed').description('fill the database with sample data');
  seed
    .command('demo')
    .description(
      'a Turkish/English demo workspace: customers, tariffs, promotions, knowledge base, departments, call scripts (safe to run again)',
    )
    .option('--json', 'print what was created and what already existed')
    .action(async (options: { json?: boolean }, command: Command) => {
      const { openCustomerStore } = await import('./customerStore.js');
      const { seedDemoDesk } = await import('../../../core/customers/demoWorkspace.js');
      const { demoScriptsFolder } = await import('../../../core/scripts/demoScripts.js');
      const settings = loadSettings(command.optsWithGlobals<GlobalOptions>());
      const store = openCustomerStore(command, undefined);
      try {
        const summary = await seedDemoDesk(store.service, {
          folder: demoScriptsFolder(migrationsFolder()),
          dispositions: settings.get('workflow.dispositions'),
          defaultCountry: settings.get('phone.defaultCountry') as CountryCode,
        });
        if (options.json) return printJson(summary);
        const c = summary.created;
        const total = Object.values(c).reduce((sum, n) => sum + n, 0) + summary.scripts.imported;
        process.stdout.write(
          total === 0
            ? 'The demo workspace is already there; nothing was added.\n'
            : `Demo workspace: ${c.customers} customers, ${c.catalogueItems} catalogue items, ${c.articles} articles, ${c.departments} departments, ` +
                `${c.interactions} interactions, ${c.tickets} tickets, ${c.orders} orders, ${summary.scripts.imported} call scripts added.\n`,
        );
        for (const problem of summary.scripts.errors)
          process.stderr.write(`agentdesk: demo script not imported: ${problem.file} ${problem.path}: ${problem.message}\n`);
      } finally {
        store.close();
      }
    });
}
