import { integer, object, optional, type JsonObject } from '../admin/validate.js';
import { AdminError } from '../errors.js';
import type { JournalEntry } from './entry.js';
import { entryMatches, readJournalMatch, type JournalMatch } from './match.js';

/** How many entries a journal keeps by default; the oldest go first beyond it. */
export const DEFAULT_JOURNAL_LIMIT = 10_000;

/** A count check: exactly `count`, or between `min` and `max`; by default at least one. */
export interface CountVerification {
  match?: JournalMatch;
  count?: number;
  min?: number;
  max?: number;
}

/** An order check: entries matching each step, in this order (others may come between). */
export interface OrderVerification {
  sequence: JournalMatch[];
}

export type Verification = CountVerification | OrderVerification;

export type VerificationResult =
  | { ok: boolean; kind: 'count'; count: number; expected: { min: number; max: number | null } }
  | { ok: boolean; kind: 'order'; matchedSteps: number; steps: number; ids: number[] };

/** Every request the mock answered, in arrival order. */
export class Journal {
  private entries: JournalEntry[] = [];
  private nextId = 1;

  constructor(private readonly limit = DEFAULT_JOURNAL_LIMIT) {}

  record(entry: Omit<JournalEntry, 'id'>): JournalEntry {
    const full = { id: this.nextId++, ...entry };
    this.entries.push(full);
    if (this.entries.length > this.limit) this.entries.splice(0, this.entries.length - this.limit);
    return full;
  }

  /** Entries matching the criteria, oldest first; copies, so callers cannot edit the journal. */
  list(match: JournalMatch = {}): JournalEntry[] {
    return this.entries.filter((e) => entryMatches(e, match)).map((e) => structuredClone(e));
  }

  count(match: JournalMatch = {}): number {
    return this.entries.reduce((n, e) => n + (entryMatches(e, match) ? 1 : 0), 0);
  }

  clear(): void {
    this.entries = [];
  }

  /** Clears the entries and restarts ids at 1. */
  reset(): void {
    this.entries = [];
    this.nextId = 1;
  }

  verify(check: Verification): VerificationResult {
    if ('sequence' in check) return this.verifyOrder(check.sequence);
    const count = this.count(check.match ?? {});
    const min = check.count ?? check.min ?? 1;
    const max = check.count ?? check.max ?? null;
    return {
      ok: count >= min && (max === null || count <= max),
      kind: 'count',
      count,
      expected: { min, max },
    };
  }

  private verifyOrder(sequence: JournalMatch[]): VerificationResult {
    const ids: number[] = [];
    let step = 0;
    for (const entry of this.entries) {
      if (step === sequence.length) break;
      if (entryMatches(entry, sequence[step]!)) {
        ids.push(entry.id);
        step++;
      }
    }
    return {
      ok: step === sequence.length,
      kind: 'order',
      matchedSteps: step,
      steps: sequence.length,
      ids,
    };
  }
}

/** Reads a verification request from JSON: `{ sequence: [...] }` or `{ match, count | min | max }`. */
export function readVerification(value: unknown): Verification {
  const obj: JsonObject = object(value, 'body', ['match', 'count', 'min', 'max', 'sequence']);
  if (obj.sequence !== undefined) {
    if (['match', 'count', 'min', 'max'].some((k) => obj[k] !== undefined)) {
      throw AdminError.field('sequence', 'ONE_OF_FIELDS', { list: 'sequence, match' });
    }
    if (!Array.isArray(obj.sequence) || obj.sequence.length === 0)
      throw AdminError.field('sequence', 'NOT_LIST');
    return { sequence: obj.sequence.map((m, i) => readJournalMatch(m, `sequence[${i}]`)) };
  }
  const check: CountVerification = { match: readJournalMatch(obj.match, 'match') };
  const count = optional(obj, '', 'count', integer({ min: 0 }));
  const min = optional(obj, '', 'min', integer({ min: 0 }));
  const max = optional(obj, '', 'max', integer({ min: min ?? 0 }));
  if (count !== undefined) check.count = count;
  if (min !== undefined) check.min = min;
  if (max !== undefined) check.max = max;
  return check;
}
