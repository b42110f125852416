// The agent state in the status bar against a fake desk: the state with its reason and time, the menu
// (mouse and keyboard: arrows, Escape, focus back on the button), reasons from settings, wrap-up countdown,
// the pending state and withdrawing it, the over-limit warning, Alt+1/2/3, errors, and Turkish.
// vitest + happy-dom.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AgentStatus } from '../../electron/shared/ipc/agent.js';
import { fail, ok } from '../../electron/shared/ipc/result.js';
import { AgentDeskApp } from '../../renderer/src/components/AgentDeskApp.js';
import { allByName, button, byName, click, mount, pressKey, settle, unmountAll } from './support/dom.js';
import { createFakeDesk, type FakeDesk } from './support/fakeDesk.js';

let desk: FakeDesk;
let current: AgentStatus;

function status(overrides: Partial<AgentStatus> = {}): AgentStatus {
  return {
    state: 'notReady',
    reasonCode: null,
    since: Date.now(),
    callId: null,
    pending: null,
    acw: null,
    overLimit: false,
    ...overrides,
  };
}

async function renderWith(initial: AgentStatus, languages = ['en']) {
  current = initial;
  desk = createFakeDesk();
  desk.override('agent:getState', () => ok(current));
  desk.override('agent:setState', (args) => {
    const { state, reasonCode } = args as { state: AgentStatus['state']; reasonCode?: string };
    current = status({ state, reasonCode: reasonCode ?? null });
    return ok(current);
  });
  desk.override('agent:requestAfterCall', () => {
    current = { ...current, pending: null };
    return ok(current);
  });
  await mount(<AgentDeskApp bridge={desk.bridge} preferredLanguages={languages} />);
  await settle();
}

const agentButton = () => byName<HTMLButtonElement>('button', /^Agent: |^Temsilci: /);
const statusText = () => (agentButton().closest('.agent-status')?.textContent ?? '').replace(/\s+/g, ' ');
const sent = (name: string) => desk.calls.filter((call) => call.name === name).map((call) => call.args);
const menuItem = (name: string) => byName<HTMLButtonElement>('[role="menuitemradio"], [role="menuitem"]', name);

beforeEach(() => localStorage.clear());
afterEach(() => unmountAll());

describe('agent state in the status bar', () => {
  it('shows the state with its reason and the time in it', async () => {
    await renderWith(status({ reasonCode: 'meeting', since: Date.now() - 65_000 }));
    expect(agentButton().textContent).toBe('Agent: Not ready: Meeting');
    expect(statusText()).toContain('Time in this state1:05');
    expect(agentButton().getAttribute('aria-expanded')).toBe('false');
    expect(document.querySelector('[role="menu"]')).toBeNull();
  });

  it('opens a menu of states and reasons, chooses with a click, and gives focus back to the button', async () => {
    await renderWith(status());
    await click(agentButton());
    const menu = byName('[role="menu"]', 'Agent state');
    expect(agentButton().getAttribute('aria-expanded')).toBe('true');
    expect(agentButton().getAttribute('aria-controls')).toBe(menu.id);
    const names = Array.from(menu.querySelectorAll('[role^="menuitem"]'), (item) => item.textContent);
    expect(names).toEqual([
      'Available',
      'Not ready (no reason)',
      'Meeting',
      'Training',
      'Back-office work',
      'Technical problem',
      'Break (no reason)',
      'Break',
      'Lunch',
      'Log out',
    ]);
    expect(byName('[role="group"]', 'Break').textContent).toContain('Lunch');
    expect(menuItem('Not ready (no reason)').getAttribute('aria-checked')).toBe('true');
    expect(document.activeElement).toBe(menuItem('Not ready (no reason)'));
    expect(menuItem('Available').getAttribute('aria-keyshortcuts')).toBe('Alt+1');

    await click(menuItem('Lunch'));
    expect(sent('agent:setState')).toEqual([{ state: 'break', reasonCode: 'lunch' }]);
    expect(document.querySelector('[role="menu"]')).toBeNull();
    expect(document.activeElement).toBe(agentButton());
    expect(agentButton().textContent).toBe('Agent: Break: Lunch');
  });

  it('works from the keyboard: ArrowDown opens, arrows move, Enter chooses, Escape closes', async () => {
    await renderWith(status({ state: 'available' }));
    agentButton().focus();
    await pressKey('ArrowDown');
    expect(document.activeElement).toBe(menuItem('Available'));
    await pressKey('ArrowDown');
    expect(document.activeElement).toBe(menuItem('Not ready (no reason)'));
    await pressKey('ArrowUp');
    await pressKey('ArrowUp');
    expect(document.activeElement).toBe(menuItem('Log out')); // wraps around
    await pressKey('Home');
    expect(document.activeElement).toBe(menuItem('Available'));
    await pressKey('Escape');
    expect(document.querySelector('[role="menu"]')).toBeNull();
    expect(document.activeElement).toBe(agentButton());
    expect(sent('agent:setState')).toEqual([]);

    await pressKey('ArrowDown');
    await pressKey('End');
    await pressKey('ArrowUp');
    expect(document.activeElement).toBe(menuItem('Lunch'));
    await click(document.activeElement as HTMLElement); // Enter on a button is a click
    expect(sent('agent:setState')).toEqual([{ state: 'break', reasonCode: 'lunch' }]);
  });

  it('during wrap-up shows the countdown, why it holds, the pending state, and can withdraw it', async () => {
    await renderWith(status({ state: 'available' }));
    current = status({
      state: 'wrapUp',
      callId: 'call-1',
      acw: { mode: 'mandatory', deadline: Date.now() + 90_500, canExit: false },
      pending: { state: 'notReady', reasonCode: 'training' },
    });
    desk.emit('agent:state', current);
    await settle();
    expect(agentButton().textContent).toBe('Agent: Wrap-up');
    expect(statusText()).toContain('1:30 left');
    expect(statusText()).toContain('Next: Not ready: Training');

    await click(agentButton());
    const menuText = byName('[role="menu"]', 'Agent state').textContent ?? '';
    expect(menuText).toContain('Submit the wrap-up to finish after-call work.');
    expect(menuText).toContain('Your choice applies after the call and its wrap-up.');
    await click(menuItem('Cancel “Not ready: Training” after the call'));
    expect(sent('agent:requestAfterCall')).toEqual([{ after: null }]);
    expect(statusText()).not.toContain('Next:');
  });

  it('warns when a reason is over its time limit', async () => {
    await renderWith(status({ state: 'break', reasonCode: 'break' }));
    expect(allByName('[role="status"]', 'Over the time limit')).toEqual([]);
    desk.emit('agent:state', status({ state: 'break', reasonCode: 'break', overLimit: true }));
    await settle();
    expect(allByName('[role="status"]', 'Over the time limit')).toHaveLength(1);
  });

  it('Alt+1, Alt+2 and Alt+3 change the state, also from a text field', async () => {
    await renderWith(status());
    await pressKey('1', { code: 'Digit1', altKey: true });
    await pressKey('2', { code: 'Digit2', altKey: true });
    const input = document.createElement('input');
    document.body.append(input);
    input.focus();
    await pressKey('3', { code: 'Digit3', altKey: true });
    await pressKey('3', { code: 'Digit3', altKey: true, ctrlKey: true });
    input.remove();
    expect(sent('agent:setState')).toEqual([{ state: 'available' }, { state: 'notReady' }, { state: 'break' }]);
  });

  it('shows a refused change in the operator’s language', async () => {
    await renderWith(status());
    desk.override('agent:setState', () => fail('invalid_args', 'There is no not-ready reason "x"'));
    await click(agentButton());
    await click(menuItem('Meeting'));
    const alert = byName('[role="alert"]', /.+/);
    expect(alert.textContent).not.toContain('There is no');
    expect(agentButton().getAttribute('aria-describedby')).toBe(alert.id);
  });

  it('speaks Turkish, with the reason labels from settings', async () => {
    await renderWith(status({ reasonCode: 'meeting' }), ['tr']);
    expect(agentButton().textContent).toBe('Temsilci: Hazır değil (Toplantı)');
    await click(agentButton());
    expect(menuItem('Yemek')).toBeTruthy();
    expect(button('Oturumu kapat').getAttribute('role')).toBe('menuitemradio');
  });
});
