// The system-wide provisioning file IT rolls out: `{ "defaults": {…}, "policy": {…}, "lockReason": "…" }`.
// Plain Node. A missing file at the system path is normal; a broken one is reported, never fatal.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SettingsProblem } from '../../shared/settings.js';
import { parseLayer, type SettingsLayer } from './layers.js';

export interface Provisioning {
  file: string | null;
  defaults: SettingsLayer;
  policy: SettingsLayer;
  lockReason: string | undefined;
  problems: SettingsProblem[];
}

/** Where IT puts the file on each OS (overridden by `--config FILE` or AGENTDESK_CONFIG). */
export function systemProvisioningPath(platform: NodeJS.Platform = process.platform, env = process.env): string {
  if (platform === 'win32') return join(env.ProgramData ?? 'C:\\ProgramData', 'AgentDesk', 'config.json');
  if (platform === 'darwin') return '/Library/Application Support/AgentDesk/config.json';
  return '/etc/agentdesk/config.json';
}

/** Provisioning files are small; anything larger is refused unread. */
const maxProvisioningBytes = 1024 * 1024;
const topLevelFields = new Set(['$schema', 'defaults', 'policy', 'lockReason']);

/**
 * @param file     the path to read
 * @param explicit true when the operator named the file (`--config`): then a missing file is a problem
 */
export function loadProvisioning(file: string, explicit: boolean): Provisioning {
  const empty: Provisioning = { file: null, defaults: {}, policy: {}, lockReason: undefined, problems: [] };
  let text: string;
  try {
    const bytes = readFileSync(file);
    if (bytes.length > maxProvisioningBytes) {
      return {
        ...empty,
        file,
        problems: [{ file, field: '(file)', message: `larger than ${maxProvisioningBytes} bytes; ignored` }],
      };
    }
    text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && !explicit) return empty;
    return { ...empty, file, problems: [{ file, field: '(file)', message: `cannot read: ${code ?? (error as Error).message}` }] };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { ...empty, file, problems: [{ file, field: '(file)', message: `not valid JSON: ${(error as Error).message}` }] };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return {
      ...empty,
      file,
      problems: [{ file, field: '(file)', message: 'must be a JSON object with "defaults" and "policy"' }],
    };
  }
  const record = raw as Record<string, unknown>;
  const problems: SettingsProblem[] = [];
  for (const name of Object.keys(record)) {
    if (!topLevelFields.has(name)) problems.push({ file, field: name, message: 'unknown field (ignored)' });
  }
  const defaults = parseLayer(record.defaults, file, 'defaults');
  const policy = parseLayer(record.policy, file, 'policy');
  let lockReason: string | undefined;
  if (record.lockReason !== undefined) {
    if (typeof record.lockReason === 'string' && record.lockReason.length <= 500) lockReason = record.lockReason;
    else problems.push({ file, field: 'lockReason', message: 'must be a text of at most 500 characters' });
  }
  return {
    file,
    defaults: defaults.values,
    policy: policy.values,
    lockReason,
    problems: [...problems, ...defaults.problems, ...policy.problems],
  };
}

/** `--config FILE` first, then AGENTDESK_CONFIG, then the OS's system-wide path (which may be absent). */
export function resolveProvisioning(explicitFile: string | undefined, env = process.env): Provisioning {
  if (explicitFile) return loadProvisioning(explicitFile, true);
  if (env.AGENTDESK_CONFIG) return loadProvisioning(env.AGENTDESK_CONFIG, true);
  return loadProvisioning(systemProvisioningPath(), false);
}
