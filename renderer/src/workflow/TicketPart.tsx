// The ticket part of a wrap-up: kind, department, priority, subject, description — and, while the call is
// on, "Transfer call to <department>" with the department's number (the softphone's blind transfer).
// Runs in Chromium.
import { useEffect, useState } from 'react';
import { useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ticketKinds, ticketPriorities, wrapUpLimits, type Department } from '../../../electron/shared/ipc/wrapUp.js';
import type { CommandError } from '../../../electron/shared/ipc/result.js';
import { useAgentDesk } from '../bridge/BridgeContext.js';
import { useErrorText } from '../components/useErrorText.js';
import { useSoftphone } from '../softphone/useSoftphone.js';
import { FieldProblem, useProblemProps } from './FieldProblem.js';
import { useWrapUpSession } from './WrapUpDraftContext.js';

export function TicketPart({ formId }: { formId: string }) {
  const { t } = useTranslation();
  const api = useAgentDesk();
  const errorText = useErrorText();
  const { form, draft } = useWrapUpSession();
  const { calls } = useSoftphone();
  const [departments, setDepartments] = useState<readonly Department[]>([]);
  const [transferError, setTransferError] = useState<CommandError | null>(null);
  const [transferring, setTransferring] = useState(false);
  const chosenCode = useWatch({ control: form.control, name: 'ticket.department' });
  const departmentProblem = useProblemProps(formId, 'ticket.department');
  const subjectProblem = useProblemProps(formId, 'ticket.subject');

  useEffect(() => {
    let current = true;
    void api.commands['wrapup:departments']({}).then((result) => {
      if (current && result.ok) setDepartments(result.value);
    });
    return () => {
      current = false;
    };
  }, [api]);

  const department = departments.find((d) => d.code === chosenCode);
  const call = calls.find((c) => c.id === draft?.callId && (c.state === 'active' || c.state === 'held'));
  const id = (name: string) => `${formId}-ticket-${name}`;

  const kindText = (kind: (typeof ticketKinds)[number]) =>
    kind === 'complaint'
      ? t('wrapUpForm.ticket.kinds.complaint')
      : kind === 'request'
        ? t('wrapUpForm.ticket.kinds.request')
        : t('wrapUpForm.ticket.kinds.question');
  const priorityText = (priority: (typeof ticketPriorities)[number]) =>
    priority === 'low'
      ? t('wrapUpForm.ticket.priorities.low')
      : priority === 'normal'
        ? t('wrapUpForm.ticket.priorities.normal')
        : priority === 'high'
          ? t('wrapUpForm.ticket.priorities.high')
          : t('wrapUpForm.ticket.priorities.urgent');

  const transfer = async () => {
    if (!call || !department?.transferTarget) return;
    setTransferring(true);
    const result = await api.commands['calls:transfer']({ callId: call.id, target: department.transferTarget });
    setTransferring(false);
    setTransferError(result.ok ? null : result.error);
  };

  return (
    <fieldset className="wrapup-part">
      <legend>{t('wrapUpForm.ticket.legend')}</legend>
      <div className="wrapup-field">
        <label htmlFor={id('kind')}>{t('wrapUpForm.ticket.kind')}</label>
        <select id={id('kind')} {...form.register('ticket.kind')}>
          {ticketKinds.map((kind) => (
            <option key={kind} value={kind}>
              {kindText(kind)}
            </option>
          ))}
        </select>
      </div>
      <div className="wrapup-field">
        <label htmlFor={id('department')}>{t('wrapUpForm.ticket.department')}</label>
        {/* Re-mounted when the list arrives, so the stored choice is selected once its option exists. */}
        <select key={departments.length} id={id('department')} {...form.register('ticket.department')} {...departmentProblem}>
          <option value="">{t('wrapUpForm.chooseOption')}</option>
          {departments.map((d) => (
            <option key={d.code} value={d.code}>
              {d.name}
            </option>
          ))}
        </select>
        <FieldProblem formId={formId} path="ticket.department" />
      </div>
      {department?.transferTarget && (
        <div className="wrapup-transfer">
          <button
            type="button"
            className="button"
            disabled={!call || transferring}
            aria-describedby={call ? undefined : id('transfer-hint')}
            onClick={() => void transfer()}
          >
            {t('wrapUpForm.ticket.transfer', { department: department.name })}
          </button>
          {!call && (
            <span id={id('transfer-hint')} className="wrapup-hint">
              {t('wrapUpForm.ticket.transferNeedsCall')}
            </span>
          )}
          {transferError && <p role="alert">{errorText(transferError)}</p>}
        </div>
      )}
      <div className="wrapup-field">
        <label htmlFor={id('priority')}>{t('wrapUpForm.ticket.priority')}</label>
        <select id={id('priority')} {...form.register('ticket.priority')}>
          {ticketPriorities.map((priority) => (
            <option key={priority} value={priority}>
              {priorityText(priority)}
            </option>
          ))}
        </select>
      </div>
      <div className="wrapup-field">
        <label htmlFor={id('subject')}>{t('wrapUpForm.ticket.subject')}</label>
        <input
          id={id('subject')}
          maxLength={wrapUpLimits.ticketSubject}
          {...form.register('ticket.subject')}
          {...subjectProblem}
        />
        <FieldProblem formId={formId} path="ticket.subject" />
      </div>
      <div className="wrapup-field">
        <label htmlFor={id('description')}>{t('wrapUpForm.ticket.description')}</label>
        <textarea
          id={id('description')}
          rows={3}
          maxLength={wrapUpLimits.ticketDescription}
          {...form.register('ticket.description')}
        />
      </div>
    </fieldset>
  );
}
