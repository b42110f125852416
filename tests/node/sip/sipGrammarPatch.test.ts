// The bundles' patch of sip.js's header parser (build/sipGrammarPatch.mjs: bytecode decoded once instead of on
// every parse) applies to the installed sip.js and changes no result: every header line of the RFC 4475
// torture messages and of the naughty strings, parsed from every start rule sip.js uses, comes out the same
// — values, errors and all — from the original and the patched parser, call after call.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type Plugin } from 'esbuild';
// @ts-expect-error -- a build script in plain JavaScript, without type declarations
import { hoistPegBytecode, sipGrammarFile, sipGrammarPlugin } from '../../../build/sipGrammarPatch.mjs';
import { repoRoot, sharedTestdata } from '../../support/paths.js';

type GrammarModule = { parse(input: string, options: { startRule: string; data?: unknown }): unknown };
type Patch = (source: string) => string | undefined;

const grammarDir = join(repoRoot, 'node_modules/sip.js/lib/grammar/pegjs/dist');
const grammarPath = join(grammarDir, 'grammar.js');
const tortureDir = join(sharedTestdata, 'sip-torture');

/** Start rules sip.js's parser and API use (lib/core/messages/parser.js, grammar.js, user-agent code). */
const startRules = [
  'Request_Response',
  'Via',
  'From',
  'To',
  'Contact',
  'Record_Route',
  'Call_ID',
  'CSeq',
  'Content_Length',
  'Content_Type',
  'Max_Forwards',
  'Event',
  'Subscription_State',
  'Supported',
  'Require',
  'Refer_To',
  'Referred_By',
  'Replaces',
  'Session_Expires',
  'Min_SE',
  'WWW_Authenticate',
  'Proxy_Authenticate',
  'Name_Addr_Header',
  'SIP_URI',
  'absoluteURI',
  'sipfrag',
];

let original: GrammarModule;
let patched: GrammarModule;
let tempDir: string;

beforeAll(async () => {
  const source = readFileSync(grammarPath, 'utf8');
  const result = (hoistPegBytecode as Patch)(source);
  if (result === undefined) throw new Error('the patch does not apply to the installed sip.js grammar');
  // The patched copy lives elsewhere: its relative imports (URI, NameAddrHeader) must reach the SAME modules as
  // the original's, or instanceof checks and deep equality would compare different classes.
  const absolute = result.replace(
    /from "(\.\.\/[^"]+)"/g,
    (_match, relative: string) => `from "${pathToFileURL(join(grammarDir, relative)).href}"`,
  );
  tempDir = mkdtempSync(join(tmpdir(), 'agentdesk-grammar-'));
  const patchedPath = join(tempDir, 'grammar.patched.mjs');
  writeFileSync(patchedPath, absolute);
  original = (await import(pathToFileURL(grammarPath).href)) as GrammarModule;
  patched = (await import(pathToFileURL(patchedPath).href)) as GrammarModule;
});

afterAll(() => rmSync(tempDir, { recursive: true, force: true }));

/** What sip.js's Grammar.parse returns: options.data, or -1 when the parser throws. */
function parseWith(grammar: GrammarModule, input: string, startRule: string): unknown {
  const options: { startRule: string; data?: unknown } = { startRule };
  try {
    grammar.parse(input, options);
  } catch {
    options.data = -1;
  }
  return options.data;
}

function headerInputs(): string[] {
  const manifest = JSON.parse(readFileSync(join(tortureDir, 'manifest.json'), 'utf8')) as { file: string }[];
  const inputs = new Set<string>();
  for (const { file } of manifest) {
    const text = readFileSync(join(tortureDir, file), 'latin1');
    const [head] = text.split(/\r?\n\r?\n/);
    const lines = (head ?? '').split(/\r?\n/);
    inputs.add(`${lines[0] ?? ''}\r\n`); // the start line, as the Request_Response rule reads it
    for (const line of lines.slice(1)) {
      const colon = line.indexOf(':');
      if (colon > 0) inputs.add(line.slice(colon + 1).trim());
    }
  }
  const naughty = JSON.parse(readFileSync(join(sharedTestdata, 'naughty-strings', 'blns.json'), 'utf8')) as string[];
  // As display names and user parts: where hostile text meets the parser in a real From/To/Contact.
  for (const text of naughty) inputs.add(`"${text}" <sip:${encodeURIComponent(text)}@lab.test>;tag=x`);
  return [...inputs];
}

describe('the bundles’ sip.js grammar patch', () => {
  it('applies to the installed sip.js, and only to its grammar file', () => {
    expect((sipGrammarFile as RegExp).test(grammarPath)).toBe(true);
    expect((sipGrammarFile as RegExp).test(join(repoRoot, 'node_modules/sip.js/lib/grammar/grammar.js'))).toBe(false);
    expect((hoistPegBytecode as Patch)('export const parse = () => 1;')).toBeUndefined();
  });

  it('is what esbuild bundles when it meets sip.js (the plugin’s filter matches the resolved path)', async () => {
    const bundled = await build({
      stdin: { contents: "export { Grammar } from 'sip.js/lib/grammar/grammar.js';", resolveDir: repoRoot, loader: 'js' },
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'node',
      logLevel: 'silent',
      plugins: [(sipGrammarPlugin as () => Plugin)()],
    });
    expect(bundled.warnings).toEqual([]);
    expect(bundled.outputFiles[0]!.text).toContain('const peg$bytecode = peg$bytecodeOnce;');
  });

  it('parses every torture-message header and naughty string exactly as the original, twice over', () => {
    const inputs = headerInputs();
    expect(inputs.length).toBeGreaterThan(500);
    let parsed = 0;
    for (const input of inputs) {
      for (const rule of startRules) {
        const expected = parseWith(original, input, rule);
        expect(parseWith(patched, input, rule), `${rule}: ${JSON.stringify(input).slice(0, 120)}`).toEqual(expected);
        if (expected !== -1) parsed++;
      }
    }
    // Repeated calls share the hoisted table: a parse must not leave anything behind for the next one.
    for (const input of inputs.slice(0, 50))
      for (const rule of startRules) expect(parseWith(patched, input, rule)).toEqual(parseWith(original, input, rule));
    expect(parsed).toBeGreaterThan(300); // most inputs parse under some rule: the comparison is not all errors
  }, 120_000); // ~50k parses by the unpatched parser: ~10 s on a quiet machine, more on a loaded one
});
