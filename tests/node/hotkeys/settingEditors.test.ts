// How the Settings dialog edits the new headset.* and hotkeys.* settings (vitest, Node; the editors are pure TS):
// on/off settings round-trip as booleans through the choice editor, and the groups exist.
import { describe, expect, it } from 'vitest';
import { settingDefinitions } from '../../../electron/shared/settings.js';
import {
  fromEditorText,
  groupOf,
  keysInGroup,
  settingEditors,
  toEditorText,
} from '../../../renderer/src/settings/settingEditors.js';

describe('setting editors for headset and hotkeys', () => {
  it('on/off settings show "true"/"false" and send a boolean the schema accepts', () => {
    for (const key of ['hotkeys.global', 'headset.enabled'] as const) {
      const editor = settingEditors[key];
      expect(toEditorText(editor, true)).toBe('true');
      expect(toEditorText(editor, false)).toBe('false');
      const parsed = fromEditorText(editor, 'false');
      expect(parsed).toEqual({ ok: true, value: false });
      expect(settingDefinitions[key].schema.safeParse(parsed.ok && parsed.value).success).toBe(true);
    }
    // A choice that is not on/off still sends its text.
    expect(fromEditorText(settingEditors['ui.theme'], 'dark')).toEqual({ ok: true, value: 'dark' });
  });

  it('puts headset.* and hotkeys.* in their own groups', () => {
    expect(groupOf('headset.device')).toBe('headset');
    expect(groupOf('sip.servers')).toBe('sip');
    expect(keysInGroup('hotkeys')).toEqual([
      'hotkeys.global',
      'hotkeys.answer',
      'hotkeys.hangup',
      'hotkeys.mute',
      'hotkeys.hold',
      'hotkeys.ready',
      'hotkeys.notReady',
    ]);
    expect(fromEditorText(settingEditors['hotkeys.answer'], ' Ctrl+Shift+F9 ')).toEqual({ ok: true, value: 'Ctrl+Shift+F9' });
  });
});
