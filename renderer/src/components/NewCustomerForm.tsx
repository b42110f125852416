// "New customer" from an unknown caller: a name and the ringing number (prefilled), saved with
// customers:create; the card then shows the new customer. Runs in Chromium.
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CommandError } from '../../../electron/shared/ipc/result.js';
import { customerLimits, type CustomerCard } from '../../../electron/shared/ipc/customers.js';
import { useAgentDesk } from '../bridge/BridgeContext.js';
import { useErrorText } from './useErrorText.js';

export function NewCustomerForm({
  number,
  onCreated,
  onCancel,
}: {
  number: string;
  onCreated: (card: CustomerCard) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const api = useAgentDesk();
  const errorText = useErrorText();
  const nameId = useId();
  const numberId = useId();
  const [name, setName] = useState('');
  const [phone, setPhone] = useState(number);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<CommandError | null>(null);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    const result = await api.commands['customers:create']({
      name: name.trim(),
      phones: phone.trim() ? [{ number: phone.trim() }] : [],
    });
    setSaving(false);
    if (result.ok) onCreated(result.value);
    else setError(result.error);
  };

  return (
    <form className="new-customer" aria-label={t('callerCard.newCustomer')} onSubmit={(event) => void save(event)}>
      <label htmlFor={nameId}>{t('callerCard.name')}</label>
      <input id={nameId} value={name} required maxLength={customerLimits.name} onChange={(e) => setName(e.target.value)} />
      <label htmlFor={numberId}>{t('callerCard.phone')}</label>
      <input
        id={numberId}
        type="tel"
        value={phone}
        maxLength={customerLimits.phoneInput}
        onChange={(e) => setPhone(e.target.value)}
      />
      {error && <p role="alert">{errorText(error)}</p>}
      <button type="submit" disabled={saving || name.trim() === ''}>
        {t('callerCard.save')}
      </button>
      <button type="button" onClick={onCancel}>
        {t('callerCard.cancel')}
      </button>
    </form>
  );
}
