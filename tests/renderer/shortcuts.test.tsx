// Keyboard paths for every call action, the `?` sheet (in-app and system-wide shortcuts, their current keys and
// whether they work) and the status bar's headset and hotkey indicators, against a fake AgentDeskApi.
// vitest + happy-dom.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HeadsetStatus, HotkeysStatus } from '../../electron/shared/ipc/devices.js';
import { ok } from '../../electron/shared/ipc/result.js';
import type { CallView } from '../../electron/shared/ipc/softphone.js';
import { AgentDeskApp } from '../../renderer/src/components/AgentDeskApp.js';
import {
  ariaKeyShortcuts,
  shortcutGroups,
  shortcuts,
  type ShortcutGroup,
  type ShortcutId,
} from '../../renderer/src/keyboard/shortcuts.js';
import { planCallShortcut } from '../../renderer/src/keyboard/useCallShortcuts.js';
import { allByName, button, click, mount, pressKey, region, settle, unmountAll } from './support/dom.js';
import { createFakeDesk, type FakeDesk, type FakeDeskOptions } from './support/fakeDesk.js';
import { rendererSourceDir } from './support/sourceScan.js';

const english = JSON.parse(readFileSync(join(rendererSourceDir, 'i18n', 'locales', 'en.json'), 'utf8')) as {
  shortcuts: { actions: Record<ShortcutId, string> };
  devices: { sheet: { groups: Record<ShortcutGroup, string> } };
};

const at = Date.UTC(2026, 10, 28, 9, 0, 0);
const call = (id: string, state: CallView['state'], extra: Partial<CallView> = {}): CallView => ({
  id,
  line: 1,
  direction: 'inbound',
  state,
  remoteUri: '<sip:+905321234567@lab.test>',
  remoteUser: '+905321234567',
  remoteNumber: '+905321234567',
  displayName: 'Arayan',
  callWaiting: false,
  muted: false,
  remoteHold: false,
  invitedAt: at,
  at,
  ...extra,
});

async function renderApp(options: FakeDeskOptions & { calls?: CallView[]; locale?: string } = {}) {
  const desk = createFakeDesk(options);
  desk.override('sip:status', () => ok({ state: 'registered', dnd: false, at }));
  desk.override('calls:list', () => ok(options.calls ?? []));
  await mount(<AgentDeskApp bridge={desk.bridge} preferredLanguages={[options.locale ?? 'en']} />);
  await settle();
  return desk;
}

/** Alt+letter as a Turkish or Russian keyboard sends it: the physical key in `code`, whatever `key` says. */
const altKey = (code: string, key = 'x') => pressKey(key, { code, altKey: true });

function sent(desk: FakeDesk, name: string): unknown[] {
  return desk.calls.filter((entry) => entry.name === name).map((entry) => entry.args);
}

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 20 && !condition(); i++) await settle(1);
  expect(condition()).toBe(true);
}

beforeEach(() => localStorage.clear());
afterEach(() => unmountAll());

describe('which call a shortcut means (pure)', () => {
  const ringing = call('r', 'ringing');
  const active = call('a', 'active', { line: 2 });
  const held = call('h', 'held', { line: 3 });

  it('answer and decline take the ringing call; the rest take the talking one', () => {
    expect(planCallShortcut('answerCall', [active, ringing])).toEqual({ kind: 'answer', callId: 'r' });
    expect(planCallShortcut('declineCall', [active, ringing])).toEqual({ kind: 'decline', callId: 'r' });
    expect(planCallShortcut('hangUp', [ringing, active])).toEqual({ kind: 'hangup', callId: 'a' });
    expect(planCallShortcut('hangUp', [ringing])).toEqual({ kind: 'hangup', callId: 'r' });
    expect(planCallShortcut('toggleMute', [active])).toEqual({ kind: 'mute', callId: 'a', muted: true });
    expect(planCallShortcut('toggleMute', [{ ...active, muted: true }])).toEqual({ kind: 'mute', callId: 'a', muted: false });
    expect(planCallShortcut('toggleHold', [held, active])).toEqual({ kind: 'hold', callId: 'a' });
    expect(planCallShortcut('toggleHold', [held])).toEqual({ kind: 'resume', callId: 'h' });
    expect(planCallShortcut('transferCall', [held])).toEqual({ kind: 'transfer', callId: 'h' });
    expect(planCallShortcut('toggleKeypad', [active])).toEqual({ kind: 'keypad', callId: 'a' });
    expect(planCallShortcut('focusDial', [])).toEqual({ kind: 'dial' });
  });

  it('means nothing when the action is not offered in that state (as the buttons are not)', () => {
    expect(planCallShortcut('answerCall', [active])).toBeNull();
    expect(planCallShortcut('declineCall', [])).toBeNull();
    expect(planCallShortcut('hangUp', [])).toBeNull();
    expect(planCallShortcut('toggleMute', [held])).toBeNull();
    const dialing = call('d', 'dialing', { direction: 'outbound' });
    expect(planCallShortcut('toggleHold', [dialing])).toBeNull();
    expect(planCallShortcut('transferCall', [dialing])).toBeNull();
    expect(planCallShortcut('toggleKeypad', [held])).toBeNull();
    expect(planCallShortcut('hangUp', [dialing])).toEqual({ kind: 'hangup', callId: 'd' });
  });
});

describe('swapping lines (pure)', () => {
  const line = (id: string, n: number, state: CallView['state']) => call(id, state, { line: n });

  it('swap resumes the other held line (core holds the talking one), from either side', () => {
    expect(planCallShortcut('swapLines', [line('c1', 1, 'active'), line('c2', 2, 'held')])).toEqual({
      kind: 'resume',
      callId: 'c2',
    });
    expect(planCallShortcut('swapLines', [line('c1', 1, 'held'), line('c2', 2, 'active')])).toEqual({
      kind: 'resume',
      callId: 'c1',
    });
  });

  it('cycles through three lines in line order, wrapping round', () => {
    const on = (talking: number) => [1, 2, 3].map((n) => line(`c${n}`, n, n === talking ? 'active' : 'held'));
    expect(planCallShortcut('swapLines', on(1))).toEqual({ kind: 'resume', callId: 'c2' });
    expect(planCallShortcut('swapLines', on(2))).toEqual({ kind: 'resume', callId: 'c3' });
    expect(planCallShortcut('swapLines', on(3))).toEqual({ kind: 'resume', callId: 'c1' });
  });

  it('with every line held, hold/resume goes back to the line talked on last and swap to the other one', () => {
    const bothHeld = [line('c1', 1, 'held'), line('c2', 2, 'held')];
    expect(planCallShortcut('toggleHold', bothHeld, 'c2')).toEqual({ kind: 'resume', callId: 'c2' });
    expect(planCallShortcut('swapLines', bothHeld, 'c2')).toEqual({ kind: 'resume', callId: 'c1' });
    expect(planCallShortcut('toggleHold', bothHeld, 'c1')).toEqual({ kind: 'resume', callId: 'c1' });
    expect(planCallShortcut('swapLines', bothHeld, 'c1')).toEqual({ kind: 'resume', callId: 'c2' });
    expect(planCallShortcut('toggleHold', bothHeld)).toEqual({ kind: 'resume', callId: 'c1' }); // nothing known: the first
  });

  it('means nothing with one line, or while a call is being set up', () => {
    expect(planCallShortcut('swapLines', [line('c1', 1, 'active')])).toBeNull();
    expect(planCallShortcut('swapLines', [line('c1', 1, 'held')], 'c1')).toBeNull();
    expect(planCallShortcut('swapLines', [line('c1', 1, 'held'), line('d', 2, 'dialing')])).toBeNull();
    expect(planCallShortcut('swapLines', [line('c1', 1, 'active'), line('r', 2, 'ringing')])).toBeNull();
  });
});

describe('call shortcuts in the console', () => {
  it('declines a ringing call with Alt+R (by physical key, Russian layout) and the Decline button announces it', async () => {
    const desk = await renderApp({ calls: [call('r1', 'ringing')] });
    expect(button('Decline').getAttribute('aria-keyshortcuts')).toBe('Alt+R');
    await altKey('KeyR', 'к');
    expect(sent(desk, 'calls:decline')).toEqual([{ callId: 'r1' }]);
    await altKey('KeyA', 'ф');
    expect(sent(desk, 'calls:answer')).toEqual([{ callId: 'r1' }]);
  });

  it('holds, mutes, opens the transfer field and the keypad of the live call, and sends typed digits as tones', async () => {
    const desk = await renderApp({ calls: [call('c1', 'active')] });
    await altKey('KeyK');
    expect(sent(desk, 'calls:hold')).toEqual([{ callId: 'c1' }]);
    await altKey('KeyM');
    expect(sent(desk, 'calls:mute')).toEqual([{ callId: 'c1', muted: true }]);

    const transfer = button('Transfer');
    expect(transfer.getAttribute('aria-keyshortcuts')).toBe('Alt+T');
    await altKey('KeyT');
    expect(transfer.getAttribute('aria-expanded')).toBe('true');
    await until(() => document.activeElement?.closest('.call-transfer') !== null && document.activeElement?.tagName === 'INPUT');
    await altKey('KeyT'); // again: stays open (the key means "take me there", not "toggle")
    expect(transfer.getAttribute('aria-expanded')).toBe('true');

    const keypad = button('Keypad');
    expect(keypad.getAttribute('aria-keyshortcuts')).toBe('Alt+P');
    await altKey('KeyP');
    expect(keypad.getAttribute('aria-expanded')).toBe('true');
    await until(() => document.activeElement?.closest('.call-keypad') !== null);
    await pressKey('5');
    await pressKey('#');
    expect(sent(desk, 'calls:dtmf')).toEqual([
      { callId: 'c1', tones: '5' },
      { callId: 'c1', tones: '#' },
    ]);
  });

  it('swaps lines with Alt+L (by physical key) and hold/resume twice comes back to the same caller', async () => {
    const c1 = call('c1', 'held', { line: 1 });
    const c2 = call('c2', 'active', { line: 2 });
    const desk = await renderApp({ calls: [c1, c2] });
    let tick = at;
    const update = (view: CallView, state: CallView['state']) => desk.emit('calls:state', { ...view, state, at: ++tick });

    // Alt+K twice on line 2: hold it, then resume line 2 again (not line 1).
    await altKey('KeyK');
    expect(sent(desk, 'calls:hold')).toEqual([{ callId: 'c2' }]);
    update(c2, 'held');
    await settle();
    await altKey('KeyK');
    expect(sent(desk, 'calls:resume')).toEqual([{ callId: 'c2' }]);
    update(c2, 'active');
    await settle();

    // Alt+L (Russian layout: д) goes to line 1; core holds line 2 on the way. Again: back to line 2.
    await altKey('KeyL', 'д');
    expect(sent(desk, 'calls:resume')).toEqual([{ callId: 'c2' }, { callId: 'c1' }]);
    update(c2, 'held');
    update(c1, 'active');
    await settle();
    await altKey('KeyL', 'д');
    expect(sent(desk, 'calls:resume')).toEqual([{ callId: 'c2' }, { callId: 'c1' }, { callId: 'c2' }]);
  });

  it('goes to the number field with Alt+N; digits typed there stay text', async () => {
    const desk = await renderApp();
    await altKey('KeyN');
    const field = document.activeElement as HTMLInputElement;
    expect(field.closest('.dial-form')).not.toBeNull();
    expect(field.getAttribute('aria-keyshortcuts')).toBe('Alt+N');
    await pressKey('5', {}, field);
    expect(sent(desk, 'calls:dtmf')).toEqual([]);
  });
});

describe('the ? sheet', () => {
  it('gives every Alt shortcut its own key', () => {
    const altCombos = shortcuts.filter((shortcut) => shortcut.keys[0] === 'alt').map((shortcut) => shortcut.keys.join('+'));
    expect(new Set(altCombos).size).toBe(altCombos.length);
    expect(ariaKeyShortcuts('swapLines')).toBe('Alt+L');
    expect(ariaKeyShortcuts('toggleDnd')).toBe('Alt+4');
    expect(ariaKeyShortcuts('reconnectLine')).toBe('Alt+G');
  });

  it('lists every in-app shortcut of keyboard/shortcuts.ts by group, with its translated label and keys', async () => {
    await renderApp();
    await pressKey('?');
    const sheet = document.querySelector('dialog[open]')!;
    const text = (sheet.textContent ?? '').replace(/\s+/g, ' ');
    for (const shortcut of shortcuts) expect(text).toContain(english.shortcuts.actions[shortcut.id]);
    expect(text).toContain('Decline the ringing call');
    const tables = Array.from(sheet.querySelectorAll('table'));
    const names = tables.map((table) => document.getElementById(table.getAttribute('aria-labelledby')!)?.textContent);
    // A group is shown once it has shortcuts (agent states joined the calls and the general keys).
    const groupsInUse = shortcutGroups.filter((group) => shortcuts.some((shortcut) => shortcut.group === group));
    expect(names).toEqual([...groupsInUse.map((group) => english.devices.sheet.groups[group]), 'System-wide shortcuts']);
    const rows = tables.slice(0, -1).flatMap((table) => Array.from(table.querySelectorAll('tbody tr')));
    expect(rows).toHaveLength(shortcuts.length);
    const decline = rows.find((row) => row.textContent?.includes('Decline'))!;
    expect(Array.from(decline.querySelectorAll('kbd kbd')).map((key) => key.textContent)).toEqual(['Alt', 'R']);
  });

  it('shows the system-wide keys the settings give now (policy included) and which ones another program owns', async () => {
    const desk = createFakeDesk({
      user: { 'hotkeys.mute': 'Control+Shift+M', 'hotkeys.hold': '' },
      policy: { 'hotkeys.answer': { value: 'F9', reason: 'IT' } },
    });
    const hotkeys: HotkeysStatus = {
      available: true,
      shortcuts: [
        { action: 'answer', accelerator: 'F9', state: 'taken' },
        { action: 'hangup', accelerator: 'F10', state: 'registered' },
        { action: 'mute', accelerator: 'Control+Shift+M', state: 'registered' },
        { action: 'hold', accelerator: '', state: 'unset' },
        { action: 'ready', accelerator: 'Control+Shift+F9', state: 'registered' },
        { action: 'notReady', accelerator: 'Control+Shift+F9', state: 'duplicate', duplicateOf: 'ready' },
      ],
    };
    desk.override('hotkeys:status', () => ok(hotkeys));
    await mount(<AgentDeskApp bridge={desk.bridge} preferredLanguages={['en']} />);
    await settle();
    await pressKey('?');
    const global = Array.from(document.querySelectorAll('dialog[open] table')).at(-1)!;
    const rows = Array.from(global.querySelectorAll('tbody tr')).map((row) =>
      Array.from(row.querySelectorAll('td')).map(
        (cell) =>
          Array.from(cell.querySelectorAll('kbd kbd'))
            .map((k) => k.textContent)
            .join('+') || cell.textContent,
      ),
    );
    expect(rows).toEqual([
      ['F9', 'Answer', 'Used by another program'],
      ['F10', 'Hang up', 'Works'],
      ['Ctrl+Shift+M', 'Mute', 'Works'],
      ['No key', 'Hold', 'No key set'],
      ['Ctrl+Shift+F9', 'Ready', 'Works'],
      ['Ctrl+Shift+F10', 'Not ready', 'Same key as “Ready”'],
    ]);
    expect(document.querySelector('dialog[open] .shortcuts-note')?.textContent).toBe(
      'These work even while another program is in front. Change them in Settings.',
    );
  });

  it('says that system-wide keys need the desktop app (browser mode), in Turkish too', async () => {
    const desk = createFakeDesk({ user: { 'ui.locale': 'tr' } });
    desk.override('hotkeys:status', () => ok({ available: false, shortcuts: [] }));
    await mount(<AgentDeskApp bridge={desk.bridge} preferredLanguages={['tr']} />);
    await settle();
    await pressKey('?');
    const sheet = document.querySelector('dialog[open]')!;
    expect(sheet.querySelector('.shortcuts-note')?.textContent).toBe(
      'Sistem genelindeki kısayollar yalnızca AgentDesk masaüstü uygulamasında çalışır.',
    );
    expect(sheet.textContent).toContain('Gelen çağrıyı reddet');
    expect(Array.from(sheet.querySelectorAll('table')).at(-1)!.querySelectorAll('th')).toHaveLength(2); // no status column
  });

  it('says so when the operator or IT turned system-wide shortcuts off', async () => {
    const desk = createFakeDesk({ policy: { 'hotkeys.global': { value: false } } });
    desk.override('hotkeys:status', () =>
      ok({ available: true, shortcuts: [{ action: 'answer', accelerator: 'F9', state: 'off' }] }),
    );
    await mount(<AgentDeskApp bridge={desk.bridge} preferredLanguages={['en']} />);
    await settle();
    await pressKey('?');
    const sheet = document.querySelector('dialog[open]')!;
    expect(sheet.querySelector('.shortcuts-note')?.textContent).toBe('System-wide shortcuts are turned off in Settings.');
    expect(Array.from(sheet.querySelectorAll('table')).at(-1)!.querySelector('tbody tr')?.textContent).toContain('Off');
  });
});

describe('status bar: headset and hotkeys', () => {
  const jabra: HeadsetStatus = {
    state: 'active',
    device: { id: '0b0e:0307', path: '/dev/hidraw3', product: 'Jabra EVOLVE LINK MS' },
    controls: { inputs: ['hookSwitch', 'phoneMute'], outputs: ['ledRing', 'ledOffHook'] },
    candidates: 1,
  };

  it('names the headset and says its call buttons work, then follows headset:changed', async () => {
    const desk = createFakeDesk();
    desk.override('headset:status', () => ok(jabra));
    await mount(<AgentDeskApp bridge={desk.bridge} preferredLanguages={['en']} />);
    await settle();
    const status = () => (region('Status').textContent ?? '').replace(/\s+/g, ' ');
    expect(status()).toContain('Headset: Jabra EVOLVE LINK MS, call buttons ready');

    desk.emit('headset:changed', { state: 'searching', candidates: 0 });
    await settle();
    expect(status()).toContain('Headset: none');

    desk.emit('headset:changed', {
      state: 'no-access',
      device: jabra.device!,
      candidates: 1,
      problem: 'permission',
    });
    await settle();
    expect(status()).toContain('Headset: Jabra EVOLVE LINK MS, no permission for its buttons');
    expect(document.querySelector('.headset-status .status-dot-warning')).not.toBeNull();

    desk.emit('headset:changed', {
      state: 'unavailable',
      candidates: 0,
      problem: 'driver-missing',
      detail: "node-hid is not available, so headset buttons are off: Cannot find module 'node-hid'",
    });
    await settle();
    expect(status()).toContain('Headset buttons unavailable: the headset driver could not be loaded');
    expect(document.querySelector('.headset-status')?.getAttribute('title')).toContain('node-hid is not available');
  });

  it('shows nothing about the headset when core does not answer for it', async () => {
    await renderApp();
    expect(region('Status').textContent).not.toContain('Headset');
  });

  it('warns about global shortcuts that do not work, in Russian plural, and opens the sheet that says which', async () => {
    const desk = createFakeDesk({ user: { 'ui.locale': 'ru' } });
    const hotkeys: HotkeysStatus = {
      available: true,
      shortcuts: [
        { action: 'answer', accelerator: 'F9', state: 'taken' },
        { action: 'hangup', accelerator: 'F10', state: 'invalid' },
        { action: 'mute', accelerator: 'F8', state: 'registered' },
      ],
    };
    desk.override('hotkeys:status', () => ok(hotkeys));
    await mount(<AgentDeskApp bridge={desk.bridge} preferredLanguages={['ru']} />);
    await settle();
    const warning = button('2 сочетания клавиш не работают');
    expect(warning.getAttribute('aria-keyshortcuts')).toBe(ariaKeyShortcuts('showShortcuts'));
    await click(warning);
    expect(document.querySelector('dialog[open]')?.textContent).toContain('Занято другой программой');

    desk.emit('hotkeys:changed', {
      available: true,
      shortcuts: hotkeys.shortcuts.map((s) => ({ ...s, state: 'registered' as const })),
    });
    await settle();
    expect(allByName('button', /не работа/)).toHaveLength(0);
  });
});
