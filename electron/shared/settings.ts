// The settings model: every key, its value schema and built-in default. Runs anywhere.
// Precedence (architecture §5): policy (locked by IT) > user > provisioned defaults > built-in.
import { z } from 'zod';
import {
  afterCallWorkSchema,
  builtinAfterCallWork,
  builtinDispositions,
  builtinNotReadyReasons,
  dispositionsSchema,
  notReadyReasonsSchema,
} from './workflow.js';

export const locales = ['tr', 'en', 'ru'] as const;
export type Locale = (typeof locales)[number];

// A SIP-over-WebSocket server: ws:// or wss://, a host, optional port and path. (No URL global here:
// shared code runs in every tier and is compiled without DOM or Node types.)
const wsUrl = z
  .string()
  .max(2048)
  .regex(/^wss?:\/\/(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(:\d{1,5})?(\/[^\s?#]*)?$/i, 'must be a ws:// or wss:// URL');

const iceServer = z
  .object({
    urls: z.union([z.string().max(2048), z.array(z.string().max(2048)).min(1).max(16)]),
    username: z.string().max(512).optional(),
    credential: z.string().max(512).optional(),
  })
  .strict();

const shortText = z.string().max(256);

/** An audio device as the operator chose it: Chromium's device id and the label it had then. */
const audioDeviceChoice = z.object({ id: z.string().max(256), label: z.string().max(256) }).strict();
export type AudioDeviceChoice = z.infer<typeof audioDeviceChoice>;
const volumePercent = z.number().int().min(0).max(100);

// ---- Keyboard shortcuts: Electron's accelerator grammar ----
// Checked here, not only by Electron, so a bad value in a policy file is a settings problem with a reason,
// never a TypeError from globalShortcut.register. Token names as Electron's own parser takes them
// (shell/common/keyboard_util.cc, case-insensitive); Electron ignores some junk tokens, we refuse them.

export const acceleratorModifiers = ['CommandOrControl', 'Control', 'Alt', 'AltGr', 'Shift', 'Super'] as const;
export type AcceleratorModifier = (typeof acceleratorModifiers)[number];

const modifierNames: Record<string, AcceleratorModifier> = {
  commandorcontrol: 'CommandOrControl',
  cmdorctrl: 'CommandOrControl',
  control: 'Control',
  ctrl: 'Control',
  alt: 'Alt',
  option: 'Alt',
  altgr: 'AltGr',
  shift: 'Shift',
  // Electron maps all four to the same key: Cmd on macOS, the Windows/Super key elsewhere.
  super: 'Super',
  meta: 'Super',
  cmd: 'Super',
  command: 'Super',
};

const namedKeys: Record<string, string> = Object.fromEntries([
  ...Array.from({ length: 24 }, (_, i) => [`f${i + 1}`, `F${i + 1}`]),
  ...Array.from({ length: 10 }, (_, i) => [`num${i}`, `num${i}`]),
  ...['numadd', 'numsub', 'nummult', 'numdiv', 'numdec'].map((name) => [name, name]),
  ...(
    'Plus Space Tab Capslock Numlock Scrolllock Backspace Delete Insert Enter Up Down Left Right Home End PageUp PageDown ' +
    'Escape VolumeUp VolumeDown VolumeMute MediaNextTrack MediaPreviousTrack MediaStop MediaPlayPause PrintScreen'
  )
    .split(' ')
    .map((name) => [name.toLowerCase(), name]),
  ['return', 'Enter'],
  ['esc', 'Escape'],
]);

/** Single characters Electron accepts as a key (letters are upper-cased in the canonical form). */
const characterKeys = new Set([...'abcdefghijklmnopqrstuvwxyz0123456789', ...'!"#$%&\'()*,-./:;<=>?@[\\]^_`{|}~']);

/**
 * Keys that may stand without Ctrl, Alt or Super in a global shortcut: they type no text and move no caret,
 * so taking them system-wide costs the operator nothing they type with.
 */
function isSafeWithoutCommandModifier(key: string): boolean {
  return /^F\d+$/.test(key) || ['numadd', 'numsub', 'nummult', 'numdiv'].includes(key) || /^(Media|Volume)/.test(key);
}

export interface Accelerator {
  /** Sorted as in `acceleratorModifiers`, each at most once. */
  modifiers: AcceleratorModifier[];
  /** Canonical key name: `F9`, `A`, `num0`, `PageUp`… */
  key: string;
  /** The canonical text, e.g. `Control+Shift+F9`: what equal shortcuts have in common. */
  text: string;
}

export type AcceleratorParse = { ok: true; accelerator: Accelerator } | { ok: false; reason: string };

/** Parses an Electron accelerator (`Ctrl+Shift+F9`, `F9`, `CmdOrCtrl+num1`) and checks it is safe as a global shortcut. */
export function parseAccelerator(text: string): AcceleratorParse {
  if (text.trim() === '') return { ok: false, reason: 'is empty' };
  if (text.length > 64) return { ok: false, reason: 'is too long' };
  if (!/^[\x20-\x7e]+$/.test(text)) return { ok: false, reason: 'may contain only ASCII characters' };
  const tokens = text.split('+').map((token) => token.trim());
  if (tokens.some((token) => token === '')) return { ok: false, reason: 'has an empty part (write the + key as Plus)' };
  const modifiers = new Set<AcceleratorModifier>();
  let key: string | undefined;
  for (const token of tokens) {
    const lower = token.toLowerCase();
    const modifier = modifierNames[lower];
    if (modifier) {
      if (modifiers.has(modifier)) return { ok: false, reason: `names ${modifier} twice` };
      modifiers.add(modifier);
      continue;
    }
    const named = lower.length === 1 ? (characterKeys.has(lower) ? lower.toUpperCase() : undefined) : namedKeys[lower];
    if (!named) return { ok: false, reason: `"${token}" is not a key Electron knows` };
    if (key) return { ok: false, reason: 'has more than one key besides the modifiers' };
    key = named;
  }
  if (!key) return { ok: false, reason: 'has no key besides the modifiers' };
  const commandModifier = ['CommandOrControl', 'Control', 'Alt', 'Super'].some((m) => modifiers.has(m as AcceleratorModifier));
  if (!commandModifier && !isSafeWithoutCommandModifier(key)) {
    return { ok: false, reason: 'needs Ctrl, Alt or Super: without them it would take a key the operator types with' };
  }
  // Windows sends AltGr as Ctrl+Alt: on Turkish, Russian and most European layouts Ctrl+Alt+<key> types a
  // character (Turkish Q: AltGr+Q is @), so a global Ctrl+Alt shortcut on such a key takes that character away.
  const controlLike = modifiers.has('Control') || modifiers.has('CommandOrControl');
  if ((modifiers.has('AltGr') || (controlLike && modifiers.has('Alt'))) && characterKeys.has(key.toLowerCase())) {
    return { ok: false, reason: 'Ctrl+Alt (AltGr) with a character key types @, € or ₺ on many layouts' };
  }
  const sorted = acceleratorModifiers.filter((m) => modifiers.has(m));
  return { ok: true, accelerator: { modifiers: sorted, key, text: [...sorted, key].join('+') } };
}

/** A shortcut setting: an accelerator, or '' for none. */
const acceleratorSetting = z.string().superRefine((value, context) => {
  if (value === '') return;
  const parsed = parseAccelerator(value);
  if (!parsed.ok) context.addIssue({ code: 'custom', message: `"${value.slice(0, 64)}" ${parsed.reason}` });
});

/**
 * Every setting, by dotted key. The value schema validates user input, provisioning files and
 * the stored user layer alike; `builtin` is the last-resort default.
 */
export const settingDefinitions = {
  'sip.servers': { schema: z.array(wsUrl).max(16), builtin: [] as string[] },
  'sip.domain': { schema: shortText, builtin: '' },
  'sip.user': { schema: shortText, builtin: '' },
  'sip.authUser': { schema: shortText, builtin: '' },
  'sip.displayName': { schema: shortText, builtin: '' },
  'sip.iceServers': { schema: z.array(iceServer).max(16), builtin: [] as z.infer<typeof iceServer>[] },
  /** ISO 3166 alpha-2 country for national numbers (caller ids without +, typed numbers). */
  'phone.defaultCountry': { schema: z.string().regex(/^[A-Z]{2}$/, 'must be a two-letter country code such as TR'), builtin: 'TR' },
  /** Digits the PBX needs before an outside number (e.g. 9 or 0); empty when none. */
  'phone.outsideLinePrefix': { schema: z.string().regex(/^[0-9]{0,4}$/, 'must be up to 4 digits'), builtin: '' },
  /** SIP code for "Decline" on a ringing call: 486 Busy Here (the caller may try again) or 603 Decline. */
  'phone.declineCode': { schema: z.union([z.literal(486), z.literal(603)]), builtin: 486 as 486 | 603 },
  /** SIP code for calls rejected while do-not-disturb is on: 486 Busy Here, 480 Temporarily Unavailable or 603 Decline. */
  'phone.dndCode': { schema: z.union([z.literal(486), z.literal(480), z.literal(603)]), builtin: 486 as 486 | 480 | 603 },
  /** How the keypad sends digits: RFC 4733 telephone-events in the audio, or SIP INFO (application/dtmf-relay). */
  'phone.dtmfMethod': { schema: z.enum(['rfc4733', 'info']), builtin: 'rfc4733' as 'rfc4733' | 'info' },
  /** Answer incoming calls by itself after `delayMs` (never a second call while one is live). */
  'phone.autoAnswer': {
    schema: z.object({ enabled: z.boolean(), delayMs: z.number().int().min(0).max(60_000) }).strict(),
    builtin: { enabled: false, delayMs: 0 } as { enabled: boolean; delayMs: number },
  },
  /** Intercom: answer a call whose Alert-Info / Call-Info asks for it (answer-after=N, info=alert-autoanswer). */
  'phone.honourAnswerAfter': { schema: z.boolean(), builtin: false },
  'ui.locale': { schema: z.enum(['system', ...locales]), builtin: 'system' as 'system' | Locale },
  'ui.theme': { schema: z.enum(['system', 'light', 'dark']), builtin: 'system' as 'system' | 'light' | 'dark' },
  /** A new desk with no customers offers the demo workspace once (IT turns this off for production desks). */
  'ui.offerDemoWorkspace': { schema: z.boolean(), builtin: true },
  /** An incoming call while AgentDesk is in the background shows a system notification. */
  'ui.callNotifications': { schema: z.boolean(), builtin: true },
  /** An incoming call brings the AgentDesk window to the front (and focuses it). */
  'ui.bringToFrontOnCall': { schema: z.boolean(), builtin: true },
  // ---- Audio routing (renderer/src/media/audioRouting.ts) ----
  // A device is remembered by its id and its label: Chromium's ids can change (another USB port, cleared site
  // data), the label ("Jabra Evolve2 40") does not, so an unplugged-and-replugged headset gets its role back.
  /** The microphone for calls; null = the system default. */
  'audio.microphone': { schema: audioDeviceChoice.nullable(), builtin: null as AudioDeviceChoice | null },
  /** Where the caller is heard (the headset); null = the system default output. */
  'audio.headsetOutput': { schema: audioDeviceChoice.nullable(), builtin: null as AudioDeviceChoice | null },
  /** Where an incoming call rings (the speakers, so it is heard with the headset off); null = system default. */
  'audio.ringerOutput': { schema: audioDeviceChoice.nullable(), builtin: null as AudioDeviceChoice | null },
  /** Ring in the headset too (at its own volume), besides the ringer output. */
  'audio.ringOnHeadset': { schema: z.boolean(), builtin: true },
  /**
   * Open the microphone while an incoming call rings, so the answer connects ~50–100 ms sooner. The system's
   * microphone-in-use indicator then lights during ringing too; off, the microphone opens at the answer.
   */
  'audio.microphoneWhileRinging': { schema: z.boolean(), builtin: true },
  /** Ringer volume on the ringer output, percent. */
  'audio.ringerVolume': { schema: volumePercent, builtin: 80 },
  /** Ringer volume in the headset, percent: quieter, it is next to the ear. */
  'audio.headsetRingVolume': { schema: volumePercent, builtin: 35 },
  /** Use a USB/Bluetooth headset's call buttons and LEDs (HID Telephony page). */
  'headset.enabled': { schema: z.boolean(), builtin: true },
  /** Which headset drives calls: '' = the first telephony device found, or `vendor:product` in hex (e.g. 0b0e:0307). */
  'headset.device': {
    schema: z.string().regex(/^([0-9a-fA-F]{4}:[0-9a-fA-F]{4})?$/, 'must be empty or a vendor:product id such as 0b0e:0307'),
    builtin: '',
  },
  /** Register the hotkeys.* shortcuts system-wide, so they work while another program has the focus. */
  'hotkeys.global': { schema: z.boolean(), builtin: true },
  // Defaults: F-keys, because they sit in the same place and mean the same key on US, Turkish Q and F, and
  // Russian ЙЦУКЕН layouts (letter shortcuts follow the letter, which moves on Turkish F and does not exist on
  // a Cyrillic layout), and they type no text. Numpad keys are out: laptops have none and they change meaning
  // with NumLock. Avoided: F1 (help), F5 (reload in every browser CRM), F6 (our region key), F11 (full screen),
  // F12 (Windows reserves it for debuggers, RegisterHotKey refuses it) and Alt+F4/Ctrl+F4 (close).
  // F9/F10 answer and hang up side by side; F7/F8 hold and mute next to them. Agent state changes are rarer
  // and must not happen by a stray press, so they take Ctrl+Shift on the same two keys: F9 family = take
  // calls (answer / ready), F10 family = stop (hang up / not ready).
  'hotkeys.answer': { schema: acceleratorSetting, builtin: 'F9' },
  'hotkeys.hangup': { schema: acceleratorSetting, builtin: 'F10' },
  'hotkeys.mute': { schema: acceleratorSetting, builtin: 'F8' },
  'hotkeys.hold': { schema: acceleratorSetting, builtin: 'F7' },
  'hotkeys.ready': { schema: acceleratorSetting, builtin: 'Control+Shift+F9' },
  'hotkeys.notReady': { schema: acceleratorSetting, builtin: 'Control+Shift+F10' },
  // ---- Agent workflow (electron/shared/workflow.ts has the shapes and why) ----
  /** Reasons an operator can give for Not ready / Break, with optional maximum durations. */
  'agent.notReadyReasons': { schema: notReadyReasonsSchema, builtin: builtinNotReadyReasons },
  /** After-call work mode, time limit and default disposition. */
  'agent.afterCallWork': { schema: afterCallWorkSchema, builtin: builtinAfterCallWork },
  /** The SIP code a new call gets while the operator is Not ready or on Break (480 lets the queue try others). */
  'agent.unavailableCode': { schema: z.union([z.literal(480), z.literal(486), z.literal(603)]), builtin: 480 as 480 | 486 | 603 },
  /**
   * The state the desk starts in. Not ready, as Five9, Avaya (AUX) and Genesys Engage log agents in: no call
   * rings before the operator says Ready. `available` suits a desk used as a plain softphone.
   */
  'agent.stateAtStart': { schema: z.enum(['notReady', 'available']), builtin: 'notReady' as 'notReady' | 'available' },
  /** Disposition codes with sub-codes, flags and typed wrap-up fields. */
  'workflow.dispositions': { schema: dispositionsSchema, builtin: builtinDispositions },
} as const;

export type SettingKey = keyof typeof settingDefinitions;
export type SettingValue<K extends SettingKey> = z.infer<(typeof settingDefinitions)[K]['schema']>;
export type SettingsValues = { [K in SettingKey]: SettingValue<K> };

export const settingKeys = Object.keys(settingDefinitions) as SettingKey[];
export const settingKeySchema = z.enum(settingKeys as [SettingKey, ...SettingKey[]]);

export const settingSources = ['policy', 'user', 'defaults', 'builtin'] as const;
export type SettingSource = (typeof settingSources)[number];

export const effectiveSettingSchema = z
  .object({
    key: settingKeySchema,
    value: z.unknown(),
    source: z.enum(settingSources),
    locked: z.boolean(),
    /** IT's own words, when the provisioning file gives a `lockReason`; the UI says "locked by IT" without it. */
    lockReason: z.string().optional(),
    /** Locked by a policy IT wrote that could not be applied (a wrong value, an unreadable file): see problems. */
    brokenPolicy: z.literal(true).optional(),
  })
  .strict();
export type EffectiveSetting = z.infer<typeof effectiveSettingSchema>;

export const settingsProblemSchema = z
  .object({ file: z.string(), field: z.string(), message: z.string() })
  .strict();
export type SettingsProblem = z.infer<typeof settingsProblemSchema>;

export const effectiveSettingsSchema = z
  .object({
    settings: z.array(effectiveSettingSchema),
    problems: z.array(settingsProblemSchema),
    provisioningFile: z.string().nullable(),
  })
  .strict();
export type EffectiveSettings = z.infer<typeof effectiveSettingsSchema>;

/** Reads one value out of an effective-settings answer, typed by key. */
export function settingValue<K extends SettingKey>(all: EffectiveSettings, key: K): SettingValue<K> {
  const found = all.settings.find((s) => s.key === key);
  return (found ? found.value : settingDefinitions[key].builtin) as SettingValue<K>;
}
