// Live call quality in the softphone bar: figures appear with the first sample of the call on screen,
// samples of other calls are ignored, and a poor sample shows (and announces) the warning. vitest + happy-dom.
import { afterEach, describe, expect, it } from 'vitest';
import { ok } from '../../electron/shared/ipc/result.js';
import { AgentDeskApp } from '../../renderer/src/components/AgentDeskApp.js';
import { mount, region, settle, unmountAll } from './support/dom.js';
import { createFakeDesk } from './support/fakeDesk.js';
import { activeInboundCall } from './support/callViews.js';

const at = Date.UTC(2026, 10, 28, 9, 0, 0);
const activeCall = activeInboundCall({ displayName: 'Arayan' });

afterEach(() => unmountAll());

describe('call quality in the softphone bar', () => {
  it('shows the figures of this call and warns on a poor network', async () => {
    const desk = createFakeDesk();
    desk.override('sip:status', () => ok({ state: 'registered', dnd: false, at }));
    desk.override('calls:list', () => ok([activeCall]));
    await mount(<AgentDeskApp bridge={desk.bridge} preferredLanguages={['en']} />);
    await settle();
    const bar = () => (region('Softphone').textContent ?? '').replace(/\s+/g, ' ');
    expect(bar()).not.toContain('MOS');

    desk.emit('calls:quality', {
      callId: 'other',
      sample: { at, rttMs: 900, jitterMs: 80, lossPercent: 30, mos: 1.2, poor: true },
    });
    await settle();
    expect(bar()).not.toContain('MOS');

    desk.emit('calls:quality', {
      callId: 'c1',
      sample: { at, rttMs: 42.4, jitterMs: 3.2, lossPercent: 0, mos: 4.38, poor: false },
    });
    await settle();
    expect(bar()).toContain('MOS 4.4 · RTT 42 ms · jitter 3 ms · loss 0.0 %');
    expect(document.querySelector('[role="status"].call-quality-warning')).toBeNull();

    desk.emit('calls:quality', { callId: 'c1', sample: { at, rttMs: 40, jitterMs: 4, lossPercent: 12.5, mos: 3.2, poor: true } });
    await settle();
    expect(bar()).toContain('loss 12.5 %');
    expect(document.querySelector('[role="status"].call-quality-warning')?.textContent).toMatch(/Poor connection/);
  });
});
