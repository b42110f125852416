// The few texts Electron main shows itself (native dialogs: a damaged database before any window exists, quitting
// during a call, a crashed or hung console window; the notice for a tel:/sip: link it could not dial), in the desk's
// language (ui.locale, else the OS's). Runs in Electron main; the renderer's texts live in renderer/src/i18n.
import type { Locale } from '../shared/settings.js';

const strings = {
  en: {
    dialLinkFailed: 'Could not dial the link. The details are in the log.',
    dialLinkPhoneNotReady: 'Could not dial the link: the phone is not registered yet. Try again once the phone is ready.',
    dialLinkLinesBusy: 'Could not dial the link: every line is in use.',
    dialLinkInvalid: 'Could not dial the link: it holds no number or address that can be called.',
    damagedTitle: 'The local database is damaged.',
    damagedDetail: 'Start with a fresh database? The damaged file is kept next to it for IT; nothing is deleted.',
    freshDatabase: 'Start with a fresh database',
    quit: 'Quit',
    quitDuringCallTitle: 'You are still on a call.',
    quitDuringCallDetail: 'Quitting AgentDesk hangs up your calls, and no new calls are routed to this desk.',
    hangUpAndQuit: 'Hang up and quit',
    stayOnCall: 'Stay on the call',
    consoleCrashedTitle: 'The AgentDesk window keeps crashing.',
    consoleCrashedDetail:
      'It was reloaded several times in the last minute and crashed again. Calls end soon if the window does not come back. Reload it once more, or quit and call IT; the details are in the log.',
    reloadWindow: 'Reload the window',
    consoleHungTitle: 'The AgentDesk window is not responding.',
    consoleHungDetail: 'You can wait for it or reload it. Reloading keeps your calls: their audio comes back after the reload.',
    wait: 'Wait',
    reload: 'Reload',
    developerMenu: 'Developer',
  },
  tr: {
    dialLinkFailed: 'Bağlantıdaki numara aranamadı. Ayrıntılar günlükte.',
    dialLinkPhoneNotReady: 'Bağlantıdaki numara aranamadı: telefon henüz kayıtlı değil. Telefon hazır olduğunda yeniden deneyin.',
    dialLinkLinesBusy: 'Bağlantıdaki numara aranamadı: tüm hatlar kullanımda.',
    dialLinkInvalid: 'Bağlantıdaki numara aranamadı: bağlantıda aranabilecek bir numara ya da adres yok.',
    damagedTitle: 'Yerel veritabanı bozulmuş.',
    damagedDetail: 'Yeni bir veritabanıyla başlansın mı? Bozuk dosya BT ekibi için yanında saklanır; hiçbir şey silinmez.',
    freshDatabase: 'Yeni veritabanıyla başla',
    quit: 'Çık',
    quitDuringCallTitle: 'Hâlâ görüşmedesiniz.',
    quitDuringCallDetail: 'AgentDesk kapatılırsa çağrılarınız sonlandırılır ve bu masaya yeni çağrı yönlendirilmez.',
    hangUpAndQuit: 'Çağrıyı sonlandır ve çık',
    stayOnCall: 'Görüşmede kal',
    consoleCrashedTitle: 'AgentDesk penceresi tekrar tekrar çöküyor.',
    consoleCrashedDetail:
      'Pencere son bir dakikada birkaç kez yeniden yüklendi ve yine çöktü. Pencere geri gelmezse çağrılar kısa süre içinde sonlanır. Bir kez daha yeniden yükleyin ya da çıkıp BT ekibini arayın; ayrıntılar günlükte.',
    reloadWindow: 'Pencereyi yeniden yükle',
    consoleHungTitle: 'AgentDesk penceresi yanıt vermiyor.',
    consoleHungDetail:
      'Bekleyebilir ya da pencereyi yeniden yükleyebilirsiniz. Yeniden yükleme çağrılarınızı kesmez: ses, yeniden yüklemeden sonra geri gelir.',
    wait: 'Bekle',
    reload: 'Yeniden yükle',
    developerMenu: 'Geliştirici',
  },
  ru: {
    dialLinkFailed: 'Не удалось набрать номер из ссылки. Подробности — в журнале.',
    dialLinkPhoneNotReady:
      'Не удалось набрать номер из ссылки: телефон ещё не зарегистрирован. Попробуйте снова, когда телефон будет готов.',
    dialLinkLinesBusy: 'Не удалось набрать номер из ссылки: все линии заняты.',
    dialLinkInvalid: 'Не удалось набрать номер из ссылки: в ней нет номера или адреса, по которому можно позвонить.',
    damagedTitle: 'Локальная база данных повреждена.',
    damagedDetail: 'Начать с новой базы данных? Повреждённый файл останется рядом для ИТ-службы; ничего не удаляется.',
    freshDatabase: 'Начать с новой базой данных',
    quit: 'Выйти',
    quitDuringCallTitle: 'Звонок ещё не завершён.',
    quitDuringCallDetail: 'При выходе из AgentDesk ваши звонки будут завершены, и новые звонки перестанут поступать на это рабочее место.',
    hangUpAndQuit: 'Завершить звонок и выйти',
    stayOnCall: 'Остаться на линии',
    consoleCrashedTitle: 'Окно AgentDesk снова и снова аварийно завершается.',
    consoleCrashedDetail:
      'За последнюю минуту окно несколько раз перезагружалось и снова падало. Если окно не вернётся, звонки скоро завершатся. Перезагрузите его ещё раз или выйдите и обратитесь в ИТ-службу; подробности — в журнале.',
    reloadWindow: 'Перезагрузить окно',
    consoleHungTitle: 'Окно AgentDesk не отвечает.',
    consoleHungDetail: 'Можно подождать или перезагрузить окно. Перезагрузка не прерывает звонки: звук вернётся после перезагрузки.',
    wait: 'Подождать',
    reload: 'Перезагрузить',
    developerMenu: 'Разработчик',
  },
} as const satisfies Record<Locale, Record<string, string>>;

export type MainStrings = Record<keyof (typeof strings)['en'], string>;

export function mainStrings(locale: Locale): MainStrings {
  return strings[locale];
}
