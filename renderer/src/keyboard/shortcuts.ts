// The keyboard shortcuts that exist so far, in one list: the handler and the `?` sheet both read it,
// so the sheet can never advertise a shortcut that does nothing. Runs in Chromium.

export type CallShortcutId = 'answerCall' | 'hangUp' | 'toggleMute' | 'toggleHold';
export type ShortcutId = 'openSettings' | 'showShortcuts' | 'nextRegion' | 'previousRegion' | 'closeDialog' | CallShortcutId;
/** Key names are translated too (keys.* in the catalogues): some keyboards label them differently. */
export type KeyName = 'ctrl' | 'shift' | 'alt' | 'comma' | 'questionMark' | 'f6' | 'escape' | 'a' | 'h' | 'm' | 'k';

export interface Shortcut {
  id: ShortcutId;
  keys: readonly KeyName[];
}

export const shortcuts: readonly Shortcut[] = [
  { id: 'openSettings', keys: ['ctrl', 'comma'] },
  { id: 'showShortcuts', keys: ['questionMark'] },
  { id: 'nextRegion', keys: ['f6'] },
  { id: 'previousRegion', keys: ['shift', 'f6'] },
  { id: 'closeDialog', keys: ['escape'] },
  { id: 'answerCall', keys: ['alt', 'a'] },
  { id: 'hangUp', keys: ['alt', 'h'] },
  { id: 'toggleMute', keys: ['alt', 'm'] },
  { id: 'toggleHold', keys: ['alt', 'k'] },
];

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
  KeyH: 'hangUp',
  KeyM: 'toggleMute',
  KeyK: 'toggleHold',
};

/**
 * Which call shortcut a keydown is, if any. They work in text fields too (the operator may be typing
 * notes when a call rings): Alt+letter types nothing on the layouts we support.
 */
export function matchCallShortcut(event: KeyboardEvent): CallShortcutId | null {
  if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return null;
  return callShortcutKeys[event.code] ?? null;
}
