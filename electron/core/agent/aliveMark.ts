// The desk's "still working" mark (plain Node): which agent was logged in and when the app was last seen
// running, rewritten every minute. After a crash or a power cut the next start closes the unfinished session
// at this time, not at the next start's: a PC that died at 18:00 and starts at 09:00 must not log 15 hours
// of Available in the worked-hours figures. A small file beside the database, not a table: it changes every
// minute and is nobody's record, so it gets no outbox row and is never synced.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../ports.js';

export interface AliveMark {
  agent: string;
  at: number;
}

/** Where AgentStateService keeps its mark (AliveMarkFile in the app, memory in tests). */
export interface AliveMarkStore {
  read(): AliveMark | undefined;
  write(mark: AliveMark): void;
}

/** How often the mark is rewritten: the most a crashed session's end can be off by. */
export const aliveMarkIntervalMs = 60_000;

export class AliveMarkFile implements AliveMarkStore {
  private readonly path: string;

  constructor(
    dataDir: string,
    private readonly logger: Logger,
  ) {
    this.path = join(dataDir, 'agent-alive.json');
  }

  read(): AliveMark | undefined {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch {
      return undefined; // first start on this desk, or the file was removed: nothing to go by
    }
    try {
      const parsed = JSON.parse(text) as Partial<AliveMark>;
      if (typeof parsed.agent === 'string' && typeof parsed.at === 'number' && Number.isFinite(parsed.at)) {
        return { agent: parsed.agent, at: parsed.at };
      }
    } catch {
      // fall through: a torn or foreign file is reported and ignored
    }
    this.logger.warn('agent alive mark unreadable; ignored', { file: this.path });
    return undefined;
  }

  write(mark: AliveMark): void {
    // Written beside and renamed over, so a crash mid-write leaves the previous mark, never half a file.
    const next = `${this.path}.next`;
    try {
      writeFileSync(next, JSON.stringify(mark));
      renameSync(next, this.path);
    } catch (error) {
      this.logger.warn('agent alive mark not written', { error: error instanceof Error ? error.message : String(error) });
    }
  }
}
