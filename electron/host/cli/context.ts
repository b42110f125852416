// What every CLI command shares: global flags, where the build's files are, output helpers. Plain Node.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveProvisioning } from '../../core/settings/provisioning.js';
import { defaultDataDir } from '../../core/app/paths.js';
import { MemoryLogger } from '../../core/log/memoryLogger.js';
import { systemClock } from '../../core/ports.js';
import { SettingsService } from '../../core/settings/settingsService.js';
import { UserSettingsFile } from '../../core/settings/userSettingsFile.js';

declare const AGENTDESK_VERSION: string | undefined;

export const version = typeof AGENTDESK_VERSION === 'string' ? AGENTDESK_VERSION : '0.0.0-dev';

export interface GlobalOptions {
  dataDir?: string;
  config?: string;
}

export function resolveDataDir(options: GlobalOptions): string {
  return resolve(options.dataDir ?? defaultDataDir());
}

/** The desk's effective settings, read-only, for commands that do not start core. */
export function loadSettings(options: GlobalOptions): SettingsService {
  return new SettingsService(
    resolveProvisioning(options.config),
    new UserSettingsFile(resolveDataDir(options)),
    systemClock,
    new MemoryLogger(),
  );
}

/**
 * Finds a folder of the checkout or the installed package from wherever this code runs: the bundle
 * (dist/cli/agentdesk.mjs) or the sources under vitest (electron/host/cli/*.ts).
 */
function findUp(relativePath: string, envOverride: string | undefined): string {
  if (envOverride) return resolve(envOverride);
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const candidate = join(dir, relativePath);
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  return resolve(relativePath);
}

export const migrationsFolder = () => findUp(join('db', 'migrations'), process.env.AGENTDESK_MIGRATIONS);
export const rendererDir = () => findUp(join('dist', 'renderer'), process.env.AGENTDESK_RENDERER_DIR);

/** A failure the operator can act on: printed without a stack, exit code 1. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
