// The call-control usages AgentDesk looks for in a HID descriptor, with their names. Pure data, runs anywhere.
//
// Ids from the USB HID Usage Tables (HUT 1.12 §14 Telephony Device Page 0x0B, §11 LED Page 0x08; unchanged in
// HUT 1.5), cross-checked against Windows hidusage.h (HID_USAGE_TELEPHONY_*, HID_USAGE_LED_*: OFF_HOOK 0x17,
// RING 0x18, MUTE 0x09, HOLD 0x20, MICROPHONE 0x21, ON_LINE 0x2A) and the usbd-human-interface-device
// crate's Telephony enum (LineBusyTone = 151 = 0x97, Ringer = 158 = 0x9E, Drop = 38 = 0x26).

export const TELEPHONY_PAGE = 0x0b;
export const LED_PAGE = 0x08;

export const HID_CONTROLS = [
  // Telephony page: buttons and switches the headset reports, plus the Ringer it is told to sound.
  { name: 'hookSwitch', page: TELEPHONY_PAGE, id: 0x20 },
  { name: 'flash', page: TELEPHONY_PAGE, id: 0x21 },
  { name: 'redial', page: TELEPHONY_PAGE, id: 0x24 },
  // Not in the list: the EPOS/Sennheiser headsets (1395-*) declare Drop as an input next to Hook Switch.
  { name: 'drop', page: TELEPHONY_PAGE, id: 0x26 },
  { name: 'phoneMute', page: TELEPHONY_PAGE, id: 0x2f },
  // Jabra and Yealink declare Line Busy Tone as an Input (a button, not a tone) next to Hook Switch.
  { name: 'lineBusyTone', page: TELEPHONY_PAGE, id: 0x97 },
  { name: 'ringer', page: TELEPHONY_PAGE, id: 0x9e },
  // LED page: indicators the softphone drives.
  { name: 'ledMute', page: LED_PAGE, id: 0x09 },
  { name: 'ledOffHook', page: LED_PAGE, id: 0x17 },
  { name: 'ledRing', page: LED_PAGE, id: 0x18 },
  { name: 'ledHold', page: LED_PAGE, id: 0x20 },
  { name: 'ledMicrophone', page: LED_PAGE, id: 0x21 },
  { name: 'ledOnLine', page: LED_PAGE, id: 0x2a },
] as const;

export type HidControlName = (typeof HID_CONTROLS)[number]['name'];

export const HID_CONTROL_NAMES: readonly HidControlName[] = HID_CONTROLS.map((control) => control.name);

export function fullUsage(page: number, id: number): number {
  return page * 0x10000 + id;
}

export function isHidControlName(value: unknown): value is HidControlName {
  return typeof value === 'string' && (HID_CONTROL_NAMES as readonly string[]).includes(value);
}
