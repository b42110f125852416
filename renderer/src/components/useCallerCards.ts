// The caller cards of live calls, as core sends them (customers:callerCard, before the ringing state) or,
// for a page that loaded mid-call, as it answers customers:getCallerCard. Runs in Chromium.
import { useCallback, useEffect, useState } from 'react';
import { events } from '../../../electron/shared/ipc/contract.js';
import type { CallerCard } from '../../../electron/shared/ipc/customers.js';
import { useAgentDesk } from '../bridge/BridgeContext.js';

export interface CallerCards {
  /** The card of `callId`: undefined while unknown, null when core has none (no number, e.g. an extension). */
  card: CallerCard | null | undefined;
  /** Replaces the card after a change made here (a customer created from it). */
  replace(card: CallerCard): void;
}

export function useCallerCards(callId: string | undefined): CallerCards {
  const api = useAgentDesk();
  const [cards, setCards] = useState<ReadonlyMap<string, CallerCard | null>>(new Map());
  const remember = useCallback(
    (id: string, card: CallerCard | null) => setCards((known) => new Map(known).set(id, card)),
    [],
  );

  useEffect(
    () =>
      api.events['customers:callerCard']((payload) => {
        const checked = events['customers:callerCard'].safeParse(payload);
        if (checked.success) remember(checked.data.callId, checked.data);
      }),
    [api, remember],
  );

  const known = callId === undefined ? undefined : cards.get(callId);
  useEffect(() => {
    if (callId === undefined || known !== undefined) return;
    let current = true;
    void api.commands['customers:getCallerCard']({ callId }).then((result) => {
      // The event may have arrived meanwhile; an answer never overwrites a card already known.
      if (current) setCards((shown) => (shown.has(callId) ? shown : new Map(shown).set(callId, result.ok ? result.value : null)));
    });
    return () => {
      current = false;
    };
  }, [api, callId, known]);

  return { card: known, replace: (card) => remember(card.callId, card) };
}
