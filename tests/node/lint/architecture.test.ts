// The lint rules that keep architecture §1 true: each folder imports only what the design allows.
import { ESLint } from 'eslint';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../support/paths.js';

const eslint = new ESLint({ cwd: repoRoot, overrideConfigFile: join(repoRoot, 'build', 'eslint.config.js') });

async function ruleIds(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(repoRoot, file) });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe('architecture import rules', () => {
  it.each([
    ['electron/core/x.ts', "import { runHost } from '../host/runHost.js';\nexport const x = runHost;\n"],
    ['electron/core/x.ts', "import { app } from 'electron';\nexport const x = app;\n"],
    ['electron/shared/x.ts', "import { openDatabase } from '../../db/database.js';\nexport const x = openDatabase;\n"],
    ['electron/shared/x.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n"],
    ['renderer/src/x.ts', "import { startCore } from '../../electron/core/app/core.js';\nexport const x = startCore;\n"],
    ['renderer/src/x.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n"],
    ['electron/preload/x.ts', "import { startCore } from '../core/app/core.js';\nexport const x = startCore;\n"],
    ['electron/host/x.ts', "import { app } from 'electron';\nexport const x = app;\n"],
    ['db/x.ts', "import { commands } from '../electron/shared/ipc/contract.js';\nexport const x = commands;\n"],
  ])('%s: refuses %s', async (file, code) => {
    const ids = await ruleIds(file, code);
    expect(ids.some((id) => id === 'import-x/no-restricted-paths' || id === 'no-restricted-imports')).toBe(true);
  });

  it.each([
    ['electron/core/x.ts', "import { commands } from '../shared/ipc/contract.js';\nexport const x = commands;\n"],
    ['electron/main/x.ts', "import { app } from 'electron';\nimport { startCore } from '../core/app/core.js';\nexport const x = [app, startCore];\n"],
    ['renderer/src/x.ts', "import { commands } from '../../electron/shared/ipc/contract.js';\nexport const x = commands;\n"],
  ])('%s: allows %s', async (file, code) => {
    expect(await ruleIds(file, code)).toEqual([]);
  });
});
