// `agentdesk import scripts DIR`: every script file of a directory (plus its rules file) validated, then all
// imported in one transaction or none. Versioned by source hash: the same file again changes nothing, a changed
// file becomes a new active version and the older versions stay, inactive, for the calls that followed them.
// Plain Node (core).
import { readdir, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import type { CallScriptRepository } from '../../../db/repositories/callScripts.js';
import { newId } from '../../../db/ids.js';
import {
  formatProblemPath,
  scriptDefinitionSchema,
  scriptFileSchema,
  scriptLimits,
  scriptRulesFileSchema,
  type ScriptChoice,
  type ScriptDefinition,
  type ScriptFile,
} from '../../shared/callScript.js';
import type { Disposition } from '../../shared/workflow.js';
import type { CountryCode } from '../phone/index.js';
import { claimedRules, mergeChoices } from './scriptChoice.js';
import { isScriptFileName, readScriptFile, sha256, type ScriptFileProblem } from './scriptFiles.js';

export interface ScriptImportOptions {
  /** The workflow.dispositions setting: a suggest step must name one of them. */
  dispositions: readonly Disposition[];
  /** For reading the dialled numbers of the rules (phone.defaultCountry). */
  defaultCountry: CountryCode;
  now: number;
  /** Check everything and report what would change; write nothing. */
  dryRun?: boolean;
}

export interface ScriptImportFileResult {
  file: string;
  key: string;
  name: string;
  language: string;
  /** imported: a new version (or, in a dry run, would be); unchanged: that exact version is already there. */
  status: 'imported' | 'unchanged';
  version: number;
  /** The version's id (call_scripts.id); null in a dry run for a version not written. */
  id: string | null;
}

export interface ScriptImportSummary {
  directory: string;
  dryRun: boolean;
  /** True when the import was written (no errors, not a dry run). */
  written: boolean;
  imported: number;
  unchanged: number;
  /** Older versions switched off by this import. */
  deactivated: number;
  rulesFile: string | null;
  files: ScriptImportFileResult[];
  /** Any error means nothing was written. */
  errors: ScriptFileProblem[];
  /** Worth a look, not blocking: a show step naming a catalogue item or article this desk does not have (yet). */
  warnings: ScriptFileProblem[];
}

/** The directory itself cannot be imported (missing, not a directory, no script files, too many). */
export class ScriptDirectoryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScriptDirectoryError';
  }
}

const isRulesFile = (name: string) => basename(name, extname(name)).toLowerCase() === 'rules';

interface Candidate {
  file: string;
  script: ScriptFile;
  bytes: Buffer;
  locate: (path: readonly PropertyKey[]) => number | undefined;
  rules: ScriptChoice[];
}

export async function importScriptDirectory(
  repository: CallScriptRepository,
  directory: string,
  options: ScriptImportOptions,
): Promise<ScriptImportSummary> {
  let names: string[];
  try {
    if (!(await stat(directory)).isDirectory()) throw new ScriptDirectoryError(`${directory} is not a directory`);
    names = (await readdir(directory)).filter(isScriptFileName).sort();
  } catch (error) {
    if (error instanceof ScriptDirectoryError) throw error;
    throw new ScriptDirectoryError(
      `cannot read ${directory}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  const rulesNames = names.filter(isRulesFile);
  const scriptNames = names.filter((name) => !isRulesFile(name));
  if (scriptNames.length === 0) throw new ScriptDirectoryError(`${directory} has no script files (*.yaml, *.yml, *.json)`);
  if (scriptNames.length > scriptLimits.filesPerImport)
    throw new ScriptDirectoryError(
      `${directory} has ${scriptNames.length} script files; one import takes at most ${scriptLimits.filesPerImport}`,
    );

  const errors: ScriptFileProblem[] = [];
  const warnings: ScriptFileProblem[] = [];
  const at = (candidate: Pick<Candidate, 'file' | 'locate'>, path: (string | number)[], message: string): ScriptFileProblem => {
    const line = candidate.locate(path);
    return { file: candidate.file, path: formatProblemPath(path), ...(line === undefined ? {} : { line }), message };
  };

  if (rulesNames.length > 1) errors.push({ file: rulesNames.join(', '), path: '', message: 'only one rules file per directory' });

  const candidates: Candidate[] = [];
  for (const name of scriptNames) {
    const parsed = await readScriptFile(join(directory, name), name, scriptFileSchema);
    if (!parsed.ok) errors.push(...parsed.problems);
    else candidates.push({ file: name, script: parsed.value, bytes: parsed.bytes, locate: parsed.locate, rules: [] });
  }

  // Keys are unique within an import: two files for one key would make its version order arbitrary.
  const byKey = new Map<string, Candidate>();
  for (const candidate of candidates) {
    const first = byKey.get(candidate.script.key);
    if (first) errors.push(at(candidate, ['key'], `key "${candidate.script.key}" is also used by ${first.file}`));
    else byKey.set(candidate.script.key, candidate);
  }

  const rulesName = rulesNames[0];
  if (rulesName !== undefined) {
    const parsed = await readScriptFile(join(directory, rulesName), rulesName, scriptRulesFileSchema);
    if (!parsed.ok) errors.push(...parsed.problems);
    else
      parsed.value.rules.forEach(({ script: key, ...choice }, index) => {
        const target = byKey.get(key);
        if (target) target.rules.push(choice);
        else
          errors.push(
            at(
              { file: rulesName, locate: parsed.locate },
              ['rules', index, 'script'],
              `no script with key "${key}" in this directory`,
            ),
          );
      });
  }

  // Suggested dispositions must exist in the workflow.dispositions setting; catalogue references should.
  const dispositions = new Map(options.dispositions.map((disposition) => [disposition.code, disposition]));
  const knownItems = new Set(
    repository
      .catalogueItems(candidates.flatMap((c) => c.script.steps.flatMap((s) => (s.kind === 'show' && s.item ? [s.item] : []))))
      .map((item) => item.code),
  );
  const knownArticles = new Set(
    repository
      .articles(candidates.flatMap((c) => c.script.steps.flatMap((s) => (s.kind === 'show' && s.article ? [s.article] : []))))
      .map((article) => article.slug),
  );
  for (const candidate of candidates) {
    candidate.script.steps.forEach((step, index) => {
      if (step.kind === 'suggest') {
        const disposition = dispositions.get(step.disposition);
        if (!disposition)
          errors.push(
            at(
              candidate,
              ['steps', index, 'disposition'],
              `"${step.disposition}" is not a disposition code (workflow.dispositions)`,
            ),
          );
        else if (step.subcode !== undefined && !disposition.subcodes.some((subcode) => subcode.code === step.subcode))
          errors.push(at(candidate, ['steps', index, 'subcode'], `"${step.subcode}" is not a sub-code of "${step.disposition}"`));
      } else if (step.kind === 'show') {
        if (step.item !== undefined && !knownItems.has(step.item))
          warnings.push(at(candidate, ['steps', index, 'item'], `the catalogue has no item "${step.item}" (yet)`));
        if (step.article !== undefined && !knownArticles.has(step.article))
          warnings.push(at(candidate, ['steps', index, 'article'], `the knowledge base has no article "${step.article}" (yet)`));
      }
    });
  }

  // The definitions as stored: the rules file's entries merged into each script's own rules.
  const definitions = new Map<Candidate, ScriptDefinition>();
  const claims = new Map<string, Candidate>();
  for (const candidate of candidates) {
    const choose = mergeChoices(candidate.script.choose, candidate.rules);
    const checked = scriptDefinitionSchema.safeParse({ ...candidate.script, ...(choose ? { choose } : {}) });
    if (!checked.success) {
      for (const issue of checked.error.issues)
        errors.push(at(candidate, issue.path as (string | number)[], `with the rules file: ${issue.message}`));
      continue;
    }
    definitions.set(candidate, checked.data);
    for (const rule of choose ? claimedRules(choose, options.defaultCountry) : []) {
      const claim = `${candidate.script.language.toLowerCase()} ${rule}`;
      const other = claims.get(claim);
      if (other)
        errors.push(
          at(
            candidate,
            ['choose'],
            `${rule} in ${candidate.script.language} is also claimed by ${other.file} ("${other.script.key}")`,
          ),
        );
      else claims.set(claim, candidate);
    }
  }

  // Versions: same source as the latest version → unchanged; otherwise the next number (or the author's, if higher).
  const plans: { candidate: Candidate; definition: ScriptDefinition; hash: string; version: number; existingId?: string }[] = [];
  for (const [candidate, definition] of definitions) {
    const hash =
      candidate.rules.length === 0
        ? sha256(candidate.bytes)
        : sha256(Buffer.concat([candidate.bytes, Buffer.from(`\n${JSON.stringify(candidate.rules)}`)]));
    const latest = repository.latest(definition.key);
    if (latest && latest.sourceHash === hash) {
      plans.push({ candidate, definition, hash, version: latest.version, existingId: latest.id });
      continue;
    }
    const wanted = definition.version;
    if (latest && wanted !== undefined && wanted <= latest.version) {
      errors.push(
        at(
          candidate,
          ['version'],
          `version ${wanted} is not above the imported version ${latest.version}: raise it, or leave version out`,
        ),
      );
      continue;
    }
    plans.push({ candidate, definition, hash, version: wanted ?? (latest ? latest.version + 1 : 1) });
  }

  const summary: ScriptImportSummary = {
    directory,
    dryRun: options.dryRun === true,
    written: false,
    imported: 0,
    unchanged: 0,
    deactivated: 0,
    rulesFile: rulesName ?? null,
    files: [],
    errors,
    warnings,
  };
  if (errors.length > 0) return summary;

  const write = !summary.dryRun;
  const apply = () => {
    for (const plan of plans.sort((a, b) => a.candidate.file.localeCompare(b.candidate.file))) {
      const { definition } = plan;
      const base = { file: plan.candidate.file, key: definition.key, name: definition.name, language: definition.language };
      if (plan.existingId !== undefined) {
        summary.unchanged++;
        summary.files.push({ ...base, status: 'unchanged', version: plan.version, id: plan.existingId });
        continue;
      }
      summary.imported++;
      let id: string | null = null;
      if (write) {
        id = newId();
        summary.deactivated += repository.insertVersion(
          {
            id,
            key: definition.key,
            version: plan.version,
            name: definition.name,
            language: definition.language,
            definition,
            sourceHash: plan.hash,
          },
          options.now,
        ).length;
      }
      summary.files.push({ ...base, status: 'imported', version: plan.version, id });
    }
  };
  if (write) repository.transaction(apply);
  else apply();
  summary.written = write;
  return summary;
}
