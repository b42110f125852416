// SecretStore on Electron's safeStorage (DPAPI on Windows, Keychain on macOS, libsecret/kwallet on
// Linux): each secret is encrypted by the OS key and kept base64 in one JSON file in userData, 0600.
// Electron main only, after app `ready` (safeStorage reports no encryption before it on Linux).
import { chmod, mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { SafeStorage } from 'electron';
import type { SecretStore } from '../../core/ports.js';
import { CommandFailure } from '../../shared/ipc/result.js';

/** The part of Electron's safeStorage this store uses. */
export type SafeStorageLike = Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'getSelectedStorageBackend'>;

export interface SafeStorageSecretStoreOptions {
  /** e.g. join(app.getPath('userData'), 'secrets.safestorage.json') */
  file: string;
  platform?: NodeJS.Platform;
  /**
   * Linux without a keyring makes safeStorage fall back to `basic_text`: a hard-coded key, i.e.
   * obfuscation only. Refused unless IT allows it (kiosks, VDI images without a keyring).
   */
  allowPlaintextBackend?: boolean;
}

interface SecretFile {
  version: 1;
  /** name → base64 of safeStorage.encryptString(value) */
  secrets: Record<string, string>;
}

const secretNamePattern = /^[a-z0-9][a-z0-9._:-]{0,63}$/i;

export class SafeStorageSecretStore implements SecretStore {
  readonly kind: string;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly safeStorage: SafeStorageLike,
    private readonly options: SafeStorageSecretStoreOptions,
  ) {
    this.kind = `safeStorage (${this.backend()})`;
  }

  async get(name: string): Promise<string | undefined> {
    checkName(name);
    return this.serialised(async () => {
      const { secrets } = await this.read();
      if (!Object.hasOwn(secrets, name)) return undefined;
      const encrypted = secrets[name] as string;
      this.requireEncryption();
      try {
        return this.safeStorage.decryptString(Buffer.from(encrypted, 'base64'));
      } catch {
        // Encrypted by another OS user or machine (a copied profile): as good as absent.
        return undefined;
      }
    });
  }

  async set(name: string, value: string): Promise<void> {
    checkName(name);
    if (typeof value !== 'string') throw new CommandFailure('invalid_args', 'A secret is a string');
    await this.serialised(async () => {
      this.requireEncryption();
      const file = await this.read();
      file.secrets[name] = this.safeStorage.encryptString(value).toString('base64');
      await this.write(file);
    });
  }

  async delete(name: string): Promise<void> {
    checkName(name);
    await this.serialised(async () => {
      const file = await this.read();
      if (!Object.hasOwn(file.secrets, name)) return;
      delete file.secrets[name];
      await this.write(file);
    });
  }

  private backend(): string {
    return (this.options.platform ?? process.platform) === 'linux' ? this.safeStorage.getSelectedStorageBackend() : 'os';
  }

  private requireEncryption(): void {
    if (!this.safeStorage.isEncryptionAvailable()) {
      throw new CommandFailure('unavailable', 'The system keyring is not available to protect secrets');
    }
    if (this.backend() === 'basic_text' && !this.options.allowPlaintextBackend) {
      throw new CommandFailure('unavailable', 'No system keyring (libsecret or KWallet): secrets are not stored');
    }
  }

  /** One read-modify-write at a time, so two quick `set`s do not lose one another. */
  private serialised<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async read(): Promise<SecretFile> {
    let text: string;
    try {
      text = await readFile(this.options.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, secrets: {} };
      throw error;
    }
    try {
      const parsed = JSON.parse(text) as Partial<SecretFile>;
      // No prototype: a secret named `constructor` or `toString` is just a name.
      const secrets: Record<string, string> = Object.create(null) as Record<string, string>;
      if (parsed.version === 1 && typeof parsed.secrets === 'object' && parsed.secrets !== null) {
        for (const [name, value] of Object.entries(parsed.secrets)) {
          if (secretNamePattern.test(name) && typeof value === 'string') secrets[name] = value;
        }
      }
      return { version: 1, secrets };
    } catch {
      // A torn or hand-edited file: start empty rather than lock the operator out; the SIP password is re-entered.
      return { version: 1, secrets: {} };
    }
  }

  /** Write to a 0600 temp file, flush, then rename over the old one: never a half-written file. */
  private async write(file: SecretFile): Promise<void> {
    await mkdir(dirname(this.options.file), { recursive: true, mode: 0o700 });
    const temp = `${this.options.file}.${process.pid}.tmp`;
    const handle = await open(temp, 'w', 0o600);
    try {
      await handle.writeFile(JSON.stringify(file), 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await chmod(temp, 0o600); // open()'s mode is masked by the umask
      await rename(temp, this.options.file);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }
}

function checkName(name: string): void {
  if (typeof name !== 'string' || !secretNamePattern.test(name)) {
    throw new CommandFailure('invalid_args', 'Invalid secret name');
  }
}
