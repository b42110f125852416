// The keyboard shortcuts that exist, in one list: the handlers and the `?` sheet both read it, so the sheet can
// never advertise a shortcut that does nothing. Runs in Chromium.
//
// In-app shortcuts (this file) work while AgentDesk has the focus. The system-wide ones are settings
// (hotkeys.*, registered by core: electron/core/hotkeys) and the sheet shows them from there.
//
// Every call action has a key:
//   Alt+A answer · Alt+R decline (Reject / Reddet) · Alt+H hang up · Alt+K hold or resume · Alt+M mute or unmute ·
//   Alt+T transfer (opens the transfer field) · Alt+P keypad (opens it; then 0–9, * and # send tones) ·
//   Alt+N the number field, to dial (Number / Numara / Номер) · Alt+L swap lines (the other Line: hold the talking
//   one, resume the next held one; again and again it cycles through the held lines)
// Attended transfer and conference (keyboard/useConsultShortcuts.ts): Alt+S consult (opens the consult field) ·
//   Alt+Y complete the transfer · Alt+X cancel the consultation · Alt+J join the calls in a conference
// Letters are matched by physical key (event.code), so the same keys work on Turkish Q/F and Russian layouts.
// Left out on purpose: Alt+D, Alt+E, Alt+F (Chromium's address bar and menu in browser mode), Alt+V and Alt+W
// (kept free for the same reason: View and Window in a menu bar), Ctrl+letter (text editing), F-keys (the global
// defaults use F7–F10, F6 moves between regions).
//
// Agent states: Alt+1 Available · Alt+2 Not ready · Alt+3 Break (by physical key, like the letters), run by the
// agent state menu in the status bar (renderer/src/agent/AgentStateMenu.tsx). During a call they set the state
// to take after it. Their global keys are hotkeys.ready / hotkeys.notReady (hotkeyActions in
// electron/shared/ipc/devices.ts is that list). Alt+4 turns do-not-disturb on or off (the phone turns incoming
// calls away; components/StatusBarDnd.tsx), next to the availability keys it belongs with.
//
// Phone line: Alt+G registers again now (reGister; components/StatusBarLine.tsx) while the line is failed,
// waiting to retry or not registered.
//
// Catalogue: Alt+C the catalogue search box (renderer/src/catalogue/CataloguePanel.tsx); in its results ↑/↓ move,
// Enter opens, O offers the item (by physical key).

export type ShortcutGroup = 'general' | 'calls' | 'agent' | 'panels';
export type CallShortcutId =
  | 'answerCall'
  | 'declineCall'
  | 'hangUp'
  | 'toggleHold'
  | 'swapLines'
  | 'toggleMute'
  | 'transferCall'
  | 'toggleKeypad'
  | 'focusDial';
/** Agent-state shortcuts (see the header). */
export type AgentStateShortcutId = 'agentReady' | 'agentNotReady' | 'agentBreak';
/** The phone line's keys in the status bar (see the header). */
export type LineShortcutId = 'toggleDnd' | 'reconnectLine';
export type ShortcutId =
  | 'openSettings'
  | 'showShortcuts'
  | 'nextRegion'
  | 'previousRegion'
  | 'closeDialog'
  | CallShortcutId
  | 'sendTones'
  | AgentStateShortcutId
  | LineShortcutId
  | CatalogueShortcutId
  | ConsultShortcutId
  | PanelShortcutId;
/**
 * Keys the script viewer and the wrap-up form handle themselves while they have the focus
 * (renderer/src/scripts/ScriptViewer.tsx, renderer/src/workflow/WrapUpForm.tsx); listed here for the sheet.
 */
export type PanelShortcutId = 'scriptNext' | 'scriptBack' | 'scriptChoose' | 'wrapUpChooseOutcome' | 'wrapUpSubmit';
/** Attended transfer and conference keys (see the header). */
export type ConsultShortcutId = 'consultCall' | 'completeTransfer' | 'cancelConsult' | 'joinConference';
/** The catalogue panel's keys (renderer/src/catalogue/CataloguePanel.tsx). */
export type CatalogueShortcutId = 'focusCatalogue' | 'offerCatalogueItem';
/** Key names are translated too (keys.* in the catalogues): some keyboards label them differently. */
export type KeyName =
  | 'ctrl'
  | 'shift'
  | 'alt'
  | 'super'
  | 'comma'
  | 'questionMark'
  | 'f6'
  | 'escape'
  | 'a'
  | 'r'
  | 'h'
  | 'k'
  | 'm'
  | 't'
  | 'p'
  | 'n'
  | 'digit1'
  | 'digit2'
  | 'digit3'
  | 'digit4'
  | 'l'
  | 'g'
  | 'dtmfKeys'
  | 'c'
  | 'o'
  | 's'
  | 'y'
  | 'x'
  | 'j'
  | 'enter'
  | 'arrowLeft'
  | 'digits1to9';

export interface Shortcut {
  id: ShortcutId;
  group: ShortcutGroup;
  keys: readonly KeyName[];
}

export const shortcutGroups: readonly ShortcutGroup[] = ['calls', 'agent', 'panels', 'general'];

export const shortcuts: readonly Shortcut[] = [
  { id: 'answerCall', group: 'calls', keys: ['alt', 'a'] },
  { id: 'declineCall', group: 'calls', keys: ['alt', 'r'] },
  { id: 'hangUp', group: 'calls', keys: ['alt', 'h'] },
  { id: 'toggleHold', group: 'calls', keys: ['alt', 'k'] },
  { id: 'swapLines', group: 'calls', keys: ['alt', 'l'] },
  { id: 'toggleMute', group: 'calls', keys: ['alt', 'm'] },
  { id: 'transferCall', group: 'calls', keys: ['alt', 't'] },
  { id: 'consultCall', group: 'calls', keys: ['alt', 's'] },
  { id: 'completeTransfer', group: 'calls', keys: ['alt', 'y'] },
  { id: 'cancelConsult', group: 'calls', keys: ['alt', 'x'] },
  { id: 'joinConference', group: 'calls', keys: ['alt', 'j'] },
  { id: 'toggleKeypad', group: 'calls', keys: ['alt', 'p'] },
  // Handled by the open keypad (useCallShortcuts), not by a global key: digits are text everywhere else.
  { id: 'sendTones', group: 'calls', keys: ['dtmfKeys'] },
  { id: 'focusDial', group: 'calls', keys: ['alt', 'n'] },
  { id: 'reconnectLine', group: 'calls', keys: ['alt', 'g'] },
  { id: 'agentReady', group: 'agent', keys: ['alt', 'digit1'] },
  { id: 'agentNotReady', group: 'agent', keys: ['alt', 'digit2'] },
  { id: 'agentBreak', group: 'agent', keys: ['alt', 'digit3'] },
  { id: 'toggleDnd', group: 'agent', keys: ['alt', 'digit4'] },
  { id: 'scriptNext', group: 'panels', keys: ['enter'] },
  { id: 'scriptBack', group: 'panels', keys: ['arrowLeft'] },
  { id: 'scriptChoose', group: 'panels', keys: ['digits1to9'] },
  { id: 'wrapUpChooseOutcome', group: 'panels', keys: ['digits1to9'] },
  { id: 'wrapUpSubmit', group: 'panels', keys: ['ctrl', 'enter'] },
  { id: 'focusCatalogue', group: 'general', keys: ['alt', 'c'] },
  // Handled by a focused catalogue result (or an opened item), not by a global key: O is text everywhere else.
  { id: 'offerCatalogueItem', group: 'general', keys: ['o'] },
  { id: 'openSettings', group: 'general', keys: ['ctrl', 'comma'] },
  { id: 'showShortcuts', group: 'general', keys: ['questionMark'] },
  { id: 'nextRegion', group: 'general', keys: ['f6'] },
  { id: 'previousRegion', group: 'general', keys: ['shift', 'f6'] },
  { id: 'closeDialog', group: 'general', keys: ['escape'] },
];

/** aria-keyshortcuts names (WAI-ARIA: modifiers as in KeyboardEvent.key, then the key). */
const ariaKeyNames: Record<Exclude<KeyName, 'dtmfKeys' | 'digits1to9'>, string> = {
  ctrl: 'Control',
  shift: 'Shift',
  alt: 'Alt',
  super: 'Meta',
  comma: ',',
  questionMark: '?',
  f6: 'F6',
  escape: 'Escape',
  a: 'A',
  r: 'R',
  h: 'H',
  k: 'K',
  m: 'M',
  t: 'T',
  p: 'P',
  n: 'N',
  digit1: '1',
  digit2: '2',
  digit3: '3',
  digit4: '4',
  l: 'L',
  g: 'G',
  c: 'C',
  o: 'O',
  s: 'S',
  y: 'Y',
  x: 'X',
  j: 'J',
  enter: 'Enter',
  arrowLeft: 'ArrowLeft',
};

/** The aria-keyshortcuts value of a shortcut, e.g. "Alt+T", so controls announce the key the sheet lists. */
export function ariaKeyShortcuts(id: Exclude<ShortcutId, 'sendTones'>): string {
  const shortcut = shortcuts.find((candidate) => candidate.id === id)!;
  return shortcut.keys.map((key) => (key === 'dtmfKeys' || key === 'digits1to9' ? '' : ariaKeyNames[key])).join('+');
}

/** True when a key press is meant as text (the operator is typing into a field). */
function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) {
    return !['button', 'checkbox', 'radio', 'submit', 'reset', 'range', 'color', 'file'].includes(target.type);
  }
  return false;
}

/**
 * Which app-level shortcut a keydown is, if any. Escape is not here: native <dialog> closes itself.
 * Cmd counts as Ctrl so a Mac keyboard works the same.
 */
export function matchShortcut(event: KeyboardEvent): 'openSettings' | 'showShortcuts' | 'nextRegion' | 'previousRegion' | null {
  const command = event.ctrlKey || event.metaKey;
  if (command && !event.altKey && event.key === ',') return 'openSettings';
  if (event.key === 'F6' && !command && !event.altKey) return event.shiftKey ? 'previousRegion' : 'nextRegion';
  if (event.key === '?' && !command && !event.altKey && !isTextEntry(event.target)) return 'showShortcuts';
  return null;
}

/** Alt+letter by physical key (event.code), so Turkish and Russian layouts use the same keys. */
const callShortcutKeys: Record<string, CallShortcutId> = {
  KeyA: 'answerCall',
  KeyR: 'declineCall',
  KeyH: 'hangUp',
  KeyK: 'toggleHold',
  KeyL: 'swapLines',
  KeyM: 'toggleMute',
  KeyT: 'transferCall',
  KeyP: 'toggleKeypad',
  KeyN: 'focusDial',
};

/** Attended transfer and conference keys, by physical key like the other call keys. */
const consultShortcutKeys: Record<string, ConsultShortcutId> = {
  KeyS: 'consultCall',
  KeyY: 'completeTransfer',
  KeyX: 'cancelConsult',
  KeyJ: 'joinConference',
};

/** Which attended-transfer or conference shortcut a keydown is, if any; text fields included, like the call keys. */
export function matchConsultShortcut(event: KeyboardEvent): ConsultShortcutId | null {
  if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return null;
  return consultShortcutKeys[event.code] ?? null;
}

/**
 * Which call shortcut a keydown is, if any. They work in text fields too (the operator may be typing
 * notes when a call rings): Alt+letter types nothing on the layouts we support.
 */
export function matchCallShortcut(event: KeyboardEvent): CallShortcutId | null {
  if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return null;
  return callShortcutKeys[event.code] ?? null;
}

/**
 * The DTMF tone a key press types on the open keypad: 0–9, * and # as the layout produces them (event.key, so
 * Shift+8 on a US keyboard and the numpad's * both count), without Ctrl, Alt or Cmd.
 */
export function dtmfToneOf(event: KeyboardEvent): string | null {
  if (event.ctrlKey || event.altKey || event.metaKey) return null;
  return /^[0-9*#]$/.test(event.key) ? event.key : null;
}

/** Alt+digit by physical key (event.code): the digit row is the same on Turkish and Russian layouts. */
const agentShortcutKeys: Record<string, AgentStateShortcutId> = {
  Digit1: 'agentReady',
  Digit2: 'agentNotReady',
  Digit3: 'agentBreak',
};

/** Which agent-state shortcut a keydown is, if any. Like the call keys, they work in text fields too. */
export function matchAgentShortcut(event: KeyboardEvent): AgentStateShortcutId | null {
  if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return null;
  return agentShortcutKeys[event.code] ?? null;
}

/** The line keys by physical key, like the others: Alt+4 beside the agent states, Alt+G (reGister). */
const lineShortcutKeys: Record<string, LineShortcutId> = {
  Digit4: 'toggleDnd',
  KeyG: 'reconnectLine',
};

/** Which phone-line shortcut a keydown is, if any; text fields included, like the call keys. */
export function matchLineShortcut(event: KeyboardEvent): LineShortcutId | null {
  if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return null;
  return lineShortcutKeys[event.code] ?? null;
}

/**
 * Alt+C (Catalogue / Katalog / Каталог) by physical key: focuses the catalogue search box from anywhere, text
 * fields included (Alt+letter types nothing on the layouts we support).
 */
export function matchCatalogueShortcut(event: KeyboardEvent): boolean {
  return event.altKey && !event.ctrlKey && !event.metaKey && !event.shiftKey && event.code === 'KeyC';
}
