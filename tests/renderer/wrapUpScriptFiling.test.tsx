// Filing a wrap-up while a script answer waits for its typing pause (issue: a late script save after the filing
// lost the answer and opened a second draft for the call). The script panel and the wrap-up panel side by side
// against a fake desk that keeps one draft per call like core does: a script save merges into the draft and
// moves its revision, and a save for a filed call is refused. vitest + happy-dom.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { scriptDefinitionSchema, type ScriptRun } from '../../electron/shared/callScript.js';
import { fail, ok } from '../../electron/shared/ipc/result.js';
import type { ScriptForCall } from '../../electron/shared/ipc/scripts.js';
import { draftFormContentSchema, type DraftFormContent, type WrapUpDraft } from '../../electron/shared/ipc/wrapUp.js';
import { BridgeProvider } from '../../renderer/src/bridge/BridgeContext.js';
import { SettingsProvider } from '../../renderer/src/bridge/SettingsContext.js';
import { WrapUpPanel } from '../../renderer/src/components/WrapUpPanel.js';
import { LocaleProvider } from '../../renderer/src/i18n/LocaleContext.js';
import { CallScriptPanel } from '../../renderer/src/scripts/CallScriptPanel.js';
import { ANSWER_SAVE_DELAY_MS } from '../../renderer/src/scripts/useCallScript.js';
import { WrapUpDraftProvider } from '../../renderer/src/workflow/WrapUpDraftContext.js';
import { repoRoot } from '../support/paths.js';
import { activeInboundCall, fixtureTime } from './support/callViews.js';
import { button, byName, choose, click, mount, pressKey, settle, typeInto, unmountAll } from './support/dom.js';
import { createFakeDesk, type FakeDesk } from './support/fakeDesk.js';

const definition = scriptDefinitionSchema.parse(
  parse(readFileSync(join(repoRoot, 'db', 'demo', 'scripts', 'inbound-service-en.yaml'), 'utf8')),
);
const call = activeInboundCall();

let desk: FakeDesk;
/** The fake core's drafts, and the calls whose wrap-up it filed. */
let drafts: Map<string, WrapUpDraft>;
let filedCalls: Set<string>;
/** Each submit with the script part the draft held when it was filed. */
let submits: { draftId: string; content: DraftFormContent; storedScript: unknown }[];

/** Lets real time pass (the answer's save pause) with React seeing the updates it causes. */
const wait = (ms: number) => act(() => new Promise<void>((resolve) => setTimeout(resolve, ms)));
const heading = (name: string) => byName<HTMLHeadingElement>('h3', name);
const commandNames = () => desk.calls.map((c) => c.name);

function forCall(run: ScriptRun | null): ScriptForCall {
  return {
    callId: call.id,
    script: {
      id: 'v1',
      key: definition.key,
      version: 1,
      name: definition.name,
      language: 'en',
      active: true,
      importedAt: fixtureTime,
      definition,
    },
    reason: 'inboundDefault',
    values: { 'customer.name': 'Jane Doe', 'agent.name': 'Derya' },
    run,
    items: [],
    articles: [],
  };
}

function draftOfCall(callId: string): WrapUpDraft | undefined {
  return [...drafts.values()].find((draft) => draft.callId === callId);
}

/** As core stores a draft change: new revision, announced to every window. */
function store(draft: WrapUpDraft): WrapUpDraft {
  const next = { ...draft, revision: draft.revision + 1, updatedAt: Date.now() };
  drafts.set(next.id, next);
  desk.emit('wrapup:draft', next);
  return next;
}

async function render() {
  desk = createFakeDesk();
  desk.override('sip:status', () => ok({ state: 'registered', dnd: false, at: fixtureTime }));
  desk.override('calls:list', () => ok([call]));
  desk.override('callbacks:list', () => ok([]));
  desk.override('wrapup:promotions', () => ok([]));
  desk.override('wrapup:departments', () => ok([]));
  desk.override('scripts:forCall', () => ok(forCall(null)));
  desk.override('scripts:saveProgress', (args) => {
    const { callId, run } = args as { callId: string; run: ScriptRun };
    if (filedCalls.has(callId)) return fail('conflict', 'The wrap-up of this call is already filed');
    const draft = draftOfCall(callId) ?? {
      id: `draft-${drafts.size + 1}`,
      callId,
      customerId: null,
      customerName: null,
      call: { number: call.remoteNumber ?? null, displayName: null, live: true },
      agent: '1001',
      content: { notes: '', fields: {} },
      revision: 0,
      openedAt: fixtureTime,
      updatedAt: fixtureTime,
    };
    store({ ...draft, content: { ...draft.content, script: run } });
    return ok({ run, draftSaved: true });
  });
  desk.override('wrapup:drafts', () => ok([]));
  desk.override('wrapup:open', (args) => {
    const { callId } = args as { callId: string };
    const existing = draftOfCall(callId);
    if (existing) return ok(existing);
    const draft: WrapUpDraft = {
      id: `draft-${drafts.size + 1}`,
      callId,
      customerId: null,
      customerName: null,
      call: { number: call.remoteNumber ?? null, displayName: null, live: true },
      agent: '1001',
      content: { notes: '', fields: {} },
      revision: 0,
      openedAt: fixtureTime,
      updatedAt: fixtureTime,
    };
    drafts.set(draft.id, draft);
    return ok(draft);
  });
  desk.override('wrapup:get', (args) => {
    const draft = drafts.get((args as { draftId: string }).draftId);
    return draft ? ok(draft) : fail('not_found', 'no draft');
  });
  desk.override('wrapup:save', (args) => {
    const { draftId, revision, content } = args as { draftId: string; revision: number; content: DraftFormContent };
    const stored = drafts.get(draftId);
    if (!stored) return fail('not_found', 'no draft');
    if (stored.revision !== revision) return fail('conflict', 'stale');
    const saved = store({ ...stored, content: { ...draftFormContentSchema.parse(content), script: stored.content.script } });
    return ok({ revision: saved.revision, updatedAt: saved.updatedAt });
  });
  desk.override('wrapup:submit', (args) => {
    const { draftId, revision, content } = args as { draftId: string; revision: number; content: DraftFormContent };
    const stored = drafts.get(draftId);
    if (!stored) return fail('not_found', 'no draft');
    if (stored.revision !== revision) return fail('conflict', 'stale');
    submits.push({ draftId, content, storedScript: stored.content.script });
    drafts.delete(draftId);
    if (stored.callId !== null) filedCalls.add(stored.callId);
    desk.emit('wrapup:closed', {
      draftId,
      callId: stored.callId,
      reason: 'submitted',
      disposition: content.disposition ?? null,
      interactionId: 'i-1',
    });
    return ok({
      outcome: 'filed',
      interactionId: 'i-1',
      ticketId: null,
      orderId: null,
      callbackId: null,
      order: null,
      readBack: null,
    });
  });
  await mount(
    <BridgeProvider bridge={desk.bridge}>
      <SettingsProvider>
        <LocaleProvider preferredLanguages={['en']}>
          <WrapUpDraftProvider>
            <CallScriptPanel />
            <WrapUpPanel />
          </WrapUpDraftProvider>
        </LocaleProvider>
      </SettingsProvider>
    </BridgeProvider>,
  );
  await settle(6);
}

/** Resolved – Information given in the wrap-up form, then the script's free-text answer typed (not yet paused). */
async function chooseOutcomeThenTypeAnswer(text: string) {
  await click(byName<HTMLInputElement>('input[type="radio"]', /^\d?\s*Resolved$/));
  await choose(byName<HTMLSelectElement>('select', 'Sub-code'), 'info');
  heading('Greeting').focus();
  await pressKey('Enter');
  await pressKey('1');
  await pressKey('Enter');
  await pressKey('6'); // Something else
  await pressKey('Enter');
  const note = byName<HTMLTextAreaElement>('textarea', 'Let me write down what you need.');
  await typeInto(note, text);
}

const scriptSaves = () => desk.calls.filter((c) => c.name === 'scripts:saveProgress');

beforeEach(() => {
  localStorage.clear();
  drafts = new Map();
  filedCalls = new Set();
  submits = [];
});
afterEach(() => unmountAll());

describe('filing a wrap-up while a script answer waits for its pause', () => {
  it('sends the answer first, files it with the wrap-up, and sends nothing for the call afterwards', async () => {
    await render();
    await chooseOutcomeThenTypeAnswer('Wants a new SIM card');
    const savesBeforeFiling = scriptSaves().length;

    await click(button('File wrap-up'));
    await settle(10);
    expect(submits).toHaveLength(1);
    // The waiting answer went out before the submit, and the draft that was filed held it.
    const names = commandNames();
    expect(names.lastIndexOf('scripts:saveProgress')).toBeLessThan(names.indexOf('wrapup:submit'));
    expect(scriptSaves()).toHaveLength(savesBeforeFiling + 1);
    expect((submits[0]!.storedScript as ScriptRun).path.at(-1)).toEqual({
      stepId: 'other-note',
      answer: 'Wants a new SIM card',
    });
    expect(submits[0]!.content).toMatchObject({ disposition: 'resolved', subcode: 'info' });

    // The pause passes: no late save, no second draft for the filed call.
    await wait(ANSWER_SAVE_DELAY_MS + 200);
    await settle();
    expect(scriptSaves()).toHaveLength(savesBeforeFiling + 1);
    expect(draftOfCall(call.id)).toBeUndefined();
  });

  it('drops the waiting answer when the wrap-up is filed elsewhere (the after-call timeout)', async () => {
    await render();
    await chooseOutcomeThenTypeAnswer('Wants roaming');
    const savesBefore = scriptSaves().length;
    const open = draftOfCall(call.id)!;
    drafts.delete(open.id);
    filedCalls.add(call.id);
    desk.emit('wrapup:closed', {
      draftId: open.id,
      callId: call.id,
      reason: 'defaultFiled',
      disposition: 'no-outcome',
      interactionId: 'i-2',
    });
    await wait(ANSWER_SAVE_DELAY_MS + 200);
    await settle();
    expect(scriptSaves()).toHaveLength(savesBefore);
  });
});
