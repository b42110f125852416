// The latest call-quality sample of one call (calls:quality events from core's CallQualityMonitor).
// Runs in Chromium.
import { useEffect, useState } from 'react';
import { events } from '../../../electron/shared/ipc/contract.js';
import type { qualitySampleSchema } from '../../../electron/shared/ipc/callQuality.js';
import type { z } from 'zod';
import { useBridge } from '../bridge/BridgeContext.js';

export type QualitySample = z.infer<typeof qualitySampleSchema>;

export function useCallQuality(callId: string): QualitySample | null {
  const { api } = useBridge();
  const [sample, setSample] = useState<QualitySample | null>(null);
  useEffect(
    () =>
      api.events['calls:quality']((payload) => {
        const checked = events['calls:quality'].safeParse(payload);
        if (checked.success && checked.data.callId === callId) setSample(checked.data.sample);
      }),
    [api, callId],
  );
  return sample;
}
