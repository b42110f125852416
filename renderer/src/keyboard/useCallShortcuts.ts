// The in-app call shortcuts at work (Alt+A, Alt+R, Alt+H, Alt+K, Alt+L, Alt+M, Alt+T, Alt+P, Alt+N and the keypad's
// digits): which call a key means, and what it does to it. Runs in Chromium; SoftphoneBar mounts it once.
//
// Transfer and the keypad are panels of one call in the softphone bar (SoftphoneCall). The shortcut presses the
// same toggle a mouse would — found by the call's data-call-id and the aria-keyshortcuts it announces — and
// moves the focus into the panel, so the panel's own state stays where it is.
import { useEffect, useRef } from 'react';
import type { CallView } from '../../../electron/shared/ipc/softphone.js';
import type { CallActions } from '../softphone/useCallActions.js';
import { ariaKeyShortcuts, dtmfToneOf, matchCallShortcut, type CallShortcutId } from './shortcuts.js';

export type CallShortcutPlan =
  | { kind: 'answer' | 'decline' | 'hangup' | 'hold' | 'resume' | 'transfer' | 'keypad'; callId: string }
  | { kind: 'mute'; callId: string; muted: boolean }
  | { kind: 'dial' };

/**
 * The call a shortcut acts on is the one the operator means: the ringing one to answer or decline, the talking
 * one for everything else — else, with every line on hold, the one they talked on last (`lastActiveId`, so
 * Alt+K twice puts them back on the same caller), else the first held or dialed one; hang up ends a ringing call
 * when nothing else is live. Swap lines goes to the next held line after that one (by line number, wrapping), so
 * pressing it again and again visits every held caller; core's resume holds the talking line on the way.
 * null when the shortcut means nothing right now (no call, or the action is not offered in that state). Pure.
 */
export function planCallShortcut(id: CallShortcutId, calls: readonly CallView[], lastActiveId?: string): CallShortcutPlan | null {
  const ringing = calls.find((call) => call.state === 'ringing');
  const lastActive = calls.find((call) => call.id === lastActiveId && call.state === 'held');
  const talking = calls.find((call) => call.state === 'active') ?? lastActive ?? calls.find((call) => call.state !== 'ringing');
  const connected = talking && (talking.state === 'active' || talking.state === 'held') ? talking : undefined;
  switch (id) {
    case 'answerCall':
      return ringing ? { kind: 'answer', callId: ringing.id } : null;
    case 'declineCall':
      return ringing ? { kind: 'decline', callId: ringing.id } : null;
    case 'hangUp': {
      const call = talking ?? ringing;
      return call ? { kind: 'hangup', callId: call.id } : null;
    }
    case 'toggleHold':
      return connected ? { kind: connected.state === 'held' ? 'resume' : 'hold', callId: connected.id } : null;
    case 'swapLines': {
      const next = nextHeldLine(calls, connected);
      return next ? { kind: 'resume', callId: next.id } : null;
    }
    case 'toggleMute':
      return talking?.state === 'active' ? { kind: 'mute', callId: talking.id, muted: !talking.muted } : null;
    case 'transferCall':
      return connected ? { kind: 'transfer', callId: connected.id } : null;
    case 'toggleKeypad':
      return talking?.state === 'active' ? { kind: 'keypad', callId: talking.id } : null;
    case 'focusDial':
      return { kind: 'dial' };
  }
}

/**
 * The held line after `current` (by line number, wrapping round), never `current` itself. None while a call is
 * being set up: resuming then would leave two callers live at once.
 */
function nextHeldLine(calls: readonly CallView[], current: CallView | undefined): CallView | undefined {
  if (calls.some((call) => call.state === 'dialing' || call.state === 'ringback' || call.state === 'connecting'))
    return undefined;
  const others = calls.filter((call) => call.state === 'held' && call !== current).sort((a, b) => a.line - b.line);
  const from = current?.line ?? 0;
  return others.find((call) => call.line > from) ?? others[0];
}

/** Where each panel's toggle is, and what takes the focus once it is open. */
const panels = {
  transfer: { toggle: ariaKeyShortcuts('transferCall'), focus: '.call-transfer input' },
  keypad: { toggle: ariaKeyShortcuts('toggleKeypad'), focus: '.call-keypad button' },
} as const;

function callElement(callId: string): HTMLElement | null {
  return document.querySelector<HTMLElement>(`[data-call-id="${CSS.escape(callId)}"]`);
}

/** Opens a call's transfer field or keypad (never closes it: the key means "take me there") and focuses it. */
function openPanel(callId: string, panel: keyof typeof panels): void {
  const call = callElement(callId);
  if (!call) return;
  const { toggle, focus } = panels[panel];
  const button = call.querySelector<HTMLButtonElement>(`button[aria-keyshortcuts="${toggle}"]`);
  if (button && button.getAttribute('aria-expanded') !== 'true') button.click();
  // React renders the opened panel on its own schedule: focus it once it is there.
  const focusPanel = (attempt: number) => {
    const target = callElement(callId)?.querySelector<HTMLElement>(focus);
    if (target) target.focus();
    else if (attempt < 5) requestAnimationFrame(() => focusPanel(attempt + 1));
  };
  focusPanel(0);
}

function run(plan: CallShortcutPlan, actions: CallActions): void {
  switch (plan.kind) {
    case 'answer':
      return void actions.answer(plan.callId);
    case 'decline':
      return void actions.decline(plan.callId);
    case 'hangup':
      return void actions.hangup(plan.callId);
    case 'hold':
      return void actions.hold(plan.callId);
    case 'resume':
      return void actions.resume(plan.callId);
    case 'mute':
      return void actions.mute(plan.callId, plan.muted);
    case 'transfer':
    case 'keypad':
      return openPanel(plan.callId, plan.kind);
    case 'dial':
      return document.querySelector<HTMLInputElement>('.dial-form input')?.focus();
  }
}

/** Installs the call shortcuts on the window for as long as the caller is mounted. */
export function useCallShortcuts(calls: readonly CallView[], actions: CallActions): void {
  const callsRef = useRef(calls);
  // The line the operator talked on last, whatever put it on hold (a key, a button, a call answered on another line).
  const lastActiveRef = useRef<string | undefined>(undefined);
  useEffect(() => {
    callsRef.current = calls;
    const active = calls.find((call) => call.state === 'active');
    if (active) lastActiveRef.current = active.id;
  }, [calls]);
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const shortcut = matchCallShortcut(event);
      if (shortcut) {
        const plan = planCallShortcut(shortcut, callsRef.current, lastActiveRef.current);
        if (!plan) return;
        event.preventDefault();
        return run(plan, actions);
      }
      // Digits typed while the focus is on a call's keypad send tones on that call.
      const tone = dtmfToneOf(event);
      const keypad = event.target instanceof Element ? event.target.closest('.call-keypad') : null;
      const callId = keypad?.closest<HTMLElement>('[data-call-id]')?.dataset['callId'];
      if (tone && callId) {
        event.preventDefault();
        void actions.dtmf(callId, tone);
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [actions]);
}
