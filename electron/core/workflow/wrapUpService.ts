// WrapUpService: the operator's wrap-up from first keystroke to filed record. Drafts are saved on every
// change (revision-checked, synchronous: a crash loses at most what the renderer had not sent yet);
// submit checks the wrap-up and writes interaction, ticket, order, callback, the do-not-call flag and
// every outbox row in ONE transaction, then deletes the draft. Plain Node (core).
import type { AppDatabase } from '../../../db/database.js';
import { newId } from '../../../db/ids.js';
import { CustomerRepository } from '../../../db/repositories/customers.js';
import { OrderRepository } from '../../../db/repositories/orders.js';
import { TicketRepository } from '../../../db/repositories/tickets.js';
import { WrapUpRepository, type DraftRow, type LoggedCall } from '../../../db/repositories/wrapUps.js';
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
import type { Disposition } from '../../shared/workflow.js';
import { checkWrapUp } from '../../shared/wrapUpRules.js';
import { normalizeCallerId, type CountryCode } from '../phone/index.js';
import type { Clock, EventSink, Logger } from '../ports.js';
import { openTo, quoteOrder, validAt } from './orderQuote.js';

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

type Filed = Extract<SubmitResult, { outcome: 'filed' }>;

export class WrapUpService {
  readonly repository: WrapUpRepository;
  private readonly tickets: TicketRepository;
  private readonly orders: OrderRepository;
  private readonly customers: CustomerRepository;

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
   * the wrap-up has not opened it yet), through the same save path and revision counter.
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
    const { options, repository } = this;
    const draft = this.requireDraft(args.draftId);
    if (draft.revision !== args.revision)
      throw new CommandFailure(
        'conflict',
        `The draft is at revision ${draft.revision}, the submit was based on ${args.revision}`,
      );
    const now = options.clock.now();
    const agent = options.agent();
    const { content } = args;
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

    if (problems.length > 0) return { outcome: 'refused', problems: problems.slice(0, MAX_PROBLEMS) };
    const disposition = check.disposition!;

    const filed = repository.transaction((): Filed => {
      // Re-read inside the transaction: a save from another window between the checks and here must win.
      const current = repository.draftById(draft.id);
      if (!current) throw new CommandFailure('not_found', 'The draft was filed or discarded meanwhile');
      if (current.revision !== args.revision) throw new CommandFailure('conflict', 'The draft changed while it was being filed');

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
          customFields: check.customFields,
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

    this.closed({
      draftId: draft.id,
      callId: draft.callId,
      reason: 'submitted',
      disposition: disposition.code,
      interactionId: filed.interactionId,
    });
    this.afterFiling(customerId, filed.callbackId);
    this.notify(() => options.onSubmitted?.(draft.callId, disposition.code), 'onSubmitted');
    return filed;
  }

  /**
   * Seam 2 of issue 5: after-call work ran out of time. Files `code` for the call with the draft's notes
   * (and script run) kept and its other parts dropped, deletes the draft, and tells the windows. Never
   * throws (it runs from the agent state machine's timer). Reports through onSubmitted like a submit
   * (the state machine has already moved on and ignores it). Returns the interaction id, or undefined
   * when filing failed (logged).
   */
  fileDefault(callId: string, code: string): string | undefined {
    const { options, repository } = this;
    try {
      if (!options.dispositions().some((d) => d.code === code))
        options.logger.warn('default disposition is not among workflow.dispositions; filed anyway', { code });
      const now = options.clock.now();
      const draft = repository.draftByCall(callId);
      const content = draft ? parseContent(draft) : undefined;
      const customerId = draft?.customerId ?? this.linkedCustomer(callId) ?? null;
      const logged = repository.loggedCall(callId);
      if (!logged) options.logger.warn('default disposition filed without a logged call', { callId });
      const script = scriptPart(content?.script);
      const interactionId = newId();
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
            customFields: {},
            scriptId: script.scriptId,
            scriptRun: script.run,
            notes: content && content.notes.trim() !== '' ? content.notes.trim() : null,
            agent: options.agent(),
            occurredAt: logged?.inviteAt ?? now,
          },
          now,
        );
        if (draft) repository.deleteDraft(draft.id);
      });
      if (draft) this.closed({ draftId: draft.id, callId, reason: 'defaultFiled', disposition: code, interactionId });
      this.afterFiling(customerId, null);
      this.notify(() => options.onSubmitted?.(callId, code), 'onSubmitted');
      return interactionId;
    } catch (error) {
      options.logger.error('filing the default disposition failed', { callId, code, error: (error as Error).message });
      return undefined;
    }
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
