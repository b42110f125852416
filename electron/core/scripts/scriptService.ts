// ScriptService: imported call scripts, the script each call gets (chosen by rules when the call starts, or by the
// operator), its values, and the operator's place in it. Plain Node (core). The place lives here, per call, so a
// reloading window finds it even before a wrap-up draft exists, and goes into the draft (seam 3) on every save.
import type { AppDatabase } from '../../../db/database.js';
import { CallScriptRepository, type CallScriptRow, type ScriptCatalogueItem } from '../../../db/repositories/callScripts.js';
import {
  checkRun,
  scriptChoiceSchema,
  scriptDefinitionSchema,
  type ScriptDefinition,
  type ScriptRun,
} from '../../shared/callScript.js';
import { CommandFailure } from '../../shared/ipc/result.js';
import type { CallScript, CallScriptSummary, ScriptChoiceReason, ScriptForCall, ScriptItem } from '../../shared/ipc/scripts.js';
import type { CallView } from '../../shared/ipc/softphone.js';
import type { Disposition } from '../../shared/workflow.js';
import { zodIssuesToDetails } from '../ipc/dispatcher.js';
import type { CountryCode } from '../phone/index.js';
import type { Clock, Logger } from '../ports.js';
import { isWrapUpFiledFailure, wrapUpAlreadyFiled } from '../workflow/wrapUpFiled.js';
import { chooseScript, type CallFacts, type ChoiceCandidate } from './scriptChoice.js';
import { importScriptDirectory, type ScriptImportSummary } from './scriptImport.js';
import { scriptValues, type ScriptCustomer } from './scriptValues.js';

/**
 * Seam 3: the wrap-up service merges the `script` part into the call's draft (same save path and revision).
 * Once the call's wrap-up is filed, updateDraftPart refuses (wrapUpAlreadyFiled) and isFiled answers true.
 */
export interface ScriptDraftPort {
  updateDraftPart(callId: string | null, part: 'script', value: unknown): unknown;
  isFiled?(callId: string): boolean;
}

/** The customer fields the script needs: its values, its language (which script), its segment (which offers). */
export type ScriptCallCustomer = ScriptCustomer & { language: string | null };

export interface ScriptServiceDeps {
  database: Pick<AppDatabase, 'sqlite'>;
  clock: Clock;
  logger: Logger;
  /** The customer a call is about (the caller card's linked customer), or undefined. */
  customerForCall(callId: string): Promise<ScriptCallCustomer | undefined> | ScriptCallCustomer | undefined;
  /** The operator's name for {{agent.name}}. */
  agentName(): string;
  /** The desk's UI language: the second choice after the customer's when a rule has scripts in several. */
  deskLocale(): string;
  defaultCountry(): CountryCode;
  /** The workflow.dispositions setting (import checks suggest steps against it). */
  dispositions(): readonly Disposition[];
  drafts?: ScriptDraftPort;
}

interface CallScriptState {
  facts: CallFacts;
  choice?: { scriptId: string; reason: ScriptChoiceReason };
  run: ScriptRun | null;
}

/** Calls remembered (a handful are live or in wrap-up at once; older ones have their run in the draft). */
const CALLS_KEPT = 50;

export class ScriptService {
  readonly repository: CallScriptRepository;
  private drafts: ScriptDraftPort | undefined;
  private readonly calls = new Map<string, CallScriptState>();
  private latestCallId: string | undefined;

  constructor(private readonly deps: ScriptServiceDeps) {
    this.repository = new CallScriptRepository(deps.database.sqlite);
    this.drafts = deps.drafts;
  }

  /** Wires the wrap-up drafts once that service exists (it may start after this one). */
  attachDrafts(drafts: ScriptDraftPort): void {
    this.drafts = drafts;
  }

  importDirectory(directory: string, options: { dryRun?: boolean } = {}): Promise<ScriptImportSummary> {
    return importScriptDirectory(this.repository, directory, {
      dispositions: this.deps.dispositions(),
      defaultCountry: this.deps.defaultCountry(),
      now: this.deps.clock.now(),
      ...options,
    });
  }

  list(includeInactive = false): CallScriptSummary[] {
    // The contract carries at most 2000 (a desk has a few dozen scripts; many versions only with includeInactive).
    const rows = (includeInactive ? this.repository.all() : this.repository.active()).slice(0, 2000);
    return rows.map((row) => {
      const definition = row.definition as Partial<ScriptDefinition>;
      const choose = scriptChoiceSchema.safeParse(definition.choose);
      const { definition: _definition, sourceHash: _hash, ...summary } = row;
      return {
        ...summary,
        steps: Array.isArray(definition.steps) ? definition.steps.length : 0,
        choose: definition.choose !== undefined && choose.success ? choose.data : null,
      };
    });
  }

  get(id: string): CallScript {
    const row = this.repository.byId(id);
    if (!row) throw new CommandFailure('not_found', 'No script with this id');
    return this.toCallScript(row);
  }

  /** Follows calls:state: remembers what each call says about itself (number, dialled number, queue) when it starts. */
  observeCall(call: CallView): void {
    const known = this.calls.get(call.id);
    if (known || call.state === 'ended') return;
    this.calls.set(call.id, {
      facts: {
        callId: call.id,
        direction: call.direction,
        remoteNumber: call.remoteNumber,
        remoteUser: call.remoteUser,
        dialledNumber: call.dialledNumber,
        queue: call.queue,
      },
      run: null,
    });
    this.latestCallId = call.id;
    while (this.calls.size > CALLS_KEPT) this.calls.delete(this.calls.keys().next().value!);
  }

  /**
   * The call's wrap-up was filed: a window that reloads without a call no longer gets its script (forCall with
   * no id). Asking by its id still answers, for as long as the call is remembered.
   */
  wrapUpFiled(callId: string): void {
    if (this.latestCallId === callId) this.latestCallId = undefined;
  }

  /** scripts:forCall — null when the call is unknown here or no script applies to it. */
  async forCall(callId?: string): Promise<ScriptForCall | null> {
    const id = callId ?? this.latestCallId;
    const state = id === undefined ? undefined : this.calls.get(id);
    if (id === undefined || !state) return null;
    const customer = await this.deps.customerForCall(id);

    let row = state.choice && this.repository.byId(state.choice.scriptId);
    if (!row || !state.choice) {
      // Chosen once, on the first ask: the call keeps that version even if a newer one is imported meanwhile.
      const candidates = this.repository.active().map((active) => ({
        ...active,
        choose: readChoice(active),
      })) satisfies ChoiceCandidate[];
      const chosen = chooseScript(candidates, state.facts, {
        languages: [customer?.language, this.deps.deskLocale()],
        defaultCountry: this.deps.defaultCountry(),
      });
      if (!chosen) return null;
      state.choice = { scriptId: chosen.script.id, reason: chosen.reason };
      // The candidate carries its parsed `choose` beside the row: not part of the contract's CallScript.
      const { choose: _choose, ...chosenRow } = chosen.script;
      row = chosenRow;
    }
    const script = this.toCallScript(row);
    const definition = script.definition;
    const itemCodes = definition.steps.flatMap((step) => (step.kind === 'show' && step.item ? [step.item] : []));
    const articleSlugs = definition.steps.flatMap((step) => (step.kind === 'show' && step.article ? [step.article] : []));
    const now = this.deps.clock.now();
    const tariffItems = customer?.tariff ? this.repository.catalogueItems([customer.tariff]) : [];
    return {
      callId: id,
      script,
      reason: state.choice.reason,
      values: scriptValues({
        call: state.facts,
        customer,
        tariffName: (code) => tariffItems.find((item) => item.code === code)?.name,
        agentName: this.deps.agentName(),
        language: script.language,
        defaultCountry: this.deps.defaultCountry(),
        now,
      }),
      run: state.run?.scriptId === script.id ? state.run : null,
      items: this.repository.catalogueItems(itemCodes).map((item) => presentItem(item, customer?.segment ?? null, now)),
      // The centre's texts may be longer than the contract carries: cut, never fail the script.
      articles: this.repository.articles(articleSlugs).map((article) => ({
        ...article,
        title: article.title.slice(0, 500),
        body: article.body.slice(0, 20_000),
      })),
    };
  }

  /**
   * scripts:saveProgress. A run of the call's script moves its place; a run of another active script is the
   * operator switching scripts. The run must follow the script (step after step, answers that fit). Refused
   * (wrapUpAlreadyFiled, nothing kept) once the call's wrap-up is filed: the filed record has its run, and a
   * save now would open a second draft for the call.
   */
  async saveProgress(callId: string, run: ScriptRun): Promise<{ run: ScriptRun; draftSaved: boolean }> {
    const state = this.calls.get(callId);
    if (!state) throw new CommandFailure('not_found', 'This desk has no such call');
    if (this.drafts?.isFiled?.(callId)) throw wrapUpAlreadyFiled();
    const row = this.repository.byId(run.scriptId);
    if (!row) throw new CommandFailure('not_found', 'No script with this id');
    const switching = state.choice?.scriptId !== row.id;
    if (switching && !row.active) throw new CommandFailure('conflict', 'This script version is no longer offered');
    const problems = checkRun(this.toCallScript(row).definition, run);
    if (problems.length > 0) {
      throw new CommandFailure(
        'invalid_args',
        'The path does not follow the script',
        problems.slice(0, 20).map((problem) => ({ path: ['run', ...problem.path].join('.'), message: problem.message })),
      );
    }
    if (switching) state.choice = { scriptId: row.id, reason: 'operator' };
    state.run = run;
    return { run, draftSaved: await this.saveDraft(callId, run) };
  }

  private async saveDraft(callId: string, run: ScriptRun): Promise<boolean> {
    if (!this.drafts) return false;
    try {
      await this.drafts.updateDraftPart(callId, 'script', run);
      return true;
    } catch (error) {
      // Filed between the check above and here (another window): say so, as the check would have.
      if (isWrapUpFiledFailure(error)) throw error;
      // The place is still kept here; the next save tries the draft again.
      this.deps.logger.warn('script progress not saved in the wrap-up draft', { callId, error: (error as Error).message });
      return false;
    }
  }

  private toCallScript(row: CallScriptRow): CallScript {
    const definition = scriptDefinitionSchema.safeParse(row.definition);
    if (!definition.success) {
      this.deps.logger.error('stored call script does not parse', { id: row.id, issues: zodIssuesToDetails(definition.error) });
      throw new CommandFailure('internal', 'The stored script is damaged; import it again');
    }
    const { sourceHash: _hash, ...rest } = row;
    return { ...rest, definition: definition.data };
  }
}

function readChoice(row: CallScriptRow): ChoiceCandidate['choose'] {
  const choose = scriptChoiceSchema.safeParse((row.definition as { choose?: unknown }).choose);
  return choose.success && (row.definition as { choose?: unknown }).choose !== undefined ? choose.data : undefined;
}

/** A show step's catalogue item, marked when this customer may not be offered it now. */
function presentItem(item: ScriptCatalogueItem, segment: string | null, now: number): ScriptItem {
  const unavailable: ScriptItem['unavailable'] = !item.active
    ? 'inactive'
    : item.validFrom !== null && now < item.validFrom
      ? 'notYetValid'
      : item.validUntil !== null && now >= item.validUntil
        ? 'expired'
        : item.eligibleSegments.length > 0 && (segment === null || !item.eligibleSegments.includes(segment))
          ? 'segment'
          : null;
  return {
    code: item.code,
    kind: item.kind,
    name: item.name.slice(0, 500),
    description: item.description === null ? null : item.description.slice(0, 4000),
    priceMinor: item.priceMinor,
    currency: item.currency,
    discountPercent: item.discountPercent,
    discountMinor: item.discountMinor,
    unavailable,
  };
}
