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

/** An element rendered around a gap: its opening part, its closing part, the gap's depth. */
export interface RenderedShell {
  open: string;
  close: string;
  /** Depth of the elements that go into the gap, for `renderItem`. */
  childDepth: number;
}

/** A placeholder child; its one-line rendering marks where the shell is split. */
const GAP = 'btmock-gap';
const GAP_TEXT = `<${GAP}>-</${GAP}>`;

/**
 * Renders an element written by `shell` with a gap where its container's children go, split so
 * that `open + children + close` (children rendered with `renderItem` at `childDepth`) are the
 * bytes `renderItem` gives for the whole element, in every layout.
 */
export function renderShell(
  shell: (parent: Builder) => Builder,
  layout: Layout,
  depth = 1,
): RenderedShell {
  let container: Builder | undefined;
  const text = renderItem(
    (parent) => {
      container = shell(parent);
      container.ele(GAP).txt('-');
    },
    layout,
    depth,
  );
  // The container sits this many elements below the item's own level.
  let levels = 0;
  for (let node = container!.node; node.parentNode?.parentNode; node = node.parentNode) levels++;
  const at = text.indexOf(GAP_TEXT);
  if (layout === 'compact') {
    return { open: text.slice(0, at), close: text.slice(at + GAP_TEXT.length), childDepth: 0 };
  }
  const lineStart = text.lastIndexOf('\n', at) + 1;
  return {
    open: text.slice(0, lineStart),
    close: text.slice(text.indexOf('\n', at) + 1),
    childDepth: depth + levels + 1,
  };
}
