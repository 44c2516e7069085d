import type { Document, Element } from 'libxmljs2';
import { readableXPath } from '../schemas/validator.js';

const EXCERPT_CHARS = 400;

/** An XPath a person can read (shared with the schema validator). */
export const xpathOf = readableXPath;

/** The element's markup, cut to a readable length. */
export function excerptOf(element: Element): string {
  return cut(element.toString());
}

/** The lines around a line number of the body (1-based), cut to a readable length. */
export function excerptAt(text: string, line: number | null): string {
  if (line === null || line < 1) return cut(text);
  const lines = text.split('\n');
  return cut(lines.slice(Math.max(0, line - 2), line + 1).join('\n'));
}

// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

/** Characters XML 1.0 forbids, shown as `\u0008` so reports stay well-formed and readable. */
export function visible(text: string): string {
  return text.replace(FORBIDDEN, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A trimmed, readable excerpt of at most `max` characters. */
export function cut(text: string, max = EXCERPT_CHARS): string {
  const trimmed = visible(text).trim();
  return trimmed.length > max ? `${trimmed.slice(0, max)}…` : trimmed;
}

/** Elements of the document with the local name, in any namespace, in document order. */
export function elementsNamed(doc: Document | Element, name: string): Element[] {
  return doc.find(`//*[local-name()='${name}']`) as Element[];
}

/** Child elements with the local name. */
export function children(element: Element, name?: string): Element[] {
  return element
    .childNodes()
    .filter(
      (c): c is Element =>
        c.type() === 'element' && (name === undefined || (c as Element).name() === name),
    );
}

export function child(element: Element, name: string): Element | undefined {
  return children(element, name)[0];
}

export function attr(element: Element, name: string): string | undefined {
  return element.attr(name)?.value();
}

/** Looks like an HTML page rather than XML data: says what a person would recognise. */
export function describeHtml(text: string): string | null {
  if (!/<html[\s>]|<!DOCTYPE html/i.test(text)) return null;
  const title = /<title>([^<]*)<\/title>/i.exec(text)?.[1]?.trim();
  return title ? `an HTML page titled "${title}"` : 'an HTML page';
}
