// The "look here" part of the contract: core asks the desk to draw the operator's attention (an incoming call,
// a callback that is due) while the window may be in the background. Main shows a native notification and brings the window forward;
// a browser-mode page uses the web Notification API. Core writes the text, in the operator's language.
import { z } from 'zod';

export const attentionEvents = {
  'app:attention': z
    .object({
      kind: z.enum(['incomingCall', 'callbackDue']),
      /** The call (incomingCall) or the callback (callbackDue) this is about. */
      callId: z.string().min(1).max(64),
      /** Plain text, never markup. */
      title: z.string().max(200),
      body: z.string().max(500),
      /** Show a notification when the window is not focused (setting ui.callNotifications). */
      notify: z.boolean(),
      /** Raise and focus the window (setting ui.bringToFrontOnCall). */
      bringToFront: z.boolean(),
    })
    .strict(),
} as const;
