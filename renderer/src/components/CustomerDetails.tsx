// One customer on the caller card: who they are, what they have, the contact flags; their numbers (a click
// dials and links the call to them), open tickets, last orders and the full history (InteractionHistory, paged). Everything is shown as text (CRM data is never
// markup). Lists are keyed by record id, so a fresh card from core updates rows in place. Runs in Chromium.
import { memo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerCard } from '../../../electron/shared/ipc/customers.js';
import type { CommandError } from '../../../electron/shared/ipc/result.js';
import { useAgentDesk } from '../bridge/BridgeContext.js';
import { formatDateTime, formatNumber } from '../i18n/format.js';
import { useLocale } from '../i18n/LocaleContext.js';
import { InteractionHistory } from '../history/InteractionHistory.js';
import { useErrorText } from './useErrorText.js';

/** Between the facts of one line (kind · priority · status · date): a mark every script reads the same. */
const separator = ' · ';

type Ticket = CustomerCard['openTickets'][number];
type Order = CustomerCard['lastOrders'][number];

/**
 * Memoised: the card object only changes when core sends a new card, while the caller card panel re-renders for
 * every change of the call (ringing → connecting → on call), and this subtree (history included) is its biggest part.
 */
export const CustomerDetails = memo(CustomerDetailsView);

function CustomerDetailsView({ card }: { card: CustomerCard }) {
  const { t, i18n } = useTranslation();
  const { customer } = card;
  const yesNo = (value: boolean) => (value ? t('callerCard.yes') : t('callerCard.no'));
  const services =
    customer.services.length > 0
      ? new Intl.ListFormat(i18n.language, { style: 'short', type: 'unit' }).format(customer.services)
      : null;
  // Rows with nothing to say are left out; the flags always show (an unset flag is a "no").
  const rows: [label: string, value: string | null][] = [
    [t('callerCard.company'), customer.company],
    [t('callerCard.segment'), customer.segment],
    [t('callerCard.tariff'), customer.tariff],
    [t('callerCard.services'), services],
    [t('callerCard.openTickets'), t('callerCard.openTicketCount', { count: card.openTickets.length })],
    [t('callerCard.marketingConsent'), yesNo(customer.marketingConsent)],
    [t('callerCard.doNotCall'), yesNo(customer.doNotCall)],
    [t('callerCard.notes'), customer.notes],
  ];
  return (
    <article className="customer-details" aria-label={customer.name}>
      <h3>{customer.name}</h3>
      <dl>
        {rows
          .filter((row): row is [string, string] => row[1] !== null && row[1] !== '')
          .map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
      </dl>
      <PhoneNumbers customerId={customer.id} phones={customer.phones} />
      {card.openTickets.length > 0 && <Tickets tickets={card.openTickets} />}
      {card.lastOrders.length > 0 && <Orders orders={card.lastOrders} />}
      <InteractionHistory customerId={customer.id} />
    </article>
  );
}

/**
 * The customer's numbers as buttons: a click dials it (with the desk's dialing rules, like the dial pad) and ties
 * the new call to this customer, so a number several customers share does not ask "who is it?" again.
 */
function PhoneNumbers({ customerId, phones }: { customerId: string; phones: CustomerCard['customer']['phones'] }) {
  const { t } = useTranslation();
  const api = useAgentDesk();
  const errorText = useErrorText();
  const [error, setError] = useState<CommandError | null>(null);
  if (phones.length === 0) return null;
  const dial = async (e164: string) => {
    const dialled = await api.commands['calls:dial']({ target: e164 });
    setError(dialled.ok ? null : dialled.error);
    // Best effort: a call that failed at once has no card left to link.
    if (dialled.ok) await api.commands['customers:linkCall']({ callId: dialled.value.id, customerId });
  };
  return (
    <section className="customer-details-part">
      <h4>{t('customers.card.phones')}</h4>
      <ul className="customer-phones">
        {phones.map((phone) => (
          <li key={phone.e164}>
            <button
              type="button"
              className="customer-phone"
              aria-label={t('customers.card.callNumber', { number: phone.display })}
              onClick={() => void dial(phone.e164)}
            >
              {phone.display}
            </button>
            {phone.label && <span className="customer-phone-label">{phone.label}</span>}
          </li>
        ))}
      </ul>
      {error && <p role="alert">{errorText(error)}</p>}
    </section>
  );
}

function Tickets({ tickets }: { tickets: Ticket[] }) {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const kind = (ticket: Ticket) =>
    ({
      complaint: t('customers.card.ticketKind.complaint'),
      request: t('customers.card.ticketKind.request'),
      question: t('customers.card.ticketKind.question'),
    })[ticket.kind];
  const priority = (ticket: Ticket) =>
    ({
      low: t('customers.card.priority.low'),
      normal: t('customers.card.priority.normal'),
      high: t('customers.card.priority.high'),
      urgent: t('customers.card.priority.urgent'),
    })[ticket.priority];
  const status = (ticket: Ticket) =>
    ({
      open: t('customers.card.ticketStatus.open'),
      in_progress: t('customers.card.ticketStatus.in_progress'),
      resolved: t('customers.card.ticketStatus.resolved'),
      closed: t('customers.card.ticketStatus.closed'),
    })[ticket.status];
  return (
    <section className="customer-details-part">
      <h4>{t('customers.card.tickets')}</h4>
      <ul className="customer-records">
        {tickets.map((ticket) => (
          <li key={ticket.id} data-priority={ticket.priority}>
            <span className="customer-record-title">{ticket.subject}</span>
            <span className="customer-record-meta">
              {[kind(ticket), priority(ticket), status(ticket), formatDateTime(ticket.createdAt, locale)].join(separator)}
            </span>
            {ticket.department && <span className="customer-record-meta">{ticket.department}</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Orders({ orders }: { orders: Order[] }) {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const status = (order: Order) =>
    ({
      submitted: t('customers.card.orderStatus.submitted'),
      fulfilled: t('customers.card.orderStatus.fulfilled'),
      cancelled: t('customers.card.orderStatus.cancelled'),
    })[order.status];
  const money = (order: Order) => {
    try {
      return formatNumber(order.totalMinor / 100, locale, { style: 'currency', currency: order.currency });
    } catch {
      // A currency code Intl does not know: the amount still shows.
      return `${formatNumber(order.totalMinor / 100, locale)} ${order.currency}`;
    }
  };
  return (
    <section className="customer-details-part">
      <h4>{t('customers.card.orders')}</h4>
      <ul className="customer-records">
        {orders.map((order) => (
          <li key={order.id}>
            <span className="customer-record-title">
              {order.lines
                .map((line) => t('customers.card.orderLine', { quantity: line.quantity, description: line.description }))
                .join(', ')}
            </span>
            <span className="customer-record-meta">
              {[money(order), status(order), formatDateTime(order.createdAt, locale)].join(separator)}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

