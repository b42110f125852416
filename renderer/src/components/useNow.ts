// A clock for countdowns: the time at mount, then re-rendered every `intervalMs`. Runs in Chromium.
// Mount it only while counting (key the component by the deadline) so the first value is never stale.
import { useEffect, useState } from 'react';

export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
