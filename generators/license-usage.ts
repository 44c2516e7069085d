import {
  addDays,
  localDateString,
  localMidnight,
  parseCalendarDate,
  utcOffsetSeconds,
} from './time.js';
import { repParticipations, sessionParticipants } from './participants.js';
import { itemsOverlapping, supportTimeline } from './timeline.js';
import type { World } from './world.js';

/** License use over `[from, to)`: constant between change points. */
export interface UsageSegment {
  from: number;
  to: number;
  /** Representatives in at least one session. */
  loggedIn: number;
  /** Representatives in extended availability and not logged in. */
  extended: number;
  total: number;
}

/**
 * License use as a step function over `[from, to)`, from the representatives' participation in
 * the world's sessions: a representative holds a license from joining a session to leaving
 * their last one; representatives in extended availability hold one while not logged in.
 */
export function* usageSegments(world: World, from: number, to: number): Generator<UsageSegment> {
  if (to <= from) return;
  const changes = new Map<number, Map<number, number>>();
  const bump = (t: number, repId: number, delta: number) => {
    const at = changes.get(t) ?? new Map<number, number>();
    at.set(repId, (at.get(repId) ?? 0) + delta);
    changes.set(t, at);
  };
  // Active sessions per representative at `from`, then every join and leave inside the range.
  const active = new Map<number, number>();
  for (const core of itemsOverlapping(supportTimeline(world), from, to)) {
    for (const p of repParticipations(sessionParticipants(world, core))) {
      if (p.leave <= from || p.join >= to) continue;
      if (p.join <= from) active.set(p.entry.id, (active.get(p.entry.id) ?? 0) + 1);
      else bump(p.join, p.entry.id, 1);
      if (p.leave < to) bump(p.leave, p.entry.id, -1);
    }
  }

  const extendedReps = world.reps.filter((r) => r.extendedAvailability).map((r) => r.id);
  const measure = (start: number, end: number): UsageSegment => {
    let loggedIn = 0;
    for (const n of active.values()) if (n > 0) loggedIn++;
    const extended = extendedReps.filter((id) => (active.get(id) ?? 0) === 0).length;
    return { from: start, to: end, loggedIn, extended, total: loggedIn + extended };
  };

  let cursor = from;
  for (const t of [...changes.keys()].sort((a, b) => a - b)) {
    if (t > cursor) yield measure(cursor, t);
    for (const [repId, delta] of changes.get(t)!)
      active.set(repId, (active.get(repId) ?? 0) + delta);
    cursor = Math.max(cursor, t);
  }
  yield measure(cursor, to);
}

/** True when use is at or above 90 % of the licenses: only then is it recorded (spec §25). */
export function isRecorded(total: number, licenses: number): boolean {
  return total * 10 >= licenses * 9;
}

export type GroupBy = 'hour' | 'day' | 'month';

/** One bucket with recorded use: the maxima over the instants recorded in it. */
export interface UsageInterval {
  start: number;
  end: number;
  loggedIn: number;
  extended: number;
  total: number;
}

/** The bucket (hour, day or month of the site's calendar) holding instant `t`. */
export function bucketOf(
  t: number,
  groupBy: GroupBy,
  timeZone: string,
): { start: number; end: number } {
  if (groupBy === 'hour') {
    const offset = utcOffsetSeconds(t, timeZone);
    const start = t - ((((t + offset) % 3600) + 3600) % 3600);
    return { start, end: start + 3600 };
  }
  const date = parseCalendarDate(localDateString(t, timeZone))!;
  if (groupBy === 'day') {
    return { start: localMidnight(date, timeZone), end: localMidnight(addDays(date, 1), timeZone) };
  }
  const first = { year: date.year, month: date.month, day: 1 };
  const next =
    date.month === 12
      ? { year: date.year + 1, month: 1, day: 1 }
      : { ...first, month: date.month + 1 };
  return { start: localMidnight(first, timeZone), end: localMidnight(next, timeZone) };
}

/**
 * Peak license use per bucket over `[from, to)` (spec §25): only buckets in which use reached
 * 90 % of the licenses appear, each with the maxima of its recorded instants. Bucket bounds are
 * clipped to `[from, shownEnd]`, the window the document reports.
 */
export function usageIntervals(
  world: World,
  range: { from: number; to: number; shownEnd: number },
  groupBy: GroupBy,
  timeZone: string,
): UsageInterval[] {
  const buckets = new Map<number, UsageInterval>();
  for (const seg of usageSegments(world, range.from, range.to)) {
    if (!isRecorded(seg.total, world.licenseCount)) continue;
    for (let b = bucketOf(seg.from, groupBy, timeZone); b.start < seg.to;) {
      const found = buckets.get(b.start) ?? {
        start: Math.max(b.start, range.from),
        end: Math.min(b.end, range.shownEnd),
        loggedIn: 0,
        extended: 0,
        total: 0,
      };
      found.loggedIn = Math.max(found.loggedIn, seg.loggedIn);
      found.extended = Math.max(found.extended, seg.extended);
      found.total = Math.max(found.total, seg.total);
      buckets.set(b.start, found);
      b = bucketOf(b.end, groupBy, timeZone);
    }
  }
  return [...buckets.values()].sort((a, b) => a.start - b.start);
}
