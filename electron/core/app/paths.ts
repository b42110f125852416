// Where the desk keeps its files. Plain Node.
// The default data dir matches Electron's `app.getPath('userData')` for productName "AgentDesk",
// so the Electron app and host mode on the same desk share one database.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { locales, type Locale } from '../../shared/settings.js';

export function defaultDataDir(platform: NodeJS.Platform = process.platform, env = process.env, home = homedir()): string {
  if (env.AGENTDESK_DATA_DIR) return env.AGENTDESK_DATA_DIR;
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'AgentDesk');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'AgentDesk');
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), 'AgentDesk');
}

export interface DataDirLayout {
  root: string;
  database: string;
  logs: string;
  userSettings: string;
  secrets: string;
}

export function dataDirLayout(root: string): DataDirLayout {
  return {
    root,
    database: join(root, 'agentdesk.db'),
    logs: join(root, 'logs'),
    userSettings: join(root, 'settings.json'),
    secrets: join(root, 'secrets.json'),
  };
}

/** Maps an OS locale tag (`tr-TR`, `ru_RU.UTF-8`, `en-GB`) to a locale we ship; English otherwise. */
export function supportedLocale(tag: string | undefined): Locale {
  const language = (tag ?? '').toLowerCase().split(/[-_.@]/)[0] ?? '';
  return (locales as readonly string[]).includes(language) ? (language as Locale) : 'en';
}

export function systemLocaleTag(env = process.env): string {
  return env.LC_ALL || env.LC_MESSAGES || env.LANG || Intl.DateTimeFormat().resolvedOptions().locale;
}
