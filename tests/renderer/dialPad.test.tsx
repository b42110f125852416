// The dial pad for outbound calls (renderer/src/softphone/DialPad.tsx in the softphone bar): a toggle next to the
// dial field while no call is live; 0–9, *, # and + type into the field at the caret, backspace erases, Enter
// dials as before; a click gives the focus back to the field, the keyboard stays on the pad (digits typed there
// go into the field, Escape goes back); during a call the pad is gone, so "Digit N" names only the call's Keypad.
// vitest + happy-dom.
import { act } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { ok } from '../../electron/shared/ipc/result.js';
import type { CallView } from '../../electron/shared/ipc/softphone.js';
import { AgentDeskApp } from '../../renderer/src/components/AgentDeskApp.js';
import { eraseInDialField, typeIntoDialField } from '../../renderer/src/softphone/dialPadInput.js';
import { activeInboundCall, fixtureTime } from './support/callViews.js';
import {
  allByName,
  button,
  byName,
  click,
  mount,
  pressKey,
  region,
  settle,
  submit,
  typeInto,
  unmountAll,
} from './support/dom.js';
import { createFakeDesk, type FakeDesk } from './support/fakeDesk.js';

afterEach(() => unmountAll());

async function openDesk(options: { language?: string; calls?: CallView[]; registered?: boolean } = {}): Promise<FakeDesk> {
  const desk = createFakeDesk();
  const state = options.registered === false ? 'notRegistered' : 'registered';
  desk.override('sip:status', () => ok({ state, dnd: false, at: fixtureTime }));
  desk.override('calls:list', () => ok(options.calls ?? []));
  await mount(<AgentDeskApp bridge={desk.bridge} preferredLanguages={[options.language ?? 'en']} />);
  await settle();
  return desk;
}

const dialField = () => byName<HTMLInputElement>('input', 'Number to dial');
const pad = () => byName('[role="group"]', 'Dial pad');
const padKey = (name: string) => byName<HTMLButtonElement>('.dial-pad button', name);

/** A click as a mouse makes it: the button takes the focus on press, and the click reports one click. */
async function pointerClick(element: HTMLElement): Promise<void> {
  await act(async () => {
    element.focus();
    element.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, detail: 1 }));
  });
  await settle();
}

/** Enter or Space on a focused button: a click with no pointer behind it (detail 0). */
async function keyboardClick(element: HTMLElement): Promise<void> {
  await act(async () => {
    element.focus();
    element.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, detail: 0 }));
  });
  await settle();
}

describe('editing the number from the pad', () => {
  it('types at the caret, over a selection, and at the end of a field that never had one', () => {
    expect(typeIntoDialField('0532', 4, 4, '1')).toEqual({ value: '05321', caret: 5 });
    expect(typeIntoDialField('0532', 1, 1, '+')).toEqual({ value: '0+532', caret: 2 });
    expect(typeIntoDialField('0532', 1, 3, '9')).toEqual({ value: '092', caret: 2 });
    expect(typeIntoDialField('12', null, null, '#')).toEqual({ value: '12#', caret: 3 });
  });

  it('erases the character before the caret, or the selection, and nothing at the start', () => {
    expect(eraseInDialField('0532', 4, 4)).toEqual({ value: '053', caret: 3 });
    expect(eraseInDialField('0532', 2, 2)).toEqual({ value: '032', caret: 1 });
    expect(eraseInDialField('0532', 1, 3)).toEqual({ value: '02', caret: 1 });
    expect(eraseInDialField('0532', 0, 0)).toEqual({ value: '0532', caret: 0 });
    expect(eraseInDialField('1😀', null, null)).toEqual({ value: '1', caret: 1 });
  });
});

describe('the dial pad in the softphone bar', () => {
  it('opens next to the dial field, types with clicks, gives the focus back to the field and dials with Enter', async () => {
    const desk = await openDesk();
    const toggle = button('Dial pad');
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(toggle.closest('form')).toBe(dialField().form);
    expect(document.querySelector('.dial-pad')).toBeNull();

    await click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(toggle.getAttribute('aria-controls')).toBe(pad().id);
    expect(pad().closest('section')).toBe(region('Softphone'));
    const names = Array.from(pad().querySelectorAll('button')).map((key) => key.getAttribute('aria-label'));
    expect(names).toEqual([
      ...['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'].map((digit) => `Digit ${digit}`),
      'Plus sign',
      'Delete last digit',
    ]);
    for (const key of Array.from(pad().querySelectorAll('button'))) expect(key.tabIndex).toBe(0);

    for (const name of ['Plus sign', 'Digit 9', 'Digit 0', 'Digit 5', 'Digit 3', 'Digit 3']) await pointerClick(padKey(name));
    expect(dialField().value).toBe('+90533');
    expect(document.activeElement).toBe(dialField());
    await pointerClick(padKey('Delete last digit'));
    await pointerClick(padKey('Digit 2'));
    expect(dialField().value).toBe('+90532');
    expect(document.activeElement).toBe(dialField());
    expect(dialField().selectionStart).toBe(6);

    // Typed in the middle: the pad types where the caret is.
    await act(async () => dialField().setSelectionRange(3, 3));
    await pointerClick(padKey('Digit 0'));
    expect(dialField().value).toBe('+900532');
    expect(dialField().selectionStart).toBe(4);

    await submit(dialField().form!);
    expect(desk.calls.filter((call) => call.name === 'calls:dial').map((call) => call.args)).toEqual([{ target: '+900532' }]);
  });

  it('works from the keyboard: keys stay focused, typed digits and Backspace edit the field, Escape goes back', async () => {
    await openDesk();
    await click(button('Dial pad'));
    await typeInto(dialField(), '0212');
    await keyboardClick(padKey('Digit 4'));
    expect(dialField().value).toBe('02124');
    expect(document.activeElement).toBe(padKey('Digit 4'));

    await pressKey('5');
    await pressKey('#');
    await pressKey('+');
    expect(dialField().value).toBe('021245#+');
    await pressKey('Backspace');
    expect(dialField().value).toBe('021245#');
    // Alt+digit belongs to the agent-state shortcuts, not to the number.
    await pressKey('1', { altKey: true });
    expect(dialField().value).toBe('021245#');
    expect(document.activeElement).toBe(padKey('Digit 4'));

    await pressKey('Escape');
    expect(document.activeElement).toBe(dialField());
    // Closing the pad with its toggle leaves the field as it was.
    await click(button('Dial pad'));
    expect(document.querySelector('.dial-pad')).toBeNull();
    expect(dialField().value).toBe('021245#');
  });

  it('is disabled with the field while the line is not registered', async () => {
    await openDesk({ registered: false });
    const toggle = button('Dial pad');
    expect(toggle.disabled).toBe(true);
    expect(dialField().disabled).toBe(true);
  });

  it('is gone during a call, so Digit 4 names only the call keypad’s key, and back after it', async () => {
    const call = activeInboundCall({ id: 'c1' });
    const desk = await openDesk({ calls: [call] });
    expect(allByName('button', 'Dial pad')).toHaveLength(0);
    await click(button('Keypad'));
    const digit = button('Digit 4');
    expect(digit.closest('.call-keypad')).not.toBeNull();
    expect(region('Softphone').querySelectorAll('.dial-pad')).toHaveLength(0);

    desk.emit('calls:state', {
      ...call,
      state: 'ended',
      endReason: 'completed',
      hungUpBy: 'remote',
      endedAt: fixtureTime + 1000,
      at: fixtureTime + 1000,
    });
    await settle();
    expect(button('Dial pad').getAttribute('aria-expanded')).toBe('false');
  });

  it.each([
    ['tr', 'Numara tuşları', 'Aranacak numara', ['Tuş 7', 'Artı işareti', 'Tuş 5', 'Son rakamı sil']],
    ['ru', 'Панель набора', 'Номер для вызова', ['Клавиша 7', 'Знак плюс', 'Клавиша 5', 'Стереть последнюю цифру']],
  ])('speaks %s', async (language, toggleName, fieldName, keyNames) => {
    await openDesk({ language });
    await click(button(toggleName));
    for (const name of keyNames) await pointerClick(byName<HTMLButtonElement>('.dial-pad button', name));
    expect(byName<HTMLInputElement>('input', fieldName).value).toBe('7+');
    expect(byName('[role="group"]', toggleName).classList.contains('dial-pad')).toBe(true);
  });
});
