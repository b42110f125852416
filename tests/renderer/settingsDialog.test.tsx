// The Settings dialog against a fake AgentDeskApi: grouping, sources, locks (disabled + reason),
// inline validation errors from settings:set, reset to default. vitest + happy-dom.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sharedTestdata } from '../support/paths.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AgentDeskApp } from '../../renderer/src/components/AgentDeskApp.js';
import {
  allByName,
  button,
  byName,
  choose,
  click,
  describedByText,
  mount,
  pressKey,
  typeInto,
  unmountAll,
} from './support/dom.js';
import { createFakeDesk, fakeAppInfo, type FakeDeskOptions } from './support/fakeDesk.js';

const naughtyStrings = JSON.parse(readFileSync(join(sharedTestdata, 'naughty-strings', 'blns.json'), 'utf8')) as string[];
const scriptInjection = naughtyStrings.find((s) => s.includes('<script>alert'))!;

async function openSettings(options: FakeDeskOptions = {}) {
  const desk = createFakeDesk(options);
  await mount(<AgentDeskApp bridge={desk.bridge} preferredLanguages={['en']} />);
  await pressKey(',', { ctrlKey: true });
  const dialog = document.querySelector<HTMLDialogElement>('dialog[open]');
  if (!dialog) throw new Error('Settings did not open');
  return { desk, dialog };
}

/** The <form> of one setting, found by its label. */
function settingForm(label: string): HTMLFormElement {
  const control = byName('dialog input, dialog select, dialog textarea', label);
  return control.closest('form')!;
}

beforeEach(() => {
  localStorage.clear();
  document.documentElement.removeAttribute('data-theme');
});
afterEach(() => unmountAll());

describe('Settings dialog', () => {
  it('lists every setting grouped as SIP, Dialling, Audio, Headset, Shortcuts, agent states, wrap-up and Interface, each with its source', async () => {
    const { dialog } = await openSettings({
      policy: { 'sip.servers': { value: ['wss://pbx.example.com'], reason: 'Managed by IT' } },
      user: { 'sip.user': '1001' },
      defaults: { 'sip.domain': 'example.com' },
    });
    const groups = Array.from(dialog.querySelectorAll('section h3')).map((heading) => heading.textContent);
    expect(groups).toEqual(['SIP', 'Dialling', 'Audio', 'Headset', 'Shortcuts', 'Agent states', 'Wrap-up', 'Interface', 'About this desk']);
    const source = (label: string) => settingForm(label).querySelector('.badge')?.textContent;
    expect(source('SIP servers')).toBe('Set by IT policy');
    expect(source('SIP user')).toBe('Changed by you');
    expect(source('SIP domain')).toBe('Organisation default');
    expect(source('Display name')).toBe('Built-in default');
    expect(source('Language')).toBe('Built-in default');
    expect(source('Theme')).toBe('Built-in default');
    expect(source('Default country')).toBe('Built-in default');
    expect(byName<HTMLInputElement>('dialog input', 'SIP domain').value).toBe('example.com');
    expect(byName<HTMLTextAreaElement>('dialog textarea', 'SIP servers').value).toBe('wss://pbx.example.com');
    expect(dialog.textContent).toContain(fakeAppInfo.version);
  });

  it('shows a locked setting read-only, with a lock and the reason as its description', async () => {
    await openSettings({ policy: { 'sip.servers': { value: ['wss://pbx.example.com'], reason: scriptInjection } } });
    const servers = byName<HTMLTextAreaElement>('dialog textarea', 'SIP servers');
    expect(servers.disabled).toBe(true);
    expect(describedByText(servers)).toContain(`Locked by IT: ${scriptInjection}`);
    const form = servers.closest('form')!;
    expect(form.querySelector('.setting-lock svg')).not.toBeNull();
    expect(form.querySelector('.setting-lock script')).toBeNull();
    expect(form.querySelectorAll('button')).toHaveLength(0); // no Save, no Reset
  });

  it('falls back to a generic lock reason when policy gives none', async () => {
    await openSettings({ policy: { 'ui.theme': { value: 'dark' } } });
    const theme = byName<HTMLSelectElement>('dialog select', 'Theme');
    expect(theme.disabled).toBe(true);
    expect(describedByText(theme)).toContain('Locked by IT policy.');
  });

  it('says when a setting is locked by a policy IT wrote that could not be applied', async () => {
    await openSettings({
      brokenPolicy: ['sip.servers'],
      problems: [{ file: '/etc/agentdesk/config.json', field: 'policy.sip.servers[0]', message: 'Invalid URL' }],
    });
    const servers = byName<HTMLTextAreaElement>('dialog textarea', 'SIP servers');
    expect(servers.disabled).toBe(true);
    expect(describedByText(servers)).toContain("Locked by IT, but IT's value for it could not be applied");
    expect(describedByText(servers)).not.toContain('Locked by IT policy.');
  });

  it('shows the details of a settings:set validation error inline, on the field', async () => {
    const { desk } = await openSettings();
    const servers = byName<HTMLTextAreaElement>('dialog textarea', 'SIP servers');
    await typeInto(servers, 'wss://good.example.com\nhttp://not-a-websocket.example.com');
    await click(allByName('button', 'Save').find((b) => servers.closest('form')!.contains(b))!);

    expect(desk.calls.at(-1)).toEqual({
      name: 'settings:set',
      args: { key: 'sip.servers', value: ['wss://good.example.com', 'http://not-a-websocket.example.com'] },
    });
    expect(servers.getAttribute('aria-invalid')).toBe('true');
    const description = describedByText(servers);
    expect(description).toContain('The value was not accepted.');
    expect(description).toContain('value.1: must be a ws:// or wss:// URL');
    // The operator's text stays, so it can be corrected.
    expect(servers.value).toBe('wss://good.example.com\nhttp://not-a-websocket.example.com');
  });

  it('refuses malformed JSON locally without calling the core', async () => {
    const { desk } = await openSettings();
    const ice = byName<HTMLTextAreaElement>('dialog textarea', 'ICE servers (STUN/TURN)');
    await typeInto(ice, '[{"urls": "stun:stun.example.com"');
    const before = desk.calls.length;
    await click(allByName('button', 'Save').find((b) => ice.closest('form')!.contains(b))!);
    expect(desk.calls.length).toBe(before);
    expect(describedByText(ice)).toContain('This is not valid JSON.');
  });

  it('saves a value, shows it as set by the user, and resets it to the default', async () => {
    const { desk } = await openSettings({ defaults: { 'sip.domain': 'example.com' } });
    const domain = byName<HTMLInputElement>('dialog input', 'SIP domain');
    const form = domain.closest('form')!;
    const save = Array.from(form.querySelectorAll('button')).find((b) => b.textContent === 'Save')!;
    expect(save.disabled).toBe(true); // nothing typed yet
    await typeInto(domain, '  sip.example.org  ');
    expect(save.disabled).toBe(false);
    await click(save);
    expect(desk.user['sip.domain']).toBe('sip.example.org');
    expect(domain.value).toBe('sip.example.org');
    expect(form.querySelector('.badge')?.textContent).toBe('Changed by you');
    expect(form.textContent).toContain('Saved.');

    await click(Array.from(form.querySelectorAll('button')).find((b) => b.textContent === 'Reset to default')!);
    expect(desk.calls.at(-1)).toEqual({ name: 'settings:reset', args: { key: 'sip.domain' } });
    expect(domain.value).toBe('example.com');
    expect(form.querySelector('.badge')?.textContent).toBe('Organisation default');
    expect(Array.from(form.querySelectorAll('button')).map((b) => b.textContent)).toEqual(['Save']);
  });

  it('applies a choice at once (theme) and the page follows', async () => {
    const { desk } = await openSettings();
    await choose(byName<HTMLSelectElement>('dialog select', 'Theme'), 'dark');
    expect(desk.user['ui.theme']).toBe('dark');
    expect(document.documentElement.dataset['theme']).toBe('dark');
  });

  it('says why when the settings cannot be loaded', async () => {
    const desk = createFakeDesk();
    desk.override('settings:get', () => ({ ok: false, error: { code: 'unavailable', message: 'no core' } }));
    await mount(<AgentDeskApp bridge={desk.bridge} preferredLanguages={['en']} />);
    await click(button('Settings'));
    const dialog = document.querySelector('dialog[open]')!;
    expect(dialog.querySelector('[role="alert"]')?.textContent).toBe(
      'AgentDesk cannot be reached right now. Try again in a moment.',
    );
  });

  it('names the provisioning file in use', async () => {
    const { dialog } = await openSettings({ provisioningFile: 'C:\\ProgramData\\AgentDesk\\config.json' });
    expect(dialog.textContent).toContain('Provisioning file: C:\\ProgramData\\AgentDesk\\config.json');
  });
});
