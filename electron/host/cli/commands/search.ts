// `agentdesk search QUERY [--limit N] [--json]`: the search box on the command line. Plain Node.
import { Option, type Command } from 'commander';
import { customerLimits } from '../../../shared/ipc/customers.js';
import { CliError, printJson } from '../context.js';

export function registerSearchCommand(program: Command): void {
  program
    .command('search')
    .description('find customers by name, company, address, city, e-mail, account number or phone (any format)')
    .argument('<query>', 'what the operator would type in the search box')
    .addOption(new Option('--limit <n>', `at most this many results (1–${customerLimits.searchResults})`).default('20'))
    .addOption(
      new Option('--country <cc>', 'country of numbers typed without a country code (default: the phone.defaultCountry setting)'),
    )
    .option('--json', 'print [{"id":…,"externalId":…,"name":…,"phones":[…],…}]')
    .action(async (query: string, options: { limit: string; country?: string; json?: boolean }, command: Command) => {
      const limit = Number(options.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > customerLimits.searchResults) {
        throw new CliError(`--limit must be a whole number from 1 to ${customerLimits.searchResults}`, 2);
      }
      if (query.length > customerLimits.query)
        throw new CliError(`the query is longer than ${customerLimits.query} characters`, 2);
      const { openCustomerStore } = await import('./customerStore.js');
      const store = openCustomerStore(command, options.country);
      try {
        const hits = await store.service.search(query, limit);
        if (options.json) return printJson(hits);
        if (hits.length === 0) return void process.stdout.write('no customers found\n');
        for (const hit of hits) {
          const details = [hit.company, hit.city, hit.accountNumber, hit.phones.join(', ')].filter((part) => part);
          process.stdout.write(`${hit.name}${details.length ? `  —  ${details.join('  ·  ')}` : ''}  [${hit.match}]\n`);
        }
      } finally {
        store.close();
      }
    });
}
