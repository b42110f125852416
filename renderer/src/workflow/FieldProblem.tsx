// A field's problem under it, tied to the control with aria-describedby / aria-invalid, and the list of
// every problem of the form ("what is missing"), each a button that moves focus to its field.
// Runs in Chromium.
import { get, useFormState, useWatch, type FieldErrors } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useWrapUpSession } from './WrapUpDraftContext.js';
import { decodeProblem } from './wrapUpForm.js';
import { useProblemText } from './useProblemText.js';

/** The id of the message element for `name` (controls point aria-describedby at it). */
export const problemId = (formId: string, name: string) => `${formId}-${name.replace(/\./g, '-')}-problem`;

/** Props for a control whose value may have a problem. */
export function useProblemProps(
  formId: string,
  name: string,
): { 'aria-invalid': boolean; 'aria-describedby': string | undefined } {
  const { form } = useWrapUpSession();
  const { errors } = useFormState({ control: form.control, name: name as never });
  const error = get(errors, name) as { message?: string } | undefined;
  const has = typeof error?.message === 'string';
  return { 'aria-invalid': has, 'aria-describedby': has ? problemId(formId, name) : undefined };
}

/** What the problem texts need from the form: the disposition (field labels) and the order's currency. */
function useProblemContext() {
  const { form, dispositions } = useWrapUpSession();
  const [disposition, lines] = useWatch({ control: form.control, name: ['disposition', 'order.lines'] });
  return useProblemText(dispositions, disposition, lines?.[0]?.currency);
}

export function FieldProblem({ formId, path: name }: { formId: string; path: string }) {
  const { form } = useWrapUpSession();
  const { message } = useProblemContext();
  const { errors } = useFormState({ control: form.control, name: name as never });
  const error = get(errors, name) as { message?: string } | undefined;
  const problem = decodeProblem(error?.message);
  if (!problem) return null;
  return (
    <p id={problemId(formId, name)} className="field-problem">
      {message(problem.key, problem.params)}
    </p>
  );
}

/** Every leaf of react-hook-form's error tree, in form order, as [path, encoded message]. */
export function flattenErrors(errors: FieldErrors, prefix = ''): [string, string][] {
  const found: [string, string][] = [];
  for (const [key, value] of Object.entries(errors)) {
    if (key === 'ref' || value === undefined || value === null || typeof value !== 'object') continue;
    const path = prefix ? `${prefix}.${key}` : key;
    const leaf = value as { message?: unknown; type?: unknown };
    if (typeof leaf.message === 'string' && typeof leaf.type === 'string') found.push([path, leaf.message]);
    else found.push(...flattenErrors(value as FieldErrors, path));
  }
  return found;
}

export function ProblemSummary() {
  const { t } = useTranslation();
  const { form } = useWrapUpSession();
  const { message, fieldName } = useProblemContext();
  const { errors } = useFormState({ control: form.control });
  const problems = flattenErrors(errors).flatMap(([path, encoded]) => {
    const problem = decodeProblem(encoded);
    return problem ? [{ path, problem }] : [];
  });
  if (problems.length === 0) return null;
  return (
    <div role="alert" className="wrapup-problems">
      <p className="wrapup-problems-title">{t('wrapUpForm.missingTitle')}</p>
      <ul>
        {problems.map(({ path, problem }) => (
          <li key={path}>
            <button type="button" className="link-button" onClick={() => form.setFocus(path as never)}>
              {t('wrapUpForm.problemItem', { field: fieldName(path), message: message(problem.key, problem.params) })}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
