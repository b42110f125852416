// The caller cards of live calls, as core sends them (customers:callerCard: before the ringing or dialing state,
// and again, fresh, whenever a card changes during the call) or, for a page that loaded mid-call, as it answers
// customers:getCallerCard. One store per bridge, shared by every component that shows a card (the caller card,
// the catalogue's offers), so a call's card is asked for once. Runs in Chromium.
import { useCallback, useEffect, useSyncExternalStore } from 'react';
import { events } from '../../../electron/shared/ipc/contract.js';
import type { CallerCard } from '../../../electron/shared/ipc/customers.js';
import { useBridge } from '../bridge/BridgeContext.js';
import type { Bridge } from '../bridge/bridge.js';
import { refCountedSubscribe } from '../bridge/bridgeStore.js';

export interface CallerCards {
  /** The card of `callId`: undefined while unknown, null when core has none (no number, e.g. an extension). */
  card: CallerCard | null | undefined;
  /** Replaces the card after a change made here (a customer created from it, a call linked). */
  replace(card: CallerCard): void;
}

/** Cards kept: the live calls' (8 lines at most) and a few ended ones a wrap-up may still show. */
const MAX_CARDS = 32;

interface CallerCardStore {
  subscribe(listener: () => void): () => void;
  get(): ReadonlyMap<string, CallerCard | null>;
  /** Asks core for a card nobody sent yet (a page loaded mid-call); once per call at a time. */
  request(callId: string): void;
  remember(callId: string, card: CallerCard | null): void;
}

const stores = new WeakMap<Bridge, CallerCardStore>();

function createStore(bridge: Bridge): CallerCardStore {
  const { api } = bridge;
  let cards: ReadonlyMap<string, CallerCard | null> = new Map();
  const asking = new Set<string>();
  const listeners = new Set<() => void>();

  const remember = (callId: string, card: CallerCard | null) => {
    const next = new Map(cards);
    next.delete(callId); // re-inserted last: the oldest card is the first to go
    next.set(callId, card);
    for (const oldest of next.keys()) {
      if (next.size <= MAX_CARDS) break;
      next.delete(oldest);
    }
    cards = next;
    for (const listener of [...listeners]) listener();
  };

  const ask = async (callId: string, replaceKnown: boolean) => {
    if (asking.has(callId)) return;
    asking.add(callId);
    const result = await api.commands['customers:getCallerCard']({ callId });
    asking.delete(callId);
    // The event may have arrived meanwhile: an answer never overwrites a card already known, unless asked to.
    if (result.ok && (replaceKnown || !cards.has(callId))) remember(callId, result.value);
    else if (!result.ok && !cards.has(callId)) remember(callId, null);
  };

  const start = () => {
    const offCards = api.events['customers:callerCard']((payload) => {
      const checked = events['customers:callerCard'].safeParse(payload);
      if (checked.success) remember(checked.data.callId, checked.data);
    });
    // Events sent while the bridge was down are lost: read the known cards again (those of ended calls answer
    // not_found and stay as they were).
    let wasConnected = bridge.getConnection().status === 'connected';
    const offConnection = bridge.onConnectionChange((state) => {
      const connected = state.status === 'connected';
      if (connected && !wasConnected) for (const [callId, card] of cards) if (card) void ask(callId, true);
      wasConnected = connected;
    });
    return () => {
      offCards();
      offConnection();
    };
  };

  return {
    subscribe: refCountedSubscribe(listeners, start),
    get: () => cards,
    request: (callId) => void ask(callId, false),
    remember,
  };
}

export function useCallerCards(callId: string | undefined): CallerCards {
  const bridge = useBridge();
  let store = stores.get(bridge);
  if (!store) stores.set(bridge, (store = createStore(bridge)));
  const current = store;
  // Only this call's card: a card arriving for another call (or for a call not on screen yet: core sends it just
  // before the ringing state) re-renders nothing here.
  const known = useSyncExternalStore(
    useCallback((listener: () => void) => current.subscribe(listener), [current]),
    () => (callId === undefined ? undefined : current.get().get(callId)),
  );
  useEffect(() => {
    if (callId !== undefined && known === undefined) current.request(callId);
  }, [current, callId, known]);
  const replace = useCallback((card: CallerCard) => current.remember(card.callId, card), [current]);
  return { card: known, replace };
}
