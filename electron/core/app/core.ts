// Starts the desk's core: database, settings, and the command handlers behind the contract.
// Plain Node. Electron main and the host both call `startCore`; each brings its own ports
// (logger, event sink, secret store) and its own bridge in front of `dispatch`.
import { openDatabase, type AppDatabase } from '../../../db/database.js';
import { appendAudit } from '../../../db/repositories/audit.js';
import type { AppInfo } from '../../shared/ipc/contract.js';
import { createDispatcher, type CommandHandlers, type Dispatch } from '../ipc/dispatcher.js';
import { systemClock } from '../ports.js';
import { resolveProvisioning } from '../settings/provisioning.js';
import { SettingsService } from '../settings/settingsService.js';
import { UserSettingsFile } from '../settings/userSettingsFile.js';
import type { CoreOptions } from './coreOptions.js';
import type { DeskServices } from './deskServices.js';
import { deskServiceCommandNames, type DeskServiceCommandName } from './deskServiceCommands.js';
import { dataDirLayout } from './paths.js';

export type { CoreOptions } from './coreOptions.js';

export interface Core {
  readonly database: AppDatabase;
  readonly settings: SettingsService;
  /** Customers, SIP, headset and hotkeys: started just after the database (see deskServices.ts). */
  readonly services: Promise<DeskServices>;
  readonly dispatch: Dispatch;
  readonly info: () => AppInfo;
  close(): Promise<void>;
}

export { resolveProvisioning } from '../settings/provisioning.js';

export function startCore(options: CoreOptions): Core {
  const clock = options.clock ?? systemClock;
  const layout = dataDirLayout(options.dataDir);
  const database = openDatabase({
    path: layout.database,
    migrationsFolder: options.migrationsFolder,
    onDamaged: options.onDamagedDatabase,
  });
  if (database.movedAside) options.logger.warn('damaged database moved aside', { movedTo: database.movedAside });

  const settings = new SettingsService(
    resolveProvisioning(options.provisioningFile),
    new UserSettingsFile(options.dataDir),
    clock,
    options.logger,
    options.events,
  );
  settings.onChange((change) =>
    appendAudit(
      database.db,
      { actor: 'operator', action: `settings.${change.action}`, entity: 'setting', entityId: change.key },
      clock.now(),
    ),
  );

  const info = (): AppInfo => ({
    name: 'AgentDesk',
    version: options.version,
    mode: options.mode,
    platform: process.platform,
    systemLocale: options.systemLocale,
    dataDir: options.dataDir,
    database: {
      path: database.path,
      schemaVersion: database.migration.schemaVersion,
      journalMode: String(database.sqlite.pragma('journal_mode', { simple: true })),
    },
  });

  // The desk's services (customers, SIP, headset, hotkeys) load right after the database: a separate
  // chunk in the CLI bundle, so the host is listening before sip.js and the phone metadata are compiled.
  // Their commands wait for them; nothing is refused in the meantime.
  const services = import('./deskServices.js').then((module) =>
    module.startDeskServices({ ...options, clock, database, settings }),
  );
  services.catch((error: unknown) => options.logger.error('desk services failed to start', { error: (error as Error).message }));
  const deferred = Object.fromEntries(
    deskServiceCommandNames.map((name) => [
      name,
      async (args: unknown) => ((await services).handlers[name] as (args: unknown) => unknown)(args),
    ]),
  ) as Pick<CommandHandlers, DeskServiceCommandName>;

  const handlers: CommandHandlers = {
    'app:info': () => info(),
    'settings:get': () => settings.effective(),
    'settings:set': ({ key, value }) => settings.set(key, value),
    'settings:reset': ({ key }) => settings.reset(key),
    ...deferred,
  };

  return {
    database,
    settings,
    services,
    dispatch: createDispatcher(handlers, options.logger),
    info,
    close: async () => {
      await services.then((started) => started.close()).catch(() => undefined);
      database.close();
    },
  };
}
