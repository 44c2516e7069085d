import { fragment } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';

export type Layout = 'real' | 'pretty' | 'compact';
export type Builder = XMLBuilder;
/** Adds one element (with its subtree) under the given parent. */
export type ItemWriter = (parent: Builder) => void;

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';
export const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';

/** Characters XML 1.0 forbids; removed from text by default (spec §1.5). */
// eslint-disable-next-line no-control-regex
const FORBIDDEN_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

export function stripForbidden(text: string): string {
  return text.replace(FORBIDDEN_CHARS, '');
}

// Attribute lists as xmlbuilder2 writes them: values double-quoted, `"` always escaped, so the
// patterns below cannot match inside a value.
const ATTRS = '((?:\\s+[\\w:.-]+="[^"]*")*)';
const EMPTY_NO_ATTRS = /<([\w.-]+)\/>/g;
const LISTING_ITEM = new RegExp(`<((?:presentation_)?session_summary)${ATTRS}/>`, 'g');
const SELF_CLOSING = new RegExp(`<([\\w.-]+)${ATTRS}/>`, 'g');
const EMPTY_EVENT = new RegExp(`<event${ATTRS}/>`, 'g');
const EVENT_OPEN = new RegExp(`<event${ATTRS}>`, 'g');
const FLUSH_LEFT = /^[ \t]+(<\/?(?:session|customer|representative|session_details|event)[\s>])/gm;
const AFTER_PRIMARY_CUSTOMER = /(<\/primary_customer>\n)/g;

/**
 * Applies the irregular markup of real appliance output (spec §1.5) to a pretty-printed
 * fragment: start and end tags for empty elements, `  />` on listing items, a space before `>`
 * on events, whitespace-only events, mixed indentation and stray blank lines.
 */
export function realize(xml: string): string {
  return xml
    .replace(EMPTY_EVENT, '<event$1 >\n\n    </event>')
    .replace(EVENT_OPEN, '<event$1 >')
    .replace(EMPTY_NO_ATTRS, '<$1></$1>')
    .replace(LISTING_ITEM, '<$1$2  />')
    .replace(SELF_CLOSING, '<$1$2 />')
    .replace(FLUSH_LEFT, '$1')
    .replace(AFTER_PRIMARY_CUSTOMER, '$1\n');
}

/** Serialises one element written by `write`, in the layout, for a place at `depth` in the tree. */
export function renderItem(write: ItemWriter, layout: Layout, depth = 1): string {
  const frag = fragment();
  write(frag);
  switch (layout) {
    case 'compact':
      return frag.end({ prettyPrint: false });
    case 'pretty':
      return `${frag.end({ prettyPrint: true, indent: '  ', offset: depth })}\n`;
    case 'real':
      return `${realize(frag.end({ prettyPrint: true, indent: '    ', offset: depth - 1 }))}\n`;
  }
}
