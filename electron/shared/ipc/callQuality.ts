// The call-quality part of the contract: a live sample per call while it has media (for the softphone bar's
// figures and poor-network warning). The call's summary goes to the call log, not over the bridge.
import { z } from 'zod';

const figure = z.number().finite().nonnegative().max(1_000_000);

export const qualitySampleSchema = z
  .object({
    at: z.number().int().nonnegative(),
    rttMs: figure.nullable(),
    jitterMs: figure.nullable(),
    lossPercent: z.number().min(0).max(100),
    mos: z.number().min(1).max(4.5),
    poor: z.boolean(),
  })
  .strict();

export const callQualityEvents = {
  'calls:quality': z.object({ callId: z.string().min(1).max(64), sample: qualitySampleSchema }).strict(),
} as const;
