import { integer, object, optional, string, type JsonObject } from '../admin/validate.js';
import { AdminError } from '../errors.js';
import type { JournalEntry } from './entry.js';

/** Criteria an entry must all meet; an empty match selects every entry. */
export interface JournalMatch {
  method?: string;
  /** Exact path, or a prefix ending in `*`. */
  path?: string;
  report?: string;
  status?: number | null;
  account?: string;
  /** A fault kind, or `none` for requests no fault touched. */
  fault?: string;
  /** Parameters the request carried with these exact values. */
  params?: Record<string, string>;
}

const MATCH_FIELDS = ['method', 'path', 'report', 'status', 'account', 'fault', 'params'] as const;

/** Reads a journal match from JSON, naming the field at fault. */
export function readJournalMatch(value: unknown, field: string): JournalMatch {
  const obj = object(value ?? {}, field, MATCH_FIELDS);
  const match: JournalMatch = {};
  const method = optional(obj, field, 'method', string);
  if (method !== undefined) match.method = method.toUpperCase();
  assign(match, 'path', optional(obj, field, 'path', string));
  assign(match, 'report', optional(obj, field, 'report', string));
  assign(match, 'account', optional(obj, field, 'account', string));
  assign(match, 'fault', optional(obj, field, 'fault', string));
  if (obj.status === null) match.status = null;
  else assign(match, 'status', optional(obj, field, 'status', integer({ min: 100, max: 599 })));
  if (obj.params !== undefined) match.params = readParams(obj.params, `${field}.params`);
  return match;
}

function readParams(value: unknown, field: string): Record<string, string> {
  const obj: JsonObject = object(value, field, Object.keys(value ?? {}));
  const out: Record<string, string> = {};
  for (const [name, v] of Object.entries(obj)) {
    if (typeof v !== 'string') throw AdminError.field(`${field}.${name}`, 'NOT_STRING');
    out[name] = v;
  }
  return out;
}

function assign<K extends keyof JournalMatch>(
  match: JournalMatch,
  key: K,
  value: JournalMatch[K] | undefined,
): void {
  if (value !== undefined) match[key] = value;
}

/** Whether a path matches a pattern: exact, or a prefix when the pattern ends in `*`. */
export function pathMatches(pattern: string, path: string): boolean {
  return pattern.endsWith('*') ? path.startsWith(pattern.slice(0, -1)) : path === pattern;
}

export function entryMatches(entry: JournalEntry, match: JournalMatch): boolean {
  if (match.method !== undefined && entry.method !== match.method) return false;
  if (match.path !== undefined && !pathMatches(match.path, entry.path)) return false;
  if (match.report !== undefined && entry.report !== match.report) return false;
  if (match.status !== undefined && entry.status !== match.status) return false;
  if (match.account !== undefined && entry.account !== match.account) return false;
  if (match.fault !== undefined && (entry.fault ?? 'none') !== match.fault) return false;
  if (match.params) {
    for (const [name, value] of Object.entries(match.params)) {
      if (entry.params[name] !== value) return false;
    }
  }
  return true;
}
