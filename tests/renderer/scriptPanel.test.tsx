// The call-script viewer in the console, against a fake desk serving the real demo script (inbound-service-en,
// read from db/demo/scripts): values filled in as text, unknown ones marked, keyboard navigation (Enter/→ next,
// ←/Backspace back outside fields, 1–9 choose), every move saved, the place restored after a reload, and hostile
// customer names (the naughty-strings list) shown as text only. vitest + happy-dom.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { fillTemplateText, scriptDefinitionSchema, type ScriptRun, type ScriptValues } from '../../electron/shared/callScript.js';
import { ok } from '../../electron/shared/ipc/result.js';
import type { ScriptForCall } from '../../electron/shared/ipc/scripts.js';
import { AgentDeskApp } from '../../renderer/src/components/AgentDeskApp.js';
import { repoRoot, sharedTestdata } from '../support/paths.js';
import { bodyText, button, byName, click, mount, pressKey, region, settle, typeInto, unmountAll } from './support/dom.js';
import { createFakeDesk, type FakeDesk } from './support/fakeDesk.js';
import { activeInboundCall } from './support/callViews.js';

const definition = scriptDefinitionSchema.parse(
  parse(readFileSync(join(repoRoot, 'db', 'demo', 'scripts', 'inbound-service-en.yaml'), 'utf8')),
);
const at = Date.UTC(2026, 10, 28, 9, 0, 0);
const call = activeInboundCall();

let desk: FakeDesk;
/** What core keeps: the last saved run. */
let saved: ScriptRun | null;
let saves: ScriptRun[];

function forCall(values: ScriptValues): ScriptForCall {
  return {
    callId: 'c1',
    script: {
      id: 'v1',
      key: definition.key,
      version: 1,
      name: definition.name,
      language: 'en',
      active: true,
      importedAt: at,
      definition,
    },
    reason: 'inboundDefault',
    values,
    run: saved,
    items: [
      {
        code: 'TRF-KONUSKAN-20',
        kind: 'tariff',
        name: 'Süper Konuşkan 20 GB',
        description: '20 GB internet, 1000 dakika, 250 SMS; 12 ay taahhütlü.',
        priceMinor: 34990,
        currency: 'TRY',
        discountPercent: null,
        discountMinor: null,
        unavailable: null,
      },
    ],
    articles: [],
  };
}

async function open(values: ScriptValues = { 'customer.name': 'Jane Doe', 'agent.name': 'Derya' }) {
  desk = createFakeDesk();
  desk.override('sip:status', () => ok({ state: 'registered', dnd: false, at }));
  desk.override('calls:list', () => ok([call]));
  desk.override('scripts:forCall', () => ok(forCall(values)));
  desk.override('scripts:saveProgress', (args) => {
    saved = (args as { run: ScriptRun }).run;
    saves.push(saved);
    return ok({ run: saved, draftSaved: true });
  });
  await mount(<AgentDeskApp bridge={desk.bridge} preferredLanguages={['en']} />);
  await settle();
}

const scriptText = () => (region('Script and knowledge').textContent ?? '').replace(/\s+/g, ' ');
const heading = (name: string) => byName<HTMLHeadingElement>('h3', name);
const path = () => Array.from(document.querySelectorAll('nav[aria-label="Path taken"] li')).map((li) => li.textContent);

beforeEach(() => {
  localStorage.clear();
  saved = null;
  saves = [];
});
afterEach(() => unmountAll());

describe('the call script viewer', () => {
  it('shows the current step with the values as text and the unknown ones marked, never "undefined"', async () => {
    await open();
    expect(scriptText()).toContain('Inbound call – customer service');
    expect(scriptText()).toContain('The default for incoming calls');
    heading('Greeting');
    expect(scriptText()).toContain('Thank you for calling, my name is Derya. Am I speaking with Jane Doe?');

    await pressKey('Enter', {}, heading('Greeting'));
    expect(scriptText()).toContain(
      'could you confirm your account number ([ask: account number]) or the last four digits of your ID?',
    );
    expect(document.querySelector('mark.script-missing')?.textContent).toBe('[ask: account number]');
    expect(scriptText()).not.toMatch(/undefined|\{\{/);
  });

  it('moves with the keyboard: Enter and → on, ← and Backspace back, 1–9 choose; each move is saved', async () => {
    await open();
    heading('Greeting').focus();
    await pressKey('ArrowRight');
    expect(document.activeElement).toBe(heading('Identity check'));

    // A required question: Enter without an answer says why and stays.
    await pressKey('Enter');
    expect(byName('p', 'Answer the question to go on.').getAttribute('role')).toBe('alert');
    expect(document.activeElement).toBe(heading('Identity check'));
    await pressKey('1');
    expect(byName<HTMLInputElement>('input', 'Yes').checked).toBe(true);
    await pressKey('Enter');
    expect(heading('Reason for the call')).toBeTruthy();
    expect(Array.from(document.querySelectorAll('.script-option kbd')).map((key) => key.textContent)).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
    ]);

    await pressKey('2');
    expect(byName<HTMLInputElement>('input', 'Change of tariff').checked).toBe(true);
    await pressKey('9'); // no ninth option: nothing changes
    expect(byName<HTMLInputElement>('input', 'Change of tariff').checked).toBe(true);
    // On an option, the arrows belong to the radio group: they do not move through the script.
    await pressKey('ArrowRight', {}, byName<HTMLInputElement>('input', 'Change of tariff'));
    await pressKey('ArrowLeft', {}, byName<HTMLInputElement>('input', 'Change of tariff'));
    expect(heading('Reason for the call')).toBeTruthy();
    heading('Reason for the call').focus();
    await pressKey('ArrowRight');
    expect(heading('Tariff offer')).toBeTruthy();
    expect(byName('article', 'Catalogue item').textContent).toContain('Süper Konuşkan 20 GB');
    expect(path()).toEqual(['Greeting', 'Identity check', 'Reason for the call', 'Tariff offer']);

    await pressKey('Backspace');
    // Back on the question, its answer kept; ← goes back further.
    expect(byName<HTMLInputElement>('input', 'Change of tariff').checked).toBe(true);
    await pressKey('ArrowLeft');
    expect(document.activeElement).toBe(heading('Identity check'));
    expect(byName<HTMLInputElement>('input', 'Yes').checked).toBe(true);

    const stepMoves = saves.map((run) => run.path.map((entry) => entry.stepId).join(' > '));
    expect(stepMoves).toEqual([
      'greeting > verify',
      'greeting > verify > reason',
      'greeting > verify > reason > tariff-offer',
      'greeting > verify > reason',
      'greeting > verify',
    ]);
    expect(saves[2]!.path).toEqual([
      { stepId: 'greeting' },
      { stepId: 'verify', answer: true },
      { stepId: 'reason', answer: 'tariff' },
      { stepId: 'tariff-offer' },
    ]);
  });

  it('keeps Backspace and arrows for typing in an answer; Enter there goes on; a number is checked', async () => {
    await open();
    heading('Greeting').focus();
    await pressKey('Enter');
    await pressKey('1');
    await pressKey('Enter');
    await pressKey('3'); // Technical problem
    await pressKey('Enter');
    const days = byName<HTMLInputElement>('input', 'For how many days has the problem been going on?');
    expect(document.activeElement).toBe(days);
    await typeInto(days, '4x');
    await pressKey('Backspace', {}, days);
    await pressKey('ArrowLeft', {}, days);
    expect(heading('How long')).toBeTruthy(); // still here: those keys were the field's
    await pressKey('Enter', {}, days);
    expect(bodyText()).toContain('This answer does not fit the question.');
    expect(days.getAttribute('aria-invalid')).toBe('true');
    await typeInto(days, '400');
    await pressKey('Enter', {}, days);
    expect(bodyText()).toContain('The number is too large.');
    await typeInto(days, '4');
    await pressKey('Enter', {}, days);
    // 3 days or more: the range sends the call to a technical case.
    expect(heading('Technical case')).toBeTruthy();
    expect(saved!.path.at(-2)).toEqual({ stepId: 'technical-days', answer: 4 });
    await pressKey('Enter');
    expect(scriptText()).toContain('Suggested disposition: Complaint – Network / coverage');
    await pressKey('Enter');
    expect(heading('Anything else')).toBeTruthy();
    expect(scriptText()).toContain('Suggested disposition: Complaint – Network / coverage');
  });

  it('finds its place again after the window reloads', async () => {
    await open();
    heading('Greeting').focus();
    await pressKey('Enter');
    await pressKey('1');
    await pressKey('Enter');
    await pressKey('2');
    await pressKey('Enter');
    expect(heading('Tariff offer')).toBeTruthy();
    unmountAll();

    await open();
    expect(heading('Tariff offer')).toBeTruthy();
    expect(path()).toEqual(['Greeting', 'Identity check', 'Reason for the call', 'Tariff offer']);
    // Jump back through the breadcrumb: the reason question with its answer.
    await click(button('Reason for the call'));
    expect(byName<HTMLInputElement>('input', 'Change of tariff').checked).toBe(true);
    expect(saved!.path).toHaveLength(3);
  });

  it('saves a typed answer after a pause, or at once when the page is going away', async () => {
    await open();
    heading('Greeting').focus();
    await pressKey('Enter');
    await pressKey('1');
    await pressKey('Enter');
    await pressKey('6'); // Something else
    await pressKey('Enter');
    const note = byName<HTMLTextAreaElement>('textarea', 'Let me write down what you need.');
    expect(document.activeElement).toBe(note);
    const savesBefore = saves.length;
    await typeInto(note, 'Wants a new SIM card');
    expect(saves).toHaveLength(savesBefore); // not yet: typing goes on
    await act(async () => {
      window.dispatchEvent(new Event('pagehide'));
    });
    await settle();
    expect(saves).toHaveLength(savesBefore + 1);
    expect(saved!.path.at(-1)).toEqual({ stepId: 'other-note', answer: 'Wants a new SIM card' });
    // Enter in a multi-line answer is a new line; Ctrl+Enter goes on.
    await pressKey('Enter', {}, note);
    expect(heading('Note')).toBeTruthy();
    await pressKey('Enter', { ctrlKey: true }, note);
    expect(scriptText()).toContain('Suggested disposition: Resolved – Information given');
  });

  it('shows hostile customer names as plain text, exactly as given', async () => {
    const naughty = JSON.parse(readFileSync(join(sharedTestdata, 'naughty-strings', 'blns.json'), 'utf8')) as string[];
    const markup = naughty.filter((text) => /<\/?[a-z]/i.test(text) && !/[\n\r]/.test(text)).slice(0, 25);
    expect(markup.length).toBeGreaterThan(10);
    for (const name of markup) {
      await open({ 'customer.name': name, 'agent.name': 'Derya' });
      const text = byName('p', /^Thank you for calling/);
      expect(text.textContent).toBe(
        fillTemplateText(definition.steps[0]!.kind === 'say' ? definition.steps[0]!.text : '', {
          'customer.name': name,
          'agent.name': 'Derya',
        }),
      );
      expect(text.querySelectorAll('script, img, svg, iframe, a, b').length).toBe(0);
      unmountAll();
    }
  });

  it('says so when no call is on, or the call has no script', async () => {
    desk = createFakeDesk();
    desk.override('sip:status', () => ok({ state: 'registered', dnd: false, at }));
    desk.override('calls:list', () => ok([]));
    desk.override('scripts:forCall', () => ok(null));
    await mount(<AgentDeskApp bridge={desk.bridge} preferredLanguages={['en']} />);
    await settle();
    expect(scriptText()).toContain('No script yet.');
    expect(scriptText()).toContain('The script of a call appears here as soon as it rings or is dialled.');
    expect(desk.calls.filter((c) => c.name === 'scripts:forCall').map((c) => c.args)).toEqual([{}]);

    desk.emit('calls:state', { ...call, id: 'c2', state: 'ringing', answeredAt: undefined });
    await settle();
    expect(scriptText()).toContain('No script for this call.');
    expect(desk.calls.filter((c) => c.name === 'scripts:forCall').at(-1)!.args).toEqual({ callId: 'c2' });
  });
});
