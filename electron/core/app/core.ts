// Starts the desk's core: database, settings, and the command handlers behind the contract.
// Plain Node. Electron main and the host both call `startCore`; each brings its own ports
// (logger, event sink, secret store) and its own bridge in front of `dispatch`.
import { openDatabase, type AppDatabase, type OpenDatabaseOptions } from '../../../db/database.js';
import { appendAudit } from '../../../db/repositories/audit.js';
import type { AppInfo } from '../../shared/ipc/contract.js';
import type { Locale } from '../../shared/settings.js';
import { createDispatcher, type CommandHandlers, type Dispatch } from '../ipc/dispatcher.js';
import { systemClock, type Clock, type EventSink, type Logger, type SecretStore } from '../ports.js';
import { loadProvisioning, systemProvisioningPath, type Provisioning } from '../settings/provisioning.js';
import { SettingsService } from '../settings/settingsService.js';
import { UserSettingsFile } from '../settings/userSettingsFile.js';
import { dataDirLayout } from './paths.js';

export interface CoreOptions {
  mode: AppInfo['mode'];
  version: string;
  dataDir: string;
  migrationsFolder: string;
  /** `--config FILE`; otherwise AGENTDESK_CONFIG, otherwise the OS's system-wide path. */
  provisioningFile?: string | undefined;
  onDamagedDatabase: OpenDatabaseOptions['onDamaged'];
  systemLocale: Locale;
  logger: Logger;
  events: EventSink;
  secrets: SecretStore;
  clock?: Clock;
}

export interface Core {
  readonly database: AppDatabase;
  readonly settings: SettingsService;
  readonly dispatch: Dispatch;
  readonly info: () => AppInfo;
  close(): void;
}

export function resolveProvisioning(explicitFile: string | undefined, env = process.env): Provisioning {
  if (explicitFile) return loadProvisioning(explicitFile, true);
  if (env.AGENTDESK_CONFIG) return loadProvisioning(env.AGENTDESK_CONFIG, true);
  return loadProvisioning(systemProvisioningPath(), false);
}

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
    appendAudit(database.db, { actor: 'operator', action: `settings.${change.action}`, entity: 'setting', entityId: change.key }, clock.now()),
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

  const handlers: CommandHandlers = {
    'app:info': () => info(),
    'settings:get': () => settings.effective(),
    'settings:set': ({ key, value }) => settings.set(key, value),
    'settings:reset': ({ key }) => settings.reset(key),
  };

  return {
    database,
    settings,
    dispatch: createDispatcher(handlers, options.logger),
    info,
    close: () => database.close(),
  };
}
