// The attended-transfer and conference shortcuts at work (Alt+S consult, Alt+Y complete the transfer, Alt+X cancel
// the consultation, Alt+J conference): which calls a key means, and what it does. Runs in Chromium; SoftphoneBar
// mounts it beside useCallShortcuts. The rules are the buttons' own (softphone/callRelations.ts).
import { useEffect, useRef } from 'react';
import type { CallView } from '../../../electron/shared/ipc/softphone.js';
import { canCompleteTransfer, canConsult, conferenceCallIds, consultedCall } from '../softphone/callRelations.js';
import type { CallActions } from '../softphone/useCallActions.js';
import { ariaKeyShortcuts, matchConsultShortcut, type ConsultShortcutId } from './shortcuts.js';

export type ConsultShortcutPlan =
  | { kind: 'consult'; callId: string }
  | { kind: 'attendedTransfer'; callId: string; targetCallId: string }
  | { kind: 'cancelConsult'; callId: string }
  | { kind: 'conference'; callIds: string[] };

/**
 * What a key does now, or null when no button offers it: consult opens the field on the talking call (else the
 * held one); complete and cancel act on the running consultation; conference joins the connected calls. Pure.
 */
export function planConsultShortcut(id: ConsultShortcutId, calls: readonly CallView[]): ConsultShortcutPlan | null {
  const byPreference = [...calls.filter((call) => call.state === 'active'), ...calls.filter((call) => call.state === 'held')];
  const consultation = calls.find((call) => call.state !== 'ended' && consultedCall(call, calls) !== undefined);
  switch (id) {
    case 'consultCall': {
      const call = byPreference.find((candidate) => canConsult(candidate, calls));
      return call ? { kind: 'consult', callId: call.id } : null;
    }
    case 'completeTransfer': {
      const original = consultation && consultedCall(consultation, calls);
      if (!consultation || !original || !canCompleteTransfer(consultation, calls)) return null;
      return { kind: 'attendedTransfer', callId: original.id, targetCallId: consultation.id };
    }
    case 'cancelConsult':
      return consultation ? { kind: 'cancelConsult', callId: consultation.id } : null;
    case 'joinConference': {
      const callIds = byPreference.map((call) => conferenceCallIds(call, calls)).find((ids) => ids.length > 0);
      return callIds ? { kind: 'conference', callIds } : null;
    }
  }
}

/** Opens a call's consult field (never closes it: the key means "take me there") and focuses its input. */
function openConsultField(callId: string): void {
  const callElement = () => document.querySelector<HTMLElement>(`[data-call-id="${CSS.escape(callId)}"]`);
  const button = callElement()?.querySelector<HTMLButtonElement>(
    `button[aria-keyshortcuts="${ariaKeyShortcuts('consultCall')}"]`,
  );
  if (button && button.getAttribute('aria-expanded') !== 'true') button.click();
  // React renders the opened field on its own schedule: focus it once it is there.
  const focusField = (attempt: number) => {
    const input = callElement()?.querySelector<HTMLElement>('.call-consult input');
    if (input) input.focus();
    else if (attempt < 5) requestAnimationFrame(() => focusField(attempt + 1));
  };
  focusField(0);
}

function run(plan: ConsultShortcutPlan, actions: CallActions): void {
  switch (plan.kind) {
    case 'consult':
      return openConsultField(plan.callId);
    case 'attendedTransfer':
      return void actions.attendedTransfer(plan.callId, plan.targetCallId);
    case 'cancelConsult':
      return void actions.cancelConsult(plan.callId);
    case 'conference':
      return void actions.conference(plan.callIds);
  }
}

/** Installs the keys on the window for as long as the caller is mounted. */
export function useConsultShortcuts(calls: readonly CallView[], actions: CallActions): void {
  const callsRef = useRef(calls);
  useEffect(() => {
    callsRef.current = calls;
  }, [calls]);
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const shortcut = matchConsultShortcut(event);
      if (!shortcut) return;
      const plan = planConsultShortcut(shortcut, callsRef.current);
      if (!plan) return;
      event.preventDefault();
      run(plan, actions);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [actions]);
}
