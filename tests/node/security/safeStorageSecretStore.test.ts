// SecretStore on safeStorage (electron/main/adapters/safeStorageSecretStore.ts). safeStorage needs
// Electron and an OS keyring, so a reversible stand-in cipher plays the OS key: what is tested is the
// store's own behaviour (file format, 0600, atomic writes, refusing a keyring-less Linux).
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SafeStorageSecretStore, type SafeStorageLike } from '../../../electron/main/adapters/safeStorageSecretStore.js';
import { CommandFailure } from '../../../electron/shared/ipc/result.js';
import { useTempDirs } from '../../support/tempDir.js';

const tempDir = useTempDirs();

function standInSafeStorage(options: { available?: boolean; backend?: ReturnType<SafeStorageLike['getSelectedStorageBackend']>; osKey?: string } = {}) {
  // The prefix stands for the OS key: another user's or machine's store cannot decrypt it.
  const prefix = options.osKey ?? 'v11';
  const xor = (bytes: Buffer) => Buffer.from(bytes.map((byte) => byte ^ 0x5a));
  const storage: SafeStorageLike = {
    isEncryptionAvailable: () => options.available ?? true,
    getSelectedStorageBackend: () => options.backend ?? 'gnome_libsecret',
    encryptString: (plain) => Buffer.concat([Buffer.from(prefix), xor(Buffer.from(plain, 'utf8'))]),
    decryptString: (encrypted) => {
      if (encrypted.subarray(0, prefix.length).toString() !== prefix) {
        throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      }
      return xor(encrypted.subarray(prefix.length)).toString('utf8');
    },
  };
  return storage;
}

describe('SafeStorageSecretStore', () => {
  it('stores, reads and deletes secrets, never in plain text', async () => {
    const file = join(tempDir(), 'secrets.safestorage.json');
    const store = new SafeStorageSecretStore(standInSafeStorage(), { file, platform: 'linux' });
    expect(store.kind).toBe('safeStorage (gnome_libsecret)');
    expect(await store.get('sip.password')).toBeUndefined();
    await store.set('sip.password', 'Şifre-123 ğüı');
    await store.set('sync.token', 'tok');
    expect(await store.get('sip.password')).toBe('Şifre-123 ğüı');
    const raw = readFileSync(file, 'utf8');
    expect(raw).not.toContain('Şifre');
    expect(JSON.parse(raw)).toMatchObject({ version: 1, secrets: { 'sip.password': expect.any(String), 'sync.token': expect.any(String) } });
    await store.delete('sip.password');
    expect(await store.get('sip.password')).toBeUndefined();
    expect(await store.get('sync.token')).toBe('tok');
    await store.delete('never.set');
  });

  it('writes the file 0600 and leaves no temp files behind', async () => {
    const dir = tempDir();
    const file = join(dir, 'secrets.safestorage.json');
    const store = new SafeStorageSecretStore(standInSafeStorage(), { file, platform: 'linux' });
    await store.set('sip.password', 'x');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['secrets.safestorage.json']);
  });

  it('loses no write when sets race', async () => {
    const file = join(tempDir(), 's.json');
    const store = new SafeStorageSecretStore(standInSafeStorage(), { file, platform: 'linux' });
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.set(`k${i}`, `v${i}`)));
    for (let i = 0; i < 20; i++) expect(await store.get(`k${i}`)).toBe(`v${i}`);
  });

  it('refuses to store when the OS cannot encrypt', async () => {
    const store = new SafeStorageSecretStore(standInSafeStorage({ available: false }), { file: join(tempDir(), 's.json'), platform: 'win32' });
    await expect(store.set('sip.password', 'x')).rejects.toMatchObject({ code: 'unavailable' });
  });

  it("refuses Linux's basic_text fallback (a hard-coded key) unless IT allows it", async () => {
    const file = join(tempDir(), 's.json');
    const storage = standInSafeStorage({ backend: 'basic_text' });
    const strict = new SafeStorageSecretStore(storage, { file, platform: 'linux' });
    const error = await strict.set('sip.password', 'x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CommandFailure);
    expect((error as CommandFailure).code).toBe('unavailable');
    expect(existsSync(file)).toBe(false);
    const allowed = new SafeStorageSecretStore(storage, { file, platform: 'linux', allowPlaintextBackend: true });
    await allowed.set('sip.password', 'x');
    expect(await allowed.get('sip.password')).toBe('x');
  });

  it('treats a secret it cannot decrypt (profile copied from another user) as absent', async () => {
    const file = join(tempDir(), 's.json');
    const mine = new SafeStorageSecretStore(standInSafeStorage({ osKey: 'mine' }), { file, platform: 'darwin' });
    await mine.set('sip.password', 'secret');
    const otherUser = new SafeStorageSecretStore(standInSafeStorage({ osKey: 'theirs' }), { file, platform: 'darwin' });
    expect(await otherUser.get('sip.password')).toBeUndefined();
    expect(await mine.get('sip.password')).toBe('secret');
  });

  it('survives a damaged file and ignores entries with bad names or values', async () => {
    const file = join(tempDir(), 's.json');
    const store = new SafeStorageSecretStore(standInSafeStorage(), { file, platform: 'linux' });
    writeFileSync(file, '{"version":1,"secrets":{"ok.name":');
    expect(await store.get('ok.name')).toBeUndefined();
    await store.set('ok.name', 'fresh');
    expect(await store.get('ok.name')).toBe('fresh');
    writeFileSync(file, JSON.stringify({ version: 1, secrets: { '../x': 'AA==', 'n': 42 } }));
    expect(await store.get('n')).toBeUndefined();
  });

  it('refuses invalid secret names', async () => {
    const store = new SafeStorageSecretStore(standInSafeStorage(), { file: join(tempDir(), 's.json'), platform: 'linux' });
    for (const name of ['', '../etc/passwd', 'a b', 'x'.repeat(65), '__proto__']) {
      await expect(store.set(name, 'x'), name).rejects.toMatchObject({ code: 'invalid_args' });
    }
  });

  it('treats names like `constructor` as plain names, not as object properties', async () => {
    const store = new SafeStorageSecretStore(standInSafeStorage(), { file: join(tempDir(), 's.json'), platform: 'linux' });
    expect(await store.get('constructor')).toBeUndefined();
    expect(await store.get('toString')).toBeUndefined();
    await store.set('constructor', 'c');
    expect(await store.get('constructor')).toBe('c');
    await store.delete('constructor');
    expect(await store.get('constructor')).toBeUndefined();
  });
});
