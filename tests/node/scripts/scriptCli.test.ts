// `agentdesk import scripts DIR` and `agentdesk seed demo` with the shipped demo scripts, run in-process through
// main(): JSON and text summaries, exit codes, problems as FILE:LINE PATH: REASON, nothing written on error.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../../electron/host/cli/agentdesk.js';
import { useTempDirs } from '../../support/tempDir.js';
import { demoScriptsDir, simpleScript, writeScriptDir } from './scriptTestSupport.js';

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

describe('agentdesk import scripts', () => {
  it('imports the demo directory (--json), and a second run finds every file unchanged', async () => {
    const dataDir = tempDir();
    const first = await agentdesk(['--data-dir', dataDir, 'import', 'scripts', demoScriptsDir, '--json']);
    expect(first.code).toBe(0);
    const summary = JSON.parse(first.stdout) as {
      written: boolean;
      imported: number;
      files: { key: string; status: string; version: number; id: string }[];
      rulesFile: string;
      errors: unknown[];
      warnings: { file: string; message: string }[];
    };
    expect(summary).toMatchObject({ written: true, imported: 6, unchanged: 0, rulesFile: 'rules.yaml', errors: [] });
    expect(summary.files.map((file) => `${file.key} v${file.version}`)).toEqual([
      'complaint-intake-en v1',
      'complaint-intake-tr v1',
      'inbound-service-en v1',
      'inbound-service-tr v1',
      'telesales-offer-en v1',
      'telesales-offer-tr v1',
    ]);
    // An empty desk has no catalogue yet: show steps are warnings, not errors.
    expect(summary.warnings).toContainEqual(
      expect.objectContaining({ file: 'telesales-offer-tr.yaml', message: 'the catalogue has no item "PRM-ILK3AY-50" (yet)' }),
    );

    const second = await agentdesk(['--data-dir', dataDir, 'import', 'scripts', demoScriptsDir]);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/^Imported 0 script versions; 6 unchanged\.\n/);
    expect(second.stdout).toContain('  = inbound-service-tr v1 (tr) inbound-service-tr.yaml');
  });

  it('prints every problem as FILE:LINE PATH: REASON, exits 1 and imports nothing', async () => {
    const dataDir = tempDir();
    const dir = writeScriptDir(tempDir(), 'bad', {
      'good.yaml': simpleScript('good'),
      'bad.yaml': simpleScript('bad', { greeting: 'Hi {{customer.surname}}' }).replace('    ifNo: sorry', '    ifNo: apology'),
    });
    const text = await agentdesk(['--data-dir', dataDir, 'import', 'scripts', dir]);
    expect(text.code).toBe(1);
    expect(text.stdout.split('\n').slice(0, 3)).toEqual([
      `Nothing was imported: 2 problems in ${dir}`,
      expect.stringMatching(/^ {2}bad\.yaml:7 steps\[0\]\.text: unknown variable "\{\{customer\.surname\}\}"/),
      '  bad.yaml:12 steps[1].ifNo: there is no step "apology"',
    ]);
    const json = await agentdesk(['--data-dir', dataDir, 'import', 'scripts', dir, '--json']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({
      written: false,
      imported: 0,
      errors: [{ file: 'bad.yaml' }, { file: 'bad.yaml' }],
    });
    const list = await agentdesk(['--data-dir', dataDir, 'import', 'scripts', demoScriptsDir, '--dry-run', '--json']);
    expect(JSON.parse(list.stdout)).toMatchObject({ dryRun: true, written: false, imported: 6 });

    const missing = await agentdesk(['--data-dir', dataDir, 'import', 'scripts', `${dir}/nope`]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/cannot read .*nope: ENOENT/);
  });
});

describe('agentdesk seed demo', () => {
  it('loads the demo scripts with the rest of the demo, once', async () => {
    const dataDir = tempDir();
    const seeded = await agentdesk(['--data-dir', dataDir, 'seed', 'demo', '--json']);
    expect(seeded.code).toBe(0);
    const summary = JSON.parse(seeded.stdout) as {
      created: { customers: number };
      scripts: { imported: number; warnings: unknown[] };
    };
    expect(summary).toMatchObject({ created: { customers: 30 }, scripts: { imported: 6, errors: [] } });
    // Seeded with its catalogue, every show step of the demo scripts finds its item or article.
    expect(summary.scripts.warnings).toEqual([]);
    expect((await agentdesk(['--data-dir', dataDir, 'seed', 'demo'])).stdout).toMatch(/already there; nothing was added/);
  });
});
