// Packaging tier (architecture §6): runs `electron-builder --dir --linux` with the real config and a
// stub Electron, fully offline, and checks what an installer would ship: app.asar with main,
// preload and renderer, better-sqlite3's native addon unpacked, the migrations, and the fuses.
import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoScriptsFolder } from '../../../electron/core/scripts/demoScripts.js';
import { electronFuses, runtimeNodeModules } from '../../../build/electronBuilder.config.js';
import { openAsar, type AsarArchive } from '../../../build/packaging/asarListing.js';
import { makeStubElectronDist, readFuseWire } from '../../../build/packaging/stubElectronDist.js';
import { repoRoot } from '../../support/paths.js';
import { useTempDirs } from '../../support/tempDir.js';

const tempDir = useTempDirs('agentdesk-packaging-');
const electronVersion = JSON.parse(readFileSync(join(repoRoot, 'node_modules', 'electron', 'package.json'), 'utf8'))
  .version as string;
// Any download attempt (Electron zip, tools) goes to a closed port and fails at once instead of hanging.
const closedMirror = 'http://127.0.0.1:9/';

let appOutDir = '';
let resources = '';
let asar: AsarArchive;
let migrationFiles: string[] = [];
let usedPlaceholderRenderer = false;
const timings: Record<string, number> = {};

function timed<T>(label: string, work: () => T): T {
  const started = performance.now();
  try {
    return work();
  } finally {
    timings[label] = Math.round(performance.now() - started);
  }
}

/** A throw-away project: the repo's build output and migrations, its node_modules linked, nothing written back. */
function stageProject(dir: string): void {
  // No lockfile here: electron-builder then walks node_modules itself (see `collector` below).
  copyFileSync(join(repoRoot, 'package.json'), join(dir, 'package.json'));
  symlinkSync(join(repoRoot, 'node_modules'), join(dir, 'node_modules'), 'dir');
  for (const part of ['main', 'preload']) cpSync(join(repoRoot, 'dist', part), join(dir, 'dist', part), { recursive: true });
  const renderer = join(repoRoot, 'dist', 'renderer');
  if (existsSync(join(renderer, 'index.html'))) {
    cpSync(renderer, join(dir, 'dist', 'renderer'), { recursive: true });
  } else {
    // The renderer is built by vite (another step); a placeholder keeps this test about the layout.
    usedPlaceholderRenderer = true;
    mkdirSync(join(dir, 'dist', 'renderer'), { recursive: true });
    writeFileSync(join(dir, 'dist', 'renderer', 'index.html'), '<!doctype html><title>AgentDesk</title>\n');
  }
  const migrations = join(repoRoot, 'db', 'migrations');
  mkdirSync(join(dir, 'db', 'migrations'), { recursive: true });
  if (existsSync(migrations)) cpSync(migrations, join(dir, 'db', 'migrations'), { recursive: true });
  cpSync(join(repoRoot, 'db', 'demo'), join(dir, 'db', 'demo'), { recursive: true });
}

beforeAll(async () => {
  timed('bundle main + preload', () => {
    for (const part of ['main', 'preload']) {
      execFileSync(process.execPath, [join(repoRoot, 'build', 'bundle.mjs'), `--only=${part}`], { cwd: repoRoot, stdio: 'pipe' });
    }
  });
  const base = tempDir();
  const project = join(base, 'project');
  const output = join(base, 'release');
  mkdirSync(project);
  stageProject(project);
  migrationFiles = readdirSync(join(project, 'db', 'migrations'))
    .filter((name) => name.endsWith('.sql'))
    .sort();
  const electronDist = await makeStubElectronDist(join(base, 'electron-dist'), electronVersion);

  timed('electron-builder --dir --linux', () =>
    execFileSync(
      process.execPath,
      [
        join(repoRoot, 'node_modules', 'electron-builder', 'cli.js'),
        '--linux',
        'dir',
        '--x64',
        '--projectDir',
        project,
        '--config',
        join(repoRoot, 'build', 'electronBuilder.config.ts'),
        `-c.electronDist=${electronDist}`,
        `-c.electronVersion=${electronVersion}`,
        '-c.npmRebuild=false',
        `-c.directories.output=${output}`,
      ],
      {
        cwd: project,
        stdio: 'pipe',
        env: {
          ...process.env,
          ELECTRON_SKIP_BINARY_DOWNLOAD: '1',
          ELECTRON_MIRROR: closedMirror,
          ELECTRON_BUILDER_BINARIES_MIRROR: closedMirror,
          HTTPS_PROXY: closedMirror,
          HTTP_PROXY: closedMirror,
          CSC_IDENTITY_AUTO_DISCOVERY: 'false',
          // collector: electron-builder's file-system walk of node_modules instead of `npm ls`. Through a
          // linked node_modules, `npm ls` trusts npm's hidden lockfile after a fresh `npm ci` and reports
          // better-sqlite3's own dependencies as missing (seen on a clean clone), so the walk is the honest check.
          npm_config_user_agent: 'traversal',
          npm_execpath: '',
        },
      },
    ),
  );
  appOutDir = join(output, 'linux-unpacked');
  resources = join(appOutDir, 'resources');
  asar = await openAsar(join(resources, 'app.asar'));
  console.log(
    `packaging layout timings (ms): ${JSON.stringify(timings)}${usedPlaceholderRenderer ? ' [placeholder renderer]' : ''}`,
  );
}, 180_000);

describe('electron-builder --dir --linux (offline, stub Electron)', () => {
  it("renames the Electron binary to the product executable and keeps Electron's licence", () => {
    expect(statSync(join(appOutDir, 'agentdesk')).mode & 0o111).not.toBe(0);
    expect(existsSync(join(appOutDir, 'electron'))).toBe(false);
    expect(existsSync(join(appOutDir, 'LICENSE.electron.txt'))).toBe(true);
  });

  it('ships main, preload and renderer inside app.asar', () => {
    const paths = asar.files.map((file) => file.path);
    for (const path of ['/package.json', '/dist/main/main.cjs', '/dist/preload/preload.cjs', '/dist/renderer/index.html']) {
      expect(paths).toContain(path);
    }
    expect(asar.read('/dist/main/main.cjs').equals(readFileSync(join(repoRoot, 'dist', 'main', 'main.cjs')))).toBe(true);
    expect(JSON.parse(asar.read('/package.json').toString()).main).toBe('dist/main/main.cjs');
  });

  it('ships no CLI, sources, tests or build scripts', () => {
    const strays = asar.files
      .map((file) => file.path)
      .filter((path) => /^\/(dist\/cli|electron|renderer\/src|db|tests|build)\//.test(path) || path.endsWith('.ts'));
    expect(strays).toEqual([]);
    expect(asar.files.some((file) => file.link)).toBe(false);
  });

  it('unpacks the better-sqlite3 native addon next to the asar', () => {
    const addon = join(
      resources,
      'app.asar.unpacked',
      'node_modules',
      'better-sqlite3',
      'build',
      'Release',
      'better_sqlite3.node',
    );
    expect(readFileSync(addon).subarray(0, 4).toString('latin1')).toBe('\u007fELF');
    const inAsar = asar.files.find((file) => file.path === '/node_modules/better-sqlite3/build/Release/better_sqlite3.node');
    expect(inAsar?.unpacked).toBe(true);
    // Build leftovers (sqlite3.c, object files, the test extension) stay out of the installer.
    expect(
      asar.files.filter(
        (file) =>
          file.path.startsWith('/node_modules/better-sqlite3/') &&
          /\/(deps|src|obj|obj\.target)\/|test_extension/.test(file.path),
      ),
    ).toEqual([]);
  });

  it('ships exactly the node_modules main.cjs requires at run time', () => {
    const shipped = new Set(
      asar.files.map((file) => /^\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(file.path)?.[1]).filter(Boolean),
    );
    expect([...shipped].sort()).toEqual([...runtimeNodeModules].sort());
    const main = asar.read('/dist/main/main.cjs').toString();
    const required = new Set([...main.matchAll(/\brequire\(\s*["']([^"'./][^"']*)["']\s*\)/g)].map((match) => match[1]!));
    const builtins = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`)]);
    for (const name of required) {
      if (builtins.has(name) || name === 'electron' || name.startsWith('electron/')) continue;
      const packageName = name.startsWith('@') ? name.split('/').slice(0, 2).join('/') : name.split('/')[0]!;
      expect(shipped.has(packageName), `main.cjs requires ${name}, which is not shipped`).toBe(true);
    }
    expect(required.has('better-sqlite3')).toBe(true);
  });

  it('gives the sandboxed preload nothing to require but electron', () => {
    const preload = asar.read('/dist/preload/preload.cjs').toString();
    const required = [...preload.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((match) => match[1]);
    expect(new Set(required)).toEqual(new Set(['electron']));
  });

  it('copies the migrations to resources/migrations', () => {
    const shipped = readdirSync(join(resources, 'migrations'));
    expect(shipped.filter((name) => name.endsWith('.sql')).sort()).toEqual(migrationFiles);
    for (const name of migrationFiles) {
      expect(
        readFileSync(join(resources, 'migrations', name)).equals(readFileSync(join(repoRoot, 'db', 'migrations', name))),
      ).toBe(true);
    }
    if (existsSync(join(repoRoot, 'db', 'migrations', 'meta', '_journal.json'))) {
      expect(existsSync(join(resources, 'migrations', 'meta', '_journal.json'))).toBe(true);
    }
  });

  it('ships the demo call scripts beside the migrations, where core looks for them', () => {
    const source = readdirSync(join(repoRoot, 'db', 'demo', 'scripts')).sort();
    expect(source.length).toBeGreaterThan(3);
    expect(readdirSync(join(resources, 'demo', 'scripts')).sort()).toEqual(source);
    expect(demoScriptsFolder(join(resources, 'migrations'))).toBe(join(resources, 'demo', 'scripts'));
  });

  it('flips every fuse in the packaged binary as configured', async () => {
    expect(await readFuseWire(join(appOutDir, 'agentdesk'))).toEqual(electronFuses);
  });
});
