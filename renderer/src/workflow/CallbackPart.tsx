// The callback part of a wrap-up: when (local date and time), who calls (me or anyone), the number (empty
// = the call's or the customer's) and a note for whoever calls. Runs in Chromium.
import { useTranslation } from 'react-i18next';
import { wrapUpLimits } from '../../../electron/shared/ipc/wrapUp.js';
import { FieldProblem, useProblemProps } from './FieldProblem.js';
import { useWrapUpSession } from './WrapUpDraftContext.js';

export function CallbackPart({ formId }: { formId: string }) {
  const { t } = useTranslation();
  const { form, draft } = useWrapUpSession();
  const id = (name: string) => `${formId}-callback-${name}`;
  const dateProblem = useProblemProps(formId, 'callback.date');
  const timeProblem = useProblemProps(formId, 'callback.time');
  const numberProblem = useProblemProps(formId, 'callback.number');
  const knownNumber = draft?.call?.number;

  return (
    <fieldset className="wrapup-part">
      <legend>{t('wrapUpForm.callback.legend')}</legend>
      <div className="wrapup-row">
        <div className="wrapup-field">
          <label htmlFor={id('date')}>{t('wrapUpForm.callback.date')}</label>
          <input id={id('date')} type="date" {...form.register('callback.date')} {...dateProblem} />
          <FieldProblem formId={formId} path="callback.date" />
        </div>
        <div className="wrapup-field">
          <label htmlFor={id('time')}>{t('wrapUpForm.callback.time')}</label>
          <input id={id('time')} type="time" {...form.register('callback.time')} {...timeProblem} />
          <FieldProblem formId={formId} path="callback.time" />
        </div>
      </div>
      <fieldset className="wrapup-choices">
        <legend>{t('wrapUpForm.callback.assignee')}</legend>
        <label>
          <input type="radio" value="me" {...form.register('callback.assignee')} />
          {t('wrapUpForm.callback.mine')}
        </label>
        <label>
          <input type="radio" value="anyone" {...form.register('callback.assignee')} />
          {t('wrapUpForm.callback.anyone')}
        </label>
      </fieldset>
      <div className="wrapup-field">
        <label htmlFor={id('number')}>{t('wrapUpForm.callback.number')}</label>
        <input
          id={id('number')}
          type="tel"
          maxLength={64}
          placeholder={knownNumber ?? undefined}
          {...form.register('callback.number')}
          {...numberProblem}
          aria-describedby={[id('number-hint'), numberProblem['aria-describedby']].filter(Boolean).join(' ')}
        />
        <p id={id('number-hint')} className="wrapup-hint">
          {t('wrapUpForm.callback.numberHint')}
        </p>
        <FieldProblem formId={formId} path="callback.number" />
      </div>
      <div className="wrapup-field">
        <label htmlFor={id('note')}>{t('wrapUpForm.callback.note')}</label>
        <input id={id('note')} maxLength={wrapUpLimits.callbackNote} {...form.register('callback.note')} />
      </div>
    </fieldset>
  );
}
