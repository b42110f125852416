// The devices' part of the contract: the headset (USB HID Telephony) and the global hotkeys, as the status
// bar and the shortcut sheet show them. Runs anywhere (zod only). Spread into contract.ts; handlers are wired
// in electron/core/app/deskServices.ts, the services live in electron/core/hid and electron/core/hotkeys.
import { z } from 'zod';

const none = z.object({}).strict();

/**
 * disabled: headset.enabled is off · searching: no telephony headset (yet) · active: one drives calls ·
 * no-access: headsets are there but the OS refuses to open them · failed: headsets are there but could not be
 * used for another reason (see `problem`) · unavailable: this computer has no way to reach headsets (`problem`).
 */
export const headsetStates = ['disabled', 'searching', 'active', 'no-access', 'failed', 'unavailable'] as const;
export type HeadsetState = (typeof headsetStates)[number];

/** Why a headset cannot be used. Stable codes: the renderer translates them, `detail` is for logs and IT. */
export const headsetProblems = [
  'permission', // no udev rule (Linux): the device node is not ours to open
  'driver-missing', // node-hid (or its native part) could not be loaded
  'no-transport', // no HID transport on this system or it was turned off (AGENTDESK_HID_TRANSPORT=none)
  'descriptor-unavailable', // the OS path in use cannot hand over the report descriptor (node-hid on Windows/macOS)
  'open-failed', // the OS refused or lost the device for another reason
] as const;
export type HeadsetProblem = (typeof headsetProblems)[number];

/** A control name as electron/core/hid/telephonyUsages.ts spells it (hookSwitch, ledRing…). */
const controlName = z.string().regex(/^[a-zA-Z]{1,32}$/);

export const headsetStatusSchema = z
  .object({
    state: z.enum(headsetStates),
    /** The headset in use (active), or the first one that could not be used (no-access, failed). */
    device: z
      .object({
        /** `vvvv:pppp` in lower-case hex, the form of the headset.device setting. */
        id: z.string().regex(/^[0-9a-f]{4}:[0-9a-f]{4}$/),
        path: z.string().max(1024),
        /** As the OS names it; plain text, render as text. */
        product: z.string().max(256),
      })
      .strict()
      .optional(),
    /** What the active headset's descriptor declares: its call buttons and its lights. */
    controls: z
      .object({ inputs: z.array(controlName).max(32), outputs: z.array(controlName).max(32) })
      .strict()
      .optional(),
    /** Telephony devices that match the headset.device setting, from the last scan. */
    candidates: z.number().int().min(0).max(1024),
    problem: z.enum(headsetProblems).optional(),
    /** The technical reason in English (error text), for a tooltip and the log; never the only explanation. */
    detail: z.string().max(512).optional(),
  })
  .strict();
export type HeadsetStatus = z.infer<typeof headsetStatusSchema>;

/** A telephony headset model connected now, for choosing `headset.device` in Settings (one entry per model). */
export const headsetDeviceSchema = z
  .object({
    /** `vvvv:pppp` in lower-case hex: the value the headset.device setting takes. */
    id: z.string().regex(/^[0-9a-f]{4}:[0-9a-f]{4}$/),
    /** As the OS names it; plain text, render as text. */
    product: z.string().max(256),
  })
  .strict();
export type HeadsetDevice = z.infer<typeof headsetDeviceSchema>;
export const headsetDevicesSchema = z.object({ devices: z.array(headsetDeviceSchema).max(64) }).strict();
export type HeadsetDevices = z.infer<typeof headsetDevicesSchema>;

/**
 * The actions that can have a global (system-wide) shortcut: one `hotkeys.<action>` setting each, in this
 * order. The one list core, the settings and the shortcut sheet share: a new action (an agent state, say)
 * is added here, in settings.ts (`hotkeys.<action>`), and to the handlers in deskServices.ts.
 */
export const hotkeyActions = ['answer', 'hangup', 'mute', 'hold', 'ready', 'notReady'] as const;
export type HotkeyAction = (typeof hotkeyActions)[number];

export const hotkeyStates = [
  'registered',
  'taken', // another program owns the key
  'invalid', // the platform cannot register it
  'duplicate', // an earlier action has the same shortcut
  'unset', // the setting is ''
  'off', // hotkeys.global is false
] as const;
export type HotkeyState = (typeof hotkeyStates)[number];

export const hotkeyStatusSchema = z
  .object({
    action: z.enum(hotkeyActions),
    accelerator: z.string().max(256),
    state: z.enum(hotkeyStates),
    duplicateOf: z.enum(hotkeyActions).optional(),
  })
  .strict();
export type HotkeyStatus = z.infer<typeof hotkeyStatusSchema>;

export const hotkeysStatusSchema = z
  .object({
    /** false where nothing registers global shortcuts (browser mode: the browser owns the keyboard). */
    available: z.boolean(),
    shortcuts: z.array(hotkeyStatusSchema).max(32),
  })
  .strict();
export type HotkeysStatus = z.infer<typeof hotkeysStatusSchema>;

export const devicesCommands = {
  'headset:status': { args: none, result: headsetStatusSchema },
  /** Read-only: the telephony headsets connected now, whether or not one is in use (Settings lists them). */
  'headset:devices': { args: none, result: headsetDevicesSchema },
  'hotkeys:status': { args: none, result: hotkeysStatusSchema },
  /**
   * Lets go of the global shortcuts while the operator records a new one in Settings (the OS would otherwise take
   * the key, and run its action, before the window sees it), and takes them again. A pause ends by itself after
   * HOTKEY_PAUSE_MAX_MS, so a window that crashed while recording cannot leave the desk without its hotkeys.
   */
  'hotkeys:pause': { args: z.object({ paused: z.boolean() }).strict(), result: hotkeysStatusSchema },
} as const;

export const devicesEvents = {
  'headset:changed': headsetStatusSchema,
  'hotkeys:changed': hotkeysStatusSchema,
} as const;
