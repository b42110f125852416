// Test support: starts `agentdesk host` from the built bundle as a child process, as a user would.
import { spawn, type ChildProcess } from 'node:child_process';
import { cliBundle } from './paths.js';

export interface HostProcess {
  child: ChildProcess;
  url: string;
  origin: string;
  token: string;
  /** Milliseconds from spawn to the ready line. */
  startupMs: number;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export async function startHostProcess(dataDir: string, extraArgs: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<HostProcess> {
  const started = performance.now();
  const child = spawn(process.execPath, [cliBundle, '--data-dir', dataDir, ...extraArgs, 'host', '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const line = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /AgentDesk ready at (\S+)/.exec(out);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`host exited with ${code}: ${stderr}`)));
  });
  const startupMs = performance.now() - started;
  const parsed = new URL(line);
  return {
    child,
    url: line,
    origin: parsed.origin,
    token: parsed.searchParams.get('token')!,
    startupMs,
    stop(signal = 'SIGTERM') {
      // A child ended by a signal (SIGKILL) has exitCode null and will never emit 'exit' again.
      if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill(signal);
      return exited;
    },
  };
}
