// Native notifications with a hostile caller name (electron/main/notificationText.ts): on Linux the body reaches a
// notification server that parses markup, so every string of the Big List of Naughty Strings must arrive as text
// that decodes back to itself and opens no tag; Windows and macOS get the text untouched. Plain Node; happy-dom's
// XML parser stands in for the server's markup parser.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { createCallAttention } from '../../../electron/core/app/callAttention.js';
import { attentionSink } from '../../../electron/main/attention.js';
import { escapeBodyMarkup, nativeNotificationText, type NotificationText } from '../../../electron/main/notificationText.js';
import type { EventName, EventPayload } from '../../../electron/shared/ipc/contract.js';
import type { CallView } from '../../../electron/shared/ipc/softphone.js';
import { ringingCall } from './support/ringingCall.js';
import { sharedTestdata } from '../../support/paths.js';

const naughty = JSON.parse(readFileSync(join(sharedTestdata, 'naughty-strings', 'blns.json'), 'utf8')) as string[];
const parser = new new Window().DOMParser();

/** What a markup-parsing server makes of `body`: the elements it would draw and the text it would show. */
function asMarkup(body: string): { elements: string[]; text: string } {
  const root = parser.parseFromString(`<markup>${body}</markup>`, 'application/xml').documentElement;
  return {
    elements: [...root.querySelectorAll('*')].map((element) => element.nodeName.toLowerCase()),
    text: root.textContent ?? '',
  };
}

/** GMarkup's rules (GNOME, xfce, dunst): no `<` may open a tag and every `&` must start an entity it knows. */
function isPlainMarkupText(body: string): boolean {
  return !/[<>]/.test(body) && !/&(?!(?:amp|lt|gt);)/.test(body);
}

const decode = (body: string) => body.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

describe('nativeNotificationText', () => {
  it('on Linux, the reviewer’s names show as the text they are: no bold, no link, no image', () => {
    const names = [
      '<b>Ayşe</b> Yılmaz',
      '<a href="https://evil.test/login">Click to verify your account</a>',
      '<img src="file:///etc/passwd"/>',
      'AT&T <sales> & Co',
      'Çağrı &amp; İş',
    ];
    for (const name of names) {
      // The raw name would be drawn as markup (or break the body): the check below can fail.
      if (name.includes('<')) expect(asMarkup(name).elements.length, name).toBeGreaterThan(0);
      const { title, body } = nativeNotificationText('linux', { title: 'Gelen çağrı', body: `${name} · +905321234567` });
      expect(title).toBe('Gelen çağrı');
      expect(asMarkup(body), name).toEqual({ elements: [], text: `${name} · +905321234567` });
      expect(isPlainMarkupText(body), body).toBe(true);
    }
    expect(escapeBodyMarkup('AT&T <sales>')).toBe('AT&amp;T &lt;sales&gt;');
    // Quotes are not markup outside a tag; some servers would show &apos; literally.
    expect(escapeBodyMarkup(`O'Brien "Bob"`)).toBe(`O'Brien "Bob"`);
  });

  it('on Linux, every naughty string arrives as plain text that decodes back to itself', () => {
    expect(naughty.length).toBeGreaterThan(500);
    const withMarkup = naughty.filter((text) => /[<&]/.test(text));
    expect(withMarkup.length).toBeGreaterThan(100);
    for (const text of naughty) {
      const shown = nativeNotificationText('linux', { title: 'Incoming call', body: text });
      expect(shown.title).toBe('Incoming call');
      expect(isPlainMarkupText(shown.body), JSON.stringify(text)).toBe(true);
      expect(decode(shown.body)).toBe(text);
      expect(asMarkup(shown.body).elements, JSON.stringify(text)).toEqual([]);
    }
  });

  it('Windows and macOS show text literally, so they get it untouched; the title is never escaped', () => {
    for (const platform of ['win32', 'darwin'] as const) {
      for (const text of naughty) {
        const input: NotificationText = { title: text, body: text };
        expect(nativeNotificationText(platform, input)).toEqual(input);
      }
    }
    // The spec's summary is plain text on Linux too: escaping it would show "&lt;" to the operator.
    expect(nativeNotificationText('linux', { title: 'A & B <c>', body: '' }).title).toBe('A & B <c>');
  });

  it('core’s incoming-call request with a hostile caller name reaches the Linux notification as text', () => {
    const shown: NotificationText[] = [];
    const sink = attentionSink({
      window: () => ({ isDestroyed: () => false, isFocused: () => false, isVisible: () => false, flashFrame: () => undefined }),
      reveal: () => undefined,
      // What main.ts's notify does before `new Notification`.
      notify: (title, body) => shown.push(nativeNotificationText('linux', { title, body })),
    });
    const attention = createCallAttention({
      settings: {
        get: (key: string) => ({ 'ui.locale': 'en', 'ui.callNotifications': true, 'ui.bringToFrontOnCall': false })[key],
      } as never,
      systemLocale: 'en',
      events: {
        emit<K extends EventName>(name: K, payload: EventPayload<K>) {
          sink.emit(name, payload);
        },
      },
    });
    const names = naughty.filter((text) => text.includes('<')).slice(0, 60);
    names.forEach((displayName, index) => attention.observe(ringing(`c${index}`, displayName)));
    expect(shown).toHaveLength(names.length);
    for (const [index, notification] of shown.entries()) {
      expect(isPlainMarkupText(notification.body), notification.body).toBe(true);
      expect(asMarkup(notification.body).elements).toEqual([]);
      expect(decode(notification.body)).toContain('+905321234567');
      expect(decode(notification.body).length, names[index]).toBeGreaterThan('+905321234567'.length);
    }
  });
});

function ringing(id: string, displayName: string): CallView {
  return ringingCall({ id, displayName });
}
