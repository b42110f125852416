// Drawing the operator's attention to an incoming call: core asks once per ringing inbound call, in the
// operator's language, with the settings' say; main raises or flashes the window and notifies only when the
// window is not in front. The tray follows registration and calls. Plain Node with plain objects for Electron.
import { describe, expect, it } from 'vitest';
import { inflateSync } from 'node:zlib';
import { createCallAttention } from '../../../electron/core/app/callAttention.js';
import { attentionSink, type AttentionWindow } from '../../../electron/main/attention.js';
import { trayIcons } from '../../../electron/main/trayIcons.js';
import { TrayStatus } from '../../../electron/main/trayStatus.js';
import type { EventName, EventPayload } from '../../../electron/shared/ipc/contract.js';
import { ringingCall } from './support/ringingCall.js';

const call = ringingCall;

function coreAttention(values: Record<string, unknown>) {
  const sent: EventPayload<'app:attention'>[] = [];
  const attention = createCallAttention({
    settings: { get: (key: string) => values[key] } as never,
    systemLocale: 'tr',
    events: {
      emit<K extends EventName>(name: K, payload: EventPayload<K>) {
        if (name === 'app:attention') sent.push(payload as EventPayload<'app:attention'>);
      },
    },
  });
  return { attention, sent };
}

describe('core: app:attention', () => {
  it('asks once per ringing inbound call, in the UI language, with both settings', () => {
    const { attention, sent } = coreAttention({ 'ui.locale': 'system', 'ui.callNotifications': true, 'ui.bringToFrontOnCall': true });
    attention.observe(call());
    attention.observe(call({ at: 2 })); // a repeated ringing state (18x retransmission)
    attention.observe(call({ state: 'active' }));
    attention.observe(call({ id: 'out', direction: 'outbound', state: 'ringback' }));
    expect(sent).toEqual([
      {
        kind: 'incomingCall',
        callId: 'c1',
        title: 'Gelen çağrı',
        body: 'Ayşe Yılmaz · +905321234567',
        notify: true,
        bringToFront: true,
      },
    ]);
  });

  it('a due callback asks for a notification without raising the window', () => {
    const { attention, sent } = coreAttention({ 'ui.locale': 'en', 'ui.callNotifications': true, 'ui.bringToFrontOnCall': true });
    attention.callbackDue({
      id: 'cb1',
      customerId: 'c1',
      customerName: 'Ayşe Yılmaz',
      e164: '+905321234567',
      dueAt: 1,
      assignee: null,
      createdBy: '1001',
      note: 'Modem teslimatı',
      status: 'notified',
      callId: null,
      interactionId: null,
      createdAt: 1,
    });
    expect(sent).toEqual([
      {
        kind: 'callbackDue',
        callId: 'cb1',
        title: 'Callback due',
        body: 'Ayşe Yılmaz · +905321234567 · Modem teslimatı',
        notify: true,
        bringToFront: false,
      },
    ]);
  });

  it('a waiting second call never yanks the window forward; settings off are respected', () => {
    const { attention, sent } = coreAttention({ 'ui.locale': 'ru', 'ui.callNotifications': false, 'ui.bringToFrontOnCall': true });
    attention.observe(call({ id: 'c2', callWaiting: true, displayName: '', remoteNumber: undefined, remoteUser: '' }));
    expect(sent).toEqual([
      { kind: 'incomingCall', callId: 'c2', title: 'Ожидающий вызов', body: 'Неизвестный абонент', notify: false, bringToFront: false },
    ]);
  });
});

class FakeWindow implements AttentionWindow {
  flashes: boolean[] = [];
  constructor(
    private readonly focused: boolean,
    private readonly visible = true,
  ) {}
  isDestroyed = () => false;
  isFocused = () => this.focused;
  isVisible = () => this.visible;
  flashFrame(flag: boolean) {
    this.flashes.push(flag);
  }
}

function mainAttention(window: FakeWindow | null) {
  const revealed: FakeWindow[] = [];
  const notifications: { title: string; body: string; click: () => void }[] = [];
  const sink = attentionSink({
    window: () => window,
    reveal: (w) => revealed.push(w),
    notify: (title, body, click) => notifications.push({ title, body, click }),
  });
  return { sink, revealed, notifications };
}

const request = (overrides: Partial<EventPayload<'app:attention'>> = {}): EventPayload<'app:attention'> => ({
  kind: 'incomingCall',
  callId: 'c1',
  title: 'Incoming call',
  body: 'Ayşe · +905321234567',
  notify: true,
  bringToFront: true,
  ...overrides,
});

describe('main: attentionSink', () => {
  it('does nothing while the operator is looking at the window', () => {
    const { sink, revealed, notifications } = mainAttention(new FakeWindow(true));
    sink.emit('app:attention', request());
    expect(revealed).toHaveLength(0);
    expect(notifications).toHaveLength(0);
  });

  it('raises a background window and notifies; a click on the notification raises it again', () => {
    const window = new FakeWindow(false);
    const { sink, revealed, notifications } = mainAttention(window);
    sink.emit('app:attention', request());
    expect(revealed).toEqual([window]);
    expect(notifications.map(({ title, body }) => ({ title, body }))).toEqual([{ title: 'Incoming call', body: 'Ayşe · +905321234567' }]);
    notifications[0]!.click();
    expect(revealed).toHaveLength(2);
    expect(window.flashes).toEqual([]);
  });

  it('only flashes the taskbar when raising is off, and stays quiet for other events', () => {
    const window = new FakeWindow(false, false);
    const { sink, revealed, notifications } = mainAttention(window);
    sink.emit('app:attention', request({ bringToFront: false, notify: false }));
    sink.emit('calls:state', call());
    expect(window.flashes).toEqual([true]);
    expect(revealed).toHaveLength(0);
    expect(notifications).toHaveLength(0);
  });
});

describe('tray', () => {
  it('follows registration and calls, with a tooltip in the desk’s language', () => {
    const tray = new TrayStatus('ru');
    expect(tray.view()).toEqual({ state: 'offline', tooltip: 'AgentDesk — Нет регистрации' });
    expect(tray.observe('sip:registration', { state: 'registered', dnd: false, at: 1 })).toBe(true);
    expect(tray.view().state).toBe('ready');
    tray.observe('calls:state', call({ state: 'active', id: 'a' }));
    tray.observe('calls:state', call({ id: 'b', callWaiting: true }));
    expect(tray.view()).toEqual({ state: 'ringing', tooltip: 'AgentDesk — Входящий звонок — 2 звонка' });
    tray.observe('calls:state', call({ id: 'b', state: 'ended' }));
    expect(tray.view().state).toBe('onCall');
    expect(tray.observe('customers:callerCard' as EventName, {} as never)).toBe(false);
  });

  it('shows the agent state: registered but Not ready is "away", with the state in the tooltip', () => {
    const tray = new TrayStatus('tr');
    tray.observe('sip:registration', { state: 'registered', dnd: false, at: 1 });
    const agent = (state: 'notReady' | 'available') =>
      tray.observe('agent:state', { state, reasonCode: null, since: 1, callId: null, pending: null, acw: null, overLimit: false });
    expect(agent('notReady')).toBe(true);
    expect(tray.view()).toEqual({ state: 'away', tooltip: 'AgentDesk — Kayıtlı, çağrı almıyor — Hazır değil' });
    agent('available');
    expect(tray.view()).toEqual({ state: 'ready', tooltip: 'AgentDesk — Kayıtlı, çağrı yok — Hazır' });
  });

  it('ships one valid 32×32 PNG per state', () => {
    for (const [state, url] of Object.entries(trayIcons)) {
      const png = Buffer.from(url.replace('data:image/png;base64,', ''), 'base64');
      expect(png.subarray(1, 4).toString('ascii'), state).toBe('PNG');
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([32, 32]);
      const dataLength = png.readUInt32BE(33);
      const pixels = inflateSync(png.subarray(41, 41 + dataLength));
      expect(pixels.length).toBe(32 * (1 + 32 * 4));
    }
  });
});
