// The tray icon's menu: open the console, and the agent states an operator picks most (Available, each Not ready
// and Break reason) without bringing the window up. On Linux it is also the only way into the app from the tray:
// AppIndicator panels show the menu and never deliver a click. Pure (no Electron), tested in plain Node; main.ts
// turns it into a Menu and sends the choice to core as agent:setState, checked like any other command.
import type { AgentStateRequest, AgentStatus } from '../shared/ipc/agent.js';
import type { Locale } from '../shared/settings.js';
import type { NotReadyReason } from '../shared/workflow.js';

export type TrayMenuAction = { kind: 'open' } | { kind: 'setState'; request: AgentStateRequest };

export type TrayMenuItem =
  | { type: 'separator' }
  | { type: 'normal'; label: string; action: TrayMenuAction }
  | { type: 'radio'; label: string; checked: boolean; action: TrayMenuAction };

const texts: Record<
  Locale,
  { open: string; available: string; notReady: string; onBreak(reason: string): string; notReadyBecause(reason: string): string }
> = {
  en: {
    open: 'Open AgentDesk',
    available: 'Available',
    notReady: 'Not ready',
    notReadyBecause: (reason) => `Not ready: ${reason}`,
    onBreak: (reason) => `Break: ${reason}`,
  },
  tr: {
    open: "AgentDesk'i aç",
    available: 'Hazır',
    notReady: 'Hazır değil',
    notReadyBecause: (reason) => `Hazır değil: ${reason}`,
    onBreak: (reason) => `Mola: ${reason}`,
  },
  ru: {
    open: 'Открыть AgentDesk',
    available: 'Готов',
    notReady: 'Не готов',
    notReadyBecause: (reason) => `Не готов: ${reason}`,
    onBreak: (reason) => `Перерыв: ${reason}`,
  },
};

/** A reason's label in the desk's language (the centre may give only English). */
function reasonLabel(reason: NotReadyReason, locale: Locale): string {
  return reason.label[locale] ?? reason.label.en;
}

/**
 * @param agent   the agent's status from the last agent:state (null before core has said it)
 * @param reasons `agent.notReadyReasons` as the settings have them now
 */
export function trayMenu(locale: Locale, agent: AgentStatus | null, reasons: readonly NotReadyReason[]): TrayMenuItem[] {
  const text = texts[locale];
  const items: TrayMenuItem[] = [{ type: 'normal', label: text.open, action: { kind: 'open' } }];
  // Before core has said where the agent is, or once logged out, there is nothing to switch.
  if (agent === null || agent.state === 'loggedOut') return items;
  // During a call or its wrap-up the choice is where to go afterwards (core keeps it as pending); the radio marks
  // that choice then, else the state the agent rests in now.
  const marked = agent.pending ?? { state: agent.state, reasonCode: agent.reasonCode };
  const isMarked = (state: string, reasonCode: string | null) =>
    marked.state === state && (marked.reasonCode ?? null) === reasonCode;
  items.push({ type: 'separator' });
  items.push({
    type: 'radio',
    label: text.available,
    checked: isMarked('available', null),
    action: { kind: 'setState', request: { state: 'available' } },
  });
  // Not ready without a reason: where a desk starts (agent.stateAtStart), so the menu can show it too.
  items.push({
    type: 'radio',
    label: text.notReady,
    checked: isMarked('notReady', null),
    action: { kind: 'setState', request: { state: 'notReady' } },
  });
  for (const reason of reasons) {
    const label =
      reason.kind === 'break' ? text.onBreak(reasonLabel(reason, locale)) : text.notReadyBecause(reasonLabel(reason, locale));
    items.push({
      type: 'radio',
      label,
      checked: isMarked(reason.kind, reason.code),
      action: { kind: 'setState', request: { state: reason.kind, reasonCode: reason.code } },
    });
  }
  return items;
}
