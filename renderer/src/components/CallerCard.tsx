// Caller card panel (left): who is on the line, from the first ring or the moment the operator dials. One match →
// their card; several → a chooser; none → "Unknown caller" with a "New customer" form. Choosing or creating links
// the call to that customer (customers:linkCall). Core re-sends the card whenever it changes during the call; the
// new one replaces the old in place, so the panel keeps its scroll position, focus and choice. Without a live call
// it says so. The panel's toolbar opens customer import/export. Runs in Chromium.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerCard } from '../../../electron/shared/ipc/customers.js';
import type { CommandError } from '../../../electron/shared/ipc/result.js';
import type { CallView } from '../../../electron/shared/ipc/softphone.js';
import { useAgentDesk } from '../bridge/BridgeContext.js';
import { useSoftphone } from '../softphone/useSoftphone.js';
import { CustomerDetails } from './CustomerDetails.js';
import { CustomerFilesDialog } from './CustomerFilesDialog.js';
import { EmptyState } from './EmptyState.js';
import { PersonIcon } from './Icons.js';
import { NewCustomerForm } from './NewCustomerForm.js';
import { useCallerCards, type CallerCards } from './useCallerCards.js';
import { useErrorText } from './useErrorText.js';

/** The call the card is about: a ringing inbound call first (the operator must decide), else the live one. */
function currentCall(calls: readonly CallView[]): CallView | undefined {
  return (
    calls.find((c) => c.direction === 'inbound' && c.state === 'ringing') ?? calls.find((c) => c.state !== 'held') ?? calls[0]
  );
}

export function CallerCard() {
  const { t } = useTranslation();
  const { calls } = useSoftphone();
  const call = currentCall(calls);
  // Subscribed here, always mounted: core sends the card just BEFORE the ringing (or dialing) state.
  const { card, replace } = useCallerCards(call?.id);
  const [filesOpen, setFilesOpen] = useState(false);
  return (
    <>
      <div className="caller-toolbar">
        <button type="button" aria-haspopup="dialog" onClick={() => setFilesOpen(true)}>
          {t('customers.files.open')}
        </button>
      </div>
      {/* Keyed by call: a new call starts with a fresh chooser and form. */}
      {call ? <CallCard key={call.id} call={call} card={card} replace={replace} /> : <NoCall />}
      {filesOpen && <CustomerFilesDialog onClose={() => setFilesOpen(false)} />}
    </>
  );
}

function NoCall() {
  const { t } = useTranslation();
  return (
    <EmptyState icon={<PersonIcon width="32" height="32" />} title={t('callerCard.emptyTitle')}>
      {t('callerCard.emptyBody')}
    </EmptyState>
  );
}

/** What the panel shows of a card with matches: core's choice (the linked customer), the list, or one chosen here. */
type Shown = { kind: 'linked' } | { kind: 'list' } | { kind: 'customer'; id: string };

function CallCard({ call, card, replace }: { call: CallView } & CallerCards) {
  const { t } = useTranslation();
  const api = useAgentDesk();
  const errorText = useErrorText();
  const [shown, setShown] = useState<Shown>({ kind: 'linked' });
  const [creating, setCreating] = useState(false);
  const [linkError, setLinkError] = useState<CommandError | null>(null);

  /** Tells core this call is about `customer`; every window then shows the card core answers with. */
  const link = async (customer: CustomerCard) => {
    const linked = await api.commands['customers:linkCall']({ callId: call.id, customerId: customer.customer.id });
    setLinkError(linked.ok ? null : linked.error);
    return linked;
  };

  if (card === undefined) return <p role="status">{t('callerCard.lookingUp')}</p>;
  if (card === null)
    return (
      <EmptyState icon={<PersonIcon width="32" height="32" />} title={call.displayName || call.remoteUser}>
        {t('callerCard.noNumber')}
      </EmptyState>
    );

  const linkFailed = linkError && (
    <p role="alert" className="caller-link-error">
      {t('customers.card.linkFailed', { reason: errorText(linkError) })}
    </p>
  );

  if (card.matches.length === 0) {
    if (creating)
      return (
        <NewCustomerForm
          number={card.e164}
          onCancel={() => setCreating(false)}
          onCreated={(created) => {
            // Shown at once; core's linked card (or its event) follows and replaces it.
            replace({ ...card, total: 1, matches: [created], linkedCustomerId: created.customer.id });
            void link(created).then((linked) => linked.ok && replace(linked.value));
          }}
        />
      );
    return (
      <div className="caller-unknown">
        <h3>{call.direction === 'outbound' ? t('customers.card.unknownNumber') : t('callerCard.unknownCaller')}</h3>
        <p>{card.e164}</p>
        <button type="button" onClick={() => setCreating(true)}>
          {t('callerCard.newCustomer')}
        </button>
        {linkFailed}
      </div>
    );
  }

  const find = (id: string | undefined) => card.matches.find((match) => match.customer.id === id);
  const only = card.matches.length === 1 ? card.matches[0] : undefined;
  const chosen =
    shown.kind === 'customer' ? find(shown.id) : shown.kind === 'linked' ? (find(card.linkedCustomerId) ?? only) : undefined;
  if (chosen)
    return (
      <div className="caller-match">
        {card.matches.length > 1 && (
          <button type="button" onClick={() => setShown({ kind: 'list' })}>
            {t('callerCard.backToList')}
          </button>
        )}
        {linkFailed}
        <CustomerDetails card={chosen} />
      </div>
    );

  return (
    <div className="caller-chooser">
      <h3>{t('callerCard.severalMatches', { count: card.total, number: card.e164 })}</h3>
      <ul aria-label={t('callerCard.chooseCustomer')}>
        {card.matches.map((match) => (
          <li key={match.customer.id}>
            <button
              type="button"
              aria-current={match.customer.id === card.linkedCustomerId ? 'true' : undefined}
              onClick={() => {
                setShown({ kind: 'customer', id: match.customer.id });
                void link(match).then((linked) => linked.ok && replace(linked.value));
              }}
            >
              {match.customer.company
                ? t('callerCard.nameAtCompany', { name: match.customer.name, company: match.customer.company })
                : match.customer.name}
            </button>
          </li>
        ))}
      </ul>
      {linkFailed}
    </div>
  );
}
