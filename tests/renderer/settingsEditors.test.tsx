// The Settings dialog's own editors against a fake AgentDeskApi (vitest + happy-dom): SIP codes and DTMF as
// worded selects, auto-answer as a checkbox and seconds, the headset chosen from the ones core sees, setting
// errors in the operator's language, and recording a shortcut from the keyboard.
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ok } from '../../electron/shared/ipc/result.js';
import { settingDefinitions } from '../../electron/shared/settings.js';
import { AgentDeskApp } from '../../renderer/src/components/AgentDeskApp.js';
import { recordAccelerator } from '../../renderer/src/settings/recordAccelerator.js';
import { settingErrorPath } from '../../renderer/src/settings/settingErrorPath.js';
import { fromEditorText, settingEditors } from '../../renderer/src/settings/settingEditors.js';
import tr from '../../renderer/src/i18n/locales/tr.json';
import {
  allByName,
  byName,
  choose,
  click,
  describedByText,
  mount,
  pressKey,
  settle,
  typeInto,
  unmountAll,
} from './support/dom.js';
import { createFakeDesk, type FakeDesk, type FakeDeskOptions } from './support/fakeDesk.js';

async function openSettings(options: FakeDeskOptions = {}, language = 'en', setup: (desk: FakeDesk) => void = () => {}) {
  const desk = createFakeDesk(options);
  setup(desk);
  await mount(<AgentDeskApp bridge={desk.bridge} preferredLanguages={[language]} />);
  await pressKey(',', { ctrlKey: true });
  const dialog = document.querySelector<HTMLDialogElement>('dialog[open]');
  if (!dialog) throw new Error('Settings did not open');
  return { desk, dialog };
}

const optionTexts = (select: HTMLSelectElement) => Array.from(select.options).map((option) => option.textContent);
const buttonIn = (form: HTMLFormElement, text: string) =>
  Array.from(form.querySelectorAll('button')).find((b) => b.textContent === text)!;

const jabra = { id: '0b0e:0307', product: 'GN Netcom A/S Jabra EVOLVE LINK MS' };

beforeEach(() => localStorage.clear());
afterEach(() => unmountAll());

describe('SIP codes and keypad tones', () => {
  it('offers exactly the codes each schema allows, in words, and saves the number at once', async () => {
    const { desk } = await openSettings();
    const decline = byName<HTMLSelectElement>('dialog select', 'Decline code');
    expect(optionTexts(decline)).toEqual(['486 Busy here', '603 Decline']);
    expect(decline.value).toBe('486');
    const dnd = byName<HTMLSelectElement>('dialog select', 'Do-not-disturb code');
    expect(optionTexts(dnd)).toEqual(['486 Busy here', '480 Temporarily unavailable', '603 Decline']);
    const unavailable = byName<HTMLSelectElement>('dialog select', 'Reject code while not ready');
    expect(optionTexts(unavailable)).toEqual(['480 Temporarily unavailable', '486 Busy here', '603 Decline']);

    await choose(decline, '603');
    expect(desk.calls.at(-1)).toEqual({ name: 'settings:set', args: { key: 'phone.declineCode', value: 603 } });
    expect(desk.user['phone.declineCode']).toBe(603);
    await choose(dnd, '480');
    expect(desk.user['phone.dndCode']).toBe(480);

    const dtmf = byName<HTMLSelectElement>('dialog select', 'Keypad tones');
    expect(optionTexts(dtmf)).toEqual(['In the audio (RFC 4733)', 'SIP INFO messages']);
    await choose(dtmf, 'info');
    expect(desk.user['phone.dtmfMethod']).toBe('info');
    // Every option of every choice is a value its schema accepts.
    for (const [key, editor] of Object.entries(settingEditors)) {
      if (editor.kind !== 'choice') continue;
      for (const option of editor.options) {
        const parsed = fromEditorText(editor, option.value);
        expect(
          parsed.ok && settingDefinitions[key as keyof typeof settingDefinitions].schema.safeParse(parsed.value).success,
          `${key} ${option.value}`,
        ).toBe(true);
      }
    }
  });

  it('speaks Turkish and stays read-only when IT locks the code', async () => {
    await openSettings({ policy: { 'phone.declineCode': { value: 603 } } }, 'tr');
    const decline = byName<HTMLSelectElement>('dialog select', tr.settings.keys.phone.declineCode.label);
    expect(optionTexts(decline)).toEqual(['486 Meşgul', '603 Reddedildi']);
    expect(decline.value).toBe('603');
    expect(decline.disabled).toBe(true);
  });
});

describe('auto-answer', () => {
  it('is a checkbox and a delay in seconds, saved as { enabled, delayMs }', async () => {
    const { desk } = await openSettings({ user: { 'phone.autoAnswer': { enabled: false, delayMs: 1500 } } });
    const enabled = byName<HTMLInputElement>('dialog input', 'Answer by itself');
    const delay = byName<HTMLInputElement>('dialog input', 'Delay (seconds)');
    expect(enabled.type).toBe('checkbox');
    expect(enabled.checked).toBe(false);
    expect(delay.value).toBe('1.5');
    const group = enabled.closest('[role="group"]')!;
    expect(document.getElementById(group.getAttribute('aria-labelledby')!)?.textContent).toBe('Auto-answer');
    expect(describedByText(delay)).toContain('after the delay in seconds');

    const form = enabled.closest('form')!;
    await click(enabled);
    await typeInto(delay, '2');
    await click(buttonIn(form, 'Save'));
    expect(desk.calls.at(-1)).toEqual({
      name: 'settings:set',
      args: { key: 'phone.autoAnswer', value: { enabled: true, delayMs: 2000 } },
    });
    expect(enabled.checked).toBe(true);
    expect(delay.value).toBe('2');
  });

  it('takes a decimal comma as typed on Turkish and Russian keyboards', async () => {
    const { desk } = await openSettings({}, 'tr');
    const delay = byName<HTMLInputElement>('dialog input', tr.settingsEditors.autoAnswer.delay);
    // A text field with the decimal keypad: a number field would read "1,5" as nothing at all.
    expect(delay.type).toBe('text');
    expect(delay.inputMode).toBe('decimal');
    await typeInto(delay, '1,5');
    expect(delay.value).toBe('1,5');
    await click(buttonIn(delay.closest('form')!, tr.settings.save));
    expect(desk.calls.at(-1)).toEqual({
      name: 'settings:set',
      args: { key: 'phone.autoAnswer', value: { enabled: false, delayMs: 1500 } },
    });
  });

  it('refuses a delay outside the schema without asking core, in the operator’s words', async () => {
    const { desk } = await openSettings();
    const delay = byName<HTMLInputElement>('dialog input', 'Delay (seconds)');
    await typeInto(delay, '61');
    const before = desk.calls.length;
    await click(buttonIn(delay.closest('form')!, 'Save'));
    expect(desk.calls.length).toBe(before);
    expect(delay.getAttribute('aria-invalid')).toBe('true');
    expect(describedByText(delay)).toContain('Enter a delay from 0 to 60 seconds.');
    // The conversion itself: a decimal comma is a decimal point; blank, negative and 60.001 s are refused.
    const editor = settingEditors['phone.autoAnswer'];
    const text = (delaySeconds: string) => JSON.stringify({ enabled: true, delaySeconds });
    expect(fromEditorText(editor, text('2,5'))).toEqual({ ok: true, value: { enabled: true, delayMs: 2500 } });
    expect(fromEditorText(editor, text('60'))).toEqual({ ok: true, value: { enabled: true, delayMs: 60_000 } });
    for (const bad of ['', ' ', '-1', '60.001', 'soon'])
      expect(fromEditorText(editor, text(bad)), bad).toEqual({ ok: false, reason: 'invalidDelay' });
  });

  it('is read-only when locked', async () => {
    await openSettings({ policy: { 'phone.autoAnswer': { value: { enabled: true, delayMs: 0 } } } });
    const enabled = byName<HTMLInputElement>('dialog input', 'Answer by itself');
    expect(enabled.checked).toBe(true);
    expect(enabled.disabled).toBe(true);
    expect(byName<HTMLInputElement>('dialog input', 'Delay (seconds)').disabled).toBe(true);
    expect(enabled.closest('form')!.querySelectorAll('button')).toHaveLength(0);
  });
});

describe('headset choice', () => {
  it('lists the headsets core sees, keeps a saved one that is unplugged, and asks again when the headset status changes', async () => {
    let connected = [jabra];
    const { desk } = await openSettings({ user: { 'headset.device': '047F:02E6' } }, 'en', (fake) =>
      fake.override('headset:devices', () => ok({ devices: connected })),
    );
    const select = byName<HTMLSelectElement>('dialog select', 'Which headset');
    expect(optionTexts(select)).toEqual([
      'First telephony headset',
      'GN Netcom A/S Jabra EVOLVE LINK MS (id 0b0e:0307)',
      '047f:02e6 (not connected)',
    ]);
    expect(select.value).toBe('047f:02e6');

    await choose(select, '0b0e:0307');
    expect(desk.calls.at(-1)).toEqual({ name: 'settings:set', args: { key: 'headset.device', value: '0b0e:0307' } });
    expect(optionTexts(select)).toEqual(['First telephony headset', 'GN Netcom A/S Jabra EVOLVE LINK MS (id 0b0e:0307)']);

    connected = [jabra, { id: '047f:02e6', product: 'Poly BT700' }];
    const asked = desk.calls.filter((call) => call.name === 'headset:devices').length;
    desk.emit('headset:changed', { state: 'active', candidates: 2 });
    await settle();
    expect(desk.calls.filter((call) => call.name === 'headset:devices').length).toBe(asked + 1);
    expect(optionTexts(select)).toContain('Poly BT700 (id 047f:02e6)');
    await choose(select, '');
    expect(desk.user['headset.device']).toBe('');
  });

  it('still offers the first headset and the saved id when core cannot list headsets, and is read-only when locked', async () => {
    await openSettings({ policy: { 'headset.device': { value: '0b0e:0307' } } });
    const select = byName<HTMLSelectElement>('dialog select', 'Which headset');
    expect(optionTexts(select)).toEqual(['First telephony headset', '0b0e:0307 (not connected)']);
    expect(select.disabled).toBe(true);
  });
});

describe('setting errors', () => {
  it('names the failing part in the operator’s language and keeps the English detail as secondary text', async () => {
    await openSettings({}, 'tr');
    const servers = byName<HTMLTextAreaElement>('dialog textarea', tr.settings.keys.sip.servers.label);
    await typeInto(servers, 'wss://good.example.com\nhttp://not-a-websocket.example.com');
    await click(buttonIn(servers.closest('form')!, tr.settings.save));
    const description = describedByText(servers);
    expect(description).toContain('Değer kabul edilmedi.');
    expect(description).toContain('Bu değer geçerli değil: 2. öğe');
    const english = servers.closest('form')!.querySelector('[lang="en"]');
    expect(english?.textContent).toBe('value.1: must be a ws:// or wss:// URL');
  });

  it('leaves the schema’s field names out of the translated line, in the English detail only', async () => {
    await openSettings({}, 'tr');
    const ice = byName<HTMLTextAreaElement>('dialog textarea', tr.settings.keys.sip.iceServers.label);
    await typeInto(ice, '[{"urls": "stun:stun.example.com"}, {"urls": 5}]');
    await click(buttonIn(ice.closest('form')!, tr.settings.save));
    const english = ice.closest('form')!.querySelector('[lang="en"]')!;
    expect(english.textContent).toMatch(/^value\.1\.urls: /);
    const line = english.closest('li')!;
    expect(line.textContent!.slice(0, -english.textContent!.length).trim()).toBe('Bu değer geçerli değil: 2. öğe');
  });

  it('reads paths from the core (setting key) and from the argument (value) alike', () => {
    expect(settingErrorPath('sip.servers', 'sip.servers.1')).toEqual([{ entry: 2 }]);
    expect(settingErrorPath('sip.servers', 'value.1')).toEqual([{ entry: 2 }]);
    expect(settingErrorPath('sip.iceServers', 'sip.iceServers.0.urls')).toEqual([{ entry: 1 }, { field: 'urls' }]);
    expect(settingErrorPath('phone.defaultCountry', 'phone.defaultCountry')).toEqual([]);
    expect(settingErrorPath('phone.defaultCountry', '(root)')).toEqual([]);
  });
});

describe('recording a shortcut', () => {
  function keyDown(target: HTMLElement, init: KeyboardEventInit): KeyboardEvent {
    const event = new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init });
    act(() => void target.dispatchEvent(event));
    return event;
  }

  it('takes the next combination by physical key, in the core’s accelerator form, for Save to send', async () => {
    const { desk } = await openSettings();
    const answer = byName<HTMLInputElement>('dialog input', 'Answer');
    const form = answer.closest('form')!;
    const record = byName<HTMLButtonElement>('dialog button', 'Record Answer');
    await click(record);
    expect(record.getAttribute('aria-pressed')).toBe('true');
    expect(form.textContent).toContain('Press the new key combination. Esc cancels.');
    // Modifiers alone are not a shortcut yet.
    keyDown(record, { key: 'Control', code: 'ControlLeft', ctrlKey: true });
    expect(record.getAttribute('aria-pressed')).toBe('true');
    // Ctrl+Shift+Q on a Russian layout: the key says й, the physical key is Q.
    const press = keyDown(record, { key: 'Й', code: 'KeyQ', ctrlKey: true, shiftKey: true });
    expect(press.defaultPrevented).toBe(true);
    expect(answer.value).toBe('Control+Shift+Q');
    expect(record.getAttribute('aria-pressed')).toBe('false');
    // The desk's global shortcuts were let go while recording (the OS would have taken F8 first) and taken again.
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
    });
    expect(desk.calls.filter((call) => call.name === 'hotkeys:pause').map((call) => call.args)).toEqual([
      { paused: true },
      { paused: false },
    ]);
    expect(form.textContent).toContain('Recorded Control+Shift+Q. Save to use it.');
    await click(buttonIn(form, 'Save'));
    expect(desk.user['hotkeys.answer']).toBe('Control+Shift+Q');
  });

  it('cancels with Escape without closing the dialog or changing the field; a locked shortcut has nothing to record', async () => {
    const { dialog } = await openSettings({ policy: { 'hotkeys.mute': { value: 'F8' } } });
    const hold = byName<HTMLInputElement>('dialog input', 'Hold');
    const record = byName<HTMLButtonElement>('dialog button', 'Record Hold');
    await click(record);
    const escape = keyDown(record, { key: 'Escape', code: 'Escape' });
    expect(escape.defaultPrevented).toBe(true); // a native <dialog> closes on an Escape nobody prevented
    expect(record.getAttribute('aria-pressed')).toBe('false');
    expect(hold.value).toBe('F7');
    expect(dialog.open).toBe(true);
    // Not recording, keys are the page's again.
    expect(keyDown(record, { key: 'F9', code: 'F9' }).defaultPrevented).toBe(false);
    expect(byName<HTMLInputElement>('dialog input', 'Mute').disabled).toBe(true);
    expect(allByName('dialog button', /^Record /).map((b) => b.textContent)).toHaveLength(5);
    expect(allByName('dialog button', 'Record Mute')).toEqual([]);
  });

  it('maps physical keys to Electron names', () => {
    const press = (code: string, modifiers: Partial<KeyboardEvent> = {}) =>
      recordAccelerator({ code, ctrlKey: false, altKey: false, shiftKey: false, metaKey: false, ...modifiers });
    expect(press('F9')).toEqual({ kind: 'accelerator', text: 'F9' });
    expect(press('Numpad1', { ctrlKey: true })).toEqual({ kind: 'accelerator', text: 'Control+num1' });
    expect(press('ArrowUp', { altKey: true, shiftKey: true })).toEqual({ kind: 'accelerator', text: 'Alt+Shift+Up' });
    expect(press('MediaPlayPause')).toEqual({ kind: 'accelerator', text: 'MediaPlayPause' });
    expect(press('Digit5', { metaKey: true })).toEqual({ kind: 'accelerator', text: 'Super+5' });
    // As pressed when the core would refuse it: saving then says why.
    expect(press('KeyA')).toEqual({ kind: 'accelerator', text: 'A' });
    expect(press('ShiftLeft', { shiftKey: true })).toEqual({ kind: 'incomplete' });
    expect(press('Escape', { ctrlKey: true })).toEqual({ kind: 'cancel' });
  });
});
