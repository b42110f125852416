// How each setting is edited in the Settings dialog and how its text converts to a value. Runs in Chromium.
// Validation stays in the core (settings:set answers with details); this only turns text into JSON values.
import { settingKeys, type Locale, type SettingKey } from '../../../electron/shared/settings.js';

/** Catalogue keys that name a choice; typed so a missing translation is a compile error. */
export type ChoiceLabel =
  | 'locale.system'
  | `locale.names.${Locale}`
  | 'theme.system'
  | 'theme.light'
  | 'theme.dark'
  | 'settings.choices.on'
  | 'settings.choices.off'
  | 'agentState.states.notReady'
  | 'agentState.states.available';
export interface Choice {
  value: string;
  label: ChoiceLabel;
}

export type SettingEditor =
  | { kind: 'text' }
  /** One entry per line, e.g. SIP server URLs. */
  | { kind: 'lines' }
  /** Structured values (ICE servers) edited as JSON. */
  | { kind: 'json' }
  /** A fixed list of choices, applied as soon as one is picked. `boolean`: the values are 'true'/'false'. */
  | { kind: 'choice'; options: readonly Choice[]; boolean?: true }
  /** An audio device picked from the ones connected now (value: { id, label } or null for the default). */
  | { kind: 'device'; deviceKind: 'audioinput' | 'audiooutput' }
  /** A volume slider, 0–100 %. */
  | { kind: 'volume' };

/** On/off for boolean settings, shown as a choice so it needs no control of its own. */
const onOff: SettingEditor = {
  kind: 'choice',
  boolean: true,
  options: [
    { value: 'true', label: 'settings.choices.on' },
    { value: 'false', label: 'settings.choices.off' },
  ],
};

export const settingEditors: { readonly [K in SettingKey]: SettingEditor } = {
  'sip.servers': { kind: 'lines' },
  'sip.domain': { kind: 'text' },
  'sip.user': { kind: 'text' },
  'sip.authUser': { kind: 'text' },
  'sip.displayName': { kind: 'text' },
  'sip.iceServers': { kind: 'json' },
  'phone.defaultCountry': { kind: 'text' },
  'phone.outsideLinePrefix': { kind: 'text' },
  // SIP codes are numbers and auto-answer is {enabled, delayMs}: JSON keeps their types (core checks the values).
  'phone.declineCode': { kind: 'json' },
  'phone.dndCode': { kind: 'json' },
  'phone.dtmfMethod': { kind: 'text' },
  'phone.autoAnswer': { kind: 'json' },
  'phone.honourAnswerAfter': onOff,
  'ui.locale': {
    kind: 'choice',
    options: [
      { value: 'system', label: 'locale.system' },
      { value: 'tr', label: 'locale.names.tr' },
      { value: 'en', label: 'locale.names.en' },
      { value: 'ru', label: 'locale.names.ru' },
    ],
  },
  'ui.theme': {
    kind: 'choice',
    options: [
      { value: 'system', label: 'theme.system' },
      { value: 'light', label: 'theme.light' },
      { value: 'dark', label: 'theme.dark' },
    ],
  },
  'audio.microphone': { kind: 'device', deviceKind: 'audioinput' },
  'audio.headsetOutput': { kind: 'device', deviceKind: 'audiooutput' },
  'audio.ringerOutput': { kind: 'device', deviceKind: 'audiooutput' },
  'audio.ringOnHeadset': onOff,
  'audio.microphoneWhileRinging': onOff,
  'audio.ringerVolume': { kind: 'volume' },
  'audio.headsetRingVolume': { kind: 'volume' },
  'ui.offerDemoWorkspace': onOff,
  'ui.callNotifications': onOff,
  'ui.bringToFrontOnCall': onOff,
  'headset.enabled': onOff,
  'headset.device': { kind: 'text' },
  'hotkeys.global': onOff,
  'hotkeys.answer': { kind: 'text' },
  'hotkeys.hangup': { kind: 'text' },
  'hotkeys.mute': { kind: 'text' },
  'hotkeys.hold': { kind: 'text' },
  'hotkeys.ready': { kind: 'text' },
  'hotkeys.notReady': { kind: 'text' },
  // Provisioned by IT in a centre; edited as JSON here for a desk without provisioning.
  'agent.notReadyReasons': { kind: 'json' },
  'agent.afterCallWork': { kind: 'json' },
  'agent.unavailableCode': { kind: 'json' },
  'agent.stateAtStart': {
    kind: 'choice',
    options: [
      { value: 'notReady', label: 'agentState.states.notReady' },
      { value: 'available', label: 'agentState.states.available' },
    ],
  },
  'workflow.dispositions': { kind: 'json' },
};

export type SettingGroup = 'sip' | 'phone' | 'audio' | 'headset' | 'hotkeys' | 'agent' | 'workflow' | 'ui';
export const settingGroups: readonly SettingGroup[] = ['sip', 'phone', 'audio', 'headset', 'hotkeys', 'agent', 'workflow', 'ui'];

/** Settings are grouped by the first part of their key: `sip.servers` is in the SIP group. */
export function groupOf(key: SettingKey): SettingGroup {
  const domain = key.split('.')[0];
  return settingGroups.find((group) => group === domain) ?? 'sip';
}

export function keysInGroup(group: SettingGroup): SettingKey[] {
  return settingKeys.filter((key) => groupOf(key) === group);
}

/** The text shown in the editor for a value. */
export function toEditorText(editor: SettingEditor, value: unknown): string {
  switch (editor.kind) {
    case 'lines':
      return Array.isArray(value) ? value.map(String).join('\n') : '';
    case 'json':
      return JSON.stringify(value ?? null, null, 2);
    default:
      return typeof value === 'string' ? value : JSON.stringify(value ?? '');
  }
}

export type ParsedText = { ok: true; value: unknown } | { ok: false; reason: 'invalidJson' };

/** The value to send for an editor's text. Surrounding spaces (from copy-paste) and blank lines are dropped; JSON must parse. */
export function fromEditorText(editor: SettingEditor, text: string): ParsedText {
  switch (editor.kind) {
    case 'lines':
      return {
        ok: true,
        value: text
          .split('\n')
          .map((line) => line.trim())
          .filter((line) => line !== ''),
      };
    case 'json':
      try {
        return { ok: true, value: JSON.parse(text) as unknown };
      } catch {
        return { ok: false, reason: 'invalidJson' };
      }
    case 'choice':
      return { ok: true, value: editor.boolean ? text === 'true' : text };
    default:
      return { ok: true, value: text.trim() };
  }
}
