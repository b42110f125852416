// A crashed or hung console window (electron/main/consoleRecovery.ts) and the menu that must not reload or close it
// behind the operator's back (electron/main/applicationMenu.ts). Plain Node.
import { describe, expect, it } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { applicationMenuTemplate } from '../../../electron/main/applicationMenu.js';
import { ConsoleRecovery, ReloadBudget } from '../../../electron/main/consoleRecovery.js';

const alive = { windowClosing: false, quitting: false };
const minute = 60_000;

describe('ReloadBudget', () => {
  it('allows 3 reloads in any minute, and more as the oldest ones age out', () => {
    const budget = new ReloadBudget(3, minute);
    expect([0, 10_000, 20_000, 30_000].map((at) => budget.take(at))).toEqual([true, true, true, false]);
    expect(budget.take(59_999)).toBe(false);
    expect(budget.take(60_000)).toBe(true); // the one at 0 is a minute old
    expect(budget.take(60_001)).toBe(false);
    budget.reset();
    expect(budget.take(60_002)).toBe(true);
  });
});

describe('ConsoleRecovery: the renderer is gone', () => {
  it('reloads after a crash, up to 3 times a minute, then gives up', () => {
    const recovery = new ConsoleRecovery();
    const actions = [0, 5_000, 10_000, 15_000].map((at) => recovery.rendererGone('crashed', at, alive));
    expect(actions).toEqual(['reload', 'reload', 'reload', 'giveUp']);
    // The operator asks for another try: reloads again.
    recovery.retry();
    expect(recovery.rendererGone('oom', 16_000, alive)).toBe('reload');
  });

  it('a crash now and then (less than 3 a minute) is always reloaded', () => {
    const recovery = new ConsoleRecovery();
    const actions = [0, 25_000, 50_000, 75_000, 100_000, 125_000].map((at) => recovery.rendererGone('killed', at, alive));
    expect(actions.every((action) => action === 'reload')).toBe(true);
  });

  it('gives up at once when the renderer fails its integrity check (a reload fails the same way)', () => {
    expect(new ConsoleRecovery().rendererGone('integrity-failure', 0, alive)).toBe('giveUp');
  });

  it('does nothing while the window closes or the app quits, and spends no reload on it', () => {
    const recovery = new ConsoleRecovery(new ReloadBudget(1, minute));
    expect(recovery.rendererGone('clean-exit', 0, { windowClosing: true, quitting: false })).toBe('ignore');
    expect(recovery.rendererGone('crashed', 0, { windowClosing: false, quitting: true })).toBe('ignore');
    expect(recovery.rendererGone('crashed', 0, alive)).toBe('reload');
  });
});

describe('ConsoleRecovery: the renderer hangs', () => {
  it('asks once per hang, and the question goes away when the page answers again', () => {
    const recovery = new ConsoleRecovery();
    expect(recovery.unresponsive(alive)).toBe('ask');
    expect(recovery.unresponsive(alive)).toBe('ignore'); // still the same question on screen
    expect(recovery.responsive()).toBe(true); // dismiss it
    expect(recovery.responsive()).toBe(false); // nothing open
    expect(recovery.unresponsive(alive)).toBe('ask'); // a new hang
    recovery.hangAnswered();
    expect(recovery.unresponsive({ windowClosing: false, quitting: true })).toBe('ignore');
  });
});

/** Every role in a template, submenus included. */
function roles(template: MenuItemConstructorOptions[] | null): string[] {
  const all: string[] = [];
  const walk = (items: MenuItemConstructorOptions[]) => {
    for (const item of items) {
      if (item.role) all.push(item.role);
      if (Array.isArray(item.submenu)) walk(item.submenu);
    }
  };
  walk(template ?? []);
  return all;
}

describe('applicationMenuTemplate', () => {
  const platforms: NodeJS.Platform[] = ['win32', 'linux', 'darwin'];

  it('has no menu at all on Windows and Linux in a packaged build (no Ctrl+R, Ctrl+W, Ctrl+Q)', () => {
    for (const platform of ['win32', 'linux'] as const)
      expect(applicationMenuTemplate(platform, { devTools: false, developerLabel: 'Developer' })).toBeNull();
  });

  it('never reloads or force-reloads the window from a menu key, on any platform, in any build', () => {
    for (const platform of platforms)
      for (const devTools of [false, true]) {
        const found = roles(applicationMenuTemplate(platform, { devTools, developerLabel: 'Geliştirici' }));
        expect(found.filter((role) => /reload|viewmenu|filemenu|defaultmenu/i.test(role)), `${platform} ${devTools}`).toEqual([]);
      }
  });

  it('keeps the App and Edit menus on macOS (Cmd+C/V/Z go through them); DevTools only in development', () => {
    expect(roles(applicationMenuTemplate('darwin', { devTools: false, developerLabel: 'Developer' }))).toEqual([
      'appMenu',
      'editMenu',
      'windowMenu',
    ]);
    const development = applicationMenuTemplate('linux', { devTools: true, developerLabel: 'Разработчик' });
    expect(development?.map((item) => item.label)).toEqual(['Разработчик']);
    expect(roles(development)).toEqual(['toggleDevTools']);
  });
});
