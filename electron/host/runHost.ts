// Starts core + the host server in this process and keeps them running until stopped. Plain Node.
// Shared by `agentdesk host` and the browser-tier tests, so both run exactly the same code.
import { mkdirSync } from 'node:fs';
import { startCore, type Core } from '../core/app/core.js';
import { acquireInstanceLock } from '../core/app/instanceLock.js';
import { dataDirLayout, supportedLocale, systemLocaleTag } from '../core/app/paths.js';
import { EventHub } from '../core/ipc/eventHub.js';
import { systemClock, type Logger } from '../core/ports.js';
import { MediaPeerHub } from '../core/sip/mediaPeerHub.js';
import { FileSecretStore } from '../core/secrets/fileSecretStore.js';
import { createFileLogger, type LogLevel } from './fileLogger.js';
import { startHostServer, type HostServer } from './hostServer.js';

export interface RunHostOptions {
  dataDir: string;
  port: number;
  provisioningFile?: string | undefined;
  migrationsFolder: string;
  rendererDir: string;
  version: string;
  /** The operator agreed to move a damaged database aside and start a fresh one (--yes). */
  replaceDamagedDatabase: boolean;
  token?: string;
  logConsole?: LogLevel | false;
  logger?: Logger;
}

export interface RunningHost {
  core: Core;
  server: HostServer;
  logger: Logger;
  stop(): Promise<void>;
}

export async function runHost(options: RunHostOptions): Promise<RunningHost> {
  const layout = dataDirLayout(options.dataDir);
  mkdirSync(options.dataDir, { recursive: true });
  const lock = acquireInstanceLock(options.dataDir, 'browser');
  const logger = options.logger ?? createFileLogger({ dir: layout.logs, console: options.logConsole ?? false });
  guardAgainstUnhandledRejections(logger);
  const hub = new EventHub(logger);
  // The console page's WebRTC engine, reached over the bridge; sip.js in core talks to it through this.
  const media = new MediaPeerHub({ clock: systemClock, logger });
  let core: Core;
  try {
    core = startCore({
      mode: 'host',
      version: options.version,
      dataDir: options.dataDir,
      migrationsFolder: options.migrationsFolder,
      provisioningFile: options.provisioningFile,
      onDamagedDatabase: options.replaceDamagedDatabase ? 'move-aside-and-create' : 'fail',
      systemLocale: supportedLocale(systemLocaleTag()),
      logger,
      events: hub,
      secrets: new FileSecretStore(layout.secrets),
      mediaPeer: media,
    });
  } catch (error) {
    lock.release();
    throw error;
  }
  let server: HostServer;
  try {
    server = await startHostServer({
      port: options.port,
      rendererDir: options.rendererDir,
      dispatch: core.dispatch,
      logger,
      media,
      ...(options.token ? { token: options.token } : {}),
    });
  } catch (error) {
    await core.close();
    lock.release();
    throw error;
  }
  hub.add(server.events);
  lock.describe(`http://127.0.0.1:${server.port}/`);
  logger.info('host ready', { port: server.port, version: options.version });
  let stopped = false;
  return {
    core,
    server,
    logger,
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.close();
      media.close();
      await core.close();
      lock.release();
      logger.info('host stopped');
    },
  };
}

let rejectionGuardInstalled = false;

/**
 * Node ends the process on an unhandled promise rejection. sip.js drops some promises internally (a
 * malformed message from the network can reject one), and a desk must keep its phone: log, carry on.
 */
export function guardAgainstUnhandledRejections(logger: Logger): void {
  if (rejectionGuardInstalled) return;
  rejectionGuardInstalled = true;
  process.on('unhandledRejection', (reason) => {
    logger.error('unhandled promise rejection', { error: reason instanceof Error ? reason.message : String(reason) });
  });
}
