// Starts the page's media engine while the softphone is mounted and keeps it attached to core. Runs in Chromium.
import { useEffect, useRef } from 'react';
import { useBridge, useConnection } from '../bridge/BridgeContext.js';
import { MediaEngine } from './mediaEngine.js';
import { connectChannelMediaLink, connectHostMediaLink, type MediaLink } from './mediaLink.js';

export function useMediaEngine(): void {
  const bridge = useBridge();
  const connection = useConnection();
  const linkRef = useRef<MediaLink | null>(null);

  useEffect(() => {
    // No WebRTC (unit tests in happy-dom): nothing to attach.
    if (typeof RTCPeerConnection === 'undefined' || typeof WebSocket === 'undefined') return;
    const engine = new MediaEngine();
    let link: MediaLink | null = null;
    if (bridge.mode === 'host') link = connectHostMediaLink(engine);
    else if (window.agentDeskMedia) link = connectChannelMediaLink(engine, window.agentDeskMedia);
    linkRef.current = link;
    return () => {
      link?.stop();
      linkRef.current = null;
    };
  }, [bridge, linkRef]);

  // The command bridge is back: the host restarted or the network returned, so re-attach without waiting.
  useEffect(() => {
    if (connection.status === 'connected') linkRef.current?.retryNow();
  }, [connection.status, linkRef]);
}
