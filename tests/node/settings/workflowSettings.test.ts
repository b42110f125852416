// The workflow vocabulary in settings: built-in reasons, ACW and dispositions are valid, and the schemas
// refuse what a hand-written provisioning file gets wrong, with a reason that names it.
import { describe, expect, it } from 'vitest';
import { settingDefinitions } from '../../../electron/shared/settings.js';
import {
  afterCallWorkSchema,
  builtinDispositions,
  dispositionsSchema,
  labelIn,
  notReadyReasonsSchema,
} from '../../../electron/shared/workflow.js';

const messages = (result: { success: boolean; error?: { issues: { message: string }[] } }) =>
  result.success ? [] : (result.error?.issues.map((issue) => issue.message) ?? []);

describe('workflow settings', () => {
  it('accepts its own built-in values', () => {
    for (const key of ['agent.notReadyReasons', 'agent.afterCallWork', 'agent.unavailableCode', 'workflow.dispositions'] as const) {
      const definition = settingDefinitions[key];
      expect(definition.schema.safeParse(definition.builtin).success, key).toBe(true);
    }
  });

  it('every built-in label is translated into tr and ru', () => {
    for (const disposition of builtinDispositions) {
      expect(disposition.label.tr, disposition.code).toBeTruthy();
      expect(disposition.label.ru, disposition.code).toBeTruthy();
    }
    expect(labelIn({ en: 'Sale', tr: 'Satış' }, 'tr')).toBe('Satış');
    expect(labelIn({ en: 'Sale', tr: 'Satış' }, 'ru')).toBe('Sale');
  });

  it('refuses duplicate codes, bad codes, timeboxed ACW without a limit and choice fields without options', () => {
    const reason = { code: 'break', kind: 'break', label: { en: 'Break' } };
    expect(messages(notReadyReasonsSchema.safeParse([reason, reason]))).toEqual(['reason code "break" appears twice']);
    expect(messages(notReadyReasonsSchema.safeParse([{ ...reason, code: 'Mola Arası' }]))[0]).toMatch(/lower-case/);
    expect(
      messages(
        afterCallWorkSchema.safeParse({ mode: 'timeboxed', limitSeconds: 0, defaultDisposition: '', requireDisposition: false }),
      ),
    ).toEqual(['timeboxed after-call work needs limitSeconds above 0']);
    const field = { id: 'plan', label: { en: 'Plan' }, type: 'choice' };
    expect(messages(dispositionsSchema.safeParse([{ code: 'sale', label: { en: 'Sale' }, fields: [field] }]))).toEqual([
      'choice and multiChoice fields need options; other types take none',
    ]);
    expect(dispositionsSchema.safeParse([{ code: 'sale', label: { en: 'Sale' } }]).data).toEqual([
      { code: 'sale', label: { en: 'Sale' }, flags: [], subcodes: [], fields: [] },
    ]);
  });
});
