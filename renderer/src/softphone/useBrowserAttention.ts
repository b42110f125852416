// Browser mode's share of app:attention (Electron main does it natively there): a web notification for an
// incoming call while the tab is in the background, and the tab title says a call is ringing until the
// operator looks. Runs in Chromium.
import { useEffect, useRef } from 'react';
import { useBridge, useEvent } from '../bridge/BridgeContext.js';

const inFront = () => document.visibilityState === 'visible' && document.hasFocus();

export function useBrowserAttention(): void {
  const bridge = useBridge();
  const hostMode = bridge.mode === 'host';
  const titleBefore = useRef<string | null>(null);

  // Notifications need the operator's consent, and browsers only ask from a click: ask at the first one.
  useEffect(() => {
    if (!hostMode || typeof Notification === 'undefined' || Notification.permission !== 'default') return;
    const ask = () => void Notification.requestPermission().catch(() => {});
    document.addEventListener('pointerdown', ask, { once: true });
    return () => document.removeEventListener('pointerdown', ask);
  }, [hostMode]);

  useEvent('app:attention', (request) => {
    if (!hostMode || inFront()) return;
    if (titleBefore.current === null) titleBefore.current = document.title;
    document.title = `☎ ${request.title} — ${request.body}`;
    if (request.notify && typeof Notification !== 'undefined' && Notification.permission === 'granted') {
      const notification = new Notification(request.title, { body: request.body, tag: request.callId, requireInteraction: true });
      notification.onclick = () => {
        window.focus();
        notification.close();
      };
    }
  });

  useEffect(() => {
    const restore = () => {
      if (titleBefore.current === null || !inFront()) return;
      document.title = titleBefore.current;
      titleBefore.current = null;
    };
    window.addEventListener('focus', restore);
    document.addEventListener('visibilitychange', restore);
    return () => {
      window.removeEventListener('focus', restore);
      document.removeEventListener('visibilitychange', restore);
    };
  }, []);
}
