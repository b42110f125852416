// Importing scripts is versioned by source hash: the same file again is a no-op, a changed file a new active
// version with the older ones kept inactive (each write with its outbox row), an author's version must go up,
// a dry run writes nothing. Real files in temp dirs, a real SQLite file.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useTempDirs } from '../../support/tempDir.js';
import { importDir, openScriptDatabase, simpleScript, writeScriptDir } from './scriptTestSupport.js';

const tempDir = useTempDirs();
let root: string;
let store: ReturnType<typeof openScriptDatabase>;

beforeEach(() => {
  root = tempDir();
  store = openScriptDatabase(root);
});
afterEach(() => store.database.close());

const versions = (key: string) =>
  store.database.sqlite
    .prepare('SELECT version, active, source_hash AS hash FROM call_scripts WHERE key = ? ORDER BY version')
    .all(key) as { version: number; active: number; hash: string }[];
const outbox = () =>
  store.database.sqlite
    .prepare("SELECT entity_id AS id, operation, payload FROM outbox WHERE entity = 'call_script' ORDER BY seq")
    .all() as {
    id: string;
    operation: string;
    payload: string;
  }[];

describe('importing a script directory', () => {
  it('the same file again changes nothing; a changed file becomes version 2 and version 1 stays, inactive', async () => {
    const dir = writeScriptDir(root, 'scripts', { 'greet.yaml': simpleScript('greet'), 'other.yaml': simpleScript('other') });
    const first = await importDir(store.repository, dir);
    expect(first).toMatchObject({ written: true, imported: 2, unchanged: 0, deactivated: 0, errors: [] });
    const v1 = first.files.find((file) => file.key === 'greet')!;
    expect(v1).toMatchObject({ status: 'imported', version: 1, id: expect.any(String) });
    expect(outbox()).toHaveLength(2);

    const again = await importDir(store.repository, dir);
    expect(again).toMatchObject({ written: true, imported: 0, unchanged: 2 });
    expect(again.files.find((file) => file.key === 'greet')).toMatchObject({ status: 'unchanged', version: 1, id: v1.id });
    expect(store.count('call_scripts')).toBe(2);
    expect(outbox()).toHaveLength(2);

    writeFileSync(join(dir, 'greet.yaml'), simpleScript('greet', { greeting: 'Good morning {{customer.name}}.' }));
    const changed = await importDir(store.repository, dir);
    expect(changed).toMatchObject({ imported: 1, unchanged: 1, deactivated: 1 });
    const v2 = changed.files.find((file) => file.key === 'greet')!;
    expect(v2).toMatchObject({ status: 'imported', version: 2 });
    expect(versions('greet').map(({ version, active }) => [version, active])).toEqual([
      [1, 0],
      [2, 1],
    ]);
    // The old version is still readable for the calls that followed it.
    expect(store.repository.byId(v1.id!)).toMatchObject({ version: 1, active: false });
    expect(
      store.repository
        .active()
        .map((row) => `${row.key} v${row.version}`)
        .sort(),
    ).toEqual(['greet v2', 'other v1']);
    expect(outbox().slice(2)).toEqual([
      expect.objectContaining({ id: v2.id, operation: 'insert' }),
      { id: v1.id, operation: 'update', payload: JSON.stringify({ active: false }) },
    ]);
    expect(JSON.parse(outbox()[2]!.payload)).toMatchObject({
      key: 'greet',
      version: 2,
      active: true,
      definition: { key: 'greet' },
    });
  });

  it("keeps the author's version numbers, which must go up when the content changes", async () => {
    const dir = writeScriptDir(root, 'authored', { 'a.yaml': simpleScript('a', { extra: 'version: 5' }) });
    expect((await importDir(store.repository, dir)).files[0]).toMatchObject({ version: 5 });

    writeFileSync(join(dir, 'a.yaml'), simpleScript('a', { extra: 'version: 5', greeting: 'Changed.' }));
    const same = await importDir(store.repository, dir);
    expect(same.written).toBe(false);
    expect(same.errors).toEqual([
      {
        file: 'a.yaml',
        path: 'version',
        line: 4,
        message: 'version 5 is not above the imported version 5: raise it, or leave version out',
      },
    ]);

    writeFileSync(join(dir, 'a.yaml'), simpleScript('a', { extra: 'version: 7', greeting: 'Changed.' }));
    expect((await importDir(store.repository, dir)).files[0]).toMatchObject({ status: 'imported', version: 7 });
    writeFileSync(join(dir, 'a.yaml'), simpleScript('a', { greeting: 'Changed again.' }));
    expect((await importDir(store.repository, dir)).files[0]).toMatchObject({ status: 'imported', version: 8 });
    expect(versions('a').map(({ version, active }) => [version, active])).toEqual([
      [5, 0],
      [7, 0],
      [8, 1],
    ]);
  });

  it('a changed rules file is a new version of the scripts it names, and only of those', async () => {
    const dir = writeScriptDir(root, 'ruled', {
      'a.yaml': simpleScript('a'),
      'b.yaml': simpleScript('b'),
      'rules.yaml': 'rules:\n  - script: a\n    inboundDefault: true\n',
    });
    await importDir(store.repository, dir);
    expect((store.repository.latest('a')!.definition as { choose?: unknown }).choose).toEqual({
      inboundDefault: true,
      outboundDefault: false,
      dialledNumbers: [],
      queues: [],
    });
    writeFileSync(join(dir, 'rules.yaml'), 'rules:\n  - script: a\n    inboundDefault: true\n    queues: [destek]\n');
    const summary = await importDir(store.repository, dir);
    expect(summary.files.map((file) => [file.key, file.status, file.version])).toEqual([
      ['a', 'imported', 2],
      ['b', 'unchanged', 1],
    ]);
    expect((store.repository.latest('a')!.definition as { choose: { queues: string[] } }).choose.queues).toEqual(['destek']);
  });

  it('a dry run checks and reports, and writes nothing', async () => {
    const dir = writeScriptDir(root, 'dry', { 'a.yaml': simpleScript('a') });
    const summary = await importDir(store.repository, dir, { dryRun: true });
    expect(summary).toMatchObject({
      dryRun: true,
      written: false,
      imported: 1,
      files: [{ key: 'a', status: 'imported', version: 1, id: null }],
    });
    expect(store.count('call_scripts')).toBe(0);
    expect(store.count('outbox')).toBe(0);
  });
});
