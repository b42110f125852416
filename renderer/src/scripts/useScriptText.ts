// The call-script viewer's words for codes: variable names, answer problems, why an item is unavailable, why a
// script was chosen, the suggested disposition. Every key is a literal t() call on purpose: the catalogue
// checks then see each one. Runs in Chromium.
import { useTranslation } from 'react-i18next';
import type { AnswerProblem, ScriptStep, ScriptVariable } from '../../../electron/shared/callScript.js';
import type { ScriptChoiceReason, ScriptItem } from '../../../electron/shared/ipc/scripts.js';
import type { Locale } from '../../../electron/shared/settings.js';
import { labelIn, type Disposition } from '../../../electron/shared/workflow.js';

export type ViewerProblem = AnswerProblem | 'atEnd';

export function useScriptText() {
  const { t } = useTranslation();

  const variableName = (variable: ScriptVariable): string => {
    switch (variable) {
      case 'customer.name':
        return t('callScript.variables.customer.name');
      case 'customer.company':
        return t('callScript.variables.customer.company');
      case 'customer.accountNumber':
        return t('callScript.variables.customer.accountNumber');
      case 'customer.tariff':
        return t('callScript.variables.customer.tariff');
      case 'customer.segment':
        return t('callScript.variables.customer.segment');
      case 'customer.city':
        return t('callScript.variables.customer.city');
      case 'customer.email':
        return t('callScript.variables.customer.email');
      case 'agent.name':
        return t('callScript.variables.agent.name');
      case 'call.number':
        return t('callScript.variables.call.number');
      case 'call.dialledNumber':
        return t('callScript.variables.call.dialledNumber');
      case 'call.queue':
        return t('callScript.variables.call.queue');
      case 'call.date':
        return t('callScript.variables.call.date');
    }
  };

  const problemText = (problem: ViewerProblem): string => {
    switch (problem) {
      case 'required':
        return t('callScript.problem.required');
      case 'type':
        return t('callScript.problem.type');
      case 'tooLong':
        return t('callScript.problem.tooLong');
      case 'notInteger':
        return t('callScript.problem.notInteger');
      case 'belowMin':
        return t('callScript.problem.belowMin');
      case 'aboveMax':
        return t('callScript.problem.aboveMax');
      case 'unknownOption':
        return t('callScript.problem.unknownOption');
      case 'atEnd':
        return t('callScript.problem.atEnd');
    }
  };

  const unavailableText = (reason: NonNullable<ScriptItem['unavailable']>): string => {
    switch (reason) {
      case 'inactive':
        return t('callScript.unavailable.inactive');
      case 'notYetValid':
        return t('callScript.unavailable.notYetValid');
      case 'expired':
        return t('callScript.unavailable.expired');
      case 'segment':
        return t('callScript.unavailable.segment');
    }
  };

  const reasonText = (reason: ScriptChoiceReason): string => {
    switch (reason) {
      case 'dialledNumber':
        return t('callScript.chosenBy.dialledNumber');
      case 'queue':
        return t('callScript.chosenBy.queue');
      case 'inboundDefault':
        return t('callScript.chosenBy.inboundDefault');
      case 'outboundDefault':
        return t('callScript.chosenBy.outboundDefault');
      case 'operator':
        return t('callScript.chosenBy.operator');
    }
  };

  /** "Suggested disposition: Complaint – Billing", labels in the UI's language (codes when unknown). */
  const suggestionText = (
    step: Extract<ScriptStep, { kind: 'suggest' }>,
    dispositions: readonly Disposition[],
    locale: Locale,
  ): string => {
    const disposition = dispositions.find((candidate) => candidate.code === step.disposition);
    const label = disposition ? labelIn(disposition.label, locale) : step.disposition;
    if (step.subcode === undefined) return t('callScript.suggested', { label });
    const subcode = disposition?.subcodes.find((candidate) => candidate.code === step.subcode);
    return t('callScript.suggestedWithSubcode', { label, subcode: subcode ? labelIn(subcode.label, locale) : step.subcode });
  };

  return { variableName, problemText, unavailableText, reasonText, suggestionText };
}
