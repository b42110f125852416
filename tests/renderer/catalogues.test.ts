// The tr/en/ru catalogues: same keys everywhere (plural forms per CLDR), no empty values, the same
// interpolation variables, real translations (not English copied over), and every key the source asks
// for with t(…) exists — literal keys, conditional keys and template families (`errors.${code}`) alike.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { eventNames, events } from '../../electron/shared/ipc/contract.js';
import { errorCodes } from '../../electron/shared/ipc/result.js';
import { locales, settingKeys, settingSources, type Locale } from '../../electron/shared/settings.js';
import { callStates, registrationReasons } from '../../electron/shared/ipc/softphone.js';
import { shortcuts } from '../../renderer/src/keyboard/shortcuts.js';
import { settingEditors, settingGroups } from '../../renderer/src/settings/settingEditors.js';
import { findTranslationCalls, readSource, rendererSourceDir, sourceFiles, type RequestedKey } from './support/sourceScan.js';

const catalogues = Object.fromEntries(
  locales.map((locale) => [
    locale,
    JSON.parse(readFileSync(join(rendererSourceDir, 'i18n', 'locales', `${locale}.json`), 'utf8')) as unknown,
  ]),
) as Record<Locale, unknown>;

/** Flattens nested objects into dotted keys; any non-string leaf is reported as-is so the test can fail on it. */
function flatten(node: unknown, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (typeof node === 'object' && node !== null && !Array.isArray(node)) {
    for (const [name, value] of Object.entries(node)) {
      for (const [key, leaf] of flatten(value, prefix ? `${prefix}.${name}` : name)) out.set(key, leaf);
    }
  } else {
    out.set(prefix, node);
  }
  return out;
}

const pluralSuffix = /_(zero|one|two|few|many|other)$/;
const flat = Object.fromEntries(locales.map((locale) => [locale, flatten(catalogues[locale])])) as Record<
  Locale,
  Map<string, unknown>
>;

/** Keys without plural suffixes, each with the plural categories it carries. */
function baseKeys(entries: Map<string, unknown>): Map<string, Set<string>> {
  const bases = new Map<string, Set<string>>();
  for (const key of entries.keys()) {
    const match = pluralSuffix.exec(key);
    const base = match ? key.slice(0, match.index) : key;
    if (!bases.has(base)) bases.set(base, new Set());
    if (match) bases.get(base)!.add(match[1]!);
  }
  return bases;
}

function variables(text: string): string[] {
  return [...text.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((m) => m[1]!).sort();
}

function variablesOf(entries: Map<string, unknown>, base: string): string {
  const all = new Set<string>();
  for (const [key, value] of entries) {
    if ((key === base || key.replace(pluralSuffix, '') === base) && typeof value === 'string')
      variables(value).forEach((v) => all.add(v));
  }
  return [...all].sort().join(',');
}

function exists(key: string, locale: Locale = 'en'): boolean {
  const entries = flat[locale];
  return entries.has(key) || entries.has(`${key}_other`);
}

describe('catalogues', () => {
  it('hold only non-empty strings', () => {
    for (const locale of locales) {
      const bad = [...flat[locale]].filter(([, value]) => typeof value !== 'string' || value.trim() === '').map(([key]) => key);
      expect(bad, locale).toEqual([]);
    }
  });

  it('have the same keys in tr, en and ru', () => {
    const english = [...baseKeys(flat.en).keys()].sort();
    expect(english.length).toBeGreaterThan(50);
    for (const locale of locales) expect([...baseKeys(flat[locale]).keys()].sort(), locale).toEqual(english);
  });

  it('give every plural key exactly the CLDR plural forms of each language', () => {
    for (const locale of locales) {
      const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories.slice().sort();
      for (const [base, forms] of baseKeys(flat[locale])) {
        if (forms.size === 0 && baseKeys(flat.en).get(base)?.size === 0) continue;
        expect([...forms].sort(), `${locale} ${base}`).toEqual(categories);
      }
    }
    expect([...(baseKeys(flat.ru).get('problems.title') ?? [])].sort()).toEqual(['few', 'many', 'one', 'other']);
  });

  it('use the same interpolation variables in every language', () => {
    for (const base of baseKeys(flat.en).keys()) {
      const english = variablesOf(flat.en, base);
      for (const locale of locales) expect(variablesOf(flat[locale], base), `${locale} ${base}`).toBe(english);
    }
  });

  it('are translated, not English copied over (except names, key caps and pure patterns)', () => {
    const sameEverywhere = [
      /^keys\./, // key caps: Ctrl, Shift, F6, Esc read the same on Turkish and Russian keyboards
      /^locale\.names\./, // each language is named in itself
      /^settings\.groups\.sip$/,
      /^settings\.errorDetail$/,
      /^problems\.item$/,
      /^notices\.meta$/,
      /^quality\.(mos|rtt)$/, // MOS and RTT are the acronyms Turkish and Russian network staff use too
      /^settings\.percent$/, // a pure pattern: "{{value}} %" in English and Russian alike
    ];
    for (const locale of ['tr', 'ru'] as const) {
      const copied = [...flat[locale]]
        .filter(([key, value]) => flat.en.get(key) === value && !sameEverywhere.some((pattern) => pattern.test(key)))
        .map(([key]) => key);
      expect(copied, locale).toEqual([]);
    }
  });

  it('translate every error code, setting, source and event level the contract defines', () => {
    for (const code of errorCodes) expect(exists(`errors.${code}`), code).toBe(true);
    for (const key of settingKeys) {
      expect(exists(`settings.keys.${key}.label`), key).toBe(true);
      expect(exists(`settings.keys.${key}.hint`), key).toBe(true);
    }
    for (const source of settingSources) expect(exists(`settings.source.${source}`), source).toBe(true);
    expect(eventNames).toContain('app:notice');
    for (const level of events['app:notice'].shape.level.options) expect(exists(`notices.levels.${level}`), level).toBe(true);
  });
});

describe('keys used in the renderer source', () => {
  const requested = sourceFiles(rendererSourceDir, ['.ts', '.tsx']).flatMap((file) =>
    findTranslationCalls(file, readSource(file)),
  );

  /**
   * Keys built from a template, and every value the template can take. A new family must be added here,
   * which makes its author list the values — so none can be missing from the catalogues.
   */
  const families: Record<string, readonly string[]> = {
    'errors.': errorCodes.map((code) => `errors.${code}`),
    'settings.keys.': settingKeys.flatMap((key) => [`settings.keys.${key}.label`, `settings.keys.${key}.hint`]),
    'settings.source.': settingSources.map((source) => `settings.source.${source}`),
    'settings.groups.': settingGroups.map((group) => `settings.groups.${group}`),
    'line.': ['unknown', 'notConfigured', 'notRegistered', 'connecting', 'registering', 'registered', 'reconnecting', 'failed'].map(
      (state) => `line.${state}`,
    ),
    'softphone.registrationReason.': registrationReasons.map((reason) => `softphone.registrationReason.${reason}`),
    'call.state.': callStates.map((state) => `call.state.${state}`),
    'locale.names.': locales.map((locale) => `locale.names.${locale}`),
    'script.tabs.': ['script', 'knowledge'].map((tab) => `script.tabs.${tab}`),
    'keys.': shortcuts.flatMap((shortcut) => shortcut.keys.map((key) => `keys.${key}`)),
    'shortcuts.actions.': shortcuts.map((shortcut) => `shortcuts.actions.${shortcut.id}`),
    'notices.levels.': events['app:notice'].shape.level.options.map((level) => `notices.levels.${level}`),
    'about.modes.': ['electron', 'host'].map((mode) => `about.modes.${mode}`),
    'audio.missing.': ['microphone', 'headsetOutput', 'ringerOutput'].map((role) => `audio.missing.${role}`),
  };
  /** Keys passed through a variable, with where their values come from. */
  const dynamic: Record<string, readonly string[]> = {
    'option.label': Object.values(settingEditors).flatMap((editor) =>
      editor.kind === 'choice' ? editor.options.map((o) => o.label) : [],
    ),
  };

  it('finds t() calls to check', () => {
    expect(requested.filter((r) => r.kind === 'literal').length).toBeGreaterThan(40);
  });

  it('asks only for keys that exist', () => {
    const missing = requested
      .filter((r): r is Extract<RequestedKey, { kind: 'literal' }> => r.kind === 'literal')
      .filter((r) => !exists(r.key))
      .map((r) => `${r.key} (${r.where})`);
    expect(missing).toEqual([]);
  });

  it('builds keys only from known families, all of whose members exist', () => {
    const unknownTemplates = requested
      .filter((r): r is Extract<RequestedKey, { kind: 'template' }> => r.kind === 'template')
      .filter((r) => !Object.hasOwn(families, r.prefix))
      .map((r) => `${r.template} (${r.where})`);
    expect(unknownTemplates).toEqual([]);
    const unknownDynamic = requested
      .filter((r): r is Extract<RequestedKey, { kind: 'dynamic' }> => r.kind === 'dynamic')
      .filter((r) => !Object.hasOwn(dynamic, r.expression))
      .map((r) => `${r.expression} (${r.where})`);
    expect(unknownDynamic).toEqual([]);
    const missing = [...Object.values(families), ...Object.values(dynamic)].flat().filter((key) => !exists(key));
    expect(missing).toEqual([]);
  });

  it('scanner sees literal, conditional, template and dynamic keys', () => {
    const found = findTranslationCalls(
      'fixture.tsx',
      "t('a.b'); i18n.t(ok ? 'c.d' : 'e.f'); t(`errors.${code}`); t(label); other('x.y');",
    ).map((r) => (r.kind === 'literal' ? r.key : r.kind === 'template' ? r.prefix : `(${r.expression})`));
    expect(found).toEqual(['a.b', 'c.d', 'e.f', 'errors.', '(label)']);
  });
});
