// The keyboard shortcuts that exist so far, in one list: the handler and the `?` sheet both read it,
// so the sheet can never advertise a shortcut that does nothing. Runs in Chromium.

export type ShortcutId = 'openSettings' | 'showShortcuts' | 'nextRegion' | 'previousRegion' | 'closeDialog';
/** Key names are translated too (keys.* in the catalogues): some keyboards label them differently. */
export type KeyName = 'ctrl' | 'shift' | 'comma' | 'questionMark' | 'f6' | 'escape';

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
export function matchShortcut(event: KeyboardEvent): Exclude<ShortcutId, 'closeDialog'> | null {
  const command = event.ctrlKey || event.metaKey;
  if (command && !event.altKey && event.key === ',') return 'openSettings';
  if (event.key === 'F6' && !command && !event.altKey) return event.shiftKey ? 'previousRegion' : 'nextRegion';
  if (event.key === '?' && !command && !event.altKey && !isTextEntry(event.target)) return 'showShortcuts';
  return null;
}
