// The application menu. Electron's default menu carries accelerators that would cut a call short without a word:
// View ▸ Reload (Ctrl+R, Ctrl+Shift+R, F5 on some builds) reloads the console mid-call, Window ▸ Close (Ctrl+W) and
// File ▸ Quit (Ctrl+Q) close it. On Windows and Linux the desk needs no menu at all (text editing keys work without
// one), so there is none; macOS needs the App and Edit menus (Cmd+C/V/Z go through them) — their Quit and Close go
// through the window's close guard (quitFlow.ts). No Reload anywhere: a reload is only ever main's recovery.
// Pure (the template is plain data), so it is tested in plain Node; main.ts hands it to Menu.
import type { MenuItemConstructorOptions } from 'electron';

export interface ApplicationMenuOptions {
  /** Development builds keep a way to the DevTools. */
  devTools: boolean;
  /** The translated title of the development menu (mainStrings developerMenu). */
  developerLabel: string;
}

/** null = no menu (Menu.setApplicationMenu(null)): no menu bar and none of the default accelerators. */
export function applicationMenuTemplate(
  platform: NodeJS.Platform,
  options: ApplicationMenuOptions,
): MenuItemConstructorOptions[] | null {
  const developer: MenuItemConstructorOptions[] = options.devTools
    ? [{ label: options.developerLabel, submenu: [{ role: 'toggleDevTools' }] }]
    : [];
  if (platform === 'darwin') return [{ role: 'appMenu' }, { role: 'editMenu' }, { role: 'windowMenu' }, ...developer];
  return developer.length > 0 ? developer : null;
}
