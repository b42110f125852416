// Draws the operator's attention when core asks for it (app:attention: an incoming call): raise the window,
// or flash it in the taskbar, and show a native notification when the window is not in front.
// Pure (Electron's window and Notification come in as small interfaces), so it is tested in plain Node.
import type { EventSink } from '../core/ports.js';
import type { EventName, EventPayload } from '../shared/ipc/contract.js';

/** The part of BrowserWindow this uses. */
export interface AttentionWindow {
  isDestroyed(): boolean;
  isFocused(): boolean;
  isVisible(): boolean;
  flashFrame(flag: boolean): void;
}

export interface AttentionDeps<W extends AttentionWindow> {
  window(): W | null;
  /** Show, restore and focus (mainWindow.ts revealWindow). */
  reveal(window: W): void;
  /** A native notification; clicking it calls `onClick`. */
  notify(title: string, body: string, onClick: () => void): void;
}

export function attentionSink<W extends AttentionWindow>(deps: AttentionDeps<W>): EventSink {
  return {
    emit<K extends EventName>(name: K, payload: EventPayload<K>): void {
      if (name !== 'app:attention') return;
      const request = payload as EventPayload<'app:attention'>;
      const window = deps.window();
      if (!window || window.isDestroyed()) return;
      const inFront = window.isVisible() && window.isFocused();
      if (inFront) return;
      if (request.bringToFront) deps.reveal(window);
      else window.flashFrame(true);
      if (request.notify) deps.notify(request.title, request.body, () => deps.reveal(window));
    },
  };
}
