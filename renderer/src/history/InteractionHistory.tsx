// A customer's history for the caller card: every interaction, newest first, with its call (direction, time,
// duration), the script run and its answers, the disposition and sub-code with the custom wrap-up fields (and a badge
// when the after-call timeout filed it), notes, tickets, orders with their lines and callbacks. Loads a page at a time (customers:history) as the list scrolls near its end or on "Show older";
// refreshes when the customer's records change. Everything is React text, never markup. Runs in Chromium.
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HistoryCursor, HistoryEntry, HistoryField, ScriptAnswer } from '../../../electron/shared/ipc/customerHistory.js';
import type { CommandError } from '../../../electron/shared/ipc/result.js';
import { labelIn, type LocalizedLabel } from '../../../electron/shared/workflow.js';
import { useAgentDesk, useEvent } from '../bridge/BridgeContext.js';
import { separator } from '../catalogue/CatalogueDetails.js';
import { formatMoney } from '../catalogue/money.js';
import { useErrorText } from '../components/useErrorText.js';
import { formatDate, formatDateTime, formatDuration, formatNumber } from '../i18n/format.js';
import { useLocale } from '../i18n/LocaleContext.js';

export interface InteractionHistoryProps {
  customerId: string;
  /** Entries per request (1–50). */
  pageSize?: number;
}

/** A request for a page: the newest (before = null) or the one older than `before`; `serial` orders requests. */
interface Wanted {
  customerId: string;
  before: HistoryCursor | null;
  serial: number;
}

/** What is shown, and the request it answers (loading = the wanted request is not that one yet). */
interface Shown {
  customerId: string;
  serial: number;
  entries: HistoryEntry[];
  next: HistoryCursor | null;
  error: CommandError | null;
}

export function InteractionHistory({ customerId, pageSize = 20 }: InteractionHistoryProps) {
  const { t } = useTranslation();
  const api = useAgentDesk();
  const errorText = useErrorText();
  const headingId = useId();
  const [want, setWant] = useState<Wanted>({ customerId, before: null, serial: 0 });
  const [shown, setShown] = useState<Shown | null>(null);
  const sentinel = useRef<HTMLDivElement>(null);
  // Another customer starts over from their newest page; pages answered for someone else are never shown.
  const wanted = want.customerId === customerId ? want : { customerId, before: null, serial: want.serial + 1 };
  const loaded = shown?.customerId === customerId ? shown : null;
  const loading = loaded === null || loaded.serial !== wanted.serial;

  const { before, serial } = wanted;
  useEffect(() => {
    let current = true;
    void api.commands['customers:history']({ customerId, limit: pageSize, ...(before === null ? {} : { before }) }).then(
      (result) => {
        if (!current) return;
        setShown((previous) => {
          const kept = previous?.customerId === customerId ? previous : null;
          if (!result.ok) return { ...(kept ?? { entries: [], next: null }), customerId, serial, error: result.error };
          const entries = before === null || !kept ? result.value.entries : [...kept.entries, ...result.value.entries];
          return { customerId, serial, entries, next: result.value.next, error: null };
        });
      },
    );
    // A newer request (a refresh, another customer) makes this answer stale.
    return () => {
      current = false;
    };
  }, [api, customerId, pageSize, before, serial]);

  // A wrap-up filed, a note added, an import: start again from the newest (pages already shown are re-read then).
  useEvent('customers:changed', (change) => {
    if (change.customerIds.length === 0 || change.customerIds.includes(customerId))
      setWant({ customerId, before: null, serial: wanted.serial + 1 });
  });

  const next = loaded?.next ?? null;
  const loadMore = useCallback(() => {
    if (next && !loading) setWant({ customerId, before: next, serial: serial + 1 });
  }, [customerId, next, loading, serial]);

  // Near the end of the scrolled list, the next page loads by itself ("Show older" stays for the keyboard).
  useEffect(() => {
    const target = sentinel.current;
    if (!target || !next || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver((seen) => seen.some((entry) => entry.isIntersecting) && loadMore(), {
      rootMargin: '200px',
    });
    observer.observe(target);
    return () => observer.disconnect();
  }, [loadMore, next]);

  return (
    <section className="history" aria-labelledby={headingId} aria-busy={loading}>
      <h4 id={headingId}>{t('catalogue.history.title')}</h4>
      {loaded && !loaded.error && loaded.entries.length === 0 && <p className="history-empty">{t('catalogue.history.empty')}</p>}
      {loaded && loaded.entries.length > 0 && (
        <ol className="history-list">
          {loaded.entries.map((entry) => (
            <Entry key={entry.id} entry={entry} />
          ))}
        </ol>
      )}
      {loading && <p role="status">{t('catalogue.loading')}</p>}
      {loaded?.error && <p role="alert">{t('catalogue.history.failed', { reason: errorText(loaded.error) })}</p>}
      {next && (
        <>
          <div ref={sentinel} className="history-sentinel" />
          <button type="button" className="button" onClick={loadMore} disabled={loading}>
            {t('catalogue.history.more')}
          </button>
        </>
      )}
      {loaded && !next && loaded.entries.length > 0 && <p className="history-end">{t('catalogue.history.end')}</p>}
    </section>
  );
}

function Entry({ entry }: { entry: HistoryEntry }) {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const what =
    entry.kind === 'note'
      ? t('catalogue.history.note')
      : entry.call && entry.call.answerAt === null
        ? entry.direction === 'outbound'
          ? t('catalogue.history.outboundUnanswered')
          : t('catalogue.history.inboundMissed')
        : entry.direction === 'outbound'
          ? t('catalogue.history.outbound')
          : t('catalogue.history.inbound');
  const head = [
    what,
    entry.call && entry.call.durationMs !== null ? formatDuration(entry.call.durationMs, locale, 'short') : null,
    entry.agent ? t('catalogue.history.agent', { agent: entry.agent }) : null,
  ].filter((part): part is string => part !== null);
  const disposition =
    entry.disposition && (entry.disposition.label ? labelIn(entry.disposition.label, locale) : entry.disposition.code);
  const subcode = entry.subcode && (entry.subcode.label ? labelIn(entry.subcode.label, locale) : entry.subcode.code);
  const ticketStatus: Record<HistoryEntry['tickets'][number]['status'], string> = {
    open: t('catalogue.history.ticketStatus.open'),
    in_progress: t('catalogue.history.ticketStatus.in_progress'),
    resolved: t('catalogue.history.ticketStatus.resolved'),
    closed: t('catalogue.history.ticketStatus.closed'),
  };
  const callbackStatus: Record<HistoryEntry['callbacks'][number]['status'], string> = {
    scheduled: t('catalogue.history.callbackStatus.scheduled'),
    notified: t('catalogue.history.callbackStatus.notified'),
    done: t('catalogue.history.callbackStatus.done'),
    cancelled: t('catalogue.history.callbackStatus.cancelled'),
  };

  return (
    <li className="history-entry">
      <p className="history-head">
        <time dateTime={new Date(entry.occurredAt).toISOString()}>{formatDateTime(entry.occurredAt, locale)}</time>
        {`${separator}${head.join(separator)}`}
      </p>
      {(disposition || entry.autoFiled) && (
        <p className="history-disposition">
          {disposition &&
            t('catalogue.history.disposition', { disposition: subcode ? `${disposition}${separator}${subcode}` : disposition })}
          {disposition && entry.autoFiled ? ' ' : null}
          {entry.autoFiled && <span className="badge history-auto-filed">{t('historyFields.autoFiled')}</span>}
        </p>
      )}
      {entry.fields && entry.fields.length > 0 && <CustomFields fields={entry.fields} />}
      {entry.notes && <p className="history-notes">{entry.notes}</p>}
      {entry.script && <ScriptRun script={entry.script} />}
      {entry.tickets.length > 0 && (
        <ul className="history-records" aria-label={t('catalogue.history.tickets')}>
          {entry.tickets.map((ticket) => (
            <li key={ticket.id}>
              {t('catalogue.history.ticket', {
                subject: ticket.subject,
                details: [ticket.department, ticketStatus[ticket.status]].filter(Boolean).join(separator),
              })}
            </li>
          ))}
        </ul>
      )}
      {entry.orders.map((order) => (
        <div key={order.id} className="history-order">
          <p>{t('catalogue.history.order', { total: formatMoney(order.totalMinor, order.currency, locale) })}</p>
          <ul className="history-records" aria-label={t('catalogue.history.orderLines')}>
            {order.lines.map((line, index) => (
              <li key={index}>
                {`${formatNumber(line.quantity, locale)} × ${line.description}${separator}${formatMoney(line.lineTotalMinor, order.currency, locale)}`}
              </li>
            ))}
          </ul>
        </div>
      ))}
      {entry.callbacks.length > 0 && (
        <ul className="history-records" aria-label={t('catalogue.history.callbacks')}>
          {entry.callbacks.map((callback) => (
            <li key={callback.id}>
              {t('catalogue.history.callback', {
                due: formatDateTime(callback.dueAt, locale),
                who: callback.assignee ?? t('catalogue.history.anyone'),
                status: callbackStatus[callback.status],
              })}
              {callback.note && <span className="history-notes">{callback.note}</span>}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

/** The disposition's custom fields: label (or the field id when settings no longer define it) and the value by type. */
function CustomFields({ fields }: { fields: readonly HistoryField[] }) {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const optionText = (option: { code: string; label: LocalizedLabel | null }) =>
    option.label ? labelIn(option.label, locale) : option.code;
  const valueText = (value: HistoryField['value']): string => {
    switch (value.type) {
      case 'text':
        return value.text;
      case 'number':
        return formatNumber(value.number, locale);
      case 'date': {
        // A calendar day without a time zone: local midnight of that day, so no zone moves it to the day before.
        const [year, month, day] = value.date.split('-').map(Number) as [number, number, number];
        return formatDate(new Date(year, month - 1, day), locale);
      }
      case 'choice':
        return optionText(value.choice);
      case 'multiChoice':
        return value.choices.length === 0 ? t('historyFields.noneChosen') : value.choices.map(optionText).join(', ');
    }
  };
  return (
    // Named by a group around it: screen readers drop an aria-label on a <dl> itself.
    <div role="group" className="history-fields-group" aria-label={t('historyFields.title')}>
      <dl className="catalogue-facts history-fields">
        {fields.map((field) => (
          <div key={field.id}>
            <dt>{field.label ? labelIn(field.label, locale) : field.id}</dt>
            <dd>{valueText(field.value)}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

function ScriptRun({ script }: { script: NonNullable<HistoryEntry['script']> }) {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const answerText = (answer: ScriptAnswer['answer']) =>
    answer === null
      ? t('catalogue.history.noAnswer')
      : typeof answer === 'boolean'
        ? answer
          ? t('catalogue.history.yes')
          : t('catalogue.history.no')
        : typeof answer === 'number'
          ? formatNumber(answer, locale)
          : answer;
  const title = script.name
    ? script.version === null
      ? script.name
      : t('catalogue.history.scriptVersion', { name: script.name, version: script.version })
    : t('catalogue.history.scriptGone');
  return (
    <details className="history-script">
      <summary>{t('catalogue.history.script', { script: title, count: script.answers.length })}</summary>
      {script.answers.length > 0 && (
        <dl>
          {script.answers.map((answer, index) => (
            <div key={`${answer.stepId}-${index}`}>
              <dt>{answer.prompt ?? answer.stepId}</dt>
              <dd>{answerText(answer.answer)}</dd>
            </div>
          ))}
        </dl>
      )}
    </details>
  );
}
