// Turns a key press into an Electron accelerator for the Settings dialog's "Record" button. Runs in Chromium.
// Keys are read from KeyboardEvent.code (the physical key, named as on a US keyboard), never from .key: on a
// Turkish F or a Russian ЙЦУКЕН layout .key is ğ or й, which no accelerator can name.
import { parseAccelerator } from '../../../electron/shared/settings.js';

export type RecordedKey =
  /** Escape: stop recording, change nothing. */
  | { kind: 'cancel' }
  /** Only modifiers so far (Ctrl is down, the key is not yet), or a key no accelerator can name: keep listening. */
  | { kind: 'incomplete' }
  /** `text` in the core's canonical form when the core accepts it, else as pressed (saving then says why not). */
  | { kind: 'accelerator'; text: string };

type KeyPress = Pick<KeyboardEvent, 'code' | 'ctrlKey' | 'altKey' | 'shiftKey' | 'metaKey'>;

/** KeyboardEvent.code → Electron key name, for the codes that are not letters, digits or F-keys. */
const namedCodes: Record<string, string> = {
  Space: 'Space',
  Tab: 'Tab',
  Enter: 'Enter',
  NumpadEnter: 'Enter',
  Backspace: 'Backspace',
  Delete: 'Delete',
  Insert: 'Insert',
  Home: 'Home',
  End: 'End',
  PageUp: 'PageUp',
  PageDown: 'PageDown',
  ArrowUp: 'Up',
  ArrowDown: 'Down',
  ArrowLeft: 'Left',
  ArrowRight: 'Right',
  CapsLock: 'Capslock',
  NumLock: 'Numlock',
  ScrollLock: 'Scrolllock',
  PrintScreen: 'PrintScreen',
  NumpadAdd: 'numadd',
  NumpadSubtract: 'numsub',
  NumpadMultiply: 'nummult',
  NumpadDivide: 'numdiv',
  NumpadDecimal: 'numdec',
  Minus: '-',
  Equal: '=',
  BracketLeft: '[',
  BracketRight: ']',
  Backslash: '\\',
  Semicolon: ';',
  Quote: "'",
  Backquote: '`',
  Comma: ',',
  Period: '.',
  Slash: '/',
  MediaPlayPause: 'MediaPlayPause',
  MediaStop: 'MediaStop',
  MediaTrackNext: 'MediaNextTrack',
  MediaTrackPrevious: 'MediaPreviousTrack',
  AudioVolumeUp: 'VolumeUp',
  AudioVolumeDown: 'VolumeDown',
  AudioVolumeMute: 'VolumeMute',
};

/** The Electron name of the physical key, or undefined for modifiers and keys accelerators cannot name. */
export function acceleratorKeyOf(code: string): string | undefined {
  const letter = /^Key([A-Z])$/.exec(code);
  if (letter) return letter[1];
  const digit = /^(?:Digit|Numpad)(\d)$/.exec(code);
  if (digit) return code.startsWith('Numpad') ? `num${digit[1]}` : digit[1];
  if (/^F([1-9]|1\d|2[0-4])$/.test(code)) return code;
  return namedCodes[code];
}

export function recordAccelerator(press: KeyPress): RecordedKey {
  if (press.code === 'Escape') return { kind: 'cancel' };
  const key = acceleratorKeyOf(press.code);
  if (!key) return { kind: 'incomplete' };
  const modifiers = [
    press.ctrlKey ? 'Control' : null,
    press.altKey ? 'Alt' : null,
    press.shiftKey ? 'Shift' : null,
    press.metaKey ? 'Super' : null,
  ].filter((modifier) => modifier !== null);
  const text = [...modifiers, key].join('+');
  const parsed = parseAccelerator(text);
  return { kind: 'accelerator', text: parsed.ok ? parsed.accelerator.text : text };
}
