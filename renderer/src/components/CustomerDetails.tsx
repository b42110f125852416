// One customer on the caller card: who they are, what they have, open tickets and the contact flags.
// Everything is shown as text (CRM data is never markup). Runs in Chromium.
import { useTranslation } from 'react-i18next';
import type { CustomerCard } from '../../../electron/shared/ipc/customers.js';

export function CustomerDetails({ card }: { card: CustomerCard }) {
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
    </article>
  );
}
