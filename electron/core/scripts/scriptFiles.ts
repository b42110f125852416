// Reading one script (or rules) file: size and encoding checks, JSON or YAML parsing, validation against the
// script format, and every problem reported with the file, the path inside it and the line. Plain Node (core).
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { formatProblemPath, scriptLimits } from '../../shared/callScript.js';

/** One problem in one file. `path` is inside the file ('steps[3].next'); `line` is 1-based when known. */
export interface ScriptFileProblem {
  file: string;
  path: string;
  line?: number;
  message: string;
}

export type ParsedFile<T> =
  | { ok: true; value: T; bytes: Buffer; hash: string; locate: (path: readonly PropertyKey[]) => number | undefined }
  | { ok: false; problems: ScriptFileProblem[] };

export const scriptFileExtensions = ['.yaml', '.yml', '.json'] as const;

export function isScriptFileName(name: string): boolean {
  return !name.startsWith('.') && (scriptFileExtensions as readonly string[]).includes(extname(name).toLowerCase());
}

export function sha256(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads `path` (shown as `name` in problems) and validates it with `schema`. JSON files are parsed strictly
 * with JSON.parse; YAML with the `yaml` package (duplicate keys refused, alias bombs capped). Both are also read
 * as a YAML document to find the line of a path, since JSON is YAML's flow syntax.
 */
export async function readScriptFile<S extends z.ZodType>(
  path: string,
  name: string,
  schema: S,
): Promise<ParsedFile<z.output<S>>> {
  const problem = (message: string, line?: number, at = ''): ParsedFile<never> => ({
    ok: false,
    problems: [{ file: name, path: at, ...(line === undefined ? {} : { line }), message }],
  });
  const size = (await stat(path)).size;
  if (size > scriptLimits.fileBytes)
    return problem(`the file is ${size} bytes; a script file may have at most ${scriptLimits.fileBytes}`);
  const bytes = await readFile(path);
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return problem('the file is not UTF-8 text');
  }
  if (text.startsWith('\uFEFF')) text = text.slice(1);

  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const lineAt = (offset: number) => lineCounter.linePos(offset).line;

  let raw: unknown;
  if (extname(name).toLowerCase() === '.json') {
    try {
      raw = JSON.parse(text);
    } catch (error) {
      const message = (error as Error).message;
      const position = /position (\d+)/.exec(message);
      const yamlError = document.errors[0];
      const line = position ? lineAt(Number(position[1])) : yamlError ? lineAt(yamlError.pos[0]) : undefined;
      return problem(`JSON syntax error: ${message}`, line);
    }
  } else {
    const syntax = document.errors[0];
    if (syntax) return problem(`YAML syntax error: ${firstLine(syntax.message)}`, lineAt(syntax.pos[0]));
    try {
      raw = document.toJS({ maxAliasCount: 100 });
    } catch (error) {
      return problem(`YAML error: ${firstLine((error as Error).message)}`);
    }
  }

  const locate = (at: readonly PropertyKey[]) => locateLine(document, lineCounter, at);
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.slice(0, 50).map((issue) => {
        const line = locate(issue.path);
        return {
          file: name,
          path: formatProblemPath(issue.path),
          ...(line === undefined ? {} : { line }),
          message: issue.message,
        };
      }),
    };
  }
  return { ok: true, value: parsed.data as z.output<S>, bytes, hash: sha256(bytes), locate };
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.trim();
}

/** The line of the node at `path`, or of its closest existing parent (a missing key is reported on its object). */
function locateLine(document: Document, lineCounter: LineCounter, path: readonly PropertyKey[]): number | undefined {
  if (document.errors.length > 0) return undefined;
  for (let length = path.length; length >= 0; length--) {
    const keys = path.slice(0, length).map((part) => (typeof part === 'symbol' ? String(part) : part));
    const node = length === 0 ? document.contents : document.getIn(keys, true);
    const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
    if (range) return lineCounter.linePos(range[0]).line;
  }
  return undefined;
}
