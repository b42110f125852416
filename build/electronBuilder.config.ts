// electron-builder configuration for AgentDesk's installers. Build time; run from the repo root:
//   node build/bundle.mjs && npx vite build ... && npx electron-builder --config build/electronBuilder.config.ts --linux
// Real installers need a networked machine (Electron zip, native rebuild for Electron's ABI, NSIS/WiX
// tools); tests/node/packaging/layout.test.ts checks the layout offline with a stub Electron.
import type { Configuration } from 'electron-builder';

type FuseOptions = NonNullable<Configuration['electronFuses']>;

/**
 * Electron fuses, flipped in the packaged binary (https://www.electronjs.org/docs/latest/tutorial/fuses).
 * Every fuse is set explicitly (the type makes a forgotten one a compile error): a default that
 * changes in a future Electron must not change our security silently.
 */
export const electronFuses = {
  // ELECTRON_RUN_AS_NODE would turn our signed binary into a plain Node for any local program.
  runAsNode: false,
  // Chromium's cookie store encrypted with the OS key, like Chrome (one-way: never turn it back off).
  enableCookieEncryption: true,
  // NODE_OPTIONS / NODE_EXTRA_CA_CERTS would inject code or trust into main.
  enableNodeOptionsEnvironmentVariable: false,
  // --inspect / SIGUSR1 would open a debugger into main, where the SIP password lives.
  enableNodeCliInspectArguments: false,
  // Refuse to start if app.asar was modified after signing (macOS, Windows).
  enableEmbeddedAsarIntegrityValidation: true,
  // Load the app only from app.asar (not from an `app/` folder someone drops next to it).
  onlyLoadAppFromAsar: true,
  // We ship no browser-specific V8 snapshot.
  loadBrowserProcessSpecificV8Snapshot: false,
  // We never serve pages from file:// (agentdesk://app/ instead), so file:// gets no extra powers.
  grantFileProtocolExtraPrivileges: false,
} satisfies Required<Omit<FuseOptions, 'resetAdHocDarwinSignature'>>;

/**
 * Packages that dist/main/main.cjs still `require`s at run time. Everything else (zod, drizzle,
 * electron-log, ...) is bundled by build/bundle.mjs and the renderer by vite, so node_modules in the
 * asar holds only these. A new native or external module must be added here;
 * tests/node/packaging/layout.test.ts fails when main.cjs requires a package that is not shipped.
 */
export const runtimeNodeModules = ['better-sqlite3', 'bindings', 'file-uri-to-path', 'node-hid', 'pkg-prebuilds'] as const;

/** The parts of better-sqlite3 needed at run time (its sources and build objects are 25 MB). */
const betterSqliteRuntimeFiles = ['package.json', 'lib/**', 'build/Release/better_sqlite3.node'];

/**
 * node-hid (headsets; imported lazily by electron/core/hid/nodeHidLoader.ts): its JS and the N-API prebuilds,
 * which load in Electron without a rebuild. Not hidapi's sources (2.5 MB). All platforms' prebuilds (3.4 MB).
 */
const nodeHidRuntimeFiles = ['package.json', 'nodehid.js', 'binding-options.js', 'prebuilds/**'];

const config: Configuration = {
  appId: 'com.agentdesk.desktop',
  productName: 'AgentDesk',
  directories: { output: 'release', buildResources: 'build/resources' },
  files: [
    'package.json',
    'dist/main/**',
    'dist/preload/**',
    'dist/renderer/**',
    // The CLI (dist/cli) runs on Node, not on the packaged Electron (runAsNode is off).
    '!node_modules/**/*',
    ...runtimeNodeModules
      .filter((name) => name !== 'better-sqlite3' && name !== 'node-hid')
      .map((name) => `node_modules/${name}/**`),
    ...betterSqliteRuntimeFiles.map((file) => `node_modules/better-sqlite3/${file}`),
    ...nodeHidRuntimeFiles.map((file) => `node_modules/node-hid/${file}`),
  ],
  asar: true,
  // Native modules cannot be loaded from inside an asar archive.
  asarUnpack: ['**/*.node'],
  // drizzle's migrator reads the SQL files and meta/_journal.json from a real folder; main passes
  // <resources>/migrations to core when packaged.
  // The demo call scripts sit beside the migrations (<resources>/demo/scripts), where core finds them from the
  // migrations folder it is given (electron/core/scripts/demoScripts.ts).
  extraResources: [
    { from: 'db/migrations', to: 'migrations', filter: ['**/*'] },
    { from: 'db/demo/scripts', to: 'demo/scripts', filter: ['*.yaml', '*.yml', '*.json'] },
  ],
  // Rebuild better-sqlite3 for Electron's ABI with @electron/rebuild (needs Electron's headers:
  // a networked build machine). The offline layout test turns this off.
  npmRebuild: true,
  electronFuses,
  // Installers register AgentDesk as a handler for tel: and sip: links (macOS Info.plist, Linux
  // .desktop MimeType; Windows through build/packaging/installer.nsh, which electron-builder's
  // `protocols` does not cover). Becoming the *default* handler stays the user's or IT's choice.
  protocols: [{ name: 'Telephone call', schemes: ['tel', 'sip'], role: 'Viewer' }],
  publish: null,
  linux: {
    target: ['AppImage', 'deb'],
    executableName: 'agentdesk',
    category: 'Network',
    synopsis: 'Call-center operator workstation',
  },
  win: { target: ['nsis', 'msi'] },
  nsis: {
    // Assisted installer with an "for all users / just me" page; IT installs silently per machine
    // with `AgentDesk-Setup.exe /S /allusers`.
    oneClick: false,
    perMachine: false,
    allowElevation: true,
    allowToChangeInstallationDirectory: true,
    include: 'build/packaging/installer.nsh',
  },
  // The MSI is for software distribution (GPO, Intune, SCCM): always per machine.
  msi: { perMachine: true },
  mac: {
    target: ['dmg'],
    category: 'public.app-category.business',
    hardenedRuntime: true,
    entitlements: 'build/packaging/entitlements.mac.plist',
    entitlementsInherit: 'build/packaging/entitlements.mac.plist',
    // Without this key macOS kills the app on its first getUserMedia({audio}).
    extendInfo: { NSMicrophoneUsageDescription: 'AgentDesk uses the microphone for your calls.' },
  },
};

export default config;
