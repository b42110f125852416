// The tray's menu (electron/main/trayMenu.ts): open the console, and every state an operator picks from the status
// bar — Available, Not ready, each Not ready and Break reason — in the desk's language, marking where the agent is
// (or, during a call, where they go after it). The reasons come from core's settings through DeskWatch.
import { describe, expect, it } from 'vitest';
import { DeskWatch } from '../../../electron/main/deskWatch.js';
import { trayMenu, type TrayMenuItem } from '../../../electron/main/trayMenu.js';
import type { AgentStatus } from '../../../electron/shared/ipc/agent.js';
import type { EffectiveSettings } from '../../../electron/shared/settings.js';
import { builtinNotReadyReasons } from '../../../electron/shared/workflow.js';

const status = (overrides: Partial<AgentStatus>): AgentStatus => ({
  state: 'notReady',
  reasonCode: null,
  since: 1,
  callId: null,
  pending: null,
  acw: null,
  overLimit: false,
  ...overrides,
});

const shown = (items: TrayMenuItem[]) =>
  items.map((item) =>
    item.type === 'separator' ? '---' : `${item.type === 'radio' && item.checked ? '(x) ' : ''}${item.label}`,
  );

describe('trayMenu', () => {
  it('lists open, Available, Not ready and every reason, marking the state the agent rests in', () => {
    const items = trayMenu('en', status({ state: 'break', reasonCode: 'lunch' }), builtinNotReadyReasons);
    expect(shown(items)).toEqual([
      'Open AgentDesk',
      '---',
      'Available',
      'Not ready',
      'Break: Break',
      '(x) Break: Lunch',
      'Not ready: Meeting',
      'Not ready: Training',
      'Not ready: Back-office work',
      'Not ready: Technical problem',
    ]);
    const actions = items.flatMap((item) => (item.type === 'separator' ? [] : [item.action]));
    expect(actions).toContainEqual({ kind: 'open' });
    expect(actions).toContainEqual({ kind: 'setState', request: { state: 'available' } });
    expect(actions).toContainEqual({ kind: 'setState', request: { state: 'notReady', reasonCode: 'meeting' } });
    expect(actions).toContainEqual({ kind: 'setState', request: { state: 'break', reasonCode: 'lunch' } });
  });

  it('marks plain Not ready at start, and during a call the state chosen for afterwards', () => {
    expect(shown(trayMenu('en', status({}), builtinNotReadyReasons)).filter((line) => line.startsWith('(x)'))).toEqual([
      '(x) Not ready',
    ]);
    const onCall = status({ state: 'onCall', callId: 'c1', pending: { state: 'notReady', reasonCode: 'training' } });
    expect(shown(trayMenu('en', onCall, builtinNotReadyReasons)).filter((line) => line.startsWith('(x)'))).toEqual([
      '(x) Not ready: Training',
    ]);
    // On a call with nothing chosen for afterwards: no radio is marked (the call is not a state one picks).
    expect(
      shown(trayMenu('en', status({ state: 'onCall', callId: 'c1' }), builtinNotReadyReasons)).some((line) =>
        line.startsWith('(x)'),
      ),
    ).toBe(false);
  });

  it('speaks Turkish and Russian, with a reason given only in English kept in English', () => {
    const reasons = [...builtinNotReadyReasons, { code: 'coaching', kind: 'notReady' as const, label: { en: 'Coaching' } }];
    expect(shown(trayMenu('tr', status({ state: 'available' }), reasons))).toEqual(
      expect.arrayContaining(["AgentDesk'i aç", '(x) Hazır', 'Mola: Yemek', 'Hazır değil: Toplantı', 'Hazır değil: Coaching']),
    );
    expect(shown(trayMenu('ru', status({ state: 'available' }), reasons))).toEqual(
      expect.arrayContaining(['Открыть AgentDesk', '(x) Готов', 'Перерыв: Обед', 'Не готов: Совещание']),
    );
  });

  it('offers only Open before core has said where the agent is, and once logged out', () => {
    expect(shown(trayMenu('en', null, builtinNotReadyReasons))).toEqual(['Open AgentDesk']);
    expect(shown(trayMenu('en', status({ state: 'loggedOut' }), builtinNotReadyReasons))).toEqual(['Open AgentDesk']);
  });

  it('gets the centre reasons from DeskWatch, which says when the settings changed', () => {
    const desk = new DeskWatch('en');
    expect(desk.notReadyReasons).toEqual([]);
    let changes = 0;
    desk.onSettingsChange(() => changes++);
    const reasons = [{ code: 'coaching', kind: 'notReady' as const, label: { en: 'Coaching', tr: 'Koçluk' } }];
    const settings: EffectiveSettings = {
      settings: [{ key: 'agent.notReadyReasons', value: reasons, source: 'policy', locked: true }],
      problems: [],
      provisioningFile: null,
    };
    desk.emit('settings:changed', settings);
    expect(changes).toBe(1);
    expect(desk.notReadyReasons).toEqual(reasons);
    expect(shown(trayMenu('tr', status({}), desk.notReadyReasons))).toEqual([
      "AgentDesk'i aç",
      '---',
      'Hazır',
      '(x) Hazır değil',
      'Hazır değil: Koçluk',
    ]);
  });
});
