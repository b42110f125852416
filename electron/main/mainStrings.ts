// The few texts Electron main shows itself (native dialogs before any window exists), in the
// operator's OS language. Runs in Electron main; the renderer's texts live in renderer/src/i18n.
import type { Locale } from '../shared/settings.js';

const strings = {
  en: {
    dialLinkFailed: 'Could not dial the link',
    damagedTitle: 'The local database is damaged.',
    damagedDetail: 'Start with a fresh database? The damaged file is kept next to it for IT; nothing is deleted.',
    freshDatabase: 'Start with a fresh database',
    quit: 'Quit',
  },
  tr: {
    dialLinkFailed: 'Bağlantıdaki numara aranamadı',
    damagedTitle: 'Yerel veritabanı bozulmuş.',
    damagedDetail: 'Yeni bir veritabanıyla başlansın mı? Bozuk dosya BT ekibi için yanında saklanır; hiçbir şey silinmez.',
    freshDatabase: 'Yeni veritabanıyla başla',
    quit: 'Çık',
  },
  ru: {
    dialLinkFailed: 'Не удалось набрать номер из ссылки',
    damagedTitle: 'Локальная база данных повреждена.',
    damagedDetail: 'Начать с новой базы данных? Повреждённый файл останется рядом для ИТ-службы; ничего не удаляется.',
    freshDatabase: 'Начать с новой базой данных',
    quit: 'Выйти',
  },
} as const satisfies Record<Locale, Record<string, string>>;

export type MainStrings = Record<keyof (typeof strings)['en'], string>;

export function mainStrings(locale: Locale): MainStrings {
  return strings[locale];
}
