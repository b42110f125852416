// `agentdesk seed demo`: fill the database with the demo workspace (idempotent). Plain Node.
import type { Command } from 'commander';
import { printJson } from '../context.js';

export function registerSeedCommands(program: Command): void {
  const seed = program.command('seed').description('fill the database with sample data');
  seed
    .command('demo')
    .description(
      'a Turkish/English demo workspace: customers, tariffs, promotions, knowledge base, departments (safe to run again)',
    )
    .option('--json', 'print what was created and what already existed')
    .action(async (options: { json?: boolean }, command: Command) => {
      const { openCustomerStore } = await import('./customerStore.js');
      const { seedDemoWorkspace } = await import('../../../core/customers/demoWorkspace.js');
      const store = openCustomerStore(command, undefined);
      try {
        const summary = seedDemoWorkspace(store.service);
        if (options.json) return printJson(summary);
        const c = summary.created;
        const total = Object.values(c).reduce((sum, n) => sum + n, 0);
        process.stdout.write(
          total === 0
            ? 'The demo workspace is already there; nothing was added.\n'
            : `Demo workspace: ${c.customers} customers, ${c.catalogueItems} catalogue items, ${c.articles} articles, ${c.departments} departments, ` +
                `${c.interactions} interactions, ${c.tickets} tickets, ${c.orders} orders added.\n`,
        );
      } finally {
        store.close();
      }
    });
}
