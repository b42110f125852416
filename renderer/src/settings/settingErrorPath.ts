// Where in a setting's value a settings:set error points, for the translated error line. Runs in Chromium.
// The core names the path from the setting key (`sip.servers.1`), other bridges from the argument (`value.1`);
// both lose that prefix, and list positions count from 1 as the operator does ("entry 2").
import type { SettingKey } from '../../../electron/shared/settings.js';

export type ErrorPathPart = { entry: number } | { field: string };

export function settingErrorPath(key: SettingKey, path: string): ErrorPathPart[] {
  const parts = path.split('.').filter((part) => part !== '' && part !== '(root)');
  const keyParts = key.split('.');
  const rest = keyParts.every((part, index) => parts[index] === part)
    ? parts.slice(keyParts.length)
    : parts[0] === 'value'
      ? parts.slice(1)
      : parts;
  return rest.map((part) => (/^\d+$/.test(part) ? { entry: Number(part) + 1 } : { field: part }));
}
