import type { SessionWindow } from '../../generators/timeline.js';
import { addDays, localMidnight, parseCalendarDate } from '../../generators/time.js';
import { ApplianceError } from '../errors.js';

/** Request parameters after merging query and body; the last occurrence of a name wins. */
export type Params = ReadonlyMap<string, string>;

export const ANCHORS = ['start_date', 'start_time', 'end_date', 'end_time'] as const;
export type Anchor = (typeof ANCHORS)[number];

const UINT = /^[0-9]+$/;
export const LSID = /^[0-9a-f]{32}$/;

/** `a, b, c or d`, as the appliance's "One of … must be specified." lists names. */
export function orList(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}

export function requireParam(params: Params, name: string): string {
  const value = params.get(name);
  if (value === undefined) throw new ApplianceError('MISSING_PARAMETER', { name });
  return value;
}

export function uintParam(params: Params, name: string): number | undefined {
  const value = params.get(name);
  if (value === undefined) return undefined;
  if (!UINT.test(value)) throw new ApplianceError('INVALID_VALUE', { name });
  return Number(value);
}

export function enumParam<T extends string>(params: Params, name: string, allowed: readonly T[]): T {
  const value = requireParam(params, name);
  if (!(allowed as readonly string[]).includes(value)) throw new ApplianceError('INVALID_VALUE', { name });
  return value as T;
}

/** A required `YYYY-MM-DD` parameter. */
export function dateParam(params: Params, name: string): { year: number; month: number; day: number } {
  const date = parseCalendarDate(requireParam(params, name));
  if (!date) throw new ApplianceError('INVALID_VALUE', { name });
  return date;
}

/** Far enough in the future to mean "no upper bound" without overflowing date arithmetic. */
const NO_END = Number.MAX_SAFE_INTEGER;

/**
 * Resolves a time window (spec §6): the first present anchor in the order start_date,
 * start_time, end_date, end_time; `duration` in days for dates (local midnights in the site's
 * zone) and seconds for times; 0 meaning "up to now", inclusive.
 */
export function timeWindow(params: Params, anchor: Anchor, siteTz: string, now: number): SessionWindow {
  const raw = params.get(anchor)!;
  const isDate = anchor.endsWith('_date');
  const date = isDate ? parseCalendarDate(raw) : null;
  if (isDate ? date === null : !UINT.test(raw)) throw new ApplianceError('INVALID_VALUE', { name: anchor });
  const duration = uintParam(params, 'duration');
  if (duration === undefined) throw new ApplianceError('MISSING_PARAMETER', { name: 'duration' });

  const field = anchor.startsWith('start') ? 'start' : 'end';
  const from = date ? localMidnight(date, siteTz) : Number(raw);
  if (duration === 0) return { field, from, to: now, toInclusive: true };
  if (date) {
    const to = duration > 1_000_000 ? NO_END : localMidnight(addDays(date, duration), siteTz);
    return { field, from, to, toInclusive: false };
  }
  return { field, from, to: Math.min(from + duration, NO_END), toInclusive: false };
}

export type Selection =
  | { kind: 'window'; anchor: Anchor; window: SessionWindow }
  | { kind: 'lsids'; lsids: string[] };

/**
 * Picks the parameter set of a request (spec §6.4): `lsid`, then `lsids` where the report takes
 * them, then the first present time anchor. Fails with the appliance's texts otherwise.
 */
export function selectSessions(
  params: Params,
  options: { acceptsLsid: boolean; siteTz: string; now: number; anchors?: readonly Anchor[] },
): Selection {
  const anchors = options.anchors ?? ANCHORS;
  if (options.acceptsLsid) {
    const lsid = params.get('lsid');
    if (lsid !== undefined) {
      if (!LSID.test(lsid)) throw new ApplianceError('INVALID_LSID');
      return { kind: 'lsids', lsids: [lsid] };
    }
    const lsids = params.get('lsids');
    if (lsids !== undefined) {
      const list = lsids.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
      return { kind: 'lsids', lsids: [...new Set(list)] };
    }
  }
  const anchor = anchors.find((a) => params.has(a));
  if (!anchor) {
    const accepted = options.acceptsLsid ? [...anchors, 'lsid', 'lsids'] : [...anchors];
    throw new ApplianceError('NO_PARAMETER_SET', { list: orList(accepted) });
  }
  return { kind: 'window', anchor, window: timeWindow(params, anchor, options.siteTz, options.now) };
}
