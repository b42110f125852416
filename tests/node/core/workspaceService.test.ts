// The first-run choice on a real SQLite file: an empty desk offers the demo; loading it fills customers,
// catalogue and call scripts (and a second load adds nothing); "start empty" is remembered across restarts.
import { describe, expect, it } from 'vitest';
import { WorkspaceService } from '../../../electron/core/app/workspaceService.js';
import { MemoryLogger } from '../../../electron/core/log/memoryLogger.js';
import { noProvisioning } from '../../../electron/core/settings/provisioning.js';
import { SettingsService } from '../../../electron/core/settings/settingsService.js';
import { UserSettingsFile } from '../../../electron/core/settings/userSettingsFile.js';
import { ManualClock } from '../../support/manualClock.js';
import { migrationsFolder } from '../../support/paths.js';
import { useTempDirs } from '../../support/tempDir.js';
import { openTestStore } from '../customers/customerTestSupport.js';

const tempDir = useTempDirs();

function workspaceAt(dir: string) {
  const store = openTestStore(dir);
  const settings = new SettingsService(noProvisioning, new UserSettingsFile(tempDir()), new ManualClock(), new MemoryLogger());
  const workspace = new WorkspaceService({
    database: store.database,
    customers: store.service,
    settings,
    migrationsFolder,
    now: () => 1_800_000_000_000,
  });
  return { store, workspace };
}

describe('WorkspaceService', () => {
  it('offers the demo on an empty desk and loads it once', async () => {
    const { store, workspace } = workspaceAt(tempDir());
    expect(workspace.status()).toEqual({ customers: 0, catalogueItems: 0, firstRun: true });
    const loaded = await workspace.seedDemo();
    expect(loaded.customersCreated).toBeGreaterThan(10);
    expect(loaded.scriptsImported).toBe(6);
    expect(loaded.status.firstRun).toBe(false);
    expect(loaded.status.catalogueItems).toBeGreaterThan(5);
    const again = await workspace.seedDemo();
    expect(again).toMatchObject({ customersCreated: 0, scriptsImported: 0, status: loaded.status });
    expect(store.database.sqlite.prepare(`SELECT count(*) FROM audit_log WHERE action = 'workspace.firstRunChoice'`).pluck().get()).toBe(2);
    store.close();
  });

  it('remembers "start empty" across a restart, and never offers the demo to a desk with customers', async () => {
    const dir = tempDir();
    const first = workspaceAt(dir);
    expect(first.workspace.startEmpty()).toEqual({ customers: 0, catalogueItems: 0, firstRun: false });
    first.store.close();
    const second = workspaceAt(dir);
    expect(second.workspace.status().firstRun).toBe(false);
    second.store.close();

    const imported = workspaceAt(tempDir());
    await imported.store.service.create({ name: 'Ayşe Yılmaz', phones: [{ number: '+905321234567', label: null }] });
    expect(imported.workspace.status()).toMatchObject({ customers: 1, firstRun: false });
    imported.store.close();
  });
});
