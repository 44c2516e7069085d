import type { Element } from 'libxmljs2';
import { parseHardened, XS_NS } from '../schemas/validator.js';
import { ToolError } from '../server/errors.js';
import { attr, children } from './xml.js';

/** One element declaration as reached from a global element, by path (`session_list/session`). */
export interface ElementDecl {
  path: string;
  type: string;
  occurs: string;
  /** Content model of its complex type: sequence, all, choice, simple, empty, mixed…. */
  model: string;
}

export interface AttributeDecl {
  path: string;
  type: string;
  use: string;
}

/** What a schema declares, flattened to paths, for comparing two schemas. */
export interface SchemaModel {
  elements: Map<string, ElementDecl>;
  attributes: Map<string, AttributeDecl>;
  /** Named simple types by name, described by their restriction (base and facets). */
  simpleTypes: Map<string, string>;
  /** Paths where any element (`*`) or any attribute (`@*`) is allowed. */
  wildcards: Set<string>;
  /** The namespace of the documents the schema describes; empty for unqualified documents. */
  targetNamespace: string;
}

const local = (qname: string | undefined) => (qname ?? '').replace(/^.*:/, '');
const xsChildren = (el: Element, name?: string) =>
  children(el, name).filter((c) => c.namespace()?.href() === XS_NS);

/**
 * A QName-valued attribute (`type`, `base`, `itemType`) written independently of prefixes: XML
 * Schema's own types as `xs:name`, the schema's own declarations by local name (whatever its
 * target namespace), anything else as `{namespace}name`. Two schemas that differ only in
 * prefixes or in their target namespace then name their types alike.
 */
function qname(el: Element, value: string, targetNamespace: string): string {
  const colon = value.indexOf(':');
  const prefix = colon < 0 ? null : value.slice(0, colon);
  const name = value.slice(colon + 1);
  const ns = el.namespaces().find((n) => (n.prefix() ?? null) === prefix);
  // An unprefixed name without a default namespace is in no namespace.
  const href = ns?.href() ?? (prefix === null ? '' : null);
  if (href === null) return value;
  if (href === XS_NS) return `xs:${name}`;
  if (href === targetNamespace) return name;
  return `{${href}}${name}`;
}

function occurs(el: Element): string {
  const min = attr(el, 'minOccurs') ?? '1';
  const max = attr(el, 'maxOccurs') ?? '1';
  return `${min}..${max === 'unbounded' ? 'n' : max}`;
}

/** A simple type's restriction: its base and facets, e.g. `xs:string pattern [0-9]+`. */
/** A QName attribute of an element, prefix-independent (see `qname`), or undefined. */
type QNameOf = (el: Element, name: string) => string | undefined;

function describeSimple(simple: Element, q: QNameOf): string {
  const restriction = xsChildren(simple, 'restriction')[0];
  if (!restriction) {
    const list = xsChildren(simple, 'list')[0];
    const union = xsChildren(simple, 'union')[0];
    if (list) return `list of ${q(list, 'itemType') ?? 'anonymous'}`;
    if (union) return `union of ${q(union, 'memberTypes') ?? 'anonymous'}`;
    return 'simple';
  }
  const facets = xsChildren(restriction).map((f) =>
    f.name() === 'enumeration' ? `'${attr(f, 'value')}'` : `${f.name()} ${attr(f, 'value')}`,
  );
  const enums = facets.filter((f) => f.startsWith("'"));
  const others = facets.filter((f) => !f.startsWith("'"));
  const parts = [q(restriction, 'base') ?? 'anonymous', ...others];
  if (enums.length > 0) parts.push(`enum ${enums.join('|')}`);
  return parts.join(' ');
}

/** Flattens a schema text into its model. Throws BAD_SCHEMA when it cannot be read. */
export function schemaModel(xsdText: string): SchemaModel {
  const parsed = parseHardened(xsdText);
  if (!('document' in parsed))
    throw new ToolError('BAD_SCHEMA', parsed.problems[0]?.message ?? 'unreadable');
  const schema = parsed.document.root();
  if (!schema || schema.name() !== 'schema') throw new ToolError('BAD_SCHEMA', 'not an XML Schema');

  const targetNamespace = attr(schema, 'targetNamespace') ?? '';
  const q: QNameOf = (el, name) => {
    const value = attr(el, name);
    if (value === undefined) return undefined;
    // memberTypes is a list of QNames.
    return value
      .trim()
      .split(/\s+/)
      .map((v) => qname(el, v, targetNamespace))
      .join(' ');
  };
  const named = (kind: string) =>
    new Map(xsChildren(schema, kind).map((el) => [attr(el, 'name') ?? '', el] as const));
  const complexTypes = named('complexType');
  const simpleTypeEls = named('simpleType');
  const globals = named('element');
  const model: SchemaModel = {
    elements: new Map(),
    attributes: new Map(),
    simpleTypes: new Map(),
    wildcards: new Set(),
    targetNamespace,
  };
  for (const [name, el] of simpleTypeEls) model.simpleTypes.set(name, describeSimple(el, q));

  const typeLabel = (decl: Element): string => {
    const type = q(decl, 'type');
    if (type) return type;
    const simple = xsChildren(decl, 'simpleType')[0];
    if (simple) return describeSimple(simple, q);
    return xsChildren(decl, 'complexType').length > 0 ? 'anonymous complex type' : 'xs:anyType';
  };

  const walkAttributes = (holder: Element, path: string) => {
    for (const a of xsChildren(holder, 'attribute')) {
      const name = attr(a, 'name') ?? local(attr(a, 'ref'));
      model.attributes.set(`${path}/@${name}`, {
        path: `${path}/@${name}`,
        type: typeLabel(a),
        use: attr(a, 'use') ?? 'optional',
      });
    }
    if (xsChildren(holder, 'anyAttribute').length > 0) model.wildcards.add(`${path}/@*`);
  };

  const walkGroup = (group: Element, path: string, seen: Set<string>) => {
    for (const part of xsChildren(group)) {
      if (part.name() === 'element') walkElement(part, path, seen);
      else if (['sequence', 'choice', 'all'].includes(part.name())) walkGroup(part, path, seen);
      else if (part.name() === 'any') model.wildcards.add(`${path}/*`);
    }
  };

  const walkComplex = (ct: Element, path: string, seen: Set<string>): string => {
    let kind = attr(ct, 'mixed') === 'true' ? 'mixed ' : '';
    walkAttributes(ct, path);
    for (const part of xsChildren(ct)) {
      if (['sequence', 'choice', 'all'].includes(part.name())) {
        kind += part.name();
        walkGroup(part, path, seen);
      } else if (part.name() === 'simpleContent' || part.name() === 'complexContent') {
        const derivation = xsChildren(part)[0];
        if (!derivation) continue;
        const base = local(attr(derivation, 'base'));
        kind +=
          part.name() === 'simpleContent'
            ? `simple ${q(derivation, 'base')}`
            : `${derivation.name()} of ${base}`;
        walkAttributes(derivation, path);
        const baseType = complexTypes.get(base);
        if (baseType && !seen.has(base)) walkComplex(baseType, path, new Set([...seen, base]));
        for (const g of xsChildren(derivation))
          if (['sequence', 'choice', 'all'].includes(g.name())) walkGroup(g, path, seen);
      }
    }
    return kind.trim() || 'empty';
  };

  function walkElement(decl: Element, parent: string, seen: Set<string>): void {
    const ref = attr(decl, 'ref');
    const target = ref ? globals.get(local(ref)) : decl;
    if (!target) return;
    const name = attr(target, 'name') ?? '';
    const path = parent ? `${parent}/${name}` : name;
    const typeName = local(attr(target, 'type'));
    const anonymous = xsChildren(target, 'complexType')[0];
    const complex = anonymous ?? complexTypes.get(typeName);
    let contentModel = 'simple';
    if (complex) {
      // A recursive type is walked once per path.
      const key = anonymous ? `#${path}` : typeName;
      contentModel = seen.has(key)
        ? 'recursive'
        : walkComplex(complex, path, new Set([...seen, key]));
    }
    model.elements.set(path, {
      path,
      type: typeLabel(target),
      occurs: ref ? occurs(decl) : parent ? occurs(decl) : '1..1',
      model: contentModel,
    });
  }

  for (const el of globals.values()) walkElement(el, '', new Set());
  return model;
}
