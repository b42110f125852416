// How each setting is edited in the Settings dialog and how its text converts to a value. Runs in Chromium.
// Validation stays in the core (settings:set answers with details); this turns text into JSON values, and checks
// locally only what it converts itself (auto-answer's seconds become the schema's milliseconds).
import { settingDefinitions, settingKeys, type Locale, type SettingKey } from '../../../electron/shared/settings.js';

type SipCode = 480 | 486 | 603;
type DtmfMethod = (typeof settingDefinitions)['phone.dtmfMethod']['schema']['options'][number];

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
  | 'agentState.states.available'
  | `settingsEditors.sipCodes.${SipCode}`
  | `settingsEditors.dtmf.${DtmfMethod}`;
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
  /**
   * A fixed list of choices, applied as soon as one is picked. `boolean`: the values are 'true'/'false';
   * `numeric`: the values are numbers (SIP codes).
   */
  | { kind: 'choice'; options: readonly Choice[]; boolean?: true; numeric?: true }
  /** An audio device picked from the ones connected now (value: { id, label } or null for the default). */
  | { kind: 'device'; deviceKind: 'audioinput' | 'audiooutput' }
  /** A volume slider, 0–100 %. */
  | { kind: 'volume' }
  /** phone.autoAnswer: a checkbox and a delay in seconds (stored as { enabled, delayMs }). */
  | { kind: 'autoAnswer' }
  /** headset.device: the telephony headsets core sees now ('' = the first one). */
  | { kind: 'headset' }
  /** A global shortcut in Electron's accelerator syntax, typed or recorded from the keyboard. */
  | { kind: 'accelerator' };

/** On/off for boolean settings, shown as a choice so it needs no control of its own. */
const onOff: SettingEditor = {
  kind: 'choice',
  boolean: true,
  options: [
    { value: 'true', label: 'settings.choices.on' },
    { value: 'false', label: 'settings.choices.off' },
  ],
};

/** The SIP codes a code setting's schema allows (a union of literals), each with its words. */
function sipCodeChoice(schema: { readonly options: readonly { readonly value: SipCode }[] }): SettingEditor {
  return {
    kind: 'choice',
    numeric: true,
    options: schema.options.map(({ value }) => ({ value: String(value), label: `settingsEditors.sipCodes.${value}` as const })),
  };
}

const dtmfMethods: SettingEditor = {
  kind: 'choice',
  options: settingDefinitions['phone.dtmfMethod'].schema.options.map((method) => ({
    value: method,
    label: `settingsEditors.dtmf.${method}` as const,
  })),
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
  'phone.declineCode': sipCodeChoice(settingDefinitions['phone.declineCode'].schema),
  'phone.dndCode': sipCodeChoice(settingDefinitions['phone.dndCode'].schema),
  'phone.dtmfMethod': dtmfMethods,
  'phone.autoAnswer': { kind: 'autoAnswer' },
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
  'headset.device': { kind: 'headset' },
  'hotkeys.global': onOff,
  'hotkeys.answer': { kind: 'accelerator' },
  'hotkeys.hangup': { kind: 'accelerator' },
  'hotkeys.mute': { kind: 'accelerator' },
  'hotkeys.hold': { kind: 'accelerator' },
  'hotkeys.ready': { kind: 'accelerator' },
  'hotkeys.notReady': { kind: 'accelerator' },
  // Provisioned by IT in a centre; edited as JSON here for a desk without provisioning.
  'agent.notReadyReasons': { kind: 'json' },
  'agent.afterCallWork': { kind: 'json' },
  'agent.unavailableCode': sipCodeChoice(settingDefinitions['agent.unavailableCode'].schema),
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

// ---- Auto-answer: the editor's text is its draft (checkbox + the seconds as typed), as JSON ----

const autoAnswerSchema = settingDefinitions['phone.autoAnswer'].schema;
/** The delays the schema allows, in seconds, for the error text. */
export const autoAnswerDelaySeconds = {
  min: (autoAnswerSchema.shape.delayMs.minValue ?? 0) / 1000,
  max: (autoAnswerSchema.shape.delayMs.maxValue ?? 0) / 1000,
};

export interface AutoAnswerDraft {
  enabled: boolean;
  /** As typed: '2', '1.5', '1,5' (a decimal comma on tr/ru keyboards) or something to refuse. */
  delaySeconds: string;
}

export function autoAnswerText(draft: AutoAnswerDraft): string {
  return JSON.stringify(draft);
}

export function autoAnswerDraft(text: string): AutoAnswerDraft {
  try {
    const parsed = JSON.parse(text) as Partial<AutoAnswerDraft> | null;
    return { enabled: parsed?.enabled === true, delaySeconds: String(parsed?.delaySeconds ?? '') };
  } catch {
    return { enabled: false, delaySeconds: '' };
  }
}

/** The text shown in the editor for a value. */
export function toEditorText(editor: SettingEditor, value: unknown): string {
  switch (editor.kind) {
    case 'lines':
      return Array.isArray(value) ? value.map(String).join('\n') : '';
    case 'json':
      return JSON.stringify(value ?? null, null, 2);
    case 'autoAnswer': {
      const current = (value ?? {}) as { enabled?: unknown; delayMs?: unknown };
      const delayMs = typeof current.delayMs === 'number' ? current.delayMs : 0;
      return autoAnswerText({ enabled: current.enabled === true, delaySeconds: String(delayMs / 1000) });
    }
    default:
      return typeof value === 'string' ? value : JSON.stringify(value ?? '');
  }
}

export type ParsedText = { ok: true; value: unknown } | { ok: false; reason: 'invalidJson' | 'invalidDelay' };

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
      return { ok: true, value: editor.boolean ? text === 'true' : editor.numeric ? Number(text) : text };
    case 'autoAnswer': {
      const draft = autoAnswerDraft(text);
      const typed = draft.delaySeconds.trim().replace(',', '.');
      const seconds = typed === '' ? Number.NaN : Number(typed);
      const value = { enabled: draft.enabled, delayMs: Math.round(seconds * 1000) };
      // The setting's own schema decides the range, so this check cannot drift from the core's.
      return Number.isFinite(seconds) && autoAnswerSchema.safeParse(value).success
        ? { ok: true, value }
        : { ok: false, reason: 'invalidDelay' };
    }
    default:
      return { ok: true, value: text.trim() };
  }
}
