// The order part of a wrap-up: the lines offered from the catalogue (quantity and promotion editable,
// a line removable; only promotions valid now and open to the customer's segment are offered), totals priced by core as they will be filed, and the read-back sentence in the
// customer's language for the operator to read out. Runs in Chromium.
import { useEffect, useState } from 'react';
import { useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { wrapUpLimits, type OrderLine, type OrderQuote, type Promotion } from '../../../electron/shared/ipc/wrapUp.js';
import { formatMoney } from '../../../electron/shared/orderPricing.js';
import { useAgentDesk } from '../bridge/BridgeContext.js';
import { useLocale } from '../i18n/LocaleContext.js';
import { FieldProblem, useProblemProps } from './FieldProblem.js';
import { useProblemText } from './useProblemText.js';
import { cleanLines } from './wrapUpForm.js';
import { useWrapUpSession } from './WrapUpDraftContext.js';

/** Quotes wait for typing to pause. */
const QUOTE_DELAY_MS = 300;

export function OrderPart({ formId }: { formId: string }) {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const api = useAgentDesk();
  const { form, draft, dispositions } = useWrapUpSession();
  const watched = useWatch({ control: form.control, name: 'order.lines' });
  const lines: OrderLine[] = watched ?? [];
  const [quote, setQuote] = useState<OrderQuote | null>(null);
  const currency = lines[0]?.currency;
  const { message } = useProblemText(dispositions, '', currency);
  // What core prices: the lines as they would be saved (an emptied quantity counts as 0).
  const priced = JSON.stringify(cleanLines(lines));
  const customerId = draft?.customerId ?? null;
  const callId = draft?.callId ?? null;

  useEffect(() => {
    const toPrice = JSON.parse(priced) as OrderLine[];
    let current = true;
    const timer = window.setTimeout(() => {
      if (toPrice.length === 0) {
        setQuote(null);
        return;
      }
      void api.commands['wrapup:quote']({ customerId, callId, lines: toPrice }).then((result) => {
        if (current) setQuote(result.ok ? result.value : null);
      });
    }, QUOTE_DELAY_MS);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [api, priced, customerId, callId]);

  const money = (minor: number) => (currency ? formatMoney(minor, currency, locale) : String(minor));
  const remove = (index: number) =>
    form.setValue(
      'order.lines',
      lines.filter((_, i) => i !== index),
      { shouldDirty: true },
    );
  const order = quote?.order ?? null;
  const [promotions, setPromotions] = useState<readonly Promotion[]>([]);
  useEffect(() => {
    let current = true;
    void api.commands['wrapup:promotions']({ customerId, callId }).then((result) => {
      if (current && result.ok) setPromotions(result.value);
    });
    return () => {
      current = false;
    };
  }, [api, customerId, callId]);

  return (
    <fieldset className="wrapup-part">
      <legend>{t('wrapUpForm.order.legend')}</legend>
      {lines.length === 0 ? (
        <p className="wrapup-hint">{t('wrapUpForm.order.empty')}</p>
      ) : (
        <ul className="wrapup-order" aria-label={t('wrapUpForm.order.legend')}>
          {lines.map((line, index) => (
            <OrderLineRow
              key={`${line.catalogueItemId}-${index}`}
              formId={formId}
              index={index}
              line={line}
              priced={order?.lines[index]}
              problems={(quote?.problems ?? [])
                .filter((problem) => problem.path === `order.lines.${index}` || problem.path.startsWith(`order.lines.${index}.`))
                .map((problem) => message(problem.key, problem.params))}
              money={money}
              onRemove={() => remove(index)}
              promotions={promotions}
            />
          ))}
        </ul>
      )}
      {order && (
        <dl className="wrapup-totals">
          <div>
            <dt>{t('wrapUpForm.order.subtotal')}</dt>
            <dd>{money(order.subtotalMinor)}</dd>
          </div>
          {order.discountMinor > 0 && (
            <div>
              <dt>{t('wrapUpForm.order.discount')}</dt>
              <dd>{money(-order.discountMinor)}</dd>
            </div>
          )}
          <div>
            <dt>{t('wrapUpForm.order.total')}</dt>
            <dd>{money(order.totalMinor)}</dd>
          </div>
        </dl>
      )}
      {quote?.readBack && (
        <figure className="wrapup-readback">
          <figcaption>
            {t('wrapUpForm.order.readBack', {
              language:
                quote.language === 'tr'
                  ? t('wrapUpForm.languages.tr')
                  : quote.language === 'ru'
                    ? t('wrapUpForm.languages.ru')
                    : t('wrapUpForm.languages.en'),
            })}
          </figcaption>
          <p lang={quote.language}>{quote.readBack}</p>
        </figure>
      )}
    </fieldset>
  );
}

function OrderLineRow(props: {
  formId: string;
  index: number;
  line: OrderLine;
  priced: { totalMinor: number; discountMinor: number; promotionName: string | null } | undefined;
  problems: string[];
  money: (minor: number) => string;
  onRemove: () => void;
  promotions: readonly Promotion[];
}) {
  const { t } = useTranslation();
  const { form } = useWrapUpSession();
  const { formId, index, line, priced } = props;
  const name = `order.lines.${index}.quantity` as const;
  const problem = useProblemProps(formId, name);
  const quantityId = `${formId}-line-${index}-quantity`;
  return (
    <li className="wrapup-line">
      <span className="wrapup-line-item">{line.description}</span>
      {/* Re-mounted when the list arrives, so the stored choice is selected once its option exists. */}
      <select
        key={props.promotions.length}
        className="wrapup-promotion-choice"
        aria-label={t('wrapUpForm.order.promotionOf', { item: line.description })}
        {...form.register(`order.lines.${index}.promotionId`)}
      >
        <option value="">{t('wrapUpForm.order.noPromotion')}</option>
        {props.promotions.map((promotion) => (
          <option key={promotion.id} value={promotion.id}>
            {promotion.name}
          </option>
        ))}
        {line.promotionId && !props.promotions.some((promotion) => promotion.id === line.promotionId) && (
          <option value={line.promotionId}>{t('wrapUpForm.order.unavailablePromotion')}</option>
        )}
      </select>
      <div className="wrapup-line-figures">
        <label htmlFor={quantityId}>{t('wrapUpForm.order.quantity')}</label>
        <input
          id={quantityId}
          className="wrapup-quantity"
          type="number"
          min={1}
          max={wrapUpLimits.quantity}
          step={1}
          aria-label={t('wrapUpForm.order.quantityOf', { item: line.description })}
          {...form.register(name, { valueAsNumber: true })}
          {...problem}
        />
        <span>{t('wrapUpForm.order.each', { price: props.money(line.unitPriceMinor) })}</span>
        {priced && (
          <span className="wrapup-line-total">
            {t('wrapUpForm.order.lineTotalIs', { total: props.money(priced.totalMinor) })}
          </span>
        )}
        <button type="button" className="link-button" onClick={props.onRemove}>
          {t('wrapUpForm.order.removeLine', { item: line.description })}
        </button>
      </div>
      {priced && priced.discountMinor > 0 && priced.promotionName && (
        <span className="wrapup-promotion">
          {t('wrapUpForm.order.promotion', { name: priced.promotionName, amount: props.money(-priced.discountMinor) })}
        </span>
      )}
      {props.problems.map((text) => (
        <span key={text} className="field-problem">
          {text}
        </span>
      ))}
      <FieldProblem formId={formId} path={name} />
      <FieldProblem formId={formId} path={`order.lines.${index}.catalogueItemId`} />
    </li>
  );
}
