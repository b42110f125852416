// What the operator reads when a shortcut could not be set up (app:notice text), in tr/en/ru. Plain Node.
// Core writes these itself because the notice carries finished text; the stable `code` is for logs and tests.
import type { HotkeyAction } from '../../shared/ipc/devices.js';
import type { Locale } from '../../shared/settings.js';

export type { HotkeyAction } from '../../shared/ipc/devices.js';
export type HotkeyProblem = 'taken' | 'invalid' | 'duplicate';

/** Stable codes of the app:notice events this module sends. */
export const hotkeyNoticeCodes: Record<HotkeyProblem, string> = {
  taken: 'hotkey-taken',
  invalid: 'hotkey-invalid',
  duplicate: 'hotkey-duplicate',
};

const actionNames: Record<Locale, Record<HotkeyAction, string>> = {
  en: { answer: 'Answer', hangup: 'Hang up', mute: 'Mute', hold: 'Hold', ready: 'Ready', notReady: 'Not ready' },
  tr: { answer: 'Cevapla', hangup: 'Kapat', mute: 'Sessize al', hold: 'Beklet', ready: 'Hazır', notReady: 'Hazır değil' },
  ru: {
    answer: 'Ответить',
    hangup: 'Завершить',
    mute: 'Выключить микрофон',
    hold: 'Удержание',
    ready: 'Готов',
    notReady: 'Не готов',
  },
};

interface Texts {
  taken(accelerator: string, action: string): string;
  invalid(accelerator: string, action: string): string;
  duplicate(accelerator: string, action: string, first: string): string;
}

const texts: Record<Locale, Texts> = {
  en: {
    taken: (key, action) =>
      `The shortcut ${key} for “${action}” is already used by another program, so it does not work in AgentDesk. Choose another key in Settings → Shortcuts, or close that program.`,
    invalid: (key, action) =>
      `The shortcut ${key} for “${action}” cannot be used on this computer. Choose another key in Settings → Shortcuts.`,
    duplicate: (key, action, first) =>
      `The shortcut ${key} is set for both “${first}” and “${action}”; it works only for “${first}”. Choose another key for “${action}” in Settings → Shortcuts.`,
  },
  tr: {
    taken: (key, action) =>
      `“${action}” için ${key} kısayolu başka bir program tarafından kullanılıyor, bu yüzden AgentDesk'te çalışmıyor. Ayarlar → Kısayollar bölümünden başka bir tuş seçin ya da o programı kapatın.`,
    invalid: (key, action) =>
      `“${action}” için ${key} kısayolu bu bilgisayarda kullanılamıyor. Ayarlar → Kısayollar bölümünden başka bir tuş seçin.`,
    duplicate: (key, action, first) =>
      `${key} kısayolu hem “${first}” hem de “${action}” için ayarlı; yalnızca “${first}” için çalışıyor. Ayarlar → Kısayollar bölümünden “${action}” için başka bir tuş seçin.`,
  },
  ru: {
    taken: (key, action) =>
      `Сочетание ${key} для «${action}» уже занято другой программой, поэтому в AgentDesk оно не работает. Выберите другую клавишу в разделе «Настройки → Сочетания клавиш» или закройте ту программу.`,
    invalid: (key, action) =>
      `Сочетание ${key} для «${action}» нельзя использовать на этом компьютере. Выберите другую клавишу в разделе «Настройки → Сочетания клавиш».`,
    duplicate: (key, action, first) =>
      `Сочетание ${key} назначено и для «${first}», и для «${action}»; оно работает только для «${first}». Выберите другую клавишу для «${action}» в разделе «Настройки → Сочетания клавиш».`,
  },
};

export function hotkeyNoticeText(
  locale: Locale,
  problem: HotkeyProblem,
  accelerator: string,
  action: HotkeyAction,
  duplicateOf?: HotkeyAction,
): string {
  const names = actionNames[locale];
  const text = texts[locale];
  if (problem === 'duplicate') return text.duplicate(accelerator, names[action], names[duplicateOf ?? action]);
  return text[problem](accelerator, names[action]);
}
