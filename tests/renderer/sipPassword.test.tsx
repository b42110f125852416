// The SIP password in Settings: write-only, sent once through sip:setPassword, cleared from the page.
import { afterEach, describe, expect, it } from 'vitest';
import { AgentDeskApp } from '../../renderer/src/components/AgentDeskApp.js';
import { fail, ok } from '../../electron/shared/ipc/result.js';
import { button, byName, click, mount, pressKey, typeInto, unmountAll } from './support/dom.js';
import { createFakeDesk } from './support/fakeDesk.js';

const status = { state: 'registered' as const, dnd: false, at: 1 };

async function openSettings() {
  const desk = createFakeDesk();
  await mount(<AgentDeskApp bridge={desk.bridge} preferredLanguages={['en']} />);
  await pressKey(',', { ctrlKey: true });
  return desk;
}

afterEach(() => unmountAll());

describe('SIP password', () => {
  it('is a password field that sends the value once and then forgets it', async () => {
    const desk = await openSettings();
    const sent: unknown[] = [];
    desk.override('sip:setPassword', (args) => (sent.push(args), ok(status)));
    const field = byName<HTMLInputElement>('dialog input', 'SIP password');
    expect(field.type).toBe('password');
    expect(button('Save password').disabled).toBe(true);
    await typeInto(field, 's3cret!');
    await click(button('Save password'));
    expect(sent).toEqual([{ password: 's3cret!' }]);
    expect(field.value).toBe('');
    expect(document.querySelector('dialog')!.textContent).toContain('Password saved.');
  });

  it('shows the core error and keeps what was typed', async () => {
    const desk = await openSettings();
    desk.override('sip:setPassword', () => fail('unavailable', 'Core is not running'));
    const field = byName<HTMLInputElement>('dialog input', 'SIP password');
    await typeInto(field, 'again');
    await click(button('Save password'));
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(field.value).toBe('again');
  });
});
