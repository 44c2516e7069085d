import { readFileSync } from 'node:fs';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import type { core as zodCore } from 'zod';
import { ToolError, type ToolErrorCode, type ToolProblem } from '../errors.js';

/** A parsed JSON or YAML file that can say on which line any value sits. */
export interface StructuredFile {
  source: string;
  data: unknown;
  /** 1-based line of the value (or, for a missing or unknown key, of its parent) at `path`. */
  lineOf(path: readonly PropertyKey[]): number | undefined;
}

/**
 * Parses JSON or YAML text with line information. JSON is parsed by the YAML parser too (YAML
 * 1.2 contains JSON), so both get the same line-accurate messages. Duplicate keys and alias
 * bombs are refused by the parser.
 */
export function parseStructured(text: string, source: string, code: ToolErrorCode): StructuredFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const problems: ToolProblem[] = doc.errors.map((e) => ({
      source,
      path: '',
      line: lineCounter.linePos(e.pos[0]).line,
      message: `not valid YAML/JSON: ${e.message}`,
    }));
    throw new ToolError(code, `${source} cannot be parsed`, problems);
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    throw new ToolError(code, `${source} cannot be parsed`, [
      { source, path: '', message: `not valid YAML/JSON: ${(err as Error).message}` },
    ]);
  }
  const lineOf = (path: readonly PropertyKey[]) => {
    const offset = offsetAt(doc.contents, path);
    return offset === undefined ? undefined : lineCounter.linePos(offset).line;
  };
  return { source, data, lineOf };
}

/** Reads and parses a file; a missing or unreadable file is a problem of that file. */
export function readStructuredFile(path: string, code: ToolErrorCode): StructuredFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const reason =
      (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message;
    throw new ToolError(code, `${path} cannot be read`, [
      { source: path, path: '', message: reason },
    ]);
  }
  return parseStructured(text, path, code);
}

/** Offset of the deepest node on the path; a key's own position when the path ends at a key. */
function offsetAt(root: unknown, path: readonly PropertyKey[]): number | undefined {
  let node = root as Node | null | undefined;
  let offset = node?.range?.[0];
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === segment);
      if (!pair) break;
      offset = (pair.key as Node).range?.[0] ?? offset;
      node = pair.value as Node | null;
    } else if (isSeq(node) && typeof segment === 'number') {
      node = node.items[segment] as Node | undefined;
      if (!node) break;
      offset = node.range?.[0] ?? offset;
    } else {
      break;
    }
  }
  return offset;
}

/** `sessions[2].reps[0].id` from `['sessions', 2, 'reps', 0, 'id']`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out ? `.${String(segment)}` : String(segment);
  }
  return out;
}

/** zod's issues as problems with paths and lines; unknown keys get one problem each. */
export function schemaProblems(
  file: StructuredFile,
  issues: readonly zodCore.$ZodIssue[],
): ToolProblem[] {
  const problems: ToolProblem[] = [];
  const add = (path: readonly PropertyKey[], message: string) =>
    problems.push({
      source: file.source,
      path: formatPath(path),
      line: file.lineOf(path),
      message,
    });
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) add([...issue.path, key], 'unknown field');
      continue;
    }
    add(issue.path, readableMessage(issue));
  }
  return problems;
}

function readableMessage(issue: zodCore.$ZodIssue): string {
  const text = issue.message.replace(/^Invalid input: /, '');
  if (issue.code === 'invalid_type' && /received undefined$/.test(text))
    return 'required field is missing';
  return text.replace(/, received /, ', got ');
}
