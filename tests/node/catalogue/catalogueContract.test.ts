// The catalogue, knowledge and history commands through the real core (startCore → deskServices → dispatcher): the
// demo workspace answers within the contract (the dispatcher checks results too: a broken one would be `internal`),
// bad arguments are refused before any query, and unknown codes, slugs and customers are `not_found`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCore, type Core } from '../../../electron/core/app/core.js';
import { seedDemoWorkspace } from '../../../electron/core/customers/demoWorkspace.js';
import { MemoryLogger } from '../../../electron/core/log/memoryLogger.js';
import { catalogueCommands, type CatalogueSearchResult } from '../../../electron/shared/ipc/catalogue.js';
import { commands } from '../../../electron/shared/ipc/contract.js';
import type { HistoryPage } from '../../../electron/shared/ipc/customerHistory.js';
import type { Result } from '../../../electron/shared/ipc/result.js';
import { migrationsFolder, sharedTestdata } from '../../support/paths.js';
import { useTempDirs } from '../../support/tempDir.js';
import { MemorySecretStore } from '../sip/support/agent.js';
import { RecordingEventSink } from '../sip/support/recordingEventSink.js';

const tempDir = useTempDirs('agentdesk-catalogue-contract-');
const naughtyStrings = JSON.parse(readFileSync(join(sharedTestdata, 'naughty-strings', 'blns.json'), 'utf8')) as string[];

let core: Core;
let logger: MemoryLogger;
let vip: string;

beforeEach(async () => {
  logger = new MemoryLogger();
  core = startCore({
    mode: 'host',
    version: '0.0.0-test',
    dataDir: tempDir(),
    migrationsFolder,
    onDamagedDatabase: 'fail',
    systemLocale: 'en',
    logger,
    events: new RecordingEventSink(),
    secrets: new MemorySecretStore(),
    hidTransport: null,
  });
  const { customers } = await core.services;
  seedDemoWorkspace(customers);
  vip = customers.repository.idByExternalId('DEMO-0001')!;
});
afterEach(() => core.close());

const dispatch = <T>(name: string, args: unknown) => core.dispatch(name, args) as Promise<Result<T>>;

describe('catalogue contract through core', () => {
  it('is spread into the contract', () => {
    for (const name of Object.keys(catalogueCommands)) expect(commands).toHaveProperty([name]);
  });

  it('searches, browses and opens what the demo workspace holds', async () => {
    const searched = await dispatch<CatalogueSearchResult>('catalogue:search', { query: 'süper konuş', customerId: vip });
    expect(searched.ok && searched.value.hits[0]).toMatchObject({
      type: 'item',
      item: { code: 'TRF-KONUSKAN-20', eligible: true },
    });
    expect(searched.ok && searched.value.segment).toBe('vip');
    const browsed = await dispatch<CatalogueSearchResult>('catalogue:search', { query: '', filter: 'faq' });
    expect(browsed.ok && browsed.value.hits).toHaveLength(3);
    const item = await dispatch('catalogue:item', { code: 'PRM-YAZ-2025' });
    expect(item).toMatchObject({ ok: true, value: { availableNow: false } });
    const article = await dispatch('knowledge:article', { slug: 'perenos-nomera' });
    expect(article).toMatchObject({ ok: true, value: { language: 'ru', title: 'Как перенести номер к нам' } });
    const history = await dispatch<HistoryPage>('customers:history', { customerId: vip, limit: 1 });
    expect(history.ok && history.value.entries).toHaveLength(1);
    expect(history.ok && history.value.next).not.toBeNull();
  });

  it('refuses bad arguments and answers not_found for what does not exist', async () => {
    expect(await dispatch('catalogue:search', { query: 'x'.repeat(201) })).toMatchObject({
      ok: false,
      error: { code: 'invalid_args' },
    });
    expect(await dispatch('catalogue:search', { query: 'x', filter: 'all', limit: 0 })).toMatchObject({
      ok: false,
      error: { code: 'invalid_args' },
    });
    expect(await dispatch('catalogue:search', { query: 'x', customerId: 'nobody' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(await dispatch('catalogue:item', { code: 'NOPE' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await dispatch('knowledge:article', { slug: '../etc/passwd' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(await dispatch('customers:history', { customerId: vip, before: { occurredAt: 'yesterday', id: 'x' } })).toMatchObject({
      ok: false,
      error: { code: 'invalid_args' },
    });
    expect(await dispatch('customers:history', { customerId: 'nobody' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });

  it('answers every naughty string within the contract', async () => {
    for (const text of naughtyStrings) {
      const result = await dispatch('catalogue:search', { query: text.slice(0, 200), customerId: vip });
      expect(result.ok, JSON.stringify(text)).toBe(true);
    }
    expect(logger.lines.filter((line) => line.level === 'error')).toEqual([]);
  });
});
