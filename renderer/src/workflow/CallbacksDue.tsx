// Callbacks in the wrap-up panel: when one falls due (core's `callbacks:due`, or found due after a reload)
// the customer's card pops up here with "Call now", "Done" and "Later"; below, the callbacks still to make —
// mine, anyone's or both. Runs in Chromium.
import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerCard } from '../../../electron/shared/ipc/customers.js';
import type { CommandError } from '../../../electron/shared/ipc/result.js';
import type { CallbackView } from '../../../electron/shared/ipc/wrapUp.js';
import { useAgentDesk, useConnection, useEvent } from '../bridge/BridgeContext.js';
import { CustomerDetails } from '../components/CustomerDetails.js';
import { useErrorText } from '../components/useErrorText.js';
import { formatDateTime } from '../i18n/format.js';
import { useLocale } from '../i18n/LocaleContext.js';

type Scope = 'mine' | 'anyone' | 'all';

export function CallbacksDue() {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const api = useAgentDesk();
  const connection = useConnection();
  const errorText = useErrorText();
  const headingId = useId();
  const [callbacks, setCallbacks] = useState<readonly CallbackView[]>([]);
  const [later, setLater] = useState<ReadonlySet<string>>(new Set());
  const [scope, setScope] = useState<Scope>('all');
  const [card, setCard] = useState<CustomerCard | null>(null);
  const [error, setError] = useState<CommandError | null>(null);

  const reload = useCallback(async () => {
    const result = await api.commands['callbacks:list']({ scope: 'all' });
    if (result.ok) setCallbacks(result.value);
  }, [api]);

  const connected = connection.status === 'connected';
  useEffect(() => {
    if (!connected) return;
    let current = true;
    void api.commands['callbacks:list']({ scope: 'all' }).then((result) => {
      if (current && result.ok) setCallbacks(result.value);
    });
    return () => {
      current = false;
    };
  }, [api, connected]);
  useEvent('callbacks:due', (due) => {
    setCallbacks((list) => [due, ...list.filter((callback) => callback.id !== due.id)]);
    setLater((hidden) => {
      const next = new Set(hidden);
      next.delete(due.id);
      return next;
    });
  });
  useEvent('callbacks:changed', () => void reload());

  const due = callbacks.filter((callback) => callback.status === 'notified' && !later.has(callback.id));
  const first = due[0];
  const customerId = first?.customerId ?? null;
  useEffect(() => {
    if (customerId === null) return;
    let current = true;
    void api.commands['customers:get']({ id: customerId }).then((result) => {
      if (current) setCard(result.ok ? result.value : null);
    });
    return () => {
      current = false;
    };
  }, [api, customerId]);

  const run = async (pending: Promise<{ ok: true } | { ok: false; error: CommandError }>) => {
    const result = await pending;
    setError(result.ok ? null : result.error);
  };
  const shown = callbacks.filter((callback) =>
    scope === 'all' ? true : scope === 'mine' ? callback.assignee !== null : callback.assignee === null,
  );
  const who = (callback: CallbackView) => callback.customerName ?? callback.e164;

  return (
    <div className="callbacks">
      {first && (
        <section className="callback-due" aria-labelledby={headingId}>
          <h3 id={headingId} role="alert">
            {t('wrapUpForm.callbacks.dueTitle', { name: who(first) })}
          </h3>
          <p>{t('wrapUpForm.callbacks.dueLine', { time: formatDateTime(first.dueAt, locale), number: first.e164 })}</p>
          {first.note && <p className="callback-note">{first.note}</p>}
          {card && card.customer.id === first.customerId && <CustomerDetails card={card} />}
          <div className="wrapup-actions">
            <button
              type="button"
              className="button button-primary"
              onClick={() => void run(api.commands['calls:dial']({ target: first.e164 }))}
            >
              {t('wrapUpForm.callbacks.callNow')}
            </button>
            <button
              type="button"
              className="button"
              onClick={() => void run(api.commands['callbacks:setStatus']({ id: first.id, status: 'done' }))}
            >
              {t('wrapUpForm.callbacks.done')}
            </button>
            <button
              type="button"
              className="button button-quiet"
              onClick={() => setLater((hidden) => new Set(hidden).add(first.id))}
            >
              {t('wrapUpForm.callbacks.later')}
            </button>
          </div>
          {due.length > 1 && <p className="wrapup-hint">{t('wrapUpForm.callbacks.moreDue', { count: due.length - 1 })}</p>}
          {error && <p role="alert">{errorText(error)}</p>}
        </section>
      )}
      {callbacks.length > 0 && (
        <details className="callback-list">
          <summary>{t('wrapUpForm.callbacks.open', { count: callbacks.length })}</summary>
          <label>
            {t('wrapUpForm.callbacks.scope')}
            <select value={scope} onChange={(event) => setScope(event.target.value as Scope)}>
              <option value="all">{t('wrapUpForm.callbacks.scopes.all')}</option>
              <option value="mine">{t('wrapUpForm.callbacks.scopes.mine')}</option>
              <option value="anyone">{t('wrapUpForm.callbacks.scopes.anyone')}</option>
            </select>
          </label>
          <ul>
            {shown.map((callback) => (
              <li key={callback.id}>
                {t('wrapUpForm.callbacks.item', {
                  time: formatDateTime(callback.dueAt, locale),
                  name: who(callback),
                  who: callback.assignee === null ? t('wrapUpForm.callbacks.scopes.anyone') : callback.assignee,
                })}
                {callback.note && <span className="callback-note">{callback.note}</span>}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
