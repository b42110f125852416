// Public surface of the global-hotkey module (plain Node): the ShortcutRegistry port and the HotkeyService.
export { hotkeyNoticeCodes, hotkeyNoticeText, type HotkeyProblem } from './hotkeyNotices.js';
export {
  createHotkeyService,
  HOTKEY_PAUSE_MAX_MS,
  HOTKEY_REPEAT_GUARD_MS,
  hotkeyActions,
  HotkeyService,
  hotkeySettingKeys,
  type HotkeyAction,
  type HotkeyHandlers,
  type HotkeyServiceDeps,
  type HotkeySettings,
  type HotkeyState,
  type HotkeyStatus,
} from './hotkeyService.js';
export type { ShortcutRegistration, ShortcutRegistry } from './shortcutRegistry.js';
