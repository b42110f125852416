// SettingsService: the one place that answers "what is setting X, and why". Plain Node.
// Precedence (architecture §5), tested: policy (locked) > user > provisioned defaults > built-in.
import {
  settingDefinitions,
  settingKeys,
  type EffectiveSetting,
  type EffectiveSettings,
  type SettingKey,
  type SettingsProblem,
  type SettingValue,
} from '../../shared/settings.js';
import { CommandFailure } from '../../shared/ipc/result.js';
import type { Clock, EventSink, Logger } from '../ports.js';
import type { SettingsLayer } from './layers.js';
import type { Provisioning } from './provisioning.js';
import type { UserSettingsFile } from './userSettingsFile.js';

export const defaultLockReason = 'Managed by your IT administrator';

export interface SettingsChange {
  key: SettingKey;
  from: unknown;
  to: unknown;
  action: 'set' | 'reset';
}

export class SettingsService {
  private user: SettingsLayer;
  private readonly userProblems: SettingsProblem[];
  private readonly listeners = new Set<(change: SettingsChange) => void>();

  constructor(
    private readonly provisioning: Provisioning,
    private readonly userFile: UserSettingsFile,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly events?: EventSink,
  ) {
    const loaded = userFile.load();
    this.user = loaded.values;
    this.userProblems = loaded.problems;
    for (const problem of this.problems()) this.logger.warn('settings problem', { ...problem });
  }

  problems(): SettingsProblem[] {
    return [...this.provisioning.problems, ...this.userProblems];
  }

  get<K extends SettingKey>(key: K): SettingValue<K> {
    return this.resolve(key).value as SettingValue<K>;
  }

  resolve(key: SettingKey): EffectiveSetting {
    const { policy, lockReason, brokenPolicy } = this.provisioning;
    const itsWords = lockReason === undefined ? {} : { lockReason };
    if (Object.hasOwn(policy, key)) return { key, value: policy[key], source: 'policy', locked: true, ...itsWords };
    // Fail closed. A wrong policy value for this key: IT meant to decide it, so the user's value does not count
    // either. A file that cannot be read at all: nobody knows what IT meant, so values stay as they were.
    if (brokenPolicy === 'all' || brokenPolicy.includes(key)) {
      const withUser = brokenPolicy === 'all';
      return { ...this.unlockedValue(key, withUser), locked: true, brokenPolicy: true, ...itsWords };
    }
    return { ...this.unlockedValue(key, true), locked: false };
  }

  /** The value a setting has without a policy: the user's, else IT's default, else the built-in one. */
  private unlockedValue(key: SettingKey, withUser: boolean): Pick<EffectiveSetting, 'key' | 'value' | 'source'> {
    const { defaults } = this.provisioning;
    if (withUser && Object.hasOwn(this.user, key)) return { key, value: this.user[key], source: 'user' };
    if (Object.hasOwn(defaults, key)) return { key, value: defaults[key], source: 'defaults' };
    return { key, value: settingDefinitions[key].builtin, source: 'builtin' };
  }

  effective(): EffectiveSettings {
    return {
      settings: settingKeys.map((key) => this.resolve(key)),
      problems: this.problems(),
      provisioningFile: this.provisioning.file,
    };
  }

  set(key: SettingKey, value: unknown): EffectiveSettings {
    this.refuseIfLocked(key);
    const parsed = settingDefinitions[key].schema.safeParse(value);
    if (!parsed.success) {
      throw new CommandFailure(
        'invalid_args',
        `Invalid value for ${key}`,
        parsed.error.issues.slice(0, 10).map((issue) => ({
          path: [key, ...issue.path.map(String)].join('.'),
          message: issue.message,
        })),
      );
    }
    const from = this.get(key);
    this.writeUser({ ...this.user, [key]: parsed.data });
    this.changed({ key, from, to: parsed.data, action: 'set' });
    return this.effective();
  }

  reset(key: SettingKey): EffectiveSettings {
    this.refuseIfLocked(key);
    if (Object.hasOwn(this.user, key)) {
      const from = this.get(key);
      const next = { ...this.user };
      delete next[key];
      this.writeUser(next);
      this.changed({ key, from, to: this.get(key), action: 'reset' });
    }
    return this.effective();
  }

  /** Called after each change, e.g. to audit it or to re-register the SIP account. */
  onChange(listener: (change: SettingsChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private refuseIfLocked(key: SettingKey): void {
    const current = this.resolve(key);
    if (current.locked) throw new CommandFailure('locked', `${key} is locked: ${current.lockReason ?? defaultLockReason}`);
  }

  private writeUser(next: SettingsLayer): void {
    this.userFile.save(next, new Date(this.clock.now()));
    this.user = next;
  }

  private changed(change: SettingsChange): void {
    // Values may be personal (SIP user); the log gets the key only.
    this.logger.info('setting changed', { key: change.key, action: change.action });
    for (const listener of this.listeners) listener(change);
    this.events?.emit('settings:changed', this.effective());
  }
}
