/**
 * Body faults: pure edits of a served XML text that break it the way real bodies have broken
 * (spec §7.7, quirks 14 and 15).
 */

/** Name of the external entity the `doctype_entity` fault declares. */
export const ENTITY_NAME = 'btmock_ext';

/** Index of the root element's start tag: the first `<` that opens an element. */
function rootStart(xml: string): number {
  const match = /<[A-Za-z_]/.exec(xml);
  return match ? match.index : -1;
}

/**
 * The body cut inside an element: at the start tag nearest before `at` of its length, three
 * characters into the tag, so no parser can read it as a whole document.
 */
export function cutInsideElement(body: string, at: number): string {
  const target = Math.floor(body.length * at);
  let cut = -1;
  for (const m of body.matchAll(/<[A-Za-z_]/g)) {
    if (cut >= 0 && m.index > target) break;
    cut = m.index;
  }
  if (cut < 0) return body.slice(0, Math.floor(body.length / 2));
  return body.slice(0, Math.min(cut + 3, body.length - 1));
}

/**
 * The body with `char` placed at the start of the first `primary_customer` text, or of the first
 * text content when the document has no `primary_customer` (an error document, a listing).
 */
export function insertInvalidChar(body: string, char: string): string {
  const customer = /<primary_customer\b[^>]*>/.exec(body);
  if (customer) {
    const at = customer.index + customer[0].length;
    return body.slice(0, at) + char + body.slice(at);
  }
  const text = />[^<\s]/.exec(body.slice(Math.max(0, rootStart(body))));
  if (!text) return body;
  const at = Math.max(0, rootStart(body)) + text.index + 1;
  return body.slice(0, at) + char + body.slice(at);
}

/**
 * The body with a DOCTYPE whose internal subset declares an external entity at `url`, and a
 * reference to it as the root's first content. A parser that resolves entities fetches `url`.
 */
export function addDoctypeEntity(body: string, url: string): string {
  const start = rootStart(body);
  if (start < 0) return body;
  const name = /^<([A-Za-z_][\w.-]*)/.exec(body.slice(start))![1]!;
  const open = body.indexOf('>', start) + 1;
  const doctype = `<!DOCTYPE ${name} [\n<!ENTITY ${ENTITY_NAME} SYSTEM "${url}">\n]>\n`;
  return (
    body.slice(0, start) + doctype + body.slice(start, open) + `&${ENTITY_NAME};` + body.slice(open)
  );
}
