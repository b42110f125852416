// Test support: an agent's desk as IT would set one up for the browser tier — a provisioning file, the demo
// workspace seeded with the real CLI (`agentdesk seed demo`: customers, catalogue, departments, call scripts),
// then the real host (`agentdesk host`) — and a read-only look into its SQLite file. Plain Node.
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { startHostProcess, type HostProcess } from './host.js';
import { labDomain, labPassword } from './kamailio.js';
import { cliBundle } from './paths.js';

const run = promisify(execFile);

export interface DemoDeskOptions {
  /** Kamailio's SIP-over-WebSocket address. */
  sipServer: string;
  sipUser: string;
  displayName: string;
}

export interface DemoDesk {
  dataDir: string;
  /** The provisioning file (`--config`) the seed and every host start read. */
  config: string;
  /** What `seed demo --json` printed. */
  seeded: { created: Record<string, number>; scripts: { imported: number; errors: unknown[] } };
  /** Starts (or, after a kill, restarts) the host on this data dir. */
  startHost(): Promise<HostProcess>;
}

/** Writes the provisioning file and seeds the demo workspace, as `agentdesk --config … seed demo` does. */
export async function prepareDemoDesk(dataDir: string, options: DemoDeskOptions): Promise<DemoDesk> {
  const config = join(dataDir, 'provisioning.json');
  writeFileSync(
    config,
    JSON.stringify({
      defaults: {
        // The demo is seeded here, so the first-run offer must not ask again.
        ui: { locale: 'en', offerDemoWorkspace: false },
        sip: { servers: [options.sipServer], domain: labDomain, user: options.sipUser, displayName: options.displayName },
        // Desks start Not ready (as contact-center suites log agents in); this one takes calls at once.
        agent: { stateAtStart: 'available' },
      },
    }),
  );
  const { stdout } = await run(
    process.execPath,
    [cliBundle, '--data-dir', dataDir, '--config', config, 'seed', 'demo', '--json'],
    {
      timeout: 60_000,
    },
  );
  const seeded = JSON.parse(stdout) as DemoDesk['seeded'];
  return {
    dataDir,
    config,
    seeded,
    startHost: () => startHostProcess(dataDir, ['--config', config], { AGENTDESK_SIP_PASSWORD: labPassword }),
  };
}

/** Runs `query` on the desk's database, read-only (the host may be running: WAL lets both read). */
export function readDesk<T = Record<string, unknown>>(dataDir: string, query: string, ...params: unknown[]): T[] {
  const db = new Database(join(dataDir, 'agentdesk.db'), { readonly: true, fileMustExist: true });
  try {
    return db.prepare(query).all(...params) as T[];
  } finally {
    db.close();
  }
}
