import { Pacer } from '../reports/pacer.js';
import { DAY_BREAK, type ListEntry, type PartedItem } from '../reports/context.js';
import { renderItem, renderShell, type Layout } from '../xml/layout.js';

/** Items are sent in chunks of about this many bytes, not one write per session. */
const CHUNK_BYTES = 64 * 1024;

async function* partedItem(item: PartedItem, layout: Layout, pacer: Pacer) {
  const shell = renderShell(item.shell, layout);
  let opened = false;
  for (const batch of item.parts) {
    if (batch.length > 0) {
      // A team (or any parted item) is written only once it has a first child.
      if (!opened) yield shell.open;
      opened = true;
      yield batch.map((w) => renderItem(w, layout, shell.childDepth)).join('');
    }
    await pacer.atDayEnd();
  }
  if (opened) yield shell.close;
  // Rendered on its own, an empty container takes the layout's empty-element form.
  else if (item.whenEmpty === 'shell')
    yield renderItem((parent) => void item.shell(parent), layout);
}

/**
 * The rendered text of a list's entries, item by item (a parted item day by day), yielding the
 * event loop between days. Nothing is yielded for a list without items.
 */
export async function* renderEntries(
  entries: Iterable<ListEntry>,
  layout: Layout,
): AsyncGenerator<string> {
  const pacer = new Pacer();
  for (const entry of entries) {
    if (entry === DAY_BREAK) await pacer.atDayEnd();
    else if (typeof entry === 'function') yield renderItem(entry, layout);
    else yield* partedItem(entry, layout, pacer);
  }
}

/** `first`, the rest, then `last`, gathered into chunks of about `CHUNK_BYTES`. */
export async function* chunked(
  first: string,
  rest: AsyncIterator<string>,
  last: string,
): AsyncGenerator<string> {
  let buffer = first;
  for (let r = await rest.next(); !r.done; r = await rest.next()) {
    buffer += r.value;
    if (buffer.length >= CHUNK_BYTES) {
      yield buffer;
      buffer = '';
    }
  }
  yield buffer + last;
}
