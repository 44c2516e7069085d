import { schemaModel, type SchemaModel } from './xsd-model.js';

export type DriftChange = 'added' | 'removed' | 'changed';
export type DriftSubject = 'namespace' | 'element' | 'attribute' | 'type' | 'wildcard';

/** One difference between two schemas, as a person reads it. */
export interface DriftItem {
  change: DriftChange;
  subject: DriftSubject;
  /**
   * Element path (`session_list/session/lseq`), attribute path (`…/@lsid`), type name, or
   * `targetNamespace` for the namespace of the documents.
   */
  path: string;
  /** For changes: what changed, `old → new`. For additions and removals: the declaration. */
  detail: string;
}

export interface DriftReport {
  base: string;
  other: string;
  items: DriftItem[];
}

/** Keeps only the top-most of nested additions or removals: a removed element takes its subtree. */
function topMost(paths: string[]): string[] {
  const set = new Set(paths);
  return paths.filter((p) => {
    const parts = p.split('/');
    for (let i = 1; i < parts.length; i++) if (set.has(parts.slice(0, i).join('/'))) return false;
    return true;
  });
}

function keyed<T>(a: Map<string, T>, b: Map<string, T>) {
  const added = [...b.keys()].filter((k) => !a.has(k));
  const removed = [...a.keys()].filter((k) => !b.has(k));
  const both = [...a.keys()].filter((k) => b.has(k));
  return { added, removed, both };
}

function ownerPath(path: string): string {
  return path.replace(/\/@[^/]+$/, '').replace(/\/\*$/, '');
}

/**
 * Compares two schemas — their target namespace, then elements, attributes, named types and
 * occurrences added, removed or changed — reached from their global elements. Names are compared
 * by local name within each schema's own namespace, so a namespace change is one finding and the
 * rest is still compared. `base` is typically the bundled schema and `other` a target's.
 */
export function diffModels(
  base: SchemaModel,
  other: SchemaModel,
  names: { base: string; other: string },
): DriftReport {
  const items: DriftItem[] = [];

  const el = keyed(base.elements, other.elements);
  const addedEls = new Set(topMost(el.added));
  const removedEls = new Set(topMost(el.removed));
  for (const p of addedEls) {
    const d = other.elements.get(p)!;
    items.push({
      change: 'added',
      subject: 'element',
      path: p,
      detail: `type ${d.type}, occurs ${d.occurs}`,
    });
  }
  for (const p of removedEls) {
    const d = base.elements.get(p)!;
    items.push({
      change: 'removed',
      subject: 'element',
      path: p,
      detail: `type ${d.type}, occurs ${d.occurs}`,
    });
  }
  for (const p of el.both) {
    const a = base.elements.get(p)!;
    const b = other.elements.get(p)!;
    if (a.type !== b.type)
      items.push({
        change: 'changed',
        subject: 'element',
        path: p,
        detail: `type ${a.type} → ${b.type}`,
      });
    if (a.occurs !== b.occurs)
      items.push({
        change: 'changed',
        subject: 'element',
        path: p,
        detail: `occurs ${a.occurs} → ${b.occurs}`,
      });
    if (a.model !== b.model)
      items.push({
        change: 'changed',
        subject: 'element',
        path: p,
        detail: `content ${a.model} → ${b.model}`,
      });
  }

  // Attributes of added or removed elements are part of that change already.
  const inChangedElement = (path: string) => {
    const owner = ownerPath(path);
    return [...addedEls, ...removedEls].some((e) => owner === e || owner.startsWith(`${e}/`));
  };
  const at = keyed(base.attributes, other.attributes);
  for (const p of at.added.filter((x) => !inChangedElement(x))) {
    const d = other.attributes.get(p)!;
    items.push({
      change: 'added',
      subject: 'attribute',
      path: p,
      detail: `type ${d.type}, ${d.use}`,
    });
  }
  for (const p of at.removed.filter((x) => !inChangedElement(x))) {
    const d = base.attributes.get(p)!;
    items.push({
      change: 'removed',
      subject: 'attribute',
      path: p,
      detail: `type ${d.type}, ${d.use}`,
    });
  }
  for (const p of at.both) {
    const a = base.attributes.get(p)!;
    const b = other.attributes.get(p)!;
    if (a.type !== b.type)
      items.push({
        change: 'changed',
        subject: 'attribute',
        path: p,
        detail: `type ${a.type} → ${b.type}`,
      });
    if (a.use !== b.use)
      items.push({
        change: 'changed',
        subject: 'attribute',
        path: p,
        detail: `use ${a.use} → ${b.use}`,
      });
  }

  const st = keyed(base.simpleTypes, other.simpleTypes);
  for (const p of st.added)
    items.push({ change: 'added', subject: 'type', path: p, detail: other.simpleTypes.get(p)! });
  for (const p of st.removed)
    items.push({ change: 'removed', subject: 'type', path: p, detail: base.simpleTypes.get(p)! });
  for (const p of st.both) {
    const a = base.simpleTypes.get(p)!;
    const b = other.simpleTypes.get(p)!;
    if (a !== b) items.push({ change: 'changed', subject: 'type', path: p, detail: `${a} → ${b}` });
  }

  const wc = {
    added: [...other.wildcards].filter((w) => !base.wildcards.has(w)),
    removed: [...base.wildcards].filter((w) => !other.wildcards.has(w)),
  };
  for (const p of wc.added.filter((x) => !inChangedElement(x)))
    items.push({ change: 'added', subject: 'wildcard', path: p, detail: 'any content allowed' });
  for (const p of wc.removed.filter((x) => !inChangedElement(x)))
    items.push({
      change: 'removed',
      subject: 'wildcard',
      path: p,
      detail: 'any content no longer allowed',
    });

  items.sort((x, y) => x.path.localeCompare(y.path) || x.change.localeCompare(y.change));
  // Every document changes namespace with it (quirks 8 and 9): the first line to read.
  if (base.targetNamespace !== other.targetNamespace)
    items.unshift({
      change: 'changed',
      subject: 'namespace',
      path: 'targetNamespace',
      detail: `${base.targetNamespace || '(none)'} → ${other.targetNamespace || '(none)'}`,
    });
  return { base: names.base, other: names.other, items };
}

export function diffSchemas(
  baseXsd: string,
  otherXsd: string,
  names: { base: string; other: string },
): DriftReport {
  return diffModels(schemaModel(baseXsd), schemaModel(otherXsd), names);
}

const SIGN: Record<DriftChange, string> = { added: '+', removed: '-', changed: '~' };

/** The drift as text: one line per difference, `+` added, `-` removed, `~` changed. */
export function formatDrift(report: DriftReport): string {
  const head = `Schema drift: ${report.base} → ${report.other}`;
  if (report.items.length === 0) return `${head}\n  no differences\n`;
  const lines = report.items.map((i) => `  ${SIGN[i.change]} ${i.subject} ${i.path}: ${i.detail}`);
  return `${head}\n${lines.join('\n')}\n  ${report.items.length} difference(s)\n`;
}
