// WrapUpService: the operator's wrap-up from first keystroke to filed record. Drafts are saved on every
// change (revision-checked, synchronous: a crash loses at most what the renderer had not sent yet);
// submit checks the wrap-up and writes interaction, ticket, order, callback, the do-not-call flag and
// every outbox row in ONE transaction, then deletes the draft. After-call work running out files the draft as
// typed when it is complete, else the default with nothing typed lost (fileDefault). A filed call gets no new
// draft (no second wrap-up from a late script save). Plain Node (core).
import type { AppDatabase } from '../../../db/database.js';
import { newId } from '../../../db/ids.js';
import { CustomerRepository } from '../../../db/repositories/customers.js';
import { OrderRepository } from '../../../db/repositories/orders.js';
import { TicketRepository } from '../../../db/repositories/tickets.js';
import { WrapUpRepository, type DepartmentRef, type DraftRow, type LoggedCall } from '../../../db/repositories/wrapUps.js';
import type { EventPayload } from '../../shared/ipc/contract.js';
import { CommandFailure } from '../../shared/ipc/result.js';
import {
  draftContentSchema,
  wrapUpLimits,
  type DraftContent,
  type DraftFormContent,
  type DraftSummary,
  type OrderLine,
  type OrderQuote,
  type Promotion,
  type SubmitResult,
  type WrapUpDraft,
  type WrapUpProblem,
} from '../../shared/ipc/wrapUp.js';
import type { ReadBackLanguage } from '../../shared/orderPricing.js';
import { labelIn, type Disposition } from '../../shared/workflow.js';
import { checkWrapUp } from '../../shared/wrapUpRules.js';
import { normalizeCallerId, type CountryCode } from '../phone/index.js';
import type { Clock, EventSink, Logger } from '../ports.js';
import { openTo, quoteOrder, validAt, type QuotedOrder } from './orderQuote.js';
import { wrapUpAlreadyFiled } from './wrapUpFiled.js';
import { defaultUnknownText, orderAwaitsOperatorText, unfinishedKeptText, wrapUpNoticeCodes } from './wrapUpNotices.js';

export interface WrapUpServiceOptions {
  database: Pick<AppDatabase, 'sqlite'>;
  clock: Clock;
  events: EventSink;
  logger: Logger;
  /** The centre's disposition codes (setting `workflow.dispositions`), read on every use. */
  dispositions: () => readonly Disposition[];
  /** The operator at this desk (electron/core/agent/agentIdentity.ts). */
  agent: () => string;
  /** The read-back language when the customer has none of tr/en/ru. */
  deskLanguage: () => ReadBackLanguage;
  /** For callback numbers typed without a country code. */
  defaultCountry: () => CountryCode | undefined;
  /** A call the softphone still has (not ended), with its other party; undefined when it has none. */
  liveCall?: (callId: string) => { number: string | null; displayName: string | null } | undefined;
  /** The customer the caller card tied this call to, if any. */
  customerOfCall?: (callId: string) => string | undefined;
  /** Seam 2 of issue 5: the agent state machine leaves Wrap-up. Called after the transaction commits. */
  onSubmitted?: (callId: string | null, disposition: string) => void;
  /** Open caller cards refresh (CustomerService.changed). */
  onCustomersChanged?: (customerIds: string[]) => void;
  /** New callbacks were written: the scheduler re-arms its timer. */
  onCallbacksCreated?: (ids: string[]) => void;
}

/** The script part is the viewer's; a run bigger than this is refused rather than stored. */
const MAX_SCRIPT_PART_BYTES = 64 * 1024;
const MAX_PROBLEMS = 200;

/** Filed calls remembered in memory for isFiled (the database answers for every call that has its log row). */
const FILED_CALLS_KEPT = 200;

type Filed = Extract<SubmitResult, { outcome: 'filed' }>;

/**
 * The key in interactions.custom_fields that marks a wrap-up filed by the after-call-work timeout, not sent by the
 * operator. A custom field id cannot start with `_` (workflowCode), so it never meets a real field. It stands in
 * for a column (interactions.auto_filed) until the schema gets one.
 */
export const AUTO_FILED_KEY = '_autoFiled';

export interface AutoFiledMark {
  by: 'afterCallWorkTimeout';
  /** asTyped: the operator's complete draft; default: the centre's default code. */
  filed: 'asTyped' | 'default';
  /** For a default filing: what the operator had chosen and typed, where it passed its checks. */
  typedDisposition?: string;
  typedSubcode?: string;
  typedFields?: Record<string, unknown>;
  /** The draft (without a call) holding what the operator had not finished. */
  unfinishedDraftId?: string;
}

/** A wrap-up that passed every check, with what its filing needs. */
interface CheckedWrapUp {
  disposition: Disposition;
  customFields: Record<string, unknown>;
  call: { logged?: LoggedCall; liveNumber?: string };
  customerId: string | null;
  department: DepartmentRef | undefined;
  quoted: QuotedOrder | undefined;
  callbackNumber: string | undefined;
}

export class WrapUpService {
  readonly repository: WrapUpRepository;
  private readonly tickets: TicketRepository;
  private readonly orders: OrderRepository;
  private readonly customers: CustomerRepository;
  private readonly filedCalls = new Set<string>();

  constructor(private readonly options: WrapUpServiceOptions) {
    const { sqlite } = options.database;
    this.repository = new WrapUpRepository(sqlite);
    this.tickets = new TicketRepository(sqlite);
    this.orders = new OrderRepository(sqlite);
    this.customers = new CustomerRepository(sqlite);
  }

  /**
   * The unfinished draft of this call — or, without a call, this agent's loose draft for this customer —
   * or a new empty one. Reopening is what makes a reload or a restart land back in the same wrap-up.
   */
  openDraft(callId: string | null, customerId?: string): WrapUpDraft {
    const { repository } = this;
    if (customerId !== undefined && !repository.customerBrief(customerId))
      throw new CommandFailure('not_found', 'No such customer');
    const agent = this.options.agent();
    const row = repository.transaction(() => {
      const existing = callId === null ? repository.looseDraft(agent, customerId ?? null) : repository.draftByCall(callId);
      if (existing) {
        const linked = customerId ?? (callId === null ? undefined : this.linkedCustomer(callId));
        if (existing.customerId === null && linked !== undefined) repository.setDraftCustomer(existing.id, linked);
        return repository.draftById(existing.id)!;
      }
      if (callId !== null && this.isFiled(callId)) throw wrapUpAlreadyFiled();
      const id = newId();
      const linked = customerId ?? (callId === null ? undefined : this.linkedCustomer(callId));
      repository.insertDraft({
        id,
        callId,
        customerId: linked ?? null,
        agent,
        content: JSON.stringify({ notes: '', fields: {} } satisfies DraftContent),
        openedAt: this.options.clock.now(),
      });
      return repository.draftById(id)!;
    });
    return this.view(row);
  }

  /** This agent's unfinished drafts, most recently changed first. */
  listDrafts(): DraftSummary[] {
    return this.repository.draftsOf(this.options.agent(), wrapUpLimits.drafts).map((row) => {
      const draft = this.view(row, row.customerName);
      return {
        id: draft.id,
        callId: draft.callId,
        customerId: draft.customerId,
        customerName: draft.customerName,
        call: draft.call,
        revision: draft.revision,
        openedAt: draft.openedAt,
        updatedAt: draft.updatedAt,
        disposition: draft.content.disposition ?? null,
      };
    });
  }

  getDraft(draftId: string): WrapUpDraft {
    return this.view(this.requireDraft(draftId));
  }

  /**
   * Saves the form's parts over the stored draft if `revision` is the stored one (else `conflict`: another
   * window saved first). The script part is kept as stored: it is the script viewer's (updateDraftPart).
   */
  saveDraft(args: { draftId: string; revision: number; content: DraftFormContent; customerId?: string | undefined }): {
    revision: number;
    updatedAt: number;
  } {
    const stored = this.requireDraft(args.draftId);
    const now = this.options.clock.now();
    const script = parseContent(stored).script;
    const content: DraftContent = script === undefined ? args.content : { ...args.content, script };
    if (!this.repository.saveDraft(args.draftId, args.revision, JSON.stringify(content), args.customerId ?? null, now))
      throw new CommandFailure('conflict', `The draft is at revision ${stored.revision}, the save was based on ${args.revision}`);
    const saved = this.requireDraft(args.draftId);
    this.options.events.emit('wrapup:draft', this.view(saved));
    return { revision: saved.revision, updatedAt: saved.updatedAt };
  }

  /**
   * Seam 3 of issue 5: the call-script viewer stores its progress in the draft of the call (created if
   * the wrap-up has not opened it yet), through the same save path and revision counter. Refused
   * (wrapUpAlreadyFiled) once the call's wrap-up is filed: a late save must not start a second wrap-up.
   */
  updateDraftPart(callId: string | null, part: 'script', value: unknown): { draftId: string; revision: number } {
    const json = JSON.stringify(value ?? null);
    if (json.length > MAX_SCRIPT_PART_BYTES) throw new CommandFailure('too_large', 'The script run is too large to keep');
    const agent = this.options.agent();
    const saved = this.repository.transaction(() => {
      const existing =
        callId === null
          ? this.repository.draftsOf(agent, 1).find((row) => row.callId === null)
          : this.repository.draftByCall(callId);
      const row = existing ?? this.repository.draftById(this.openDraft(callId).id)!;
      const content: DraftContent = { ...parseContent(row), [part]: value };
      if (!this.repository.saveDraft(row.id, row.revision, JSON.stringify(content), null, this.options.clock.now()))
        throw new Error('draft changed inside its own transaction');
      return this.repository.draftById(row.id)!;
    });
    this.options.events.emit('wrapup:draft', this.view(saved));
    return { draftId: saved.id, revision: saved.revision };
  }

  discard(draftId: string): { draftId: string } {
    const draft = this.requireDraft(draftId);
    this.repository.deleteDraft(draftId);
    this.closed({ draftId, callId: draft.callId, reason: 'discarded', disposition: null, interactionId: null });
    return { draftId };
  }

  /** Prices order lines as submit will, with the read-back in the customer's language. */
  quote(args: { customerId: string | null; callId: string | null; lines: readonly OrderLine[] }): OrderQuote {
    const customerId = args.customerId ?? (args.callId === null ? undefined : this.linkedCustomer(args.callId));
    const customer = customerId === undefined ? undefined : this.repository.customerBrief(customerId);
    const { order, language, readBack, problems } = quoteOrder(
      this.repository,
      args.lines,
      customer,
      this.options.clock.now(),
      this.options.deskLanguage(),
    );
    return { order, language, readBack, problems };
  }

  /** The promotions this customer may get now (valid at this moment, open to their segment). */
  promotions(args: { customerId: string | null; callId: string | null }): Promotion[] {
    const customerId = args.customerId ?? (args.callId === null ? undefined : this.linkedCustomer(args.callId));
    const segment = (customerId === undefined ? undefined : this.repository.customerBrief(customerId))?.segment ?? null;
    const now = this.options.clock.now();
    return this.repository
      .promotions()
      .filter((promotion) => validAt(promotion, now) && openTo(promotion, segment))
      .map(({ id, name, discountPercent, discountMinor }) => ({ id, name, discountPercent, discountMinor }));
  }

  departments() {
    return this.repository.departments().map(({ code, name, transferTarget }) => ({ code, name, transferTarget }));
  }

  /**
   * Files `content` as the draft's wrap-up. Refused (nothing written) when something is missing or wrong;
   * otherwise one BEGIN IMMEDIATE transaction writes every record with its outbox row and deletes the draft.
   */
  submit(args: { draftId: string; revision: number; content: DraftFormContent }): SubmitResult {
    const { options } = this;
    const draft = this.requireDraft(args.draftId);
    if (draft.revision !== args.revision)
      throw new CommandFailure(
        'conflict',
        `The draft is at revision ${draft.revision}, the submit was based on ${args.revision}`,
      );
    // A draft left over for a call that is already filed (written before this check existed) must not file it twice.
    if (draft.callId !== null && this.isFiled(draft.callId)) throw wrapUpAlreadyFiled();
    const now = options.clock.now();
    const { problems, checked } = this.check(draft, args.content, now);
    if (!checked) return { outcome: 'refused', problems: problems.slice(0, MAX_PROBLEMS) };
    const filed = this.fileChecked(draft, args.content, checked, args.revision, now, null);
    this.afterFiled(draft, 'submitted', checked, filed);
    return filed;
  }

  /**
   * Seam 2 of issue 5: after-call work ran out of time (the agent state machine's timer; it never throws and
   * reports through onSubmitted like a submit). Nothing the operator typed is dropped:
   *
   * 1. The draft has a disposition and passes every check a submit makes: it is filed exactly as typed
   *    (disposition, sub-code, fields, ticket, callback, notes, script), marked as filed by the timeout — unless
   *    it holds an order: an order bills the customer, so then nothing is filed and the draft waits, on its call,
   *    for the operator's Submit (awaitOrderConfirmation).
   * 2. Otherwise `code` (the centre's default) is filed with the notes and the script run, marked the same way
   *    with the chosen disposition, sub-code and the custom fields that check kept in the mark. Everything else
   *    the operator had started (the disposition, fields, ticket, order, callback — and the notes, for context)
   *    moves to a new draft WITHOUT a call for the same customer, in the same transaction: nothing is filed that
   *    the operator did not confirm (an order would bill the customer), and the call cannot get a second
   *    wrap-up (its slot is taken by the filed one). The operator is told with an app:notice.
   * 3. `code` is not among the centre's dispositions: nothing is filed; the call's draft stays open (one is
   *    opened if there was none, so the call waits in the drafts list), logged as an error and told with an
   *    app:notice.
   *
   * The mark lives in interactions.custom_fields under AUTO_FILED_KEY until the schema gets a column for it.
   * Returns the interaction id, or undefined when nothing was filed (logged).
   */
  fileDefault(callId: string, code: string): string | undefined {
    const { options, repository } = this;
    try {
      if (this.isFiled(callId)) {
        options.logger.warn('after-call work ran out for a call already filed; nothing to file', { callId });
        return undefined;
      }
      const now = options.clock.now();
      const draft = repository.draftByCall(callId);
      const content = draft ? parseContent(draft) : undefined;
      const typed = content ? formPart(content) : undefined;

      if (draft && typed?.disposition !== undefined) {
        const { checked, problems } = this.check(draft, typed, now);
        if (checked && checked.quoted?.order) {
          this.awaitOrderConfirmation(callId);
          return undefined;
        }
        if (checked) {
          const filed = this.fileChecked(draft, typed, checked, draft.revision, now, {
            by: 'afterCallWorkTimeout',
            filed: 'asTyped',
          });
          options.logger.info('after-call work ran out: the wrap-up was filed as typed', {
            callId,
            disposition: checked.disposition.code,
            interactionId: filed.interactionId,
          });
          this.afterFiled(draft, 'defaultFiled', checked, filed);
          return filed.interactionId;
        }
        options.logger.info('after-call work ran out with an incomplete wrap-up', {
          callId,
          problems: problems.slice(0, 20).map((problem) => `${problem.path}:${problem.key}`),
        });
      }

      if (!options.dispositions().some((d) => d.code === code)) {
        this.keepOpen(callId, draft, code);
        return undefined;
      }
      return this.fileDefaultCode(callId, code, draft, typed, now);
    } catch (error) {
      options.logger.error('filing the default disposition failed', { callId, code, error: (error as Error).message });
      return undefined;
    }
  }

  /**
   * Whether the call's wrap-up is filed: an interaction of kind 'call' points at it, or this service filed it
   * since it started (a call whose log write failed is filed without the link, so only memory knows).
   */
  isFiled(callId: string): boolean {
    return this.filedCalls.has(callId) || this.repository.callFiled(callId);
  }

  /** Case 2 of fileDefault: `code` with the notes and script; the unfinished rest kept as a draft without a call. */
  private fileDefaultCode(
    callId: string,
    code: string,
    draft: DraftRow | undefined,
    typed: DraftFormContent | undefined,
    now: number,
  ): string {
    const { options, repository } = this;
    const customerId = draft?.customerId ?? this.linkedCustomer(callId) ?? null;
    const logged = repository.loggedCall(callId);
    if (!logged) options.logger.warn('default disposition filed without a logged call', { callId });
    const script = scriptPart(draft ? storedScript(draft) : undefined);
    const interactionId = newId();
    const unfinished = typed && startedBeyondNotes(typed) ? typed : undefined;
    const recoveryDraftId = unfinished ? newId() : null;
    const mark: AutoFiledMark = { by: 'afterCallWorkTimeout', filed: 'default' };
    if (typed?.disposition !== undefined) {
      // The custom fields as typed, where they pass their checks: the record keeps them even if the draft is never finished.
      const check = checkWrapUp(typed, options.dispositions(), now);
      const wrong = new Set(check.problems.map((problem) => problem.path));
      mark.typedDisposition = typed.disposition;
      if (typed.subcode !== undefined) mark.typedSubcode = typed.subcode;
      mark.typedFields = Object.fromEntries(Object.entries(check.customFields).filter(([id]) => !wrong.has(`fields.${id}`)));
    }
    if (recoveryDraftId !== null) mark.unfinishedDraftId = recoveryDraftId;

    repository.transaction(() => {
      repository.insertInteraction(
        {
          id: interactionId,
          customerId,
          callId: logged?.id ?? null,
          kind: 'call',
          direction: logged?.direction ?? null,
          outcome: code,
          outcomeSubcode: null,
          customFields: { [AUTO_FILED_KEY]: mark },
          scriptId: script.scriptId,
          scriptRun: script.run,
          notes: typed && typed.notes.trim() !== '' ? typed.notes.trim() : null,
          agent: options.agent(),
          occurredAt: logged?.inviteAt ?? now,
        },
        now,
      );
      if (draft) repository.deleteDraft(draft.id);
      if (unfinished && recoveryDraftId !== null) {
        repository.insertDraft({
          id: recoveryDraftId,
          callId: null,
          customerId,
          agent: draft?.agent ?? options.agent(),
          content: JSON.stringify(unfinished satisfies DraftContent),
          openedAt: now,
        });
      }
    });
    this.remember(callId);
    options.logger.info('after-call work ran out: the default disposition was filed', {
      callId,
      code,
      interactionId,
      unfinishedDraftId: recoveryDraftId,
    });
    if (draft) this.closed({ draftId: draft.id, callId, reason: 'defaultFiled', disposition: code, interactionId });
    if (recoveryDraftId !== null) {
      const kept = repository.draftById(recoveryDraftId);
      if (kept) options.events.emit('wrapup:draft', this.view(kept));
      const language = options.deskLanguage();
      const disposition = options.dispositions().find((d) => d.code === code);
      options.events.emit('app:notice', {
        level: 'warning',
        code: wrapUpNoticeCodes.unfinishedKept,
        message: unfinishedKeptText(language, disposition ? labelIn(disposition.label, language) : code),
      });
    }
    this.afterFiling(customerId, null);
    this.notify(() => options.onSubmitted?.(callId, code), 'onSubmitted');
    return interactionId;
  }

  /** Case 3 of fileDefault: nothing is filed; the call's draft stays (or is opened) so the call waits in the list. */
  /**
   * A complete wrap-up with an order when the time ran out: an order bills the customer, so only the operator's
   * own Submit files it (the read-back may not be done). Nothing is filed; the draft stays on its call, and the
   * operator is told to confirm it.
   */
  private awaitOrderConfirmation(callId: string): void {
    const { options } = this;
    options.logger.info('after-call work ran out with an order in the wrap-up: it waits for the operator to file it', { callId });
    options.events.emit('app:notice', {
      level: 'warning',
      code: wrapUpNoticeCodes.orderAwaitsOperator,
      message: orderAwaitsOperatorText(options.deskLanguage()),
    });
  }

  private keepOpen(callId: string, draft: DraftRow | undefined, code: string): void {
    const { options } = this;
    options.logger.error('default disposition is not among workflow.dispositions; nothing filed, the draft stays open', {
      callId,
      code,
    });
    const open = draft ?? this.repository.draftById(this.openDraft(callId).id);
    if (!draft && open) options.events.emit('wrapup:draft', this.view(open));
    options.events.emit('app:notice', {
      level: 'error',
      code: wrapUpNoticeCodes.defaultUnknown,
      message: defaultUnknownText(options.deskLanguage(), code),
    });
  }

  /**
   * Every check a submit makes, without writing: the shared rules (electron/shared/wrapUpRules.ts), then what needs
   * the database or the phone rules (the call has ended, departments, catalogue prices, the callback number).
   */
  private check(draft: DraftRow, content: DraftFormContent, now: number): { problems: WrapUpProblem[]; checked?: CheckedWrapUp } {
    const { options, repository } = this;
    const check = checkWrapUp(content, options.dispositions(), now);
    const problems = [...check.problems];

    const call = this.resolveCall(draft.callId, problems);
    const customerId = draft.customerId ?? (draft.callId === null ? undefined : this.linkedCustomer(draft.callId)) ?? null;
    const customer = customerId === null ? undefined : repository.customerBrief(customerId);

    const department =
      content.ticket && content.ticket.department !== '' ? repository.departmentByCode(content.ticket.department) : undefined;
    if (content.ticket && content.ticket.department !== '' && !department)
      problems.push({ path: 'ticket.department', key: 'unknownDepartment' });

    const quoted =
      content.order && content.order.lines.length > 0
        ? quoteOrder(repository, content.order.lines, customer, now, options.deskLanguage())
        : undefined;
    if (quoted) problems.push(...quoted.problems);

    let callbackNumber: string | undefined;
    if (content.callback) {
      const typed = content.callback.number.trim();
      if (typed !== '') {
        const country = options.defaultCountry();
        const normalized = normalizeCallerId(typed, country ? { defaultCountry: country } : {});
        if (normalized.ok) callbackNumber = normalized.e164;
        else problems.push({ path: 'callback.number', key: 'invalidNumber' });
      } else {
        callbackNumber = call.logged?.e164 ?? call.liveNumber ?? customer?.firstPhone ?? undefined;
        if (callbackNumber === undefined) problems.push({ path: 'callback.number', key: 'numberRequired' });
      }
    }

    if (problems.length > 0 || !check.disposition) return { problems };
    return {
      problems,
      checked: {
        disposition: check.disposition,
        customFields: check.customFields,
        call,
        customerId,
        department,
        quoted,
        callbackNumber,
      },
    };
  }

  /**
   * Writes a checked wrap-up: interaction, ticket, order, callback, do-not-call and their outbox rows in one
   * BEGIN IMMEDIATE transaction that also deletes the draft. `autoFiled` marks a filing the operator did not send.
   */
  private fileChecked(
    draft: DraftRow,
    content: DraftFormContent,
    checked: CheckedWrapUp,
    expectedRevision: number,
    now: number,
    autoFiled: AutoFiledMark | null,
  ): Filed {
    const { options, repository } = this;
    const { disposition, call, customerId, department, quoted, callbackNumber } = checked;
    const agent = options.agent();
    const filed = repository.transaction((): Filed => {
      // Re-read inside the transaction: a save from another window between the checks and here must win.
      const current = repository.draftById(draft.id);
      if (!current) throw new CommandFailure('not_found', 'The draft was filed or discarded meanwhile');
      if (current.revision !== expectedRevision)
        throw new CommandFailure('conflict', 'The draft changed while it was being filed');

      const interactionId = newId();
      const script = scriptPart(storedScript(current));
      repository.insertInteraction(
        {
          id: interactionId,
          customerId,
          callId: call.logged?.id ?? null,
          kind: draft.callId === null ? 'note' : 'call',
          direction: call.logged?.direction ?? null,
          outcome: disposition.code,
          outcomeSubcode: content.subcode ?? null,
          customFields: autoFiled ? { ...checked.customFields, [AUTO_FILED_KEY]: autoFiled } : checked.customFields,
          scriptId: script.scriptId,
          scriptRun: script.run,
          notes: content.notes.trim() === '' ? null : content.notes.trim(),
          agent,
          occurredAt: call.logged?.inviteAt ?? now,
        },
        now,
      );

      let ticketId: string | null = null;
      if (content.ticket) {
        ticketId = newId();
        const t = content.ticket;
        this.tickets.insert(
          {
            id: ticketId,
            customerId,
            interactionId,
            callId: call.logged?.id ?? null,
            kind: t.kind,
            departmentId: department?.id ?? null,
            status: 'open',
            priority: t.priority,
            subject: t.subject.trim(),
            description: t.description.trim() === '' ? null : t.description.trim(),
          },
          now,
        );
      }

      let orderId: string | null = null;
      if (quoted?.order) {
        orderId = newId();
        this.orders.insert(
          {
            id: orderId,
            customerId,
            interactionId,
            status: 'submitted',
            currency: quoted.order.currency,
            lines: quoted.storedLines.map((line) => ({ id: newId(), ...line })),
          },
          now,
        );
      }

      let callbackId: string | null = null;
      if (content.callback && content.callback.dueAt !== null && callbackNumber !== undefined) {
        callbackId = newId();
        const note = content.callback.note.trim();
        repository.insertCallback(
          {
            id: callbackId,
            customerId,
            interactionId,
            callId: call.logged?.id ?? null,
            e164: callbackNumber,
            dueAt: content.callback.dueAt,
            assignee: content.callback.assignee === 'me' ? agent : null,
            createdBy: agent,
            note: note === '' ? null : note,
          },
          now,
        );
      }

      if (disposition.flags.includes('doNotCall') && customerId !== null) {
        const stored = this.customers.get(customerId);
        if (stored && !stored.doNotCall) this.customers.update(stored, { fields: { doNotCall: true } }, now);
      }

      repository.deleteDraft(draft.id);
      return {
        outcome: 'filed',
        interactionId,
        ticketId,
        orderId,
        callbackId,
        order: quoted?.order ?? null,
        readBack: quoted?.readBack ?? null,
      };
    });
    if (draft.callId !== null) this.remember(draft.callId);
    return filed;
  }

  /** After a checked wrap-up is committed: the windows, open cards, the callback timer and the agent state. */
  private afterFiled(draft: DraftRow, reason: 'submitted' | 'defaultFiled', checked: CheckedWrapUp, filed: Filed): void {
    const code = checked.disposition.code;
    this.closed({ draftId: draft.id, callId: draft.callId, reason, disposition: code, interactionId: filed.interactionId });
    this.afterFiling(checked.customerId, filed.callbackId);
    this.notify(() => this.options.onSubmitted?.(draft.callId, code), 'onSubmitted');
  }

  /** A filed call, for isFiled (bounded: only a call filed without its log row needs it, and only for a while). */
  private remember(callId: string): void {
    this.filedCalls.add(callId);
    if (this.filedCalls.size > FILED_CALLS_KEPT) this.filedCalls.delete(this.filedCalls.values().next().value!);
  }

  private requireDraft(draftId: string): DraftRow {
    const row = this.repository.draftById(draftId);
    if (!row) throw new CommandFailure('not_found', 'No such draft (it was filed or discarded)');
    return row;
  }

  private linkedCustomer(callId: string): string | undefined {
    const linked = this.options.customerOfCall?.(callId);
    return linked !== undefined && this.repository.customerBrief(linked) ? linked : undefined;
  }

  /**
   * The call a wrap-up is filed against. The outcome is the whole call's, so a call still on cannot be filed yet
   * (callInProgress), although its row exists from the first ring. A call neither logged nor live (its log
   * write failed) is filed without the link rather than never.
   */
  private resolveCall(callId: string | null, problems: WrapUpProblem[]): { logged?: LoggedCall; liveNumber?: string } {
    if (callId === null) return {};
    const live = this.options.liveCall?.(callId);
    if (live) {
      problems.push({ path: 'call', key: 'callInProgress' });
      return live.number === null ? {} : { liveNumber: live.number };
    }
    const logged = this.repository.loggedCall(callId);
    if (logged) return { logged };
    this.options.logger.warn('wrap-up filed without a logged call', { callId });
    return {};
  }

  private view(row: DraftRow, customerName?: string | null): WrapUpDraft {
    let call: WrapUpDraft['call'] = null;
    if (row.callId !== null) {
      const live = this.options.liveCall?.(row.callId);
      const logged = live ? undefined : this.repository.loggedCall(row.callId);
      call = live
        ? { number: live.number, displayName: live.displayName, live: true }
        : { number: logged?.e164 ?? null, displayName: logged?.displayName ?? null, live: false };
    }
    const name =
      customerName !== undefined
        ? customerName
        : row.customerId === null
          ? null
          : (this.repository.customerBrief(row.customerId)?.name ?? null);
    return {
      id: row.id,
      callId: row.callId,
      customerId: row.customerId,
      customerName: name,
      call,
      agent: row.agent,
      content: parseContent(row),
      revision: row.revision,
      openedAt: row.openedAt,
      updatedAt: row.updatedAt,
    };
  }

  private closed(payload: EventPayload<'wrapup:closed'>): void {
    this.options.events.emit('wrapup:closed', payload);
  }

  private afterFiling(customerId: string | null, callbackId: string | null): void {
    if (customerId !== null) this.notify(() => this.options.onCustomersChanged?.([customerId]), 'onCustomersChanged');
    if (callbackId !== null) this.notify(() => this.options.onCallbacksCreated?.([callbackId]), 'onCallbacksCreated');
  }

  /** The records are committed: a failing listener must not turn that into an error for the operator. */
  private notify(call: () => void, what: string): void {
    try {
      call();
    } catch (error) {
      this.options.logger.error(`wrap-up ${what} listener failed`, { error: (error as Error).message });
    }
  }
}

/** A stored draft's content; a row written by an older or broken version falls back to what can be read. */
function parseContent(row: Pick<DraftRow, 'content'>): DraftContent {
  let raw: unknown;
  try {
    raw = JSON.parse(row.content);
  } catch {
    return { notes: '', fields: {} };
  }
  const parsed = draftContentSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const loose = (raw ?? {}) as { notes?: unknown; script?: unknown };
  return {
    notes: typeof loose.notes === 'string' ? loose.notes.slice(0, wrapUpLimits.notes) : '',
    fields: {},
    script: loose.script,
  };
}

/** Just the script part of a stored draft (a submit needs nothing else from the stored row). */
function storedScript(row: Pick<DraftRow, 'content'>): unknown {
  try {
    return (JSON.parse(row.content) as { script?: unknown } | null)?.script;
  } catch {
    return undefined;
  }
}

/** interactions.script_id / script_run from the viewer's part ({ scriptId, path } — electron/shared/callScript.ts). */
function scriptPart(script: unknown): { scriptId: string | null; run: unknown } {
  if (script === undefined || script === null) return { scriptId: null, run: null };
  const scriptId = (script as { scriptId?: unknown }).scriptId;
  return { scriptId: typeof scriptId === 'string' && scriptId.length <= 64 ? scriptId : null, run: script };
}

/** The form's parts of a stored draft (everything but the script viewer's `script`). */
function formPart(content: DraftContent): DraftFormContent {
  const { script: _script, ...form } = content;
  return form;
}

/** The operator chose or typed more than notes: a default filing would lose it, so it is kept as a draft. */
function startedBeyondNotes(content: DraftFormContent): boolean {
  return (
    content.disposition !== undefined ||
    content.subcode !== undefined ||
    Object.keys(content.fields).length > 0 ||
    content.ticket !== undefined ||
    content.order !== undefined ||
    content.callback !== undefined
  );
}
