// The customer commands of `agentdesk` (seed, search, import, export), run in-process through main().
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../../electron/host/cli/agentdesk.js';
import { useTempDirs } from '../../support/tempDir.js';

const tempDir = useTempDirs();

async function agentdesk(args: string[]) {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  process.exitCode = undefined;
  try {
    const code = await main(args);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
    process.exitCode = undefined;
  }
}

afterEach(() => {
  process.exitCode = undefined;
});

describe('agentdesk customer commands', () => {
  it('seed demo, then search --json prints hits with id, externalId, name and phones', async () => {
    const dataDir = tempDir();
    const seeded = await agentdesk(['--data-dir', dataDir, 'seed', 'demo', '--json']);
    expect(seeded.code).toBe(0);
    expect(JSON.parse(seeded.stdout)).toMatchObject({ created: { customers: 30 } });
    expect((await agentdesk(['--data-dir', dataDir, 'seed', 'demo'])).stdout).toMatch(/already there; nothing was added/);

    const search = await agentdesk(['--data-dir', dataDir, 'search', 'IŞIK', '--limit', '2', '--json']);
    expect(search.code).toBe(0);
    const hits = JSON.parse(search.stdout) as { id: string; externalId: string; name: string; phones: string[] }[];
    expect(hits).toHaveLength(2);
    expect(hits[0]).toMatchObject({
      id: expect.any(String),
      externalId: 'DEMO-0001',
      name: 'Işık Yıldırım',
      phones: ['+905321234567', '+902122345678'],
      match: 'name',
    });

    const byPhone = JSON.parse((await agentdesk(['--data-dir', dataDir, 'search', '0532 123 45 67', '--json'])).stdout) as {
      name: string;
      match: string;
    }[];
    expect(byPhone[0]).toMatchObject({ name: 'Işık Yıldırım', match: 'phone' });
    expect(JSON.parse((await agentdesk(['--data-dir', dataDir, 'search', '" OR NEAR(', '--json'])).stdout)).toEqual([]);
    expect((await agentdesk(['--data-dir', dataDir, 'search', 'x', '--limit', '0'])).code).toBe(2);
    const badCountry = await agentdesk(['--data-dir', dataDir, 'search', '0532', '--country', 'XX']);
    expect(badCountry.code).toBe(2);
    expect(badCountry.stderr).toMatch(/"XX" is not a country code/);
  });

  it('import customers --json reports the summary; a bad file exits 1 and imports nothing', async () => {
    const dataDir = tempDir();
    const good = join(tempDir(), 'good.csv');
    writeFileSync(good, '\ufeffexternal_id;name;phone;city\r\nCRM-1;Çağla Ertuğrul;0530 111 22 33;Eskişehir\r\n');
    const imported = await agentdesk(['--data-dir', dataDir, 'import', 'customers', good, '--json']);
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ imported: true, created: 1, delimiter: ';', bom: true });
    expect(imported.stderr).toMatch(/writing… 0 of 1 rows\n(.*\n)*indexing… 1 of 1 rows/);

    const bad = join(tempDir(), 'bad.csv');
    writeFileSync(bad, 'name,phone\nOk,0530 111 22 44\n,0530 111 22 55\n');
    const refused = await agentdesk(['--data-dir', dataDir, 'import', 'customers', bad]);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(/^Nothing was imported: 1 of 2 rows have errors.*\n {2}row 3 \(line 3\): name is empty/s);

    const utf16 = join(tempDir(), 'utf16.csv');
    writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('name\r\nx\r\n', 'utf16le')]));
    const wrongEncoding = await agentdesk(['--data-dir', dataDir, 'import', 'customers', utf16, '--json']);
    expect(wrongEncoding.code).toBe(1);
    expect(JSON.parse(wrongEncoding.stdout)).toMatchObject({ imported: false, error: { problem: 'utf16' } });
    expect(wrongEncoding.stderr).toMatch(/UTF-16/);

    expect(JSON.parse((await agentdesk(['--data-dir', dataDir, 'search', 'cagla', '--json'])).stdout)).toHaveLength(1);
  });

  it('export customers --excel-tr writes `;` with a BOM; export interactions writes CSV', async () => {
    const dataDir = tempDir();
    await agentdesk(['--data-dir', dataDir, 'seed', 'demo']);
    const out = join(tempDir(), 'customers.csv');
    const exported = await agentdesk(['--data-dir', dataDir, 'export', 'customers', out, '--excel-tr', '--json']);
    expect(JSON.parse(exported.stdout)).toEqual({
      file: out,
      format: 'csv',
      rows: 30,
      cancelled: false,
      delimiter: ';',
      bom: true,
    });
    expect(readFileSync(out, 'utf8').startsWith('\ufeffexternal_id;name;')).toBe(true);
    const interactions = join(tempDir(), 'interactions.csv');
    expect((await agentdesk(['--data-dir', dataDir, 'export', 'interactions', interactions])).stdout).toMatch(
      /^Exported \d+ interactions/,
    );
    expect(existsSync(interactions)).toBe(true);
    const unwritable = await agentdesk(['--data-dir', dataDir, 'export', 'customers', join(dataDir, 'no', 'such', 'dir.csv')]);
    expect(unwritable.code).toBe(1);
    expect(unwritable.stderr).toMatch(/Cannot write/);
  });
});
