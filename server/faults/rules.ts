import {
  integer,
  number,
  object,
  oneOf,
  oneOrMany,
  optional,
  required,
  string,
  type JsonObject,
} from '../admin/validate.js';
import { AdminError } from '../errors.js';

/** Statuses the `status` fault may answer with: the rate-limit answer and server errors. */
export const FAULT_STATUSES = [429, 500, 502, 503, 504] as const;

/** What a fault rule does to a request it applies to. */
export type FaultAction =
  /** Waits before the answer: `ms`, or a seeded draw in `[min, max]`. */
  | { kind: 'latency'; ms: number | [number, number] }
  /** Answers with this status instead; 429 carries `Retry-After` and the appliance's text. */
  | { kind: 'status'; status: (typeof FAULT_STATUSES)[number]; retryAfter?: number }
  /** Resets the TCP connection instead of answering. */
  | { kind: 'reset' }
  /** Cuts the body inside an element at about `at` of its length. */
  | { kind: 'truncate'; at: number; framing: 'abort' | 'complete' }
  /** Puts a character XML 1.0 forbids (U+0008 by default) inside `primary_customer`. */
  | { kind: 'invalid_chars'; char: string }
  /** Answers the appliance's HTML "Document Not Found" page with status 200 or 404. */
  | { kind: 'html_page'; status: 200 | 404 }
  /** Adds a DOCTYPE declaring an external entity and references it in the document. */
  | { kind: 'doctype_entity'; url: string }
  /** Revokes the request's bearer token before it is checked, as an administrator would. */
  | { kind: 'revoke_token' };

export type FaultKind = FaultAction['kind'];

export const FAULT_KINDS: readonly FaultKind[] = [
  'latency',
  'status',
  'reset',
  'truncate',
  'invalid_chars',
  'html_page',
  'doctype_entity',
  'revoke_token',
];

/** Which requests a rule applies to; every given criterion must hold. */
export interface FaultMatch {
  /** `generate_report` of the request. */
  report?: string;
  /** Exact path, or a prefix ending in `*`; by default every path but the admin API's. */
  path?: string;
  method?: string;
  /** Fire only on these matching calls, counted from 1 per rule. */
  nth?: number[];
  /** Fire with this probability (0–1), drawn from the rule's seeded generator. */
  probability?: number;
}

/** A rule as given by a caller. */
export type FaultRuleInput = FaultAction & {
  match?: FaultMatch;
  /** Apply at most this many times, then stay in the list as spent. */
  times?: number;
  /** Seed of the rule's generator; by default derived from the world seed and the rule id. */
  seed?: number;
};

/** A rule as the mock keeps and lists it. */
export type FaultRule = FaultRuleInput & {
  id: string;
  /** Requests that met the rule's criteria. */
  calls: number;
  /** Times the rule applied. */
  applied: number;
};

/** Where the entity of `doctype_entity` points by default: loopback, a port nothing serves. */
export const DEFAULT_ENTITY_URL = 'http://127.0.0.1:9/btmock-external-entity';

const COMMON = ['kind', 'match', 'times', 'seed'];
const FIELDS: Record<FaultKind, string[]> = {
  latency: ['ms'],
  status: ['status', 'retryAfter'],
  reset: [],
  truncate: ['at', 'framing'],
  invalid_chars: ['char'],
  html_page: ['status'],
  doctype_entity: ['url'],
  revoke_token: [],
};

/** Reads a fault rule from JSON, naming the field at fault. */
export function readFaultRule(value: unknown): FaultRuleInput {
  const kind = required(
    object(value, 'body', Object.keys(value ?? {})),
    '',
    'kind',
    oneOf(FAULT_KINDS),
  );
  const obj = object(value, 'body', [...COMMON, ...FIELDS[kind]]);
  const rule = { ...readAction(kind, obj) } as FaultRuleInput;
  if (obj.match !== undefined) rule.match = readMatch(obj.match);
  const times = optional(obj, '', 'times', integer({ min: 1 }));
  if (times !== undefined) rule.times = times;
  const seed = optional(obj, '', 'seed', integer({ min: 0, max: 0xffffffff }));
  if (seed !== undefined) rule.seed = seed;
  return rule;
}

function readAction(kind: FaultKind, obj: JsonObject): FaultAction {
  switch (kind) {
    case 'latency':
      return { kind, ms: required(obj, '', 'ms', readLatency) };
    case 'status': {
      const action: FaultAction = {
        kind,
        status: required(obj, '', 'status', oneOf(FAULT_STATUSES)),
      };
      const retryAfter = optional(obj, '', 'retryAfter', integer({ min: 1, max: 86_400 }));
      if (retryAfter !== undefined) action.retryAfter = retryAfter;
      return action;
    }
    case 'truncate':
      return {
        kind,
        at: optional(obj, '', 'at', number({ min: 0, max: 1 })) ?? 0.5,
        framing: optional(obj, '', 'framing', oneOf(['abort', 'complete'] as const)) ?? 'abort',
      };
    case 'invalid_chars':
      return { kind, char: optional(obj, '', 'char', readChar) ?? '\u0008' };
    case 'html_page':
      return { kind, status: optional(obj, '', 'status', oneOf([200, 404] as const)) ?? 200 };
    case 'doctype_entity':
      return { kind, url: optional(obj, '', 'url', readUrl) ?? DEFAULT_ENTITY_URL };
    case 'reset':
    case 'revoke_token':
      return { kind };
  }
}

function readLatency(value: unknown, field: string): number | [number, number] {
  const ms = integer({ min: 0, max: 600_000 });
  if (!Array.isArray(value)) return ms(value, field);
  if (value.length !== 2) throw AdminError.field(field, 'BAD_RANGE');
  const range: [number, number] = [ms(value[0], `${field}[0]`), ms(value[1], `${field}[1]`)];
  if (range[0] > range[1]) throw AdminError.field(field, 'BAD_RANGE');
  return range;
}

function readChar(value: unknown, field: string): string {
  const text = string(value, field);
  if ([...text].length !== 1) throw AdminError.field(field, 'NOT_SINGLE_CHAR');
  return text;
}

function readUrl(value: unknown, field: string): string {
  const text = string(value, field);
  if (!/^https?:\/\/[^\s"'<>]+$/.test(text)) throw AdminError.field(field, 'NOT_URL');
  return text;
}

function readMatch(value: unknown): FaultMatch {
  const obj = object(value, 'match', ['report', 'path', 'method', 'nth', 'probability']);
  const match: FaultMatch = {};
  const report = optional(obj, 'match', 'report', string);
  const path = optional(obj, 'match', 'path', string);
  const method = optional(obj, 'match', 'method', string);
  const nth = optional(obj, 'match', 'nth', oneOrMany(integer({ min: 1 })));
  const probability = optional(obj, 'match', 'probability', number({ min: 0, max: 1 }));
  if (report !== undefined) match.report = report;
  if (path !== undefined) match.path = path;
  if (method !== undefined) match.method = method.toUpperCase();
  if (nth !== undefined) match.nth = nth;
  if (probability !== undefined) match.probability = probability;
  return match;
}
