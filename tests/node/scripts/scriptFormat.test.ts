// The call-script format through the real import: bad files (missing targets, loops, unknown variables, YAML and
// JSON syntax errors, …) are refused with file, path, line and reason, and one bad file imports nothing.
// The demo scripts are valid. Real files in temp dirs, a real SQLite file.
import { readdirSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ScriptDirectoryError } from '../../../electron/core/scripts/scriptImport.js';
import {
  checkStepGraph,
  fillTemplate,
  fillTemplateText,
  parseTemplate,
  scriptFileSchema,
} from '../../../electron/shared/callScript.js';
import { useTempDirs } from '../../support/tempDir.js';
import { demoScriptsDir, importDir, openScriptDatabase, simpleScript, writeScriptDir } from './scriptTestSupport.js';

const tempDir = useTempDirs();
let root: string;
let store: ReturnType<typeof openScriptDatabase>;

beforeEach(() => {
  root = tempDir();
  store = openScriptDatabase(root);
});
afterEach(() => store.database.close());

/** Imports one directory of files and returns its errors (nothing may have been written). */
async function errorsOf(files: Record<string, string | Buffer>) {
  const summary = await importDir(store.repository, writeScriptDir(root, `case-${Math.random().toString(36).slice(2)}`, files));
  expect(summary.written).toBe(false);
  expect(store.count('call_scripts')).toBe(0);
  return summary.errors;
}

describe('script files that are refused', () => {
  it('a next or branch target that does not exist, with its path and line', async () => {
    const text = simpleScript('a').replace('    ifNo: sorry', '    ifNo: sory');
    expect(await errorsOf({ 'a.yaml': text })).toEqual([
      expect.objectContaining({ file: 'a.yaml', path: 'steps[1].ifNo', line: 12, message: 'there is no step "sory"' }),
    ]);
    const json = JSON.stringify(
      {
        key: 'j',
        name: 'J',
        language: 'en',
        steps: [
          {
            id: 'ask',
            kind: 'question',
            text: 'Which?',
            answer: 'choice',
            options: [
              { value: 'a', label: 'A', next: 'nowhere' },
              { value: 'b', label: 'B' },
            ],
          },
          { id: 'done', kind: 'end' },
        ],
      },
      null,
      2,
    );
    expect(await errorsOf({ 'j.json': json })).toEqual([
      expect.objectContaining({
        file: 'j.json',
        path: 'steps[0].options[0].next',
        line: 15,
        message: 'there is no step "nowhere"',
      }),
    ]);
  });

  it('a loop of say/show/suggest steps without a question; a loop through a question is fine', async () => {
    const looping = [
      'key: loop',
      'name: Loop',
      'language: tr',
      'steps:',
      '  - { id: one, kind: say, text: "Bir" }',
      '  - { id: two, kind: say, text: "İki", next: one }',
      '  - { id: done, kind: end }',
    ].join('\n');
    const errors = await errorsOf({ 'loop.yaml': looping });
    expect(errors).toContainEqual(
      expect.objectContaining({
        path: 'steps[0]',
        line: 5,
        message: expect.stringMatching(/"one" → "two" → "one" loop without a question/),
      }),
    );
    expect(errors).toContainEqual(
      expect.objectContaining({ message: 'step "done" can never be reached from the start ("one")' }),
    );

    const throughQuestion = scriptFileSchema.safeParse({
      key: 'ok',
      name: 'OK',
      language: 'en',
      steps: [
        { id: 'one', kind: 'say', text: 'One' },
        { id: 'again', kind: 'question', text: 'Again?', answer: 'yesNo', ifYes: 'one' },
        { id: 'done', kind: 'end' },
      ],
    });
    expect(throughQuestion.success).toBe(true);
  });

  it('a step that can never reach an end, a last step that is not an end, a duplicate id', () => {
    const problems = checkStepGraph({
      steps: [
        { id: 'q', kind: 'question', text: 'x', answer: 'yesNo', required: true, ifYes: 'q', ifNo: 'q' },
        { id: 'end', kind: 'end' },
      ] as never,
    });
    expect(problems.map((p) => p.message)).toEqual([
      'step "end" can never be reached from the start ("q")',
      'from step "q" the script can never reach an end step',
    ]);
    expect(checkStepGraph({ steps: [{ id: 'a', kind: 'say', text: 'x' }] as never }).map((p) => p.message)).toEqual([
      'step "a" is the last one but is not an end step: give it a next step or add an end step',
    ]);
    expect(
      checkStepGraph({
        steps: [
          { id: 'a', kind: 'say', text: 'x' },
          { id: 'a', kind: 'end' },
        ] as never,
      }).map((p) => p.message),
    ).toContain('step id "a" is used twice');
  });

  it('an unknown variable, an unclosed {{, and an empty {{}}', async () => {
    const errors = await errorsOf({ 'v.yaml': simpleScript('v', { greeting: 'Hello {{customer.nmae}} from {{agent.name}}' }) });
    expect(errors).toEqual([
      expect.objectContaining({
        file: 'v.yaml',
        path: 'steps[0].text',
        line: 7,
        message: expect.stringMatching(/^unknown variable "\{\{customer\.nmae\}\}"; known: customer\.name, /),
      }),
    ]);
    expect(parseTemplate('Hi {{customer.name').problems).toEqual(['"{{" at character 4 is never closed with "}}"']);
    expect(parseTemplate('Hi {{ }}').problems).toEqual(['empty variable "{{}}" at character 4']);
  });

  it('a YAML syntax error, with its line', async () => {
    const broken = simpleScript('y').replace('    answer: yesNo', '    answer: [yesNo');
    const errors = await errorsOf({ 'ok.yaml': simpleScript('fine'), 'y.yaml': broken });
    expect(errors).toEqual([expect.objectContaining({ file: 'y.yaml', path: '', line: expect.any(Number) })]);
    expect(errors[0]!.message).toMatch(/^YAML syntax error: /);
    expect(errors[0]!.line).toBeGreaterThanOrEqual(11);
    // Duplicate keys are a syntax error in YAML too (the second would silently win otherwise).
    const duplicate = simpleScript('d').replace('name: Script d', 'name: Script d\nname: Again');
    expect(await errorsOf({ 'd.yml': duplicate })).toEqual([
      expect.objectContaining({ file: 'd.yml', line: 3, message: 'YAML syntax error: Map keys must be unique' }),
    ]);
  });

  it('a JSON syntax error, with its line', async () => {
    const errors = await errorsOf({ 'bad.json': '{\n  "key": "bad",\n  "name": "Bad",\n}\n' });
    expect(errors).toEqual([
      expect.objectContaining({ file: 'bad.json', line: 4, message: expect.stringMatching(/^JSON syntax error: /) }),
    ]);
  });

  it('shape problems: unknown kind, too many choices, show with both item and article, unknown field', async () => {
    const options = Array.from({ length: 10 }, (_, i) => `      - { value: o${i}, label: Option ${i} }`).join('\n');
    const text = [
      'key: shape',
      'name: Shape',
      'language: en',
      'steps:',
      '  - { id: a, kind: shout, text: "Hi" }',
      '  - id: b',
      '    kind: question',
      '    text: Pick one',
      '    answer: choice',
      '    options:',
      options,
      '  - { id: c, kind: show, item: TRF-X, article: some-faq }',
      '  - { id: d, kind: end, colour: red }',
    ].join('\n');
    const errors = await errorsOf({ 'shape.yaml': text });
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'steps[0].kind', line: 5, message: 'kind must be say, question, show, suggest or end' }),
        expect.objectContaining({ path: 'steps[1].options', message: 'at most 9 options: they are chosen with the keys 1–9' }),
        expect.objectContaining({
          path: 'steps[2]',
          line: 21,
          message: expect.stringMatching(/exactly one of item .* or article/),
        }),
        expect.objectContaining({ path: 'steps[3]', message: expect.stringMatching(/Unrecognized key: "colour"/) }),
      ]),
    );
  });

  it('a disposition or sub-code the desk does not have', async () => {
    const text = simpleScript('s')
      .replace('    disposition: complaint', '    disposition: compliant')
      .replace(
        '  - id: bye\n',
        '  - { id: sub, kind: suggest, disposition: complaint, subcode: roaming, next: bye }\n  - id: bye\n',
      );
    const errors = await errorsOf({ 's.yaml': text.replace('    ifNo: sorry', '    ifNo: sorry\n    ifYes: sub') });
    expect(errors.map((e) => [e.path, e.message])).toEqual([
      ['steps[2].subcode', '"roaming" is not a sub-code of "complaint"'],
      ['steps[4].disposition', '"compliant" is not a disposition code (workflow.dispositions)'],
    ]);
  });

  it('files too large or not UTF-8; keys used twice; rules naming an unknown script; two scripts claiming one rule', async () => {
    expect(await errorsOf({ 'big.yaml': `# ${'x'.repeat(300_000)}\n${simpleScript('big')}` })).toEqual([
      expect.objectContaining({ file: 'big.yaml', message: expect.stringMatching(/at most 262144/) }),
    ]);
    expect(await errorsOf({ 'latin1.yaml': Buffer.from(simpleScript('l').replace('Hello', 'Günaydın'), 'latin1') })).toEqual([
      expect.objectContaining({ file: 'latin1.yaml', message: 'the file is not UTF-8 text' }),
    ]);
    expect(await errorsOf({ 'a.yaml': simpleScript('same'), 'b.yaml': simpleScript('same') })).toEqual([
      expect.objectContaining({ file: 'b.yaml', path: 'key', line: 1, message: 'key "same" is also used by a.yaml' }),
    ]);
    expect(
      await errorsOf({
        'a.yaml': simpleScript('a'),
        'rules.yaml': 'rules:\n  - script: a\n    inboundDefault: true\n  - script: ghost\n    queues: [x]\n',
      }),
    ).toEqual([
      expect.objectContaining({
        file: 'rules.yaml',
        path: 'rules[1].script',
        line: 4,
        message: 'no script with key "ghost" in this directory',
      }),
    ]);
    const claims = await errorsOf({
      'a.yaml': simpleScript('a', { extra: 'choose: { dialledNumbers: ["0850 222 00 05"] }' }),
      'b.yaml': simpleScript('b', { extra: 'choose: { dialledNumbers: ["+90 850 222 0005"] }' }),
      'c.yaml': simpleScript('c', { language: 'tr', extra: 'choose: { dialledNumbers: ["08502220005"] }' }),
    });
    expect(claims).toEqual([
      expect.objectContaining({
        file: 'b.yaml',
        path: 'choose',
        message: 'dialled number +908502220005 in en is also claimed by a.yaml ("a")',
      }),
    ]);
  });

  it('a directory that cannot be imported at all', async () => {
    await expect(importDir(store.repository, writeScriptDir(root, 'empty', { 'notes.txt': 'hi' }))).rejects.toThrow(
      ScriptDirectoryError,
    );
    await expect(importDir(store.repository, `${root}/missing`)).rejects.toThrow(/cannot read .*ENOENT/);
  });
});

describe('the demo scripts', () => {
  it('are all valid, in Turkish and English, JSON and YAML, with a rules file', async () => {
    const summary = await importDir(store.repository, demoScriptsDir);
    expect(summary.errors).toEqual([]);
    expect(summary.rulesFile).toBe('rules.yaml');
    expect(summary.files.map((f) => [f.key, f.language, f.status])).toEqual([
      ['complaint-intake-en', 'en', 'imported'],
      ['complaint-intake-tr', 'tr', 'imported'],
      ['inbound-service-en', 'en', 'imported'],
      ['inbound-service-tr', 'tr', 'imported'],
      ['telesales-offer-en', 'en', 'imported'],
      ['telesales-offer-tr', 'tr', 'imported'],
    ]);
    expect(readdirSync(demoScriptsDir).filter((name) => name.endsWith('.json'))).toEqual(['telesales-offer-en.json']);
  });
});

describe('filling in variables', () => {
  it('is plain text in one pass, with missing values as placeholders, never "undefined"', () => {
    const values = { 'customer.name': '<b>{{agent.name}}</b>', 'agent.name': 'Ayşe', 'customer.tariff': '   ' };
    expect(
      fillTemplateText('Hi {{customer.name}}, I am {{ agent.name }}; tariff {{customer.tariff}} {{customer.city}}', values),
    ).toBe('Hi <b>{{agent.name}}</b>, I am Ayşe; tariff [customer.tariff] [customer.city]');
    expect(fillTemplate('{{customer.city}}!', {})).toEqual([
      { kind: 'missing', variable: 'customer.city' },
      { kind: 'text', text: '!' },
    ]);
    // Controls, bidi overrides and line breaks in a value never reach the screen; long values are capped.
    expect(fillTemplateText('{{customer.name}}', { 'customer.name': 'Ali\u202Eilа\nVeli\u0000' })).toBe('Ali ilа Veli');
    expect(fillTemplateText('{{customer.name}}', { 'customer.name': 'x'.repeat(500) })).toHaveLength(200);
  });
});
