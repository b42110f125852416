// Search-as-you-type against catalogue:search, and the customer whose segment it is for. Runs in Chromium.
// Typing is debounced briefly and only the newest answer is shown (useCommand drops older ones), so a fast
// typist sends a few searches, not one per key, and never sees results for text they have already changed.
import { useEffect, useState } from 'react';
import type { CatalogueFilter, CatalogueSearchResult } from '../../../electron/shared/ipc/catalogue.js';
import type { CommandError } from '../../../electron/shared/ipc/result.js';
import type { CallView } from '../../../electron/shared/ipc/softphone.js';
import { useCommand } from '../bridge/BridgeContext.js';
import { useCallerCards } from '../components/useCallerCards.js';
import { useSoftphone } from '../softphone/useSoftphone.js';

/** Long enough to coalesce a burst of keys, short enough to feel immediate. */
export const SEARCH_DEBOUNCE_MS = 120;

/** The call the caller card is about (the same choice as CallerCard: a ringing inbound call, else the live one). */
function cardCall(calls: readonly CallView[]): CallView | undefined {
  return (
    calls.find((c) => c.direction === 'inbound' && c.state === 'ringing') ?? calls.find((c) => c.state !== 'held') ?? calls[0]
  );
}

/** The customer on the card: the one the call is linked to (the only match, or the one chosen); else undefined. */
export function useCardCustomer(): string | undefined {
  const { calls } = useSoftphone();
  const { card } = useCallerCards(cardCall(calls)?.id);
  return card?.linkedCustomerId;
}

export interface CatalogueSearch {
  result: CatalogueSearchResult | null;
  /** The text `result` answers (it may lag the box by the debounce). */
  answered: { query: string; filter: CatalogueFilter } | null;
  loading: boolean;
  error: CommandError | null;
}

export function useCatalogueSearch(query: string, filter: CatalogueFilter, customerId: string | undefined): CatalogueSearch {
  const { run, loading, error } = useCommand('catalogue:search');
  const [answer, setAnswer] = useState<Pick<CatalogueSearch, 'result' | 'answered'>>({ result: null, answered: null });

  // "All" with nothing typed lists nothing: no request at all, and an earlier answer is not shown.
  const idle = query.trim() === '' && filter === 'all';
  useEffect(() => {
    if (idle) return;
    let current = true;
    const timer = setTimeout(() => {
      void run({ query, filter, ...(customerId === undefined ? {} : { customerId }) }).then((outcome) => {
        if (current && outcome.ok) setAnswer({ result: outcome.value, answered: { query, filter } });
      });
    }, SEARCH_DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [run, idle, query, filter, customerId]);

  return idle ? { result: null, answered: null, loading: false, error: null } : { ...answer, loading, error };
}
