// The title and body of every native notification Electron main shows, made safe for the OS that draws it. Pure, so
// it is tested in plain Node; main.ts passes its result to `new Notification`.
//
// Why Linux only: Electron hands the body to libnotify's notify_notification_new as is
// (shell/browser/notifications/linux/libnotify_notification.cc), and notification servers with the `body-markup`
// capability (GNOME Shell, KDE Plasma, dunst, xfce4-notifyd, mako) parse it as markup, so a caller named
// `<b>…</b>`, `<a href=…>` or `<img src=…>` would draw bold text, a link or an image, and a name with a bare `&` or
// `<` can blank the body on a strict server. Windows writes the text into its toast XML through an XML writer
// (windows_toast_notification.cc GetToastXml: AppendElementContent escapes) and macOS shows plain strings, so there
// the text goes through untouched: escaping would show `&lt;` to the operator.

/** The text of one native notification. */
export interface NotificationText {
  title: string;
  body: string;
}

/**
 * `text` as `platform` (process.platform) must receive it. On Linux the body is escaped as the freedesktop
 * notification spec asks (`&`, `<`, `>` as entities). The title (the spec's "summary") is plain text by the spec,
 * so it is left alone: servers that follow the spec would show the entities literally (deltachat-desktop#3890 undid
 * exactly that). Quotes stay as they are: they are markup only inside a tag, which an escaped `<` can no longer
 * open, and some servers show `&apos;` literally (signalapp/Signal-Desktop#6193).
 */
export function nativeNotificationText(platform: NodeJS.Platform, text: NotificationText): NotificationText {
  if (platform !== 'linux') return { title: text.title, body: text.body };
  return { title: text.title, body: escapeBodyMarkup(text.body) };
}

/** The three characters that start markup in a notification body, as the entities every server decodes. */
export function escapeBodyMarkup(text: string): string {
  return text.replace(/[&<>]/g, (character) => (character === '&' ? '&amp;' : character === '<' ? '&lt;' : '&gt;'));
}
