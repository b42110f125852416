// The console frame against a fake AgentDeskApi: regions, honest empty states, locale and theme switching,
// keyboard paths (Ctrl+, ? F6), notices and the provisioning banner. vitest + happy-dom.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sharedTestdata } from '../support/paths.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AgentDeskApp } from '../../renderer/src/components/AgentDeskApp.js';
import { firstPaintMark, settingsReadyMark } from '../../renderer/src/firstPaint.js';
import {
  accessibleName,
  allByName,
  bodyText,
  button,
  byName,
  choose,
  click,
  describedByText,
  mount,
  pressKey,
  region,
  settle,
  unmountAll,
} from './support/dom.js';
import { createFakeDesk, type FakeDeskOptions } from './support/fakeDesk.js';

const naughtyStrings = JSON.parse(readFileSync(join(sharedTestdata, 'naughty-strings', 'blns.json'), 'utf8')) as string[];
const markupStrings = naughtyStrings.filter((s) => /<(script|img|svg|iframe)/i.test(s)).slice(0, 20);

async function renderApp(options: FakeDeskOptions = {}, preferredLanguages: readonly string[] = ['en-US']) {
  const desk = createFakeDesk(options);
  const mounted = await mount(<AgentDeskApp bridge={desk.bridge} preferredLanguages={preferredLanguages} />);
  return { desk, ...mounted };
}

beforeEach(() => {
  localStorage.clear();
  sessionStorage.clear();
  performance.clearMarks();
  document.documentElement.removeAttribute('data-theme');
  document.documentElement.lang = '';
});
afterEach(() => unmountAll());

describe('console frame', () => {
  it('has the five named regions, a named workspace and a working skip link', async () => {
    await renderApp();
    for (const name of ['Softphone', 'Caller card', 'Script and knowledge', 'Wrap-up', 'Status']) {
      expect(region(name).tagName).toBe('SECTION');
    }
    const workspace = region('Workspace');
    expect(workspace.tagName).toBe('MAIN');
    const skip = byName<HTMLAnchorElement>('a', 'Skip to the workspace');
    await click(skip);
    expect(document.activeElement).toBe(workspace);
  });

  it('says honestly that there is no call, script or wrap-up yet', async () => {
    await renderApp();
    expect(region('Caller card').textContent).toContain("No active call.The caller's card appears here when a call rings.");
    expect(region('Script and knowledge').textContent).toContain('No script yet.');
    expect(region('Wrap-up').textContent).toContain('Nothing to wrap up.');
  });

  it('shows the dial field and Dial button disabled, with the reason', async () => {
    await renderApp();
    const dial = button('Dial');
    const number = byName<HTMLInputElement>('input', 'Number to dial');
    expect(dial.disabled).toBe(true);
    expect(number.disabled).toBe(true);
    expect(describedByText(dial)).toBe('Calling is not available on this desk yet.');
    expect(describedByText(number)).toBe('Calling is not available on this desk yet.');
  });

  it('derives the line state from the SIP settings', async () => {
    await renderApp();
    expect(region('Softphone').textContent).toContain('Line: Not set up');
    unmountAll();
    await renderApp({
      user: { 'sip.servers': ['wss://pbx.example.com:7443'], 'sip.user': '1001', 'sip.displayName': 'Işık Öztürk' },
    });
    expect(region('Softphone').textContent).toContain('Line: Not registered');
    expect(region('Softphone').textContent).toContain('Işık Öztürk');
    expect(region('Status').textContent).toContain('Line: Not registered');
  });

  it('marks the first paint and the first settings answer once, in that order, for the benchmark', async () => {
    const { desk } = await renderApp();
    const [paint] = performance.getEntriesByName(firstPaintMark, 'mark');
    const [ready] = performance.getEntriesByName(settingsReadyMark, 'mark');
    expect(paint && ready && paint.startTime <= ready.startTime).toBe(true);
    desk.setConnection({ status: 'connecting' });
    desk.setConnection({ status: 'connected' }); // a reconnect reloads settings: still one mark each
    await settle();
    expect(desk.calls.filter((call) => call.name === 'settings:get')).toHaveLength(2);
    expect(performance.getEntriesByName(firstPaintMark, 'mark')).toHaveLength(1);
    expect(performance.getEntriesByName(settingsReadyMark, 'mark')).toHaveLength(1);
  });

  it('gives every control an accessible name, also inside the dialogs', async () => {
    const { desk } = await renderApp({ problems: [{ file: 'config.json', field: 'policy.sip.user', message: 'bad' }] });
    const unnamed = () =>
      Array.from(document.querySelectorAll('button, input, select, textarea, a[href], [role="tab"]'))
        .filter((element) => accessibleName(element) === '')
        .map((element) => element.outerHTML.slice(0, 120));
    expect(unnamed()).toEqual([]);
    await click(button('Settings'));
    expect(desk.calls.some((call) => call.name === 'app:info')).toBe(true);
    expect(unnamed()).toEqual([]);
  });
});

describe('locale', () => {
  it('switches tr → ru → en from the status bar, stores it as ui.locale and sets <html lang>', async () => {
    const { desk } = await renderApp();
    expect(document.documentElement.lang).toBe('en');

    await choose(byName<HTMLSelectElement>('select', 'Language'), 'tr');
    expect(document.documentElement.lang).toBe('tr');
    expect(region('Arayan kartı').textContent).toContain('Etkin çağrı yok.');
    expect(button('Ara').disabled).toBe(true);
    expect(desk.user['ui.locale']).toBe('tr');

    await choose(byName<HTMLSelectElement>('select', 'Dil'), 'ru');
    expect(document.documentElement.lang).toBe('ru');
    expect(region('Карточка звонящего').textContent).toContain('Активного звонка нет.');
    expect(button('Позвонить').disabled).toBe(true);

    await choose(byName<HTMLSelectElement>('select', 'Язык'), 'en');
    expect(document.documentElement.lang).toBe('en');
    expect(button('Dial')).toBeTruthy();
    expect(desk.calls.filter((call) => call.name === 'settings:set').map((call) => call.args)).toEqual([
      { key: 'ui.locale', value: 'tr' },
      { key: 'ui.locale', value: 'ru' },
      { key: 'ui.locale', value: 'en' },
    ]);
  });

  it("maps 'system' to the preferred system language, falling back to English", async () => {
    await renderApp({}, ['de-DE', 'ru-RU']);
    expect(document.documentElement.lang).toBe('ru');
    expect(bodyText()).toContain('Карточка звонящего');
    unmountAll();
    localStorage.clear();
    await renderApp({}, ['de-DE', 'fr']);
    expect(document.documentElement.lang).toBe('en');
  });

  it('follows settings:changed from the core (e.g. IT changed the policy)', async () => {
    const { desk } = await renderApp();
    desk.user['ui.locale'] = 'tr';
    desk.emit('settings:changed', desk.effective());
    await settle();
    expect(document.documentElement.lang).toBe('tr');
    expect(region('Durum')).toBeTruthy();
  });

  it('disables the language picker when ui.locale is locked, saying why', async () => {
    await renderApp({ policy: { 'ui.locale': { value: 'tr', reason: 'Merkez politikası' } } });
    const picker = byName<HTMLSelectElement>('select', 'Dil');
    expect(picker.disabled).toBe(true);
    expect(describedByText(picker)).toBe('BT tarafından kilitlendi: Merkez politikası');
  });

  it('keeps the switch in this window and says so when storing it fails', async () => {
    const { desk } = await renderApp();
    desk.override('settings:set', () => ({ ok: false, error: { code: 'internal', message: 'disk full' } }));
    await choose(byName<HTMLSelectElement>('select', 'Language'), 'tr');
    expect(document.documentElement.lang).toBe('tr');
    const picker = byName<HTMLSelectElement>('select', 'Dil');
    expect(describedByText(picker)).toBe('Bir şeyler ters gitti. Ayrıntılar günlük kaydında.');
  });
});

describe('theme', () => {
  it('applies ui.theme as data-theme and follows changes', async () => {
    const { desk } = await renderApp({ user: { 'ui.theme': 'dark' } });
    expect(document.documentElement.dataset['theme']).toBe('dark');
    desk.user['ui.theme'] = 'light';
    desk.emit('settings:changed', desk.effective());
    await settle();
    expect(document.documentElement.dataset['theme']).toBe('light');
  });

  it("resolves 'system' through prefers-color-scheme", async () => {
    await renderApp();
    const expected = matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
    expect(document.documentElement.dataset['theme']).toBe(expected);
  });
});

describe('keyboard', () => {
  it('opens Settings with Ctrl+, and the shortcut sheet with ?', async () => {
    await renderApp();
    await pressKey(',', { ctrlKey: true });
    const settings = document.querySelector('dialog[open]');
    expect(settings && accessibleName(settings)).toBe('Settings');
    await click(button('Close'));
    expect(document.querySelector('dialog[open]')).toBeNull();

    await pressKey('?');
    const sheet = document.querySelector('dialog[open]');
    expect(sheet && accessibleName(sheet)).toBe('Keyboard shortcuts');
    expect(sheet?.textContent).toContain('Open settings');
    expect(sheet?.textContent).toContain('Go to the next area');
  });

  it('does not steal ? while the operator types in a field', async () => {
    await renderApp();
    await click(button('Settings'));
    const user = byName<HTMLInputElement>('input', 'SIP user');
    user.focus();
    await pressKey('?', {}, user);
    expect(document.querySelectorAll('dialog[open]')).toHaveLength(1);
    expect(accessibleName(document.querySelector('dialog[open]')!)).toBe('Settings');
  });

  it('cycles focus through the regions with F6 and back with Shift+F6', async () => {
    await renderApp();
    const order = ['Softphone', 'Caller card', 'Script and knowledge', 'Catalogue and knowledge', 'Wrap-up', 'Status'];
    const visited: string[] = [];
    for (let i = 0; i < order.length + 1; i++) {
      await pressKey('F6');
      visited.push(accessibleName(document.activeElement!));
    }
    expect(visited).toEqual([...order, 'Softphone']);
    await pressKey('F6', { shiftKey: true });
    expect(accessibleName(document.activeElement!)).toBe('Status');
  });

  it('moves between the Script and Knowledge tabs with the arrow keys', async () => {
    await renderApp();
    const script = byName<HTMLButtonElement>('[role="tab"]', 'Script');
    script.focus();
    await pressKey('ArrowRight', {}, script);
    const knowledge = byName<HTMLButtonElement>('[role="tab"]', 'Knowledge base');
    expect(document.activeElement).toBe(knowledge);
    expect(knowledge.getAttribute('aria-selected')).toBe('true');
    const panel = document.getElementById(knowledge.getAttribute('aria-controls')!)!;
    expect(panel.hidden).toBe(false);
    expect(panel.textContent).toContain('Nothing to look up yet.');
  });
});

describe('status bar', () => {
  it('shows the bridge connection and offers Retry now while waiting to reconnect', async () => {
    const { desk } = await renderApp();
    expect(region('Status').textContent).toContain('Connection: Connected');
    desk.setConnection({ status: 'reconnecting', retryAt: Date.now() + 2500, attempt: 2 });
    await settle();
    expect(region('Status').textContent).toMatch(/Connection: Not connected, retrying in 3 sec/);
    await click(button('Retry now'));
    expect(desk.retryNowCalls).toBe(1);
    desk.setConnection({ status: 'missing-token' });
    await settle();
    expect(region('Status').textContent).toContain('No access key.');
    expect(allByName('button', 'Retry now')).toHaveLength(0);
  });

  it('reloads settings after a reconnect (events sent meanwhile are lost)', async () => {
    const { desk } = await renderApp();
    desk.setConnection({ status: 'reconnecting', retryAt: Date.now() + 1000, attempt: 1 });
    await settle();
    desk.user['ui.locale'] = 'ru';
    desk.setConnection({ status: 'connected' });
    await settle();
    expect(document.documentElement.lang).toBe('ru');
    expect(desk.calls.filter((call) => call.name === 'settings:get')).toHaveLength(2);
  });
});

describe('caller-provided text', () => {
  it('renders notices as text, never as markup', async () => {
    const { desk } = await renderApp();
    for (const message of markupStrings) desk.emit('app:notice', { level: 'warning', code: 'test', message });
    await settle();
    const shown = Array.from(document.querySelectorAll('.notice-text')).map((element) => element.textContent ?? '');
    expect(shown).toHaveLength(5); // only the latest five stay on screen
    markupStrings.slice(-5).forEach((message, index) => expect(shown[index]).toContain(message));
    expect(document.querySelectorAll('.notices script, .notices img, .notices svg:not(.icon), .notices iframe')).toHaveLength(0);
    await click(allByName('button', 'Dismiss message')[0]!);
    expect(document.querySelectorAll('.notice-text')).toHaveLength(4);
  });

  it('names file and field of provisioning problems in a dismissible banner that returns when they change', async () => {
    const problems = [
      { file: '/etc/agentdesk/config.json', field: 'defaults.sip.servers[0]', message: 'must be a ws:// or wss:// URL' },
      { file: '/etc/agentdesk/config.json', field: 'policy.ui.colour', message: 'unknown setting (ignored)' },
    ];
    const { desk } = await renderApp({ problems });
    const banner = region('The provisioning file has 2 problems');
    expect(banner.textContent).toContain('/etc/agentdesk/config.json — defaults.sip.servers[0]: must be a ws:// or wss:// URL');
    expect(banner.textContent).toContain('policy.ui.colour');
    await click(button('Dismiss'));
    expect(allByName('section', /provisioning file/)).toHaveLength(0);
    desk.problems.push({ file: '/etc/agentdesk/config.json', field: 'policy.sip.user', message: markupStrings[0]! });
    desk.emit('settings:changed', desk.effective());
    await settle();
    const again = region('The provisioning file has 3 problems');
    expect(again.textContent).toContain(markupStrings[0]);
    expect(again.querySelectorAll('script, img, svg:not(.icon)')).toHaveLength(0);
  });
});
