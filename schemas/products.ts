import { readFileSync } from 'node:fs';
import libxml, { type Element } from 'libxmljs2';
import type { Product } from '../generators/product.js';
import { schemaForNamespace, SCHEMA_NAMESPACE } from './namespace.js';
import { bundledSchemaPath, praSchemaPartPath } from './paths.js';
import { HARDENED_PARSE, SchemaValidator, XS_NS } from './validator.js';

/** The Remote Support roots a PRA appliance also answers with (spec Appendix A). */
export const PRA_ROOTS_FROM_RS = [
  'error',
  'session_list',
  'session_summary_list',
  'summary_list',
  'team_activity_list',
] as const;

const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';

function topLevel(root: Element): Element[] {
  return root.childNodes().filter((n): n is Element => n.type() === 'element');
}

const key = (el: Element) => `${el.name()}:${el.attr('name')?.value() ?? ''}`;

/**
 * The PRA schema: the Remote Support schema with its Remote Support-only roots removed, and
 * every top-level definition of the PRA part replacing its namesake (or added). The result is
 * one self-contained schema, as `/api/reporting.xsd` must be (the kit loads no other file).
 */
export function assemblePraSchema(rsXsd: string, praPart: string): string {
  const rs = libxml.parseXml(rsXsd, HARDENED_PARSE);
  const pra = libxml.parseXml(praPart, HARDENED_PARSE);
  const rsRoot = rs.root()!;
  const praRoot = pra.root()!;
  const replaced = new Set(topLevel(praRoot).map(key));
  const kept = new Set<string>(PRA_ROOTS_FROM_RS);
  for (const el of topLevel(rsRoot)) {
    const name = el.attr('name')?.value() ?? '';
    const rsOnlyRoot = el.name() === 'element' && !kept.has(name);
    if (el.namespace()?.href() === XS_NS && (rsOnlyRoot || replaced.has(key(el)))) el.remove();
  }

  // The PRA part's header comment heads the whole; its definitions close the schema.
  const start = praPart.indexOf('<xs:schema');
  const header = praPart.slice(praPart.indexOf('?>') + 2, start).trim();
  const open = praPart.indexOf('>', start) + 1;
  const body = praPart.slice(open, praPart.lastIndexOf('</xs:schema>'));
  const rsText = rsRoot.toString(false);
  const merged = rsText.replace(/<\/xs:schema>\s*$/, `${body}</xs:schema>`);
  return `${DECLARATION}\n${header}\n${merged}\n`;
}

const cache = new Map<Product, string>();

/** The schema a product's appliance serves, in the bundled namespace (spec §4 `sra`). */
export function productSchemaText(product: Product): string {
  let text = cache.get(product);
  if (text === undefined) {
    const rs = readFileSync(bundledSchemaPath(), 'utf8');
    text =
      product === 'pra' ? assemblePraSchema(rs, readFileSync(praSchemaPartPath(), 'utf8')) : rs;
    cache.set(product, text);
  }
  return text;
}

/** The schema a product's appliance serves for a document namespace (spec §4). */
export function productSchemaFor(product: Product, namespace = SCHEMA_NAMESPACE): string {
  return schemaForNamespace(productSchemaText(product), namespace);
}

/** A validator of the schema a product's appliance serves for a document namespace. */
export function productValidator(product: Product, namespace = SCHEMA_NAMESPACE): SchemaValidator {
  return new SchemaValidator(productSchemaFor(product, namespace));
}
