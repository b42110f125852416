// The softphone bar's notes about a call's history: a caller a colleague handed over (attended transfer to this
// desk) says who handed it over, in the operator's language. vitest + happy-dom.
import { afterEach, describe, expect, it } from 'vitest';
import { ok } from '../../electron/shared/ipc/result.js';
import { AgentDeskApp } from '../../renderer/src/components/AgentDeskApp.js';
import { mount, region, settle, unmountAll } from './support/dom.js';
import { createFakeDesk } from './support/fakeDesk.js';
import { activeInboundCall } from './support/callViews.js';

const at = Date.UTC(2026, 10, 28, 9, 0, 0);
const handedOver = activeInboundCall({ id: 'c2', displayName: 'Müşteri', handedOverBy: 'Ayşe <b>Kaya</b>' });

afterEach(() => unmountAll());

describe('a caller handed over by a colleague', () => {
  it.each([
    ['en', 'Softphone', 'Transferred to you by Ayşe <b>Kaya</b>'],
    ['tr', 'Yazılım telefonu', 'Ayşe <b>Kaya</b> bu çağrıyı size aktardı'],
    ['ru', 'Софтфон', 'Звонок передан вам: Ayşe <b>Kaya</b>'],
  ])('says who handed it over (%s), as text', async (language, regionName, note) => {
    const desk = createFakeDesk();
    desk.override('sip:status', () => ok({ state: 'registered', dnd: false, at }));
    desk.override('calls:list', () => ok([handedOver]));
    await mount(<AgentDeskApp bridge={desk.bridge} preferredLanguages={[language]} />);
    await settle();
    const bar = region(regionName);
    expect((bar.textContent ?? '').replace(/\s+/g, ' ')).toContain(note);
    expect(bar.querySelector('b')).toBeNull();
  });

  it('says nothing of the kind for an ordinary call', async () => {
    const desk = createFakeDesk();
    desk.override('sip:status', () => ok({ state: 'registered', dnd: false, at }));
    const { handedOverBy: _dropped, ...ordinary } = handedOver;
    desk.override('calls:list', () => ok([ordinary]));
    await mount(<AgentDeskApp bridge={desk.bridge} preferredLanguages={['en']} />);
    await settle();
    expect(region('Softphone').textContent).not.toContain('Transferred to you');
  });
});
