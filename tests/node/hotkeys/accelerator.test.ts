// parseAccelerator (vitest, Node): Electron's accelerator grammar as the hotkeys.* settings accept it,
// token names from Electron's parser (shell/common/keyboard_util.cc), plus the global-shortcut safety rules.
import { describe, expect, it } from 'vitest';
import { parseAccelerator, settingDefinitions } from '../../../electron/shared/settings.js';

function text(value: string): string {
  const parsed = parseAccelerator(value);
  return parsed.ok ? parsed.accelerator.text : `refused: ${parsed.reason}`;
}

describe('parseAccelerator', () => {
  it('accepts Electron spellings case-insensitively and gives one canonical text', () => {
    expect(text('F9')).toBe('F9');
    expect(text('ctrl+shift+f9')).toBe('Control+Shift+F9');
    expect(text('Shift+Control+F9')).toBe('Control+Shift+F9');
    expect(text('CmdOrCtrl+num1')).toBe('CommandOrControl+num1');
    expect(text('Command+Option+Esc')).toBe('Alt+Super+Escape');
    expect(text('Ctrl + Return')).toBe('Control+Enter'); // Electron trims tokens; Return is Enter
    expect(text('Ctrl+Plus')).toBe('Control+Plus');
    expect(text("Ctrl+'")).toBe("Control+'");
    expect(text('F24')).toBe('F24');
    expect(text('numadd')).toBe('numadd');
    expect(text('MediaPlayPause')).toBe('MediaPlayPause');
    expect(text('AltGr+F2')).toBe('AltGr+F2');
  });

  it('refuses what Electron would not parse, with a reason', () => {
    expect(text('')).toMatch(/is empty/);
    expect(text('F1+')).toMatch(/empty part/);
    expect(text('F25')).toMatch(/not a key Electron knows/);
    expect(text('Ctrl++')).toMatch(/write the \+ key as Plus/);
    expect(text('Ctrl+Ctrl+F1')).toMatch(/names Control twice/);
    expect(text('Ctrl+A+B')).toMatch(/more than one key/);
    expect(text('Alt')).toMatch(/no key/);
    expect(text('Ctrl+Й')).toMatch(/ASCII/);
    expect(text(`Ctrl+${'F1+'.repeat(30)}F2`)).toMatch(/too long/);
  });

  it('refuses shortcuts that would take keys the operator types with, system-wide', () => {
    for (const value of [
      'A',
      'Shift+A',
      '5',
      'num5',
      'numdec',
      'Space',
      'Enter',
      'Tab',
      'Backspace',
      'Up',
      'Escape',
      'Shift+/',
    ]) {
      expect(text(value), value).toMatch(/needs Ctrl, Alt or Super/);
    }
    // Ctrl+Alt is AltGr on Windows: on Turkish Q, AltGr+Q is @ and AltGr+E is €.
    for (const value of ['Ctrl+Alt+Q', 'Control+Alt+E', 'CmdOrCtrl+Alt+2', 'Ctrl+AltGr+Q'])
      expect(text(value), value).toMatch(/AltGr/);
    expect(text('AltGr+Q')).toMatch(/needs Ctrl, Alt or Super/);
    expect(text('Ctrl+Alt+F5')).toBe('Control+Alt+F5');
    expect(text('Ctrl+Alt+Shift+Home')).toBe('Control+Alt+Shift+Home');
  });

  it('the built-in hotkeys are valid accelerators and pairwise different', () => {
    const keys = [
      'hotkeys.answer',
      'hotkeys.hangup',
      'hotkeys.mute',
      'hotkeys.hold',
      'hotkeys.ready',
      'hotkeys.notReady',
    ] as const;
    const texts = keys.map((key) => text(settingDefinitions[key].builtin));
    expect(texts).toEqual(['F9', 'F10', 'F8', 'F7', 'Control+Shift+F9', 'Control+Shift+F10']);
    expect(new Set(texts).size).toBe(texts.length);
    for (const key of keys) expect(settingDefinitions[key].schema.safeParse('').success, key).toBe(true); // '' = no shortcut
  });
});
