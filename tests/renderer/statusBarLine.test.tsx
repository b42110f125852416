// The status bar's phone line and do-not-disturb against a fake desk: the registration reason in plain words
// (401, 403, 404, 5xx, WS vs WSS connection failures) in English, Turkish and Russian, the countdown to the next
// attempt, failed and reconnecting told apart by colour and words, "Reconnect now" and Alt+G (sip:reconnect), and
// the DND toggle (aria-pressed, Alt+4 by physical key, calls:dnd, state from sip:registration). vitest + happy-dom.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fail, ok } from '../../electron/shared/ipc/result.js';
import type { SoftphoneStatus } from '../../electron/shared/ipc/softphone.js';
import { AgentDeskApp } from '../../renderer/src/components/AgentDeskApp.js';
import { shortcuts } from '../../renderer/src/keyboard/shortcuts.js';
import { allByName, button, click, mount, pressKey, settle, unmountAll } from './support/dom.js';
import { createFakeDesk, type FakeDesk } from './support/fakeDesk.js';

const server = 'wss://pbx.lab.test:8089/ws';
let desk: FakeDesk;
let current: SoftphoneStatus;

function sipStatus(overrides: Partial<SoftphoneStatus>): SoftphoneStatus {
  return { state: 'registered', server, dnd: false, at: Date.now(), ...overrides };
}

async function renderWith(status: SoftphoneStatus | null, locale = 'en') {
  current = status ?? sipStatus({});
  desk = createFakeDesk({ user: { 'ui.locale': locale, 'sip.servers': [server], 'sip.user': '1001' } });
  if (status) {
    desk.override('sip:status', () => ok(current));
    desk.override('sip:reconnect', () => ok(current));
    desk.override('calls:dnd', (args) => {
      current = { ...current, dnd: (args as { enabled: boolean }).enabled, at: current.at + 1 };
      // Core announces the change to every window, as SipService.setDoNotDisturb does.
      setTimeout(() => desk.emit('sip:registration', current), 0);
      return ok(current);
    });
  }
  desk.override('calls:list', () => ok([]));
  await mount(<AgentDeskApp bridge={desk.bridge} preferredLanguages={[locale]} />);
  await settle();
}

const lineItem = () => document.querySelector<HTMLElement>('.status-bar .line-status')!;
const lineText = () => (lineItem().querySelector('.line-status-text')?.textContent ?? '').replace(/\s+/g, ' ');
const lineDot = () => lineItem().querySelector('.status-dot')!.className;
const sent = (name: string) => desk.calls.filter((call) => call.name === name).map((call) => call.args);
const altKey = (code: string, key: string) => pressKey(key, { code, altKey: true });

beforeEach(() => localStorage.clear());
afterEach(() => unmountAll());

describe('the line in the status bar', () => {
  it('says why registration failed (401), in red, and "Reconnect now" asks core to register again', async () => {
    await renderWith(sipStatus({ state: 'failed', reason: 'auth-failed', code: 401, detail: 'Unauthorized' }));
    expect(lineText()).toBe('Line: Registration failed — wrong user name or password (SIP code 401)');
    expect(lineDot()).toContain('status-dot-error');

    const reconnect = button('Reconnect now');
    expect(reconnect.closest('.status-bar')).not.toBeNull();
    expect(reconnect.getAttribute('aria-keyshortcuts')).toBe('Alt+G');
    expect(reconnect.tabIndex).toBe(0); // a real <button>: reachable with Tab
    await click(reconnect);
    expect(sent('sip:reconnect')).toEqual([{}]);

    desk.emit('sip:registration', sipStatus({ state: 'registering' }));
    await settle();
    expect(lineText()).toBe('Line: Registering…');
    expect(lineDot()).toContain('status-dot-warning');
    expect(allByName('button', 'Reconnect now')).toHaveLength(0);
  });

  it.each([
    [{ reason: 'rejected', code: 403 }, 'forbidden by the server: check the user name and password (SIP code 403)'],
    [{ reason: 'rejected', code: 404 }, 'account not found on the server (SIP code 404)'],
    [{ reason: 'rejected', code: 503 }, 'server error (SIP code 503)'],
    [{ reason: 'rejected', code: 420 }, 'refused by the server (SIP code 420)'],
  ] as const)('names a final refusal %j in plain words', async (failure, words) => {
    await renderWith(sipStatus({ state: 'failed', ...failure }));
    expect(lineText()).toBe(`Line: Registration failed — ${words}`);
  });

  it('while waiting to retry: the reason, a countdown, amber (not the red of failed), and Alt+G by physical key', async () => {
    await renderWith(sipStatus({ state: 'reconnecting', reason: 'connection-failed', nextRetryAt: Date.now() + 25_000 }), 'ru');
    expect(lineText()).toMatch(
      /^Линия: Переподключение… — не удалось установить защищённое соединение \(WSS\/TLS\): сервер недоступен или его сертификату нет доверия; повтор через 2[45] с$/,
    );
    expect(lineDot()).toContain('status-dot-warning');
    expect(lineDot()).not.toContain('status-dot-error');
    expect(button('Переподключить сейчас').getAttribute('aria-keyshortcuts')).toBe('Alt+G');

    await altKey('KeyG', 'п'); // Alt+G on a Russian layout
    expect(sent('sip:reconnect')).toEqual([{}]);
  });

  it('on a plain ws:// server a failed connection is just "unreachable"; in Turkish', async () => {
    await renderWith(
      sipStatus({
        state: 'reconnecting',
        reason: 'connection-failed',
        server: 'ws://127.0.0.1:5066',
        nextRetryAt: Date.now() + 60_000,
      }),
      'tr',
    );
    expect(lineText()).toMatch(/^Hat: Yeniden bağlanıyor… — sunucuya ulaşılamıyor; (1 dk\.|\d\d sn\.) sonra yeniden denenecek$/);
    expect(allByName('button', 'Şimdi yeniden bağlan')).toHaveLength(1);
  });

  it('offers no reconnect while registered, and Alt+G then does nothing', async () => {
    await renderWith(sipStatus({}));
    expect(lineText()).toBe('Line: Registered');
    expect(lineDot()).toContain('status-dot-ok');
    expect(allByName('button', 'Reconnect now')).toHaveLength(0);
    await altKey('KeyG', 'g');
    expect(sent('sip:reconnect')).toEqual([]);
  });

  it('says so when core refuses to reconnect, and forgets the refusal once the button goes away', async () => {
    await renderWith(sipStatus({ state: 'failed', reason: 'auth-failed', code: 407 }));
    desk.override('sip:reconnect', () => fail('unavailable', 'The phone is shutting down'));
    await click(button('Reconnect now'));
    const alert = lineItem().querySelector('[role="alert"]');
    expect(alert).not.toBeNull();
    expect(alert!.textContent).toBe('AgentDesk cannot be reached right now. Try again in a moment.');

    // Registered again, then failed again hours later: the old refusal does not come back with the button.
    desk.emit('sip:registration', sipStatus({ at: Date.now() + 10 }));
    await settle();
    expect(lineItem().querySelector('[role="alert"]')).toBeNull();
    desk.emit('sip:registration', sipStatus({ state: 'failed', reason: 'auth-failed', code: 401, at: Date.now() + 20 }));
    await settle();
    expect(allByName('button', 'Reconnect now')).toHaveLength(1);
    expect(lineItem().querySelector('[role="alert"]')).toBeNull();
  });

  it('says a refusal in the operator’s language', async () => {
    await renderWith(sipStatus({ state: 'failed', reason: 'auth-failed', code: 401 }), 'tr');
    desk.override('sip:reconnect', () => fail('unavailable', 'The phone is shutting down'));
    await click(button('Şimdi yeniden bağlan'));
    expect(lineItem().querySelector('[role="alert"]')?.textContent).toBe(
      "AgentDesk'e şu anda ulaşılamıyor. Biraz sonra tekrar deneyin.",
    );
  });
});

describe('do-not-disturb in the status bar', () => {
  const dndButton = () => button('Do not disturb');

  it('shows core’s state, turns it on by click and off with Alt+4 (physical key), and follows sip:registration', async () => {
    await renderWith(sipStatus({}));
    const toggle = dndButton();
    expect(toggle.getAttribute('aria-pressed')).toBe('false');
    expect(toggle.getAttribute('aria-keyshortcuts')).toBe('Alt+4');
    expect(toggle.textContent).toContain('Off');

    await click(toggle);
    expect(sent('calls:dnd')).toEqual([{ enabled: true }]);
    await settle();
    expect(dndButton().getAttribute('aria-pressed')).toBe('true');
    expect(dndButton().textContent).toContain('On');
    expect(dndButton().querySelector('.status-dot-error')).not.toBeNull();

    await altKey('Digit4', '4');
    expect(sent('calls:dnd')).toEqual([{ enabled: true }, { enabled: false }]);
    await settle();
    expect(dndButton().getAttribute('aria-pressed')).toBe('false');

    // Turned on elsewhere (another window, the host CLI): the status bar follows core's event.
    desk.emit('sip:registration', sipStatus({ dnd: true, at: Date.now() + 10 }));
    await settle();
    expect(dndButton().getAttribute('aria-pressed')).toBe('true');
  });

  it('says when core refuses the toggle, until the state changes', async () => {
    await renderWith(sipStatus({}));
    desk.override('calls:dnd', () => fail('unavailable', 'The phone is shutting down'));
    await click(dndButton());
    const item = dndButton().closest('li')!;
    expect(item.querySelector('[role="alert"]')?.textContent).toBe(
      'AgentDesk cannot be reached right now. Try again in a moment.',
    );

    // Turned on elsewhere later: the old refusal goes, and does not come back when it is turned off again.
    desk.emit('sip:registration', sipStatus({ dnd: true, at: Date.now() + 10 }));
    await settle();
    expect(dndButton().getAttribute('aria-pressed')).toBe('true');
    expect(item.querySelector('[role="alert"]')).toBeNull();
    desk.emit('sip:registration', sipStatus({ dnd: false, at: Date.now() + 20 }));
    await settle();
    expect(item.querySelector('[role="alert"]')).toBeNull();
  });

  it('is translated, with the key in the shortcut list', async () => {
    await renderWith(sipStatus({ dnd: true }), 'tr');
    const toggle = button('Rahatsız etmeyin');
    expect(toggle.getAttribute('aria-pressed')).toBe('true');
    expect(toggle.textContent).toContain('Açık');
    expect(shortcuts.find((shortcut) => shortcut.id === 'toggleDnd')?.keys).toEqual(['alt', 'digit4']);
  });

  it('is not offered when this core has no softphone, and Alt+4 sends nothing', async () => {
    await renderWith(null);
    expect(allByName('button', /Do not disturb/)).toHaveLength(0);
    await altKey('Digit4', '4');
    expect(sent('calls:dnd')).toEqual([]);
  });
});
