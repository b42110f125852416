// Caller card panel (left): who is calling, from the first ring. One match → their card; several → a
// chooser; none → "Unknown caller" with a "New customer" form. Without a live call it says so. Runs in Chromium.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallView } from '../../../electron/shared/ipc/softphone.js';
import { useSoftphone } from '../softphone/useSoftphone.js';
import { CustomerDetails } from './CustomerDetails.js';
import { EmptyState } from './EmptyState.js';
import { PersonIcon } from './Icons.js';
import { NewCustomerForm } from './NewCustomerForm.js';
import { useCallerCards, type CallerCards } from './useCallerCards.js';

/** The call the card is about: a ringing inbound call first (the operator must decide), else the live one. */
function currentCall(calls: readonly CallView[]): CallView | undefined {
  return calls.find((c) => c.direction === 'inbound' && c.state === 'ringing') ?? calls.find((c) => c.state !== 'held') ?? calls[0];
}

export function CallerCard() {
  const { calls } = useSoftphone();
  const call = currentCall(calls);
  // Subscribed here, always mounted: core sends the card just BEFORE the ringing state that shows the call.
  const { card, replace } = useCallerCards(call?.id);
  // Keyed by call: a new call starts with a fresh chooser and form.
  return call ? <CallCard key={call.id} call={call} card={card} replace={replace} /> : <NoCall />;
}

function NoCall() {
  const { t } = useTranslation();
  return (
    <EmptyState icon={<PersonIcon width="32" height="32" />} title={t('callerCard.emptyTitle')}>
      {t('callerCard.emptyBody')}
    </EmptyState>
  );
}

function CallCard({ call, card, replace }: { call: CallView } & CallerCards) {
  const { t } = useTranslation();
  const [chosenId, setChosenId] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);

  if (card === undefined) return <p role="status">{t('callerCard.lookingUp')}</p>;
  if (card === null)
    return (
      <EmptyState icon={<PersonIcon width="32" height="32" />} title={call.displayName || call.remoteUser}>
        {t('callerCard.noNumber')}
      </EmptyState>
    );

  if (card.matches.length === 0) {
    if (creating)
      return (
        <NewCustomerForm
          number={card.e164}
          onCancel={() => setCreating(false)}
          onCreated={(created) => replace({ ...card, total: 1, matches: [created] })}
        />
      );
    return (
      <div className="caller-unknown">
        <h3>{t('callerCard.unknownCaller')}</h3>
        <p>{card.e164}</p>
        <button type="button" onClick={() => setCreating(true)}>
          {t('callerCard.newCustomer')}
        </button>
      </div>
    );
  }

  const only = card.matches.length === 1 ? card.matches[0] : undefined;
  const chosen = only ?? card.matches.find((match) => match.customer.id === chosenId);
  if (chosen)
    return (
      <div className="caller-match">
        {!only && (
          <button type="button" onClick={() => setChosenId(null)}>
            {t('callerCard.backToList')}
          </button>
        )}
        <CustomerDetails card={chosen} />
      </div>
    );

  return (
    <div className="caller-chooser">
      <h3>{t('callerCard.severalMatches', { count: card.total, number: card.e164 })}</h3>
      <ul aria-label={t('callerCard.chooseCustomer')}>
        {card.matches.map(({ customer }) => (
          <li key={customer.id}>
            <button type="button" onClick={() => setChosenId(customer.id)}>
              {customer.company ? t('callerCard.nameAtCompany', { name: customer.name, company: customer.company }) : customer.name}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
