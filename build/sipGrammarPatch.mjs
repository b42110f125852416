// Build time: makes sip.js's SIP header parser about 5x cheaper per call in the bundles (main, CLI/host).
//
// sip.js 0.21 parses headers with a peggy-generated parser (lib/grammar/pegjs/dist/grammar.js) whose
// `peg$parse` rebuilds its whole bytecode table — about 230 strings split and mapped into arrays — on EVERY
// call, and a SIP message needs one call per header it reads: ~4 ms of main-process CPU per INVITE, NOTIFY
// or OPTIONS here. The bytecode is pure data (no closure over the parse's state), so this moves its decoding
// into a module-level table built once. The constants next to it stay per call: they hold the grammar's
// actions, which close over the parse's state.
//
// `hoistPegBytecode(source)` returns the patched source, or undefined when the generated code does not have
// the expected shape (another sip.js version): the bundle then keeps sip.js as it is and says so.
// tests/node/sip/sipGrammarPatch.test.ts proves the patch applies to the installed sip.js and parses every
// header of the RFC 4475 torture messages exactly as the original does.

export const sipGrammarFile = /node_modules[\\/]sip\.js[\\/]lib[\\/]grammar[\\/]pegjs[\\/]dist[\\/]grammar\.js$/;

const parseFunction = 'function peg$parse(input, options) {';
const bytecodeStart = '\n    const peg$bytecode = [\n';
const bytecodeEnd = '\n    ];\n';
const decodeFunction =
  /\n {4}function peg\$decode\(s\) \{\n {8}return s\.split\(""\)\.map\(\(ch\) => ch\.charCodeAt\(0\) - 32\);\n {4}\}\n/;

/** The patched grammar source, or undefined when `source` is not the generated code this expects. */
export function hoistPegBytecode(source) {
  const parseAt = source.indexOf(parseFunction);
  const start = source.indexOf(bytecodeStart, parseAt);
  const end = start < 0 ? -1 : source.indexOf(bytecodeEnd, start);
  if (parseAt < 0 || start < 0 || end < 0 || !decodeFunction.test(source)) return undefined;
  const table = source.slice(start + bytecodeStart.length, end);
  // The entries must be nothing but peg$decode("…") calls: anything else might depend on the parse's state.
  const entries = table.split(',\n').map((entry) => entry.trim());
  if (entries.length === 0 || !entries.every((entry) => /^peg\$decode\(".*"\)$/s.test(entry))) return undefined;

  const hoisted = [
    '// Hoisted by build/sipGrammarPatch.mjs: the bytecode is decoded once, not on every parse.',
    'function peg$decodeOnce(s) {',
    '    return s.split("").map((ch) => ch.charCodeAt(0) - 32);',
    '}',
    `const peg$bytecodeOnce = [\n${table.replaceAll('peg$decode(', 'peg$decodeOnce(')}\n];`,
    '',
  ].join('\n');
  // Split/join instead of String.replace: the bytecode strings hold `$'` and `$&`, which replace() would expand.
  return (
    source.slice(0, parseAt) +
    hoisted +
    source.slice(parseAt, start) +
    '\n    const peg$bytecode = peg$bytecodeOnce;\n' +
    source.slice(end + bytecodeEnd.length)
  );
}

/** esbuild plugin: applies hoistPegBytecode to sip.js's grammar while bundling; warns if it cannot. */
export function sipGrammarPlugin() {
  return {
    name: 'sip-grammar-bytecode-once',
    setup(bundler) {
      bundler.onLoad({ filter: sipGrammarFile }, async (args) => {
        const { readFile } = await import('node:fs/promises');
        const source = await readFile(args.path, 'utf8');
        const patched = hoistPegBytecode(source);
        if (patched === undefined) {
          return {
            contents: source,
            loader: 'js',
            warnings: [
              { text: 'sip.js grammar has an unexpected shape: its bytecode is decoded on every parse (slower SIP parsing)' },
            ],
          };
        }
        return { contents: patched, loader: 'js' };
      });
    },
  };
}
