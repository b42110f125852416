// Test support: static scans of the renderer's source with the TypeScript compiler API (no regexes).
//  - findUntranslatedJsx: literal visible text in JSX (text nodes, {'strings'}, aria-label/title/… values)
//  - findTranslationCalls: every t(…) call and the catalogue keys it can ask for
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, URL as NodeURL } from 'node:url';
import ts from 'typescript';

// Node's URL on purpose: under happy-dom the global URL is the DOM one, which mangles file: URLs.
export const rendererSourceDir = fileURLToPath(new NodeURL('../../../renderer/src/', import.meta.url));

export function sourceFiles(dir: string, extensions: readonly string[]): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...sourceFiles(path, extensions));
    else if (extensions.some((ext) => entry.name.endsWith(ext)) && !entry.name.endsWith('.d.ts')) found.push(path);
  }
  return found.sort();
}

export interface Finding {
  where: string; // file:line:column
  text: string;
  /** The attribute or prop carrying the text; absent for JSX children. */
  attribute?: string;
}

/** Text a person reads: it has a letter or a digit. Punctuation such as "+" or "·" between t() parts is fine. */
function isVisibleText(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text);
}

/** Attributes of HTML/SVG elements whose value is read by people or announced by screen readers. */
const textAttributes = new Set([
  'aria-label',
  'aria-description',
  'aria-roledescription',
  'aria-valuetext',
  'aria-placeholder',
  'title',
  'placeholder',
  'alt',
  'label',
]);
/** Props of our components that end up as visible text or accessible names (Region name, Dialog title, …). */
const componentTextProps = new Set([...textAttributes, 'name', 'text', 'heading', 'message', 'description']);

/** The string literals an expression can evaluate to and render, ignoring calls (t(), formatters). */
function renderableLiterals(node: ts.Expression): { text: string; node: ts.Node }[] {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return [{ text: node.text, node }];
  if (ts.isTemplateExpression(node)) {
    return [node.head, ...node.templateSpans.map((span) => span.literal)].map((part) => ({ text: part.text, node: part }));
  }
  if (
    ts.isParenthesizedExpression(node) ||
    ts.isAsExpression(node) ||
    ts.isSatisfiesExpression(node) ||
    ts.isNonNullExpression(node)
  ) {
    return renderableLiterals(node.expression);
  }
  if (ts.isConditionalExpression(node)) return [...renderableLiterals(node.whenTrue), ...renderableLiterals(node.whenFalse)];
  if (ts.isBinaryExpression(node)) {
    const op = node.operatorToken.kind;
    if (op === ts.SyntaxKind.AmpersandAmpersandToken || op === ts.SyntaxKind.CommaToken) return renderableLiterals(node.right);
    if (op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.PlusToken) {
      return [...renderableLiterals(node.left), ...renderableLiterals(node.right)];
    }
    return [];
  }
  if (ts.isArrayLiteralExpression(node)) {
    return node.elements.flatMap((element) => (ts.isExpression(element) ? renderableLiterals(element) : []));
  }
  return [];
}

function isComponentTag(tag: ts.JsxTagNameExpression): boolean {
  const name = tag.getText();
  return /^[A-Z]/.test(name) || name.includes('.');
}

export function findUntranslatedJsx(fileName: string, source: string): Finding[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const findings: Finding[] = [];
  const where = (node: ts.Node) => {
    const { line, character } = file.getLineAndCharacterOfPosition(node.getStart(file));
    return `${fileName}:${line + 1}:${character + 1}`;
  };
  const report = (node: ts.Node, text: string, attribute?: string) => {
    if (isVisibleText(text))
      findings.push(attribute ? { where: where(node), text: text.trim(), attribute } : { where: where(node), text: text.trim() });
  };

  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node)) {
      report(node, node.text);
    } else if (ts.isJsxExpression(node) && node.expression && (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent))) {
      for (const literal of renderableLiterals(node.expression)) report(literal.node, literal.text);
    } else if (ts.isJsxAttribute(node) && node.initializer) {
      const name = node.name.getText(file);
      const element = node.parent.parent; // JsxAttributes → JsxOpeningElement | JsxSelfClosingElement
      const checked = isComponentTag(element.tagName) ? componentTextProps : textAttributes;
      if (checked.has(name)) {
        if (ts.isStringLiteral(node.initializer)) report(node.initializer, node.initializer.text, name);
        else if (ts.isJsxExpression(node.initializer) && node.initializer.expression) {
          for (const literal of renderableLiterals(node.initializer.expression)) report(literal.node, literal.text, name);
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return findings;
}

/**
 * JSX attributes the CSP or our safety rules forbid: `style` (style-src 'self' has no 'unsafe-inline')
 * and `dangerouslySetInnerHTML` (caller-provided text is rendered as text, always).
 */
export function findForbiddenJsxAttributes(fileName: string, source: string): Finding[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const findings: Finding[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isJsxAttribute(node)) {
      const name = node.name.getText(file);
      if (name === 'style' || name === 'dangerouslySetInnerHTML') {
        const { line, character } = file.getLineAndCharacterOfPosition(node.getStart(file));
        findings.push({ where: `${fileName}:${line + 1}:${character + 1}`, text: node.getText(file), attribute: name });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return findings;
}

export type RequestedKey =
  | { kind: 'literal'; key: string; where: string }
  /** A template such as `errors.${code}`: `prefix` is the text before the first substitution. */
  | { kind: 'template'; template: string; prefix: string; where: string }
  /** Anything else (a variable holding a key); listed so a test can account for each one. */
  | { kind: 'dynamic'; expression: string; where: string };

function keysOf(node: ts.Expression, where: string, file: ts.SourceFile): RequestedKey[] {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return [{ kind: 'literal', key: node.text, where }];
  if (ts.isTemplateExpression(node)) return [{ kind: 'template', template: node.getText(file), prefix: node.head.text, where }];
  if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node)) return keysOf(node.expression, where, file);
  if (ts.isConditionalExpression(node)) return [...keysOf(node.whenTrue, where, file), ...keysOf(node.whenFalse, where, file)];
  return [{ kind: 'dynamic', expression: node.getText(file), where }];
}

/** Every key requested from i18next with `t(…)` or `something.t(…)` in `source`. */
export function findTranslationCalls(fileName: string, source: string): RequestedKey[] {
  const kind = fileName.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, kind);
  const keys: RequestedKey[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const isT =
        (ts.isIdentifier(callee) && callee.text === 't') || (ts.isPropertyAccessExpression(callee) && callee.name.text === 't');
      const first = node.arguments[0];
      if (isT && first) {
        const { line, character } = file.getLineAndCharacterOfPosition(node.getStart(file));
        keys.push(...keysOf(first, `${fileName}:${line + 1}:${character + 1}`, file));
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return keys;
}

export function relativeToRenderer(path: string): string {
  return relative(rendererSourceDir, path);
}

export function readSource(path: string): string {
  return readFileSync(path, 'utf8');
}
