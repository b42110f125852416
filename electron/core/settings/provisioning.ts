// The system-wide provisioning file IT rolls out: `{ "defaults": {…}, "policy": {…}, "lockReason": "…" }`.
// Plain Node. A missing file at the system path is normal; a broken one is reported, never fatal.
// It fails closed: a policy IT wrote but that cannot be applied (a wrong value, or a file that cannot be read at
// all) still locks what it names, so one typo in a file rolled out to a floor does not unlock SIP servers there.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SettingKey, SettingsProblem } from '../../shared/settings.js';
import { parseLayer, type SettingsLayer } from './layers.js';

export interface Provisioning {
  file: string | null;
  defaults: SettingsLayer;
  policy: SettingsLayer;
  /**
   * Settings IT locked whose policy could not be applied: `'all'` when the file exists but cannot be read as
   * provisioning (every setting stays locked at the value it had), else the keys with a wrong policy value.
   */
  brokenPolicy: 'all' | readonly SettingKey[];
  lockReason: string | undefined;
  problems: SettingsProblem[];
}

/** No provisioning file: nothing provisioned, nothing locked. */
export const noProvisioning: Provisioning = {
  file: null,
  defaults: {},
  policy: {},
  brokenPolicy: [],
  lockReason: undefined,
  problems: [],
};

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
  const empty = noProvisioning;
  // A file that exists (or that IT named) but cannot be read as provisioning: every setting stays locked.
  const unreadable = (message: string): Provisioning => ({
    ...empty,
    file,
    brokenPolicy: 'all',
    problems: [{ file, field: '(file)', message }],
  });
  let text: string;
  try {
    const bytes = readFileSync(file);
    if (bytes.length > maxProvisioningBytes) return unreadable(`larger than ${maxProvisioningBytes} bytes; ignored`);
    text = decodeText(bytes);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && !explicit) return empty;
    return unreadable(`cannot read: ${code ?? (error as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return unreadable(`not valid JSON: ${(error as Error).message}`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return unreadable('must be a JSON object with "defaults" and "policy"');
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
    brokenPolicy: policy.unapplied,
    lockReason,
    problems: [...problems, ...defaults.problems, ...policy.problems],
  };
}

/**
 * UTF-8 (with or without a BOM), or UTF-16 with its BOM: what Windows PowerShell 5.1's `Out-File` and `>` write,
 * the way many IT scripts produce this file. Without the BOM it would not parse, and every setting would lock.
 */
function decodeText(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    const swapped = Buffer.from(bytes.subarray(2, bytes.length - (bytes.length % 2))); // swap16 needs pairs
    swapped.swap16();
    return swapped.toString('utf16le');
  }
  return bytes.toString('utf8').replace(/^\uFEFF/, '');
}

/** `--config FILE` first, then AGENTDESK_CONFIG, then the OS's system-wide path (which may be absent). */
export function resolveProvisioning(explicitFile: string | undefined, env = process.env): Provisioning {
  if (explicitFile) return loadProvisioning(explicitFile, true);
  if (env.AGENTDESK_CONFIG) return loadProvisioning(env.AGENTDESK_CONFIG, true);
  return loadProvisioning(systemProvisioningPath(), false);
}
