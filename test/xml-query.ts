import type { Element } from 'libxmljs2';
import { parseHardened } from '../schemas/validator.js';

const NS = { r: 'http://www.beyondtrust.com/sra/namespaces/API/reporting' };

/** A parsed reporting document with namespace-bound XPath (prefix `r:`). */
export class Doc {
  readonly root: Element;

  constructor(xml: string) {
    const parsed = parseHardened(xml);
    if (!('document' in parsed)) throw new Error(`not XML: ${parsed.problems[0]?.message}`);
    this.root = parsed.document.root()!;
  }

  get rootName(): string {
    return this.root.name();
  }

  all(xpath: string, from: Element = this.root): Element[] {
    return from.find(xpath, NS) as Element[];
  }

  /** Text of the first match, or undefined. */
  text(xpath: string, from: Element = this.root): string | undefined {
    const el = this.all(xpath, from)[0];
    return el?.text();
  }

  attrs(xpath: string, name: string, from: Element = this.root): string[] {
    return this.all(xpath, from).map((e) => e.attr(name)!.value());
  }
}

export function attr(el: Element, name: string): string {
  const a = el.attr(name);
  if (!a) throw new Error(`<${el.name()}> has no @${name}`);
  return a.value();
}
