import { Rng, deriveSeed } from '../../generators/rng.js';
import { AdminError } from '../errors.js';
import { pathMatches } from '../journal/match.js';
import type { FaultAction, FaultRule, FaultRuleInput } from './rules.js';

/** The admin API's own paths: never faulted, limited or journaled. */
export const ADMIN_PREFIX = '/__admin';

/** Paths whose answers are XML documents, the only ones the XML faults can shape. */
const XML_PATHS = new Set(['/api/reporting', '/api/command']);

/** What the engine knows of a request when it picks a fault. */
export interface FaultRequest {
  method: string;
  path: string;
  report: string | null;
  hasBearer: boolean;
}

/** A fault chosen for one request: the action and the rule's generator for its draws. */
export interface ChosenFault {
  rule: string;
  action: FaultAction;
  rng: Rng;
}

interface LiveRule {
  rule: FaultRule;
  rng: Rng;
}

/**
 * The fault rules of one mock. Rules are tried in the order they were added; each counts the
 * requests that meet its criteria, and the first that fires applies. A request gets at most one
 * fault.
 */
export class FaultEngine {
  private rules: LiveRule[] = [];
  private nextId = 1;

  constructor(private readonly worldSeed: number) {}

  add(input: FaultRuleInput): FaultRule {
    const id = `f${this.nextId++}`;
    const rule = { ...structuredClone(input), id, calls: 0, applied: 0 } as FaultRule;
    const seed = input.seed ?? deriveSeed(this.worldSeed, 'fault', id);
    this.rules.push({ rule, rng: new Rng(seed) });
    return structuredClone(rule);
  }

  remove(id: string): FaultRule {
    const index = this.rules.findIndex((r) => r.rule.id === id);
    if (index < 0) throw new AdminError('ADMIN_NO_RULE', { id });
    return this.rules.splice(index, 1)[0]!.rule;
  }

  list(): FaultRule[] {
    return this.rules.map((r) => structuredClone(r.rule));
  }

  clear(): void {
    this.rules = [];
  }

  /** Clears the rules and restarts rule ids at f1. */
  reset(): void {
    this.rules = [];
    this.nextId = 1;
  }

  /** Picks the fault for a request, counting calls and applications of the rules it reaches. */
  choose(request: FaultRequest): ChosenFault | null {
    if (request.path.startsWith(ADMIN_PREFIX)) return null;
    for (const live of this.rules) {
      const { rule } = live;
      if (!applicable(rule, request)) continue;
      rule.calls++;
      if (rule.times !== undefined && rule.applied >= rule.times) continue;
      if (rule.match?.nth && !rule.match.nth.includes(rule.calls)) continue;
      if (rule.match?.probability !== undefined && !live.rng.chance(rule.match.probability))
        continue;
      rule.applied++;
      return { rule: rule.id, action: actionOf(rule), rng: live.rng };
    }
    return null;
  }
}

function applicable(rule: FaultRule, request: FaultRequest): boolean {
  const match = rule.match ?? {};
  if (match.path !== undefined && !pathMatches(match.path, request.path)) return false;
  if (match.method !== undefined && match.method !== request.method) return false;
  if (match.report !== undefined && match.report !== request.report) return false;
  // A fault that needs something the request lacks does not count it as a call.
  if (rule.kind === 'revoke_token' && !request.hasBearer) return false;
  if (
    (rule.kind === 'invalid_chars' || rule.kind === 'doctype_entity') &&
    !XML_PATHS.has(request.path)
  ) {
    return false;
  }
  return true;
}

function actionOf(rule: FaultRule): FaultAction {
  const { match: _m, times: _t, seed: _s, id: _i, calls: _c, applied: _a, ...action } = rule;
  return action as FaultAction;
}
