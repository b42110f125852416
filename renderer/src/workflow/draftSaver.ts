// Sends the wrap-up draft to core as the operator types: at most QUIET_MS after the last change and never
// more than MAX_WAIT_MS after the first unsaved one (issue 5: ≤ 500 ms, so a crash loses at most the last
// half second), one save at a time, each based on the revision core last confirmed. Runs in Chromium.
// Core refuses a save based on an older revision (`conflict`). That happens for two reasons: the script
// viewer stored its part (the form parts are as we left them — adopt the revision and save again), or
// another window edited the form (its version wins and this window shows it).
import type { CommandError, Result } from '../../../electron/shared/ipc/result.js';
import type { DraftContent, DraftFormContent, WrapUpDraft } from '../../../electron/shared/ipc/wrapUp.js';

export const QUIET_MS = 250;
export const MAX_WAIT_MS = 500;
/** After a failed save (core unreachable), the next attempt. */
export const RETRY_MS = 2000;

export type SaveState = 'saved' | 'pending' | 'saving' | 'failed';

export interface DraftSaverPorts {
  save(args: {
    draftId: string;
    revision: number;
    content: DraftFormContent;
  }): Promise<Result<{ revision: number; updatedAt: number }>>;
  get(draftId: string): Promise<Result<WrapUpDraft>>;
  setTimer(callback: () => void, ms: number): () => void;
  now(): number;
}

export interface DraftSaverListener {
  state(state: SaveState, error?: CommandError): void;
  /** Another window changed the form parts: show `draft` (its content replaces what this window had). */
  replaced(draft: WrapUpDraft): void;
  /** The draft is gone (filed or discarded elsewhere). */
  gone(draftId: string): void;
}

/** The form parts as one comparable string, keys in a fixed order (the script part is not the form's). */
export function formJson(content: DraftContent | DraftFormContent): string {
  const { disposition, subcode, notes, fields, ticket, order, callback } = content;
  const sortedFields = Object.fromEntries(Object.entries(fields).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return JSON.stringify([
    disposition ?? null,
    subcode ?? null,
    notes,
    sortedFields,
    ticket ?? null,
    order ?? null,
    callback ?? null,
  ]);
}

export class DraftSaver {
  private draftId: string | null = null;
  private revisionNow = 0;
  /** What core holds for the form parts, as far as we know. */
  private stored = '';
  /** The save on its way, if any. */
  private sending: string | null = null;
  private pending: DraftFormContent | null = null;
  private firstUnsavedAt: number | null = null;
  private cancelTimer: (() => void) | null = null;
  private chain: Promise<void> = Promise.resolve();
  private lastError: CommandError | null = null;

  constructor(
    private readonly ports: DraftSaverPorts,
    private readonly listener: DraftSaverListener,
  ) {}

  get revision(): number {
    return this.revisionNow;
  }

  get attachedTo(): string | null {
    return this.draftId;
  }

  /** From now on, changes are saves of this draft (what it holds is what core holds). */
  attach(draft: Pick<WrapUpDraft, 'id' | 'revision' | 'content'>): void {
    this.clearTimer();
    this.draftId = draft.id;
    this.revisionNow = draft.revision;
    this.stored = formJson(draft.content);
    this.pending = null;
    this.firstUnsavedAt = null;
    this.listener.state('saved');
  }

  detach(): void {
    this.clearTimer();
    this.draftId = null;
    this.pending = null;
    this.firstUnsavedAt = null;
  }

  /** The form changed: save it soon. Content equal to what core holds is not sent. */
  change(content: DraftFormContent): void {
    if (this.draftId === null) return;
    if (formJson(content) === this.stored && this.sending === null) {
      this.pending = null;
      this.firstUnsavedAt = null;
      this.clearTimer();
      return;
    }
    this.pending = content;
    const now = this.ports.now();
    this.firstUnsavedAt ??= now;
    this.clearTimer();
    const wait = Math.max(0, Math.min(QUIET_MS, MAX_WAIT_MS - (now - this.firstUnsavedAt)));
    this.cancelTimer = this.ports.setTimer(() => void this.kick(), wait);
    this.listener.state('pending');
  }

  /** Saves what is pending now and waits for every save in flight; true when core holds the latest. */
  async flush(): Promise<boolean> {
    await this.kick();
    return this.pending === null && this.lastError === null;
  }

  /** A draft core announced (wrapup:draft): ours echoed, a script step, or another window. */
  remote(draft: WrapUpDraft): void {
    if (draft.id !== this.draftId || draft.revision <= this.revisionNow) return;
    const json = formJson(draft.content);
    if (json === this.stored || json === this.sending) {
      this.revisionNow = draft.revision;
      if (json === this.sending) this.stored = json;
      return;
    }
    if (this.sending !== null) return; // our save will meet a conflict and resolve it then
    this.replacedBy(draft);
  }

  private kick(): Promise<void> {
    this.clearTimer();
    this.chain = this.chain.then(() => this.drain());
    return this.chain;
  }

  private async drain(): Promise<void> {
    let conflicts = 0;
    while (this.pending !== null && this.draftId !== null) {
      const draftId = this.draftId;
      const content = this.pending;
      const json = formJson(content);
      this.pending = null;
      this.firstUnsavedAt = null;
      if (json === this.stored) continue;
      this.sending = json;
      this.listener.state('saving');
      const result = await this.ports.save({ draftId, revision: this.revisionNow, content });
      this.sending = null;
      if (this.draftId !== draftId) return; // switched to another draft meanwhile
      if (result.ok) {
        this.revisionNow = Math.max(this.revisionNow, result.value.revision);
        this.stored = json;
        this.lastError = null;
        continue;
      }
      if (result.error.code === 'not_found') {
        this.detach();
        this.listener.gone(draftId);
        return;
      }
      if (result.error.code === 'conflict' && conflicts++ < 3) {
        const current = await this.ports.get(draftId);
        if (this.draftId !== draftId) return;
        if (current.ok && formJson(current.value.content) === this.stored) {
          // Only the script part moved on: our change still applies on top of it.
          this.revisionNow = current.value.revision;
          this.pending ??= content;
          continue;
        }
        if (current.ok) {
          this.replacedBy(current.value);
          return;
        }
      }
      // Core unreachable or refusing: keep the content and try again later.
      this.pending ??= content;
      this.lastError = result.error;
      this.listener.state('failed', result.error);
      this.cancelTimer = this.ports.setTimer(() => void this.kick(), RETRY_MS);
      return;
    }
    if (this.draftId !== null && this.pending === null) {
      this.lastError = null;
      this.listener.state('saved');
    }
  }

  private replacedBy(draft: WrapUpDraft): void {
    this.attach(draft);
    this.listener.replaced(draft);
  }

  private clearTimer(): void {
    this.cancelTimer?.();
    this.cancelTimer = null;
  }
}
