import { readFileSync } from 'node:fs';
import libxml, { type Document, type Element } from 'libxmljs2';
import { schemaForNamespace } from './namespace.js';
import { bundledSchemaPath } from './paths.js';

/**
 * Parser options for documents from any target, including hostile ones: entities are never
 * substituted, no DTD is loaded, nothing is fetched over the network, and libxml2's limits
 * against entity amplification stay on (`huge` off).
 */
export const HARDENED_PARSE = {
  noent: false,
  dtdload: false,
  dtdvalid: false,
  dtdattr: false,
  nonet: true,
  huge: false,
  xinclude: false,
  noblanks: false,
} as const;

/** Bodies larger than this are refused before parsing (the kit must not exhaust memory). */
export const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

export interface XmlProblem {
  message: string;
  line: number | null;
  column: number | null;
  /** XPath of the element the problem was found at, where it could be located. */
  path?: string;
}

export type ValidationResult =
  | { ok: true; root: string; namespace: string | null; document: Document }
  | {
      ok: false;
      stage: 'size' | 'parse' | 'schema';
      problems: XmlProblem[];
      root?: string;
      namespace?: string | null;
      document?: Document;
    };

/** The deepest element that starts on the line, for an XPath next to a schema error. */
function elementAtLine(doc: Document, line: number | null): Element | null {
  if (line === null) return null;
  let found: Element | null = null;
  const walk = (el: Element) => {
    if (el.line() === line) found = el;
    if (el.line() > line) return;
    for (const child of el.childNodes()) if (child.type() === 'element') walk(child as Element);
  };
  const root = doc.root();
  if (root) walk(root);
  return found;
}

export function parseHardened(
  xml: string | Buffer,
  maxBytes = DEFAULT_MAX_BYTES,
): { document: Document } | { problems: XmlProblem[]; stage: 'size' | 'parse' } {
  const size = typeof xml === 'string' ? Buffer.byteLength(xml) : xml.length;
  if (size > maxBytes) {
    return {
      stage: 'size',
      problems: [
        {
          message: `body of ${size} bytes exceeds the limit of ${maxBytes}`,
          line: null,
          column: null,
        },
      ],
    };
  }
  try {
    const text = typeof xml === 'string' ? xml : xml.toString('utf8');
    const document = libxml.parseXml(text, HARDENED_PARSE);
    if (document.errors.length > 0) {
      return {
        stage: 'parse',
        problems: document.errors.map((e) => ({
          message: e.message.trim(),
          line: e.line ?? null,
          column: e.column ?? null,
        })),
      };
    }
    return { document };
  } catch (err) {
    const e = err as { message?: string; line?: number; column?: number };
    return {
      stage: 'parse',
      problems: [
        {
          message: (e.message ?? String(err)).trim(),
          line: e.line ?? null,
          column: e.column ?? null,
        },
      ],
    };
  }
}

/** Validates XML documents against one XSD with libxmljs2. */
export class SchemaValidator {
  private readonly schema: Document;

  constructor(xsdText: string) {
    this.schema = libxml.parseXml(xsdText, HARDENED_PARSE);
  }

  static bundled(): SchemaValidator {
    return new SchemaValidator(readFileSync(bundledSchemaPath(), 'utf8'));
  }

  /** The bundled schema with its target namespace rewritten (the schema a profile serves). */
  static forNamespace(namespace: string): SchemaValidator {
    return new SchemaValidator(schemaForNamespace(readFileSync(bundledSchemaPath(), 'utf8'), namespace));
  }

  validate(xml: string | Buffer, maxBytes = DEFAULT_MAX_BYTES): ValidationResult {
    const parsed = parseHardened(xml, maxBytes);
    if (!('document' in parsed))
      return { ok: false, stage: parsed.stage, problems: parsed.problems };
    const { document } = parsed;
    const root = document.root();
    const rootName = root?.name() ?? '';
    const namespace = root?.namespace()?.href() ?? null;
    if (document.validate(this.schema)) return { ok: true, root: rootName, namespace, document };
    const problems = document.validationErrors.map((e) => {
      const at = elementAtLine(document, e.line ?? null);
      const problem: XmlProblem = {
        message: e.message.trim(),
        line: e.line ?? null,
        column: e.column ?? null,
      };
      if (at) problem.path = at.path();
      return problem;
    });
    return { ok: false, stage: 'schema', problems, root: rootName, namespace, document };
  }
}
