// The first-run offer against a fake desk: shown only when core says the desk is new, loads the demo or
// starts empty with one click, and says so when loading fails. vitest + happy-dom.
import { afterEach, describe, expect, it } from 'vitest';
import { fail, ok } from '../../electron/shared/ipc/result.js';
import { AgentDeskApp } from '../../renderer/src/components/AgentDeskApp.js';
import { button, click, mount, settle, unmountAll } from './support/dom.js';
import { createFakeDesk } from './support/fakeDesk.js';

afterEach(() => unmountAll());

const workspace = (firstRun: boolean, customers = 0) => ({ customers, catalogueItems: customers > 0 ? 12 : 0, firstRun });
const status = (firstRun: boolean, customers = 0) => ok(workspace(firstRun, customers));

async function render(firstRun: boolean) {
  const desk = createFakeDesk();
  desk.override('workspace:status', () => status(firstRun));
  await mount(<AgentDeskApp bridge={desk.bridge} preferredLanguages={['en']} />);
  await settle();
  return desk;
}

const dialog = () => document.querySelector<HTMLDialogElement>('dialog.first-run-dialog');

describe('first-run offer', () => {
  it('is not shown on a desk that is not new', async () => {
    await render(false);
    expect(dialog()).toBeNull();
  });

  it('loads the demo workspace with one click and goes away', async () => {
    const desk = await render(true);
    expect(dialog()?.textContent).toContain('This desk has no customers yet.');
    desk.override('workspace:seedDemo', () => ok({ status: workspace(false, 25), customersCreated: 25, scriptsImported: 6 }));
    await click(button('Load the demo workspace'));
    await settle();
    expect(desk.calls.map((call) => call.name)).toContain('workspace:seedDemo');
    expect(dialog()).toBeNull();
  });

  it('starts empty, or shows why loading failed and stays', async () => {
    const desk = await render(true);
    desk.override('workspace:seedDemo', () => fail('internal', 'disk full'));
    await click(button('Load the demo workspace'));
    await settle();
    expect(dialog()?.querySelector('[role="alert"]')?.textContent).toBeTruthy();
    desk.override('workspace:startEmpty', () => status(false));
    await click(button('Start empty'));
    await settle();
    expect(dialog()).toBeNull();
  });
});
