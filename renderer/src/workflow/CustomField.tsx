// One of a disposition's own fields, as its definition types it: text, number, date, choice or
// multi-choice, with its label in the operator's language and its problem under it. Runs in Chromium.
import { useTranslation } from 'react-i18next';
import { wrapUpLimits } from '../../../electron/shared/ipc/wrapUp.js';
import { labelIn, type DispositionField } from '../../../electron/shared/workflow.js';
import { useLocale } from '../i18n/LocaleContext.js';
import { FieldProblem, useProblemProps } from './FieldProblem.js';
import { useWrapUpSession } from './WrapUpDraftContext.js';

export function CustomField({ formId, field }: { formId: string; field: DispositionField }) {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const { form } = useWrapUpSession();
  const name = `fields.${field.id}` as const;
  const id = `${formId}-field-${field.id}`;
  const problem = useProblemProps(formId, name);
  const label = labelIn(field.label, locale);
  const required = field.required ? <span className="wrapup-required">{t('wrapUpForm.requiredMark')}</span> : null;

  if (field.type === 'multiChoice') {
    return (
      <fieldset className="wrapup-field wrapup-choices" {...problem}>
        <legend>
          {label} {required}
        </legend>
        {(field.options ?? []).map((option) => (
          <label key={option.value}>
            <input type="checkbox" value={option.value} {...form.register(name)} />
            {labelIn(option.label, locale)}
          </label>
        ))}
        <FieldProblem formId={formId} path={name} />
      </fieldset>
    );
  }

  return (
    <div className="wrapup-field">
      <label htmlFor={id}>
        {label} {required}
      </label>
      {field.type === 'choice' ? (
        <select id={id} {...form.register(name)} {...problem} aria-required={field.required}>
          <option value="">{t('wrapUpForm.chooseOption')}</option>
          {(field.options ?? []).map((option) => (
            <option key={option.value} value={option.value}>
              {labelIn(option.label, locale)}
            </option>
          ))}
        </select>
      ) : (
        <input
          id={id}
          // Numbers are typed as text: "7,5" is a number in Turkish and Russian, and the rules say why "7.5.1" is not.
          type={field.type === 'date' ? 'date' : 'text'}
          inputMode={field.type === 'number' ? 'decimal' : undefined}
          maxLength={field.type === 'text' ? (field.maxLength ?? wrapUpLimits.fieldText) : undefined}
          aria-required={field.required}
          {...form.register(name)}
          {...problem}
        />
      )}
      <FieldProblem formId={formId} path={name} />
    </div>
  );
}
