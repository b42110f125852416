// What the customer commands (search, import, export, seed) share: open the database and the customer
// service for one command, with the database's errors turned into messages the operator can act on.
// Plain Node.
import type { Command } from 'commander';
import { DatabaseDamagedError, DatabaseUnavailableError, openDatabase, type AppDatabase } from '../../../../db/database.js';
import { dataDirLayout } from '../../../core/app/paths.js';
import { CustomerService } from '../../../core/customers/customerService.js';
import { normalizeCallerId, type CountryCode } from '../../../core/phone/index.js';
import { systemClock, type Logger } from '../../../core/ports.js';
import { CliError, loadSettings, migrationsFolder, resolveDataDir, type GlobalOptions } from '../context.js';

/** Warnings and errors go to stderr; a short-lived command has no log file of its own. */
const stderrLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: (message, fields) =>
    process.stderr.write(`agentdesk: warning: ${message}${fields ? ` ${JSON.stringify(fields)}` : ''}\n`),
  error: (message, fields) => process.stderr.write(`agentdesk: error: ${message}${fields ? ` ${JSON.stringify(fields)}` : ''}\n`),
};

export interface CustomerStore {
  database: AppDatabase;
  service: CustomerService;
  close(): void;
}

/**
 * Opens the store for one command. Numbers typed without a country code are read with `country`
 * (a --country option) or else the phone.defaultCountry setting, as the app reads them.
 */
export function openCustomerStore(command: Command, country: string | undefined): CustomerStore {
  const globals = command.optsWithGlobals<GlobalOptions>();
  const path = dataDirLayout(resolveDataDir(globals)).database;
  const defaultCountry = (country ?? loadSettings(globals).get('phone.defaultCountry')).toUpperCase() as CountryCode;
  const probe = normalizeCallerId('0', { defaultCountry });
  if (!probe.ok && probe.reason === 'invalid-default-country') {
    throw new CliError(`"${defaultCountry}" is not a country code (ISO 3166 alpha-2, e.g. TR)`, 2);
  }
  let database: AppDatabase;
  try {
    database = openDatabase({ path, migrationsFolder: migrationsFolder(), onDamaged: 'fail' });
  } catch (error) {
    if (error instanceof DatabaseDamagedError || error instanceof DatabaseUnavailableError) throw new CliError(error.message);
    throw error;
  }
  try {
    const service = new CustomerService({
      database,
      clock: systemClock,
      events: { emit: () => {} },
      logger: stderrLogger,
      defaultCountry: () => defaultCountry,
    });
    return { database, service, close: () => database.close() };
  } catch (error) {
    database.close();
    throw error;
  }
}
