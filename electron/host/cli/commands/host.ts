// `agentdesk host`: browser mode. Serves the console on 127.0.0.1 until stopped. Plain Node.
import { InvalidArgumentError, type Command } from 'commander';
import { CliError, migrationsFolder, rendererDir, resolveDataDir, version, type GlobalOptions } from '../context.js';

export function registerHostCommand(program: Command): void {
  program
    .command('host')
    .description('run the console in browser mode: core + database behind a token-guarded bridge on 127.0.0.1')
    .option('--port <n>', 'TCP port on 127.0.0.1 (0 = any free port)', parsePort, 0)
    .option('--yes', 'if the database is damaged, move it aside and start a fresh one')
    .option('--verbose', 'also print the log to stderr')
    .action(async (options: { port: number; yes?: boolean; verbose?: boolean }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      // Loaded here, not at the top: every other command starts faster without core in it.
      const [{ runHost }, { DatabaseDamagedError, DatabaseUnavailableError }, { InstanceLockedError }] = await Promise.all([
        import('../../runHost.js'),
        import('../../../../db/database.js'),
        import('../../../core/app/instanceLock.js'),
      ]);
      let host;
      try {
        host = await runHost({
          dataDir: resolveDataDir(globals),
          port: options.port,
          provisioningFile: globals.config,
          migrationsFolder: migrationsFolder(),
          rendererDir: rendererDir(),
          version,
          replaceDamagedDatabase: options.yes === true,
          logConsole: options.verbose ? 'info' : false,
        });
      } catch (error) {
        if (
          error instanceof DatabaseDamagedError ||
          error instanceof DatabaseUnavailableError ||
          error instanceof InstanceLockedError
        ) {
          throw new CliError(error.message);
        }
        if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE')
          throw new CliError(`Port ${options.port} on 127.0.0.1 is in use; choose another with --port.`);
        throw error;
      }
      if (host.core.database.movedAside)
        process.stderr.write(`The damaged database was moved to ${host.core.database.movedAside}\n`);
      for (const problem of host.core.settings.problems())
        process.stderr.write(`Settings problem: ${problem.file}: ${problem.field}: ${problem.message}\n`);
      process.stdout.write(`AgentDesk ready at ${host.server.url}\n`);
      const stop = (signal: string) => {
        host.logger.info('host stopping', { signal });
        void host.stop().then(() => process.exit(0));
      };
      process.once('SIGINT', () => stop('SIGINT'));
      process.once('SIGTERM', () => stop('SIGTERM'));
    });
}

export function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d{1,5}$/.test(value) || port > 65535) throw new InvalidArgumentError(`not a TCP port: ${value}`);
  return port;
}
