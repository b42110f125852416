// The wrap-up form: disposition (number keys 1–9 choose), sub-code, the disposition's own fields, notes,
// and the parts a wrap-up may file with it — ticket, order, callback. Ctrl+Enter files it; what is missing
// is listed above the buttons. Runs in Chromium.
import { useId, useState, type KeyboardEvent } from 'react';
import { useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { wrapUpLimits } from '../../../electron/shared/ipc/wrapUp.js';
import { labelIn, type Disposition } from '../../../electron/shared/workflow.js';
import { formatTime } from '../i18n/format.js';
import { useLocale } from '../i18n/LocaleContext.js';
import { useSoftphone } from '../softphone/useSoftphone.js';
import { CallbackPart } from './CallbackPart.js';
import { CustomField } from './CustomField.js';
import { FieldProblem, ProblemSummary, useProblemProps } from './FieldProblem.js';
import { OrderPart } from './OrderPart.js';
import { TicketPart } from './TicketPart.js';
import { useWrapUpSession } from './WrapUpDraftContext.js';

/** Keys typed here are text, not commands: number keys choose dispositions only outside such controls. */
function isTextEntry(target: EventTarget): boolean {
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) return !['radio', 'checkbox', 'button', 'submit', 'reset'].includes(target.type);
  return target instanceof HTMLElement && target.isContentEditable;
}

export function WrapUpForm() {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const session = useWrapUpSession();
  const { form, draft, dispositions, drafts } = session;
  const { register, setValue, getValues, control } = form;
  const formId = useId();
  const [disposition, include] = useWatch({ control, name: ['disposition', 'include'] });
  const chosen = dispositions.find((d) => d.code === disposition);
  const [confirmingDiscard, setConfirmingDiscard] = useState(false);
  const dispositionProblem = useProblemProps(formId, 'disposition');
  const subcodeProblem = useProblemProps(formId, 'subcode');
  const { calls } = useSoftphone();

  if (!draft) return null;

  /** The parts a disposition's flags call for open by themselves; a sub-code of another disposition is cleared. */
  const applyDisposition = (next: Disposition) => {
    const options = { shouldDirty: true };
    if (!next.subcodes.some((subcode) => subcode.code === getValues('subcode'))) setValue('subcode', '', options);
    if (next.flags.includes('complaint') && !getValues('include.ticket')) {
      setValue('include.ticket', true, options);
      setValue('ticket.kind', 'complaint', options);
    }
    if (next.flags.includes('sale')) setValue('include.order', true, options);
    if (next.flags.includes('callback')) setValue('include.callback', true, options);
  };

  const choose = (next: Disposition) => {
    setValue('disposition', next.code, { shouldDirty: true, shouldValidate: form.formState.isSubmitted });
    applyDisposition(next);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey) {
      event.preventDefault();
      void session.submit();
      return;
    }
    if (/^[1-9]$/.test(event.key) && !event.ctrlKey && !event.altKey && !event.metaKey && !isTextEntry(event.target)) {
      const next = dispositions[Number(event.key) - 1];
      if (next) {
        event.preventDefault();
        choose(next);
      }
    }
  };

  const party = draft.call?.displayName || draft.call?.number || draft.customerName;
  const title =
    draft.callId === null
      ? t('wrapUpForm.titleNoCall')
      : party
        ? t('wrapUpForm.titleCall', { party })
        : t('wrapUpForm.titleUnknownCall');
  const registration = register('disposition', {
    onChange: (event: { target: { value: string } }) => {
      const next = dispositions.find((d) => d.code === event.target.value);
      if (next) applyDisposition(next);
    },
  });
  const others = drafts.filter((summary) => summary.id !== draft.id);
  // The draft says whether its call was live when core last sent it; the call ending sends no new draft.
  const callLive = draft.call?.live === true && calls.some((call) => call.id === draft.callId && call.state !== 'ended');

  return (
    <form
      className="wrapup-form"
      aria-labelledby={`${formId}-title`}
      noValidate
      onKeyDown={onKeyDown}
      onSubmit={(event) => {
        event.preventDefault();
        void session.submit();
      }}
    >
      <header className="wrapup-header">
        <h3 id={`${formId}-title`}>{title}</h3>
        <p className="wrapup-meta">
          {draft.customerName ? t('wrapUpForm.customer', { name: draft.customerName }) : t('wrapUpForm.noCustomer')}
          {draft.call && (callLive ? ` · ${t('wrapUpForm.callLive')}` : ` · ${t('wrapUpForm.callEnded')}`)}
        </p>
        <p role="status" className={`wrapup-save wrapup-save-${session.saveState}`}>
          {session.saveState === 'saving'
            ? t('wrapUpForm.saveState.saving')
            : session.saveState === 'pending'
              ? t('wrapUpForm.saveState.pending')
              : session.saveState === 'failed'
                ? t('wrapUpForm.saveState.failed')
                : t('wrapUpForm.saveState.saved')}
        </p>
        {others.length > 0 && (
          <label className="wrapup-switch">
            {t('wrapUpForm.otherDrafts', { count: others.length })}
            <select value="" onChange={(event) => event.target.value && void session.openDraft(event.target.value)}>
              <option value="">{t('wrapUpForm.chooseDraft')}</option>
              {others.map((summary) => (
                <option key={summary.id} value={summary.id}>
                  {t('wrapUpForm.draftOption', {
                    party:
                      summary.customerName || summary.call?.displayName || summary.call?.number || t('wrapUpForm.titleNoCall'),
                    time: formatTime(summary.updatedAt, locale),
                  })}
                </option>
              ))}
            </select>
          </label>
        )}
      </header>

      <fieldset className="wrapup-dispositions" {...dispositionProblem}>
        <legend>
          {t('wrapUpForm.disposition')} <span className="wrapup-hint">{t('wrapUpForm.dispositionHint')}</span>
        </legend>
        {dispositions.map((d, index) => (
          <label key={d.code} className="wrapup-disposition">
            <input type="radio" value={d.code} {...registration} />
            {index < 9 && (
              <kbd className="wrapup-key" aria-hidden="true">
                {index + 1}
              </kbd>
            )}
            <span>{labelIn(d.label, locale)}</span>
          </label>
        ))}
        <FieldProblem formId={formId} path="disposition" />
      </fieldset>

      {chosen && chosen.subcodes.length > 0 && (
        <div className="wrapup-field">
          <label htmlFor={`${formId}-subcode`}>{t('wrapUpForm.subcode')}</label>
          <select id={`${formId}-subcode`} {...register('subcode')} {...subcodeProblem}>
            <option value="">{t('wrapUpForm.chooseOption')}</option>
            {chosen.subcodes.map((subcode) => (
              <option key={subcode.code} value={subcode.code}>
                {labelIn(subcode.label, locale)}
              </option>
            ))}
          </select>
          <FieldProblem formId={formId} path="subcode" />
        </div>
      )}

      {chosen && chosen.fields.length > 0 && (
        <fieldset className="wrapup-fields">
          <legend>{t('wrapUpForm.customFields')}</legend>
          {chosen.fields.map((field) => (
            <CustomField key={`${chosen.code}-${field.id}`} formId={formId} field={field} />
          ))}
        </fieldset>
      )}

      <div className="wrapup-field">
        <label htmlFor={`${formId}-notes`}>{t('wrapUpForm.notes')}</label>
        <textarea id={`${formId}-notes`} rows={4} maxLength={wrapUpLimits.notes} {...register('notes')} />
      </div>

      <PartToggle formId={formId} part="ticket" label={t('wrapUpForm.include.ticket')} />
      {include.ticket && <TicketPart formId={formId} />}
      <PartToggle formId={formId} part="order" label={t('wrapUpForm.include.order')} />
      {include.order && <OrderPart formId={formId} />}
      <PartToggle formId={formId} part="callback" label={t('wrapUpForm.include.callback')} />
      {include.callback && <CallbackPart formId={formId} />}

      <ProblemSummary />

      <div className="wrapup-actions">
        <button type="submit" className="button button-primary" disabled={session.submitting} aria-keyshortcuts="Control+Enter">
          {t('wrapUpForm.submit')}
        </button>
        {confirmingDiscard ? (
          <span className="wrapup-confirm" role="group" aria-label={t('wrapUpForm.discardQuestion')}>
            <span>{t('wrapUpForm.discardQuestion')}</span>
            <button type="button" className="button" onClick={() => void session.discard()}>
              {t('wrapUpForm.discardYes')}
            </button>
            <button type="button" className="button button-quiet" onClick={() => setConfirmingDiscard(false)}>
              {t('wrapUpForm.discardNo')}
            </button>
          </span>
        ) : (
          <button type="button" className="button button-quiet" onClick={() => setConfirmingDiscard(true)}>
            {t('wrapUpForm.discard')}
          </button>
        )}
      </div>
      <p className="wrapup-hint">{t('wrapUpForm.keysHint')}</p>
    </form>
  );
}

function PartToggle({ formId, part, label }: { formId: string; part: 'ticket' | 'order' | 'callback'; label: string }) {
  const { form } = useWrapUpSession();
  const name = `include.${part}` as const;
  const problem = useProblemProps(formId, name);
  return (
    <div className="wrapup-part-toggle">
      <label>
        <input type="checkbox" {...form.register(name)} {...problem} />
        {label}
      </label>
      <FieldProblem formId={formId} path={name} />
    </div>
  );
}
