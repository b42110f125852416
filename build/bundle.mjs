// Build time: bundles the Node-side entry points with esbuild.
//   electron/main/main.ts        -> dist/main/main.cjs        (Electron main, CJS)
//   electron/preload/preload.ts  -> dist/preload/preload.cjs  (sandboxed preload: ONE self-contained CJS file)
//   electron/host/cli/agentdesk.ts -> dist/cli/agentdesk.mjs  (the `agentdesk` CLI and host mode, ESM)
// Native modules (better-sqlite3, node-hid) and electron stay external. `--watch` rebuilds on change.
// sip.js's header parser is patched on the way in (build/sipGrammarPatch.mjs: its bytecode decoded once).
import { build, context } from 'esbuild';
import { chmod, mkdir, readFile, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { sipGrammarPlugin } from './sipGrammarPatch.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const watch = process.argv.includes('--watch');
const only = process.argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length);
const { version } = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
  legalComments: 'none',
  // Smaller bundles parse faster: host cold start is a budgeted figure (npm run bench).
  minify: true,
  keepNames: true,
  define: { AGENTDESK_VERSION: JSON.stringify(version) },
};

/**
 * The sandboxed preload needs only the contract's command and event NAMES, not its zod schemas (~450 KB).
 * This evaluates the contract once at build time and hands the preload a names-only module instead;
 * main, the host and the renderer still validate every message with the full schemas.
 */
async function contractNamesPlugin() {
  const built = await build({ ...common, entryPoints: ['electron/shared/ipc/contract.ts'], format: 'esm', write: false, minify: false, sourcemap: false });
  const contract = await import(`data:text/javascript;base64,${Buffer.from(built.outputFiles[0].text).toString('base64')}`);
  const source = [
    `export const commandNames = ${JSON.stringify(contract.commandNames)};`,
    `export const eventNames = ${JSON.stringify(contract.eventNames)};`,
    `export const maxMessageBytes = ${JSON.stringify(contract.maxMessageBytes)};`,
    'export const isCommandName = (name) => typeof name === "string" && commandNames.includes(name);',
    'export const isEventName = (name) => typeof name === "string" && eventNames.includes(name);',
  ].join('\n');
  return {
    name: 'contract-names-only',
    setup(bundler) {
      bundler.onResolve({ filter: /\/ipc\/contract\.js$|^\.\/contract\.js$/ }, () => ({ path: 'contract-names', namespace: 'agentdesk' }));
      bundler.onLoad({ filter: /.*/, namespace: 'agentdesk' }, () => ({ contents: source, loader: 'js' }));
    },
  };
}

/**
 * `ws` tries to load two optional native speed-ups (bufferutil, utf-8-validate) inside try/catch. They are
 * not installed; resolving them to a module that throws keeps that fallback and leaves no stray require.
 */
const absentOptionalNatives = {
  name: 'absent-optional-natives',
  setup(bundler) {
    bundler.onResolve({ filter: /^(bufferutil|utf-8-validate)$/ }, (args) => ({ path: args.path, namespace: 'absent' }));
    bundler.onLoad({ filter: /.*/, namespace: 'absent' }, (args) => ({
      contents: `throw new Error(${JSON.stringify(`${args.path} is not bundled`)});`,
      loader: 'js',
    }));
  },
};

const allTargets = [
  {
    ...common,
    entryPoints: ['electron/main/main.ts'],
    outfile: 'dist/main/main.cjs',
    format: 'cjs',
    // node-hid is imported lazily (electron/core/hid/nodeHidLoader.ts); bundling it would break its prebuild lookup.
    external: ['electron', 'better-sqlite3', 'node-hid'],
    plugins: [absentOptionalNatives, sipGrammarPlugin()],
  },
  {
    ...common,
    entryPoints: ['electron/preload/preload.ts'],
    outfile: 'dist/preload/preload.cjs',
    format: 'cjs',
    platform: 'browser', // a sandboxed preload has no Node: only `electron`'s renderer modules
    target: 'chrome130',
    external: ['electron'],
    plugins: [await contractNamesPlugin()],
  },
  {
    ...common,
    entryPoints: { agentdesk: 'electron/host/cli/agentdesk.ts' },
    outdir: 'dist/cli',
    outExtension: { '.js': '.mjs' },
    // Dynamic imports become chunks loaded on demand (core's desk services, per-command code), so
    // `agentdesk host` is listening before the SIP stack and the phone metadata are even compiled.
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    format: 'esm',
    external: ['better-sqlite3', 'electron', 'node-hid'],
    plugins: [absentOptionalNatives, sipGrammarPlugin()],
    banner: {
      js: [
        '#!/usr/bin/env node',
        "import { createRequire as __agentdeskCreateRequire } from 'node:module';",
        'const require = __agentdeskCreateRequire(import.meta.url);',
      ].join('\n'),
    },
  },
];

const outputOf = (target) => target.outfile ?? `${target.outdir}/`;
const targets = only ? allTargets.filter((t) => outputOf(t).includes(`/${only}/`)) : allTargets;

await mkdir(new URL('../dist', import.meta.url), { recursive: true });
// Old chunks would pile up with each build (their names carry a hash).
if (targets.some((t) => outputOf(t).includes('/cli/'))) await rm(new URL('../dist/cli', import.meta.url), { recursive: true, force: true });
if (watch) {
  for (const options of targets) await (await context(options)).watch();
  console.log('bundle: watching electron/ for changes');
} else {
  await Promise.all(targets.map((options) => build(options)));
  if (targets.some((t) => outputOf(t).includes('/cli/'))) await chmod(new URL('../dist/cli/agentdesk.mjs', import.meta.url), 0o755);
}
