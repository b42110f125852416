// SecretStore for plain Node (host mode, CLI, tests): a JSON file readable by its owner only (0600).
// Electron main uses safeStorage instead (electron/main/adapters). Environment variables such as
// AGENTDESK_SIP_PASSWORD override the file, for kiosks and VDI images provisioned by script.
import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { SecretStore } from '../ports.js';

/** Secret name → the environment variable that overrides it. */
export const secretEnvironmentVariables: Record<string, string> = {
  'sip.password': 'AGENTDESK_SIP_PASSWORD',
};

export class FileSecretStore implements SecretStore {
  readonly kind = 'file (0600)';

  constructor(
    private readonly path: string,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  async get(name: string): Promise<string | undefined> {
    const fromEnv = secretEnvironmentVariables[name];
    if (fromEnv && this.env[fromEnv]) return this.env[fromEnv];
    return this.read()[name];
  }

  async set(name: string, value: string): Promise<void> {
    this.write({ ...this.read(), [name]: value });
  }

  async delete(name: string): Promise<void> {
    const all = this.read();
    delete all[name];
    this.write(all);
  }

  private read(): Record<string, string> {
    if (!existsSync(this.path)) return {};
    try {
      const parsed: unknown = JSON.parse(readFileSync(this.path, 'utf8'));
      if (typeof parsed !== 'object' || parsed === null) return {};
      return Object.fromEntries(Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
    } catch {
      return {};
    }
  }

  private write(all: Record<string, string>): void {
    const temp = `${this.path}.tmp-${process.pid}`;
    writeFileSync(temp, JSON.stringify(all), { mode: 0o600 });
    chmodSync(temp, 0o600); // the mode above is masked by umask; make sure
    renameSync(temp, this.path);
  }
}
