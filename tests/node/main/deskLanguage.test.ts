// Main's own texts follow the desk's ui.locale, not the OS (electron/main/deskWatch.ts, trayStatus.ts, dialLinks.ts):
// the tray tooltip is redrawn when the operator picks another language, a tel:/sip: link that could not be dialled
// is told in that language, and the log gets the link's scheme and length but never its number. Plain Node.
import { describe, expect, it } from 'vitest';
import { DeskWatch } from '../../../electron/main/deskWatch.js';
import { dialLinkFailure, dialLinkLogFields } from '../../../electron/main/dialLinks.js';
import { dialUriFrom } from '../../../electron/main/launchUris.js';
import { TrayStatus } from '../../../electron/main/trayStatus.js';
import type { CommandError } from '../../../electron/shared/ipc/result.js';
import type { EffectiveSettings, Locale } from '../../../electron/shared/settings.js';

function settingsWithLocale(value: string): EffectiveSettings {
  return { settings: [{ key: 'ui.locale', value, source: 'user', locked: false }], problems: [], provisioningFile: null };
}

describe('DeskWatch: locale changes', () => {
  it('tells its listeners when the effective language changes, and only then', () => {
    const desk = new DeskWatch('tr');
    const heard: Locale[] = [];
    const stop = desk.onLocaleChange((locale) => heard.push(locale));
    desk.settingsChanged(settingsWithLocale('tr')); // 'system' → 'tr' on a Turkish OS: same language
    desk.emit('settings:changed', settingsWithLocale('ru'));
    desk.emit('settings:changed', settingsWithLocale('ru')); // another setting changed, not the language
    desk.emit('settings:changed', settingsWithLocale('system'));
    expect(heard).toEqual(['ru', 'tr']);
    stop();
    desk.emit('settings:changed', settingsWithLocale('en'));
    expect(heard).toEqual(['ru', 'tr']);
    expect(desk.locale).toBe('en');
  });
});

describe('tray tooltip in the desk’s language', () => {
  it('is redrawn in ui.locale when the operator changes it, keeping what it says', () => {
    // As main.ts wires it: the tray starts in the desk's language and follows DeskWatch.onLocaleChange.
    const desk = new DeskWatch('en');
    const tray = new TrayStatus(desk.locale);
    const tooltips: string[] = [tray.view().tooltip];
    desk.onLocaleChange((locale) => {
      if (tray.setLocale(locale)) tooltips.push(tray.view().tooltip);
    });
    tray.observe('sip:registration', { state: 'registered', dnd: false, at: 1 });
    tray.observe('agent:state', {
      state: 'notReady',
      reasonCode: null,
      since: 1,
      callId: null,
      pending: null,
      acw: null,
      overLimit: false,
    });
    desk.emit('settings:changed', settingsWithLocale('tr'));
    desk.emit('settings:changed', settingsWithLocale('ru'));
    expect(tooltips).toEqual([
      'AgentDesk — Not registered',
      'AgentDesk — Kayıtlı, çağrı almıyor — Hazır değil',
      'AgentDesk — Зарегистрирован, звонки не принимает — Не готов',
    ]);
    expect(tray.view().state).toBe('away');
    expect(tray.setLocale('ru')).toBe(false); // same language: nothing to redraw
  });
});

describe('dial links', () => {
  const link = dialUriFrom('tel:+905321234567')!;
  const failure = (code: CommandError['code'], message: string): CommandError => ({ code, message });

  it('logs a link by scheme and length, never by number', () => {
    expect(dialLinkLogFields(link)).toEqual({ scheme: 'tel', length: 13 });
    expect(dialLinkLogFields(dialUriFrom('SIP://1001@lab.test')!)).toEqual({ scheme: 'sip', length: 13 });
  });

  it('tells the operator why in the desk’s language; core’s English text and no number go to the log', () => {
    const notRegistered = dialLinkFailure(link, failure('unavailable', 'The phone is not registered'), 'tr');
    expect(notRegistered.notice).toEqual({
      level: 'warning',
      code: 'dial-link-failed',
      message:
        'Bağlantıdaki numara aranamadı: telefon henüz kayıtlı değil. Telefon hazır olduğunda yeniden deneyin. (tel:+905321234567)',
    });
    expect(notRegistered.log).toEqual({ scheme: 'tel', length: 13, code: 'unavailable', error: 'The phone is not registered' });
    expect(JSON.stringify(notRegistered.log)).not.toContain('905321234567');

    expect(dialLinkFailure(link, failure('conflict', 'Every line is in use'), 'ru').notice.message).toBe(
      'Не удалось набрать номер из ссылки: все линии заняты. (tel:+905321234567)',
    );
    expect(dialLinkFailure(link, failure('invalid_args', 'Cannot dial this number (too-short)'), 'en').notice.message).toBe(
      'Could not dial the link: it holds no number or address that can be called. (tel:+905321234567)',
    );
    const unexpected = dialLinkFailure(link, failure('internal', 'sip.js: transport closed'), 'en');
    expect(unexpected.notice.message).toBe('Could not dial the link. The details are in the log. (tel:+905321234567)');
    expect(unexpected.notice.message).not.toContain('transport');
    expect(unexpected.log.error).toBe('sip.js: transport closed');
  });

  it('never shows core’s English text in any language', () => {
    for (const locale of ['tr', 'en', 'ru'] as const) {
      for (const code of ['unavailable', 'conflict', 'invalid_args', 'not_found', 'internal'] as const) {
        const { notice } = dialLinkFailure(link, failure(code, 'CORE-DETAIL'), locale);
        expect(notice.message).not.toContain('CORE-DETAIL');
        expect(notice.message.endsWith('(tel:+905321234567)')).toBe(true);
      }
    }
  });
});
