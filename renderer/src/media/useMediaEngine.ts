// Starts the page's media engine and ringer while the softphone is mounted, keeps the engine attached to
// core, and applies the audio settings to both. Runs in Chromium.
import { useEffect, useRef, useState } from 'react';
import { useBridge, useConnection } from '../bridge/BridgeContext.js';
import { MediaEngine } from './mediaEngine.js';
import { connectChannelMediaLink, connectHostMediaLink, type MediaLink } from './mediaLink.js';
import { Ringer } from './ringer.js';
import { useAudioRouting } from './useAudioRouting.js';

/** No WebRTC (unit tests in happy-dom): no engine, nothing to attach. */
const hasWebRtc = () => typeof RTCPeerConnection !== 'undefined' && typeof WebSocket !== 'undefined';

export function useMediaEngine(): void {
  const bridge = useBridge();
  const connection = useConnection();
  const linkRef = useRef<MediaLink | null>(null);
  // Neither constructor touches a device: the ringer opens its AudioContext at the first ring.
  const [engine] = useState(() => (hasWebRtc() ? new MediaEngine() : null));
  const [ringer] = useState(() => (typeof AudioContext === 'undefined' ? null : new Ringer()));

  useEffect(() => {
    if (!engine) return;
    let link: MediaLink | null = null;
    if (bridge.mode === 'host') link = connectHostMediaLink(engine);
    else if (window.agentDeskMedia) link = connectChannelMediaLink(engine, window.agentDeskMedia);
    linkRef.current = link;
    return () => {
      link?.stop();
      linkRef.current = null;
    };
  }, [bridge, engine, linkRef]);

  useEffect(() => () => void ringer?.close(), [ringer]);

  // The command bridge is back: the host restarted or the network returned, so re-attach without waiting.
  useEffect(() => {
    if (connection.status === 'connected') linkRef.current?.retryNow();
  }, [connection.status, linkRef]);

  useAudioRouting(engine, ringer);
}
