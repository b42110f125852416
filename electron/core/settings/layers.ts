// Parses one settings layer (a nested JSON object such as `{"sip":{"servers":[…]}}`) into validated
// dotted keys. Plain Node. A bad field is reported with its file and path and left out; the rest applies.
import { settingDefinitions, settingKeys, type SettingKey, type SettingsProblem } from '../../shared/settings.js';

export type SettingsLayer = Partial<Record<SettingKey, unknown>>;

export interface ParsedLayer {
  values: SettingsLayer;
  problems: SettingsProblem[];
  /**
   * Settings the file names but could not apply: a wrong value, or a group (`"sip": "x"`) that is not an object
   * (then every setting below it); `'all'` when the layer itself is not an object. A policy layer locks these
   * anyway (provisioning.ts).
   */
  unapplied: SettingKey[] | 'all';
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * @param raw   the object read from a file (anything: it is untrusted)
 * @param file  the file name, for problem messages
 * @param where the path of `raw` inside the file, e.g. `policy`
 */
export function parseLayer(raw: unknown, file: string, where: string): ParsedLayer {
  const values: SettingsLayer = {};
  const problems: SettingsProblem[] = [];
  const unapplied: SettingKey[] = [];
  // `null` is what templating tools write for "nothing here": the same as leaving the layer out.
  if (raw === undefined || raw === null) return { values, problems, unapplied };
  if (!isPlainObject(raw)) {
    problems.push({ file, field: where, message: 'must be an object' });
    return { values, problems, unapplied: 'all' };
  }
  const walk = (node: Record<string, unknown>, prefix: string) => {
    for (const [name, value] of Object.entries(node)) {
      const key = prefix ? `${prefix}.${name}` : name;
      if (Object.hasOwn(settingDefinitions, key)) {
        const definition = settingDefinitions[key as SettingKey];
        const parsed = definition.schema.safeParse(value);
        if (parsed.success) values[key as SettingKey] = parsed.data;
        else {
          const issue = parsed.error.issues[0];
          const sub = issue && issue.path.length > 0 ? `[${issue.path.map(String).join('][')}]` : '';
          problems.push({ file, field: `${where}.${key}${sub}`, message: issue?.message ?? 'invalid value' });
          unapplied.push(key as SettingKey);
        }
      } else if (isKnownPrefix(key)) {
        if (isPlainObject(value)) walk(value, key);
        else {
          problems.push({ file, field: `${where}.${key}`, message: 'must be an object' });
          unapplied.push(...settingKeys.filter((setting) => setting.startsWith(`${key}.`)));
        }
      } else {
        problems.push({ file, field: `${where}.${key}`, message: 'unknown setting (ignored)' });
      }
    }
  };
  walk(raw, '');
  return { values, problems, unapplied };
}

const knownPrefixes = new Set(
  Object.keys(settingDefinitions).flatMap((key) => {
    const parts = key.split('.');
    return parts.slice(1).map((_, i) => parts.slice(0, i + 1).join('.'));
  }),
);

function isKnownPrefix(prefix: string): boolean {
  return knownPrefixes.has(prefix);
}

/** Turns dotted keys back into the nested shape the files use. */
export function nestLayer(layer: SettingsLayer): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(layer)) {
    const parts = key.split('.');
    let node = out;
    for (const part of parts.slice(0, -1)) {
      node[part] ??= {};
      node = node[part] as Record<string, unknown>;
    }
    node[parts[parts.length - 1]!] = value;
  }
  return out;
}
