import { readFileSync } from 'node:fs';
import libxml, { type Document, type Element } from 'libxmljs2';
import { ToolError } from '../server/errors.js';
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

export const XS_NS = 'http://www.w3.org/2001/XMLSchema';

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
      stage: 'size' | 'dtd' | 'parse' | 'schema';
      problems: XmlProblem[];
      root?: string;
      namespace?: string | null;
      document?: Document;
    };

/** An XPath a person can read: local names, with 1-based positions among same-named siblings. */
export function readableXPath(element: Element): string {
  const steps: string[] = [];
  let node: Element | null = element;
  while (node) {
    const name = node.name();
    const parent = node.parent();
    if (!parent || typeof (parent as Element).childNodes !== 'function' || parent === node.doc()) {
      steps.unshift(name);
      break;
    }
    const same = (parent as Element)
      .childNodes()
      .filter((c) => c.type() === 'element' && (c as Element).name() === name);
    steps.unshift(same.length > 1 ? `${name}[${same.indexOf(node) + 1}]` : name);
    node = parent as Element;
  }
  return `/${steps.join('/')}`;
}

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

/**
 * Where a document declares a DTD. The reporting API never sends one, and a DTD is how a hostile
 * body asks for entity expansion (billion laughs) or external entities (local files, URLs): such
 * bodies are refused before libxml2 sees them, so nothing in them is ever resolved.
 */
export function dtdDeclaration(text: string): { line: number; column: number } | null {
  const at = text.search(/<!DOCTYPE|<!ENTITY/i);
  if (at < 0) return null;
  const before = text.slice(0, at).split('\n');
  return { line: before.length, column: (before[before.length - 1]?.length ?? 0) + 1 };
}

export function parseHardened(
  xml: string | Buffer,
  maxBytes = DEFAULT_MAX_BYTES,
): { document: Document } | { problems: XmlProblem[]; stage: 'size' | 'dtd' | 'parse' } {
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
    const dtd = dtdDeclaration(text);
    if (dtd) {
      return {
        stage: 'dtd',
        problems: [
          { message: 'the document declares a DTD or entities; refused unparsed', ...dtd },
        ],
      };
    }
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
  /** The namespace the schema's documents are in; empty for a schema without one. */
  readonly targetNamespace: string;

  /**
   * Loads a schema, possibly from a hostile source: a DTD, or any `schemaLocation` (xs:include,
   * xs:import, xs:redefine) that would make libxml2 read a local file or a URL, is refused.
   * Throws BAD_SCHEMA with the reason.
   */
  constructor(xsdText: string, maxBytes = DEFAULT_MAX_BYTES) {
    const parsed = parseHardened(xsdText, maxBytes);
    if (!('document' in parsed)) {
      const p = parsed.problems[0];
      throw new ToolError(
        'BAD_SCHEMA',
        `${parsed.stage}: ${p?.message ?? 'unreadable'}${p?.line ? ` (line ${p.line})` : ''}`,
      );
    }
    const root = parsed.document.root();
    if (root?.name() !== 'schema' || root.namespace()?.href() !== XS_NS) {
      throw new ToolError(
        'BAD_SCHEMA',
        'the document is not an XML Schema (root is not xs:schema)',
      );
    }
    const external = parsed.document.find('//*[@schemaLocation]');
    if (external.length > 0) {
      const el = external[0] as Element;
      throw new ToolError(
        'BAD_SCHEMA',
        `xs:${el.name()} at line ${el.line()} refers to another file or URL (schemaLocation); the kit loads no other file`,
      );
    }
    this.schema = parsed.document;
    this.targetNamespace = root.attr('targetNamespace')?.value() ?? '';
    // libxml2 compiles a schema when it first validates: compile now, so a broken one fails here.
    try {
      libxml.parseXml('<probe/>', HARDENED_PARSE).validate(this.schema);
    } catch (err) {
      throw new ToolError('BAD_SCHEMA', `the schema does not compile: ${(err as Error).message}`);
    }
  }

  /** The schema's text as loaded. */
  text(): string {
    return this.schema.toString();
  }

  static bundled(): SchemaValidator {
    return new SchemaValidator(readFileSync(bundledSchemaPath(), 'utf8'));
  }

  /** The bundled schema with its target namespace rewritten (the schema a profile serves). */
  static forNamespace(namespace: string): SchemaValidator {
    const xsd = schemaForNamespace(readFileSync(bundledSchemaPath(), 'utf8'), namespace);
    return new SchemaValidator(xsd);
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
      if (at) problem.path = readableXPath(at);
      return problem;
    });
    return { ok: false, stage: 'schema', problems, root: rootName, namespace, document };
  }
}
