// What the operator reads (app:notice text, tr/en/ru) when after-call work ran out and the wrap-up could not be
// filed as typed. Core writes the text because app:notice carries finished text; `code` is for logs and tests.
// Plain Node (core).
import type { ReadBackLanguage } from '../../shared/orderPricing.js';

/** Stable codes of the app:notice events the wrap-up service sends. */
export const wrapUpNoticeCodes = {
  /** The default outcome was filed; what the operator had not finished is kept as a draft. */
  unfinishedKept: 'wrapup-timeout-unfinished-kept',
  /** The default outcome is not among the centre's: nothing was filed, the call's draft stays open. */
  defaultUnknown: 'wrapup-timeout-default-unknown',
  /** The wrap-up was complete but holds an order: nothing was filed; it waits for the operator's Submit. */
  orderAwaitsOperator: 'wrapup-timeout-order-awaits-operator',
} as const;

const texts: Record<
  ReadBackLanguage,
  { unfinishedKept(outcome: string): string; defaultUnknown(code: string): string; orderAwaitsOperator: string }
> = {
  en: {
    unfinishedKept: (outcome) =>
      `After-call time ran out: the call was filed as “${outcome}”. What you had not finished is kept as a draft in your list — complete it and file it there.`,
    defaultUnknown: (code) =>
      `After-call time ran out, but the default outcome “${code}” is not one of this centre's outcomes, so nothing was filed. The call's wrap-up stays open in your drafts: file it yourself and tell your supervisor.`,
    orderAwaitsOperator:
      'After-call time ran out. The wrap-up holds an order, and an order is only placed when you file it yourself: it is waiting in your drafts — check it and file it there.',
  },
  tr: {
    unfinishedKept: (outcome) =>
      `Görüşme sonrası süre doldu: çağrı “${outcome}” olarak kaydedildi. Tamamlamadığınız kısımlar taslaklarınızda duruyor; oradan tamamlayıp kaydedin.`,
    defaultUnknown: (code) =>
      `Görüşme sonrası süre doldu, ancak varsayılan sonuç “${code}” bu merkezin sonuçları arasında yok; hiçbir şey kaydedilmedi. Çağrının kaydı taslaklarınızda açık duruyor: kendiniz kaydedin ve yöneticinize bildirin.`,
    orderAwaitsOperator:
      'Görüşme sonrası süre doldu. Kayıtta bir sipariş var ve sipariş ancak siz kaydettiğinizde verilir: taslaklarınızda bekliyor, kontrol edip oradan kaydedin.',
  },
  ru: {
    unfinishedKept: (outcome) =>
      `Время на обработку истекло: звонок сохранён как «${outcome}». Незавершённое сохранено черновиком в вашем списке — допишите и сохраните его там.`,
    defaultUnknown: (code) =>
      `Время на обработку истекло, но результата по умолчанию «${code}» нет среди результатов центра, поэтому ничего не сохранено. Итоги звонка остались открытыми в ваших черновиках: сохраните их сами и сообщите руководителю.`,
    orderAwaitsOperator:
      'Время на обработку истекло. В итогах звонка есть заказ, а заказ оформляется только когда вы сохраняете его сами: он ждёт в ваших черновиках — проверьте и сохраните его там.',
  },
};

export function unfinishedKeptText(language: ReadBackLanguage, outcome: string): string {
  return texts[language].unfinishedKept(outcome);
}

export function defaultUnknownText(language: ReadBackLanguage, code: string): string {
  return texts[language].defaultUnknown(code);
}

export function orderAwaitsOperatorText(language: ReadBackLanguage): string {
  return texts[language].orderAwaitsOperator;
}
