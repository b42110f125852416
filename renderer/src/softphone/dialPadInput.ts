// How the idle dial pad edits the dial field: a key types at the caret (over a selection), backspace erases the
// selection or the character before the caret, and the caret lands where typing continues. Pure; used by
// SoftphoneBar's DialPad. Runs in Chromium (and in unit tests).

/** The pad's keys in the order they are laid out: a phone's 3 × 4 grid, then + for international numbers. */
export const dialPadKeys = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#', '+'] as const;

export type DialPadKey = (typeof dialPadKeys)[number];

/** The text a key press types while the focus is on the pad (the layout's own characters), or null. */
export function dialPadKeyOf(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'altKey' | 'metaKey'>): DialPadKey | null {
  if (event.ctrlKey || event.altKey || event.metaKey) return null;
  return (dialPadKeys as readonly string[]).includes(event.key) ? (event.key as DialPadKey) : null;
}

export interface DialFieldEdit {
  value: string;
  /** Where the caret goes afterwards. */
  caret: number;
}

/** The selection as the field reports it; a field that never had one types at its end. */
function selection(value: string, start: number | null, end: number | null): [number, number] {
  const from = Math.min(Math.max(start ?? value.length, 0), value.length);
  const to = Math.min(Math.max(end ?? from, from), value.length);
  return [from, to];
}

export function typeIntoDialField(value: string, start: number | null, end: number | null, text: string): DialFieldEdit {
  const [from, to] = selection(value, start, end);
  return { value: value.slice(0, from) + text + value.slice(to), caret: from + text.length };
}

export function eraseInDialField(value: string, start: number | null, end: number | null): DialFieldEdit {
  const [from, to] = selection(value, start, end);
  if (from !== to) return { value: value.slice(0, from) + value.slice(to), caret: from };
  if (from === 0) return { value, caret: 0 };
  // One character back by code point: a pasted emoji or symbol outside the BMP goes in one press.
  const before = Array.from(value.slice(0, from));
  before.pop();
  const kept = before.join('');
  return { value: kept + value.slice(from), caret: kept.length };
}
