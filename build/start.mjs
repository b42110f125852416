// `npm start`: runs AgentDesk from this checkout (after build/setup.sh has installed and built it).
// With Electron's binary present: the desktop app. Without it (ELECTRON_SKIP_BINARY_DOWNLOAD, VDI thin
// clients, this kind of build machine): browser mode — the host serves the console on 127.0.0.1 and
// prints the address to open. `npm start -- --browser` forces browser mode; other arguments go to the host
// (e.g. `npm start -- --port 8080`).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const forceBrowser = args.includes('--browser');
const hostArgs = args.filter((arg) => arg !== '--browser');

function electronBinary() {
  try {
    const path = createRequire(import.meta.url)('electron'); // the package exports the binary's path
    return typeof path === 'string' && existsSync(path) ? path : undefined;
  } catch {
    return undefined; // the package throws when its binary was never downloaded
  }
}

const electron = forceBrowser ? undefined : electronBinary();
const child = electron
  ? spawn(electron, [root], { stdio: 'inherit' })
  : spawn(process.execPath, [fileURLToPath(new URL('../dist/cli/agentdesk.mjs', import.meta.url)), 'host', ...hostArgs], {
      stdio: 'inherit',
    });
if (!electron) {
  console.error(
    forceBrowser ? 'Starting AgentDesk in browser mode.' : 'Electron is not installed here; starting AgentDesk in browser mode.',
  );
  console.error('Open the address below in Chrome, Chromium or Edge. Stop with Ctrl+C.');
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
