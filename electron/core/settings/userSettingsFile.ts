// The operator's own settings: `settings.json` in the data dir, nested like the provisioning file.
// Plain Node. Written atomically (temp file + rename). A broken file is kept as `settings.json.broken-…`
// before the next save, so nothing the operator set is silently lost.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SettingsProblem } from '../../shared/settings.js';
import { nestLayer, parseLayer, type SettingsLayer } from './layers.js';

export class UserSettingsFile {
  readonly path: string;
  private brokenOnDisk = false;

  constructor(dataDir: string) {
    this.path = join(dataDir, 'settings.json');
  }

  load(): { values: SettingsLayer; problems: SettingsProblem[] } {
    if (!existsSync(this.path)) return { values: {}, problems: [] };
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(this.path, 'utf8').replace(/^\uFEFF/, ''));
    } catch (error) {
      this.brokenOnDisk = true;
      return {
        values: {},
        problems: [{ file: this.path, field: '(file)', message: `not valid JSON: ${(error as Error).message}` }],
      };
    }
    const parsed = parseLayer(raw, this.path, 'user');
    this.brokenOnDisk = parsed.problems.length > 0;
    return parsed;
  }

  save(values: SettingsLayer, now: Date): void {
    if (this.brokenOnDisk && existsSync(this.path)) {
      renameSync(this.path, `${this.path}.broken-${now.toISOString().replace(/[:.]/g, '-')}`);
      this.brokenOnDisk = false;
    }
    const temp = `${this.path}.tmp-${process.pid}`;
    writeFileSync(temp, `${JSON.stringify(nestLayer(values), null, 2)}\n`, { mode: 0o600 });
    renameSync(temp, this.path);
  }
}
