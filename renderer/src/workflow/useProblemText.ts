// Wrap-up problems in the operator's language: the message for a problem key (core and the form send
// keys, never sentences) and the name of the field it is about. Runs in Chromium.
// Every key is a literal t() call on purpose: the catalogue checks then see each one.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { WrapUpProblem, WrapUpProblemKey } from '../../../electron/shared/ipc/wrapUp.js';
import { labelIn, type Disposition } from '../../../electron/shared/workflow.js';
import { formatMoney } from '../../../electron/shared/orderPricing.js';

type Params = WrapUpProblem['params'];

export function useProblemText(dispositions: readonly Disposition[], disposition: string, currency: string | undefined) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;

  const message = useCallback(
    (key: WrapUpProblemKey, params: Params = {}): string => {
      const n = (name: string) => {
        const value = params[name];
        return typeof value === 'number' ? new Intl.NumberFormat(locale).format(value) : String(value ?? '');
      };
      switch (key) {
        case 'required':
          return t('wrapUpForm.problems.required');
        case 'tooLong':
          return t('wrapUpForm.problems.tooLong', { max: n('max') });
        case 'notANumber':
          return t('wrapUpForm.problems.notANumber');
        case 'tooSmall':
          return t('wrapUpForm.problems.tooSmall', { min: n('min') });
        case 'tooLarge':
          return t('wrapUpForm.problems.tooLarge', { max: n('max') });
        case 'invalidDate':
          return t('wrapUpForm.problems.invalidDate');
        case 'unknownOption':
          return t('wrapUpForm.problems.unknownOption');
        case 'noOrderLines':
          return t('wrapUpForm.problems.noOrderLines');
        case 'currencyMismatch':
          return t('wrapUpForm.problems.currencyMismatch');
        case 'inPast':
          return t('wrapUpForm.problems.inPast');
        case 'tooFar':
          return t('wrapUpForm.problems.tooFar', { max: n('max') });
        case 'invalidNumber':
          return t('wrapUpForm.problems.invalidNumber');
        case 'numberRequired':
          return t('wrapUpForm.problems.numberRequired');
        case 'unknownDepartment':
          return t('wrapUpForm.problems.unknownDepartment');
        case 'itemNotFound':
          return t('wrapUpForm.problems.itemNotFound');
        case 'itemNotValidNow':
          return t('wrapUpForm.problems.itemNotValidNow');
        case 'itemNotEligible':
          return t('wrapUpForm.problems.itemNotEligible');
        case 'promotionNotFound':
          return t('wrapUpForm.problems.promotionNotFound');
        case 'promotionNotValidNow':
          return t('wrapUpForm.problems.promotionNotValidNow');
        case 'promotionNotEligible':
          return t('wrapUpForm.problems.promotionNotEligible');
        case 'priceChanged': {
          const price = typeof params.price === 'number' && currency ? formatMoney(params.price, currency, locale) : n('price');
          return t('wrapUpForm.problems.priceChanged', { price });
        }
        case 'callInProgress':
          return t('wrapUpForm.problems.callInProgress');
      }
    },
    [t, locale, currency],
  );

  /** The field a form path names, as its label reads on screen. */
  const fieldName = useCallback(
    (path: string): string => {
      const lineMatch = /^order\.lines\.(\d+)/.exec(path);
      if (lineMatch) return t('wrapUpForm.order.lineLabel', { n: Number(lineMatch[1]) + 1 });
      if (path.startsWith('fields.')) {
        const field = dispositions.find((d) => d.code === disposition)?.fields.find((f) => f.id === path.slice('fields.'.length));
        return field ? labelIn(field.label, locale) : path;
      }
      switch (path) {
        case 'disposition':
          return t('wrapUpForm.disposition');
        case 'subcode':
          return t('wrapUpForm.subcode');
        case 'notes':
          return t('wrapUpForm.notes');
        case 'include.ticket':
          return t('wrapUpForm.ticket.legend');
        case 'include.order':
          return t('wrapUpForm.order.legend');
        case 'include.callback':
          return t('wrapUpForm.callback.legend');
        case 'ticket.department':
          return t('wrapUpForm.ticket.department');
        case 'ticket.subject':
          return t('wrapUpForm.ticket.subject');
        case 'callback.date':
          return t('wrapUpForm.callback.date');
        case 'callback.time':
          return t('wrapUpForm.callback.time');
        case 'callback.number':
          return t('wrapUpForm.callback.number');
        case 'root.call':
          return t('wrapUpForm.call');
        default:
          return path;
      }
    },
    [t, locale, dispositions, disposition],
  );

  return { message, fieldName };
}
