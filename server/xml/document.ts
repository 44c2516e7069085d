import { NAMESPACES, type ApplianceSettings } from '../settings.js';
import { XML_DECLARATION, XSI_NS, renderItem, type ItemWriter, type Layout } from './layout.js';

/** What decides how a document is written: the active profile's namespace, layout, error style. */
export interface XmlStyle {
  namespace: string;
  layout: Layout;
  errorStyle: 'namespaced' | 'bare';
}

export function xmlStyle(settings: ApplianceSettings): XmlStyle {
  return {
    namespace: NAMESPACES[settings.namespace],
    layout: settings.layout,
    errorStyle: settings.errorStyle,
  };
}

function escapeAttr(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

function escapeText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function rootAttributes(style: XmlStyle, extra: Record<string, string>, withXsi: boolean): string {
  let attrs = style.namespace ? ` xmlns="${style.namespace}"` : '';
  if (withXsi) attrs += ` xmlns:xsi="${XSI_NS}"`;
  for (const [k, v] of Object.entries(extra)) attrs += ` ${k}="${escapeAttr(v)}"`;
  return attrs;
}

function prologue(layout: Layout): string {
  return layout === 'real' ? `${XML_DECLARATION}\n\n` : `${XML_DECLARATION}\n`;
}

/**
 * Writes a list document piece by piece: the root's start tag, then each item, then the end tag.
 * The root declares the default namespace exactly as `xmlns="…"`; items carry no namespace
 * declaration of their own.
 */
export class ListWriter {
  constructor(
    private readonly style: XmlStyle,
    private readonly root: string,
    private readonly options: { xsi?: boolean; attributes?: Record<string, string> } = {},
  ) {}

  open(): string {
    const attrs = rootAttributes(
      this.style,
      this.options.attributes ?? {},
      this.options.xsi ?? false,
    );
    return `${prologue(this.style.layout)}<${this.root}${attrs}>${this.style.layout === 'compact' ? '' : '\n'}`;
  }

  item(write: ItemWriter): string {
    return renderItem(write, this.style.layout);
  }

  close(): string {
    return `</${this.root}>\n`;
  }

  /** The whole document with no items: `<root xmlns="…"></root>`. */
  empty(): string {
    const attrs = rootAttributes(
      this.style,
      this.options.attributes ?? {},
      this.options.xsi ?? false,
    );
    return `${prologue(this.style.layout)}<${this.root}${attrs}></${this.root}>\n`;
  }
}

/** A complete document from its item writers (children of the root). */
export function wholeDocument(
  style: XmlStyle,
  root: string,
  children: ItemWriter[],
  options: { xsi?: boolean; attributes?: Record<string, string> } = {},
): string {
  const writer = new ListWriter(style, root, options);
  if (children.length === 0) return writer.empty();
  return writer.open() + children.map((c) => writer.item(c)).join('') + writer.close();
}

/**
 * The appliance's `<error>` document. In the real layout the bytes match captured output:
 * declaration, blank line, the element, four newlines (spec §1.5, quirk 11).
 */
export function errorDocument(style: XmlStyle, text: string): string {
  const ns = style.errorStyle === 'bare' || !style.namespace ? '' : ` xmlns="${style.namespace}"`;
  const element = `<error${ns}>${escapeText(text)}</error>`;
  return style.layout === 'real'
    ? `${XML_DECLARATION}\n\n${element}\n\n\n\n`
    : `${XML_DECLARATION}\n${element}\n`;
}
