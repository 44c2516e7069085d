import type { IncomingHttpHeaders } from 'node:http';
import type { Document, Element } from 'libxmljs2';
import { NAMESPACES } from '../../server/settings.js';
import { parseHardened, type SchemaValidator } from '../../schemas/validator.js';
import { mediaType } from '../http-client.js';
import { finding, type Finding } from '../types.js';
import { cut, describeHtml, excerptAt } from '../xml.js';

/** At most this many schema problems are reported per answer; the rest are counted. */
const MAX_SCHEMA_FINDINGS = 10;

export interface XmlAnswer {
  document: Document;
  root: Element;
  /** Local name of the root element. */
  rootName: string;
  namespace: string | null;
  text: string;
}

export interface DocumentContext {
  validator: SchemaValidator;
  /** The namespace documents must be in: the schema's target namespace. */
  namespace: string;
  maxBytes: number;
}

/** Text/xml with UTF-8 (spec §1.4); an HTML page or any other type is named for what it is. */
export function checkXmlContentType(headers: IncomingHttpHeaders, body: Buffer): Finding[] {
  const { type, charset, raw } = mediaType(headers);
  const rule = '§1.4 XML answers are served as text/xml; charset=UTF-8';
  if (type === 'text/xml' && charset === 'utf-8') return [];
  const html = describeHtml(body.toString('utf8', 0, 4096));
  const seen = html ? `${html}, Content-Type: ${raw || 'none'}` : `Content-Type: ${raw || 'none'}`;
  return [
    finding('CONTENT_TYPE', 'real', rule, seen, { excerpt: cut(body.toString('utf8', 0, 600)) }),
  ];
}

/**
 * Reads an XML answer the hardened way and checks what every XML answer owes: well-formed, no
 * DTD, the schema's namespace on the root (spec §4, quirk 10), valid against the schema. Returns
 * the document when it could be parsed, so the behavioural checks can go on.
 */
export function readXmlAnswer(
  body: Buffer,
  ctx: DocumentContext,
): { answer?: XmlAnswer; findings: Finding[] } {
  const text = body.toString('utf8');
  const parsed = parseHardened(body, ctx.maxBytes);
  if (!('document' in parsed)) {
    const problem = parsed.problems[0]!;
    const where = { excerpt: excerptAt(text, problem.line) };
    if (parsed.stage === 'dtd') {
      const rule = 'quirk 15: the API never declares a DTD; entities are never resolved';
      return { findings: [finding('HOSTILE_XML', 'real', rule, problem.message, where)] };
    }
    if (parsed.stage === 'size') {
      return {
        findings: [
          finding('SIZE', 'real', 'the kit reads at most its size limit', problem.message),
        ],
      };
    }
    const at = problem.line ? ` at line ${problem.line}, column ${problem.column}` : '';
    return {
      findings: [
        finding(
          'WELL_FORMED',
          'real',
          '§1.5 every XML answer is well-formed XML 1.0 in UTF-8',
          `${problem.message}${at}`,
          where,
        ),
      ],
    };
  }

  const { document } = parsed;
  const root = document.root()!;
  const answer: XmlAnswer = {
    document,
    root,
    rootName: root.name(),
    namespace: root.namespace()?.href() ?? null,
    text,
  };
  const findings: Finding[] = [];

  // A bare <error> (no namespace) is real output of old appliances (quirk 3); anything else
  // must be in the schema's namespace.
  const bareError = answer.rootName === 'error' && answer.namespace === null;
  if (!bareError && answer.namespace !== ctx.namespace) {
    const seen = answer.namespace === null ? 'no namespace' : `namespace ${answer.namespace}`;
    const docsLabel =
      answer.namespace === NAMESPACES.docs
        ? ' (the label printed in the documentation, never used in real payloads)'
        : '';
    findings.push(
      finding(
        'NAMESPACE',
        'real',
        `§4 the root declares the schema's target namespace ${ctx.namespace}`,
        `${seen}${docsLabel}`,
        {
          xpath: `/${answer.rootName}`,
          excerpt: excerptAt(text, root.line()),
        },
      ),
    );
  }
  if (!bareError) findings.push(...schemaFindings(body, text, ctx));
  return { answer, findings };
}

function schemaFindings(body: Buffer, text: string, ctx: DocumentContext): Finding[] {
  const result = ctx.validator.validate(body, ctx.maxBytes);
  if (result.ok) return [];
  const rule = "the answer validates against the target's published schema (/api/reporting.xsd)";
  const findings = result.problems.slice(0, MAX_SCHEMA_FINDINGS).map((p) =>
    finding('XSD', 'real', rule, `line ${p.line ?? '?'}: ${p.message}`, {
      ...(p.path ? { xpath: p.path } : {}),
      excerpt: excerptAt(text, p.line),
    }),
  );
  const more = result.problems.length - MAX_SCHEMA_FINDINGS;
  if (more > 0)
    findings.push(finding('XSD', 'real', rule, `${more} further schema problems not listed`));
  return findings;
}
