import {
  addDays,
  localDateString,
  localMidnight,
  parseCalendarDate,
  SECONDS_PER_DAY,
  utcDay,
  utcOffsetSeconds,
} from './time.js';
import { repParticipations, sessionParticipants } from './participants.js';
import { MAX_SESSION_SECONDS, sessionsOfDay } from './sessions.js';
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
 * One batch of segments per UTC day of the range (the segment running at a day's end goes out
 * in the day its next change falls on), holding only the sessions of the last few days.
 */
export function* usageSegmentsByDay(
  world: World,
  from: number,
  to: number,
): Generator<UsageSegment[]> {
  if (to <= from) return;
  const lookBack = Math.ceil(MAX_SESSION_SECONDS / SECONDS_PER_DAY);
  const participationsOf = (day: number) =>
    sessionsOfDay(world, day).flatMap((core) =>
      repParticipations(sessionParticipants(world, core)),
    );
  // Active sessions per representative at `from`.
  const active = new Map<number, number>();
  for (let d = utcDay(from) - lookBack; d <= utcDay(from); d++) {
    for (const p of participationsOf(d)) {
      if (p.join <= from && p.leave > from && p.join < to) {
        active.set(p.entry.id, (active.get(p.entry.id) ?? 0) + 1);
      }
    }
  }

  const extendedReps = world.reps.filter((r) => r.extendedAvailability).map((r) => r.id);
  const measure = (start: number, end: number): UsageSegment => {
    let loggedIn = 0;
    for (const n of active.values()) if (n > 0) loggedIn++;
    const extended = extendedReps.filter((id) => (active.get(id) ?? 0) === 0).length;
    return { from: start, to: end, loggedIn, extended, total: loggedIn + extended };
  };

  const byStartDay = new Map<number, ReturnType<typeof participationsOf>>();
  let cursor = from;
  for (let day = utcDay(from); day <= utcDay(to - 1); day++) {
    // Every join and leave inside the range that falls on this day.
    const changes = new Map<number, Map<number, number>>();
    const bump = (t: number, repId: number, delta: number) => {
      if (t <= from || t >= to || utcDay(t) !== day) return;
      const at = changes.get(t) ?? new Map<number, number>();
      at.set(repId, (at.get(repId) ?? 0) + delta);
      changes.set(t, at);
    };
    for (let d = day - lookBack; d <= day; d++) {
      let list = byStartDay.get(d);
      if (!list) byStartDay.set(d, (list = participationsOf(d)));
      for (const p of list) {
        if (p.join >= to) continue;
        bump(p.join, p.entry.id, 1);
        bump(p.leave, p.entry.id, -1);
      }
    }
    byStartDay.delete(day - lookBack);
    const segments: UsageSegment[] = [];
    for (const t of [...changes.keys()].sort((a, b) => a - b)) {
      if (t > cursor) segments.push(measure(cursor, t));
      for (const [repId, delta] of changes.get(t)!)
        active.set(repId, (active.get(repId) ?? 0) + delta);
      cursor = Math.max(cursor, t);
    }
    yield segments;
  }
  yield [measure(cursor, to)];
}

/** License use over `[from, to)` as one sequence of segments; see `usageSegmentsByDay`. */
export function* usageSegments(world: World, from: number, to: number): Generator<UsageSegment> {
  for (const batch of usageSegmentsByDay(world, from, to)) yield* batch;
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
 * clipped to `[from, shownEnd]`, the window the document reports. One batch per UTC day of the
 * range: the buckets no later instant can reach, in time order.
 */
export function* usageIntervalsByDay(
  world: World,
  range: { from: number; to: number; shownEnd: number },
  groupBy: GroupBy,
  timeZone: string,
): Generator<UsageInterval[]> {
  // Open buckets by start, with their unclipped end; created in time order.
  const open = new Map<number, { rawEnd: number; interval: UsageInterval }>();
  const closedBy = (t: number) => {
    const done: UsageInterval[] = [];
    for (const [start, b] of open) {
      if (b.rawEnd > t) break;
      done.push(b.interval);
      open.delete(start);
    }
    return done;
  };
  for (const segments of usageSegmentsByDay(world, range.from, range.to)) {
    const done: UsageInterval[] = [];
    for (const seg of segments) {
      if (isRecorded(seg.total, world.licenseCount)) {
        for (let b = bucketOf(seg.from, groupBy, timeZone); b.start < seg.to;) {
          const found = open.get(b.start) ?? {
            rawEnd: b.end,
            interval: {
              start: Math.max(b.start, range.from),
              end: Math.min(b.end, range.shownEnd),
              loggedIn: 0,
              extended: 0,
              total: 0,
            },
          };
          const i = found.interval;
          i.loggedIn = Math.max(i.loggedIn, seg.loggedIn);
          i.extended = Math.max(i.extended, seg.extended);
          i.total = Math.max(i.total, seg.total);
          open.set(b.start, found);
          b = bucketOf(b.end, groupBy, timeZone);
        }
      }
      // Later segments start at or after this one's end: buckets ending by then are final.
      done.push(...closedBy(seg.to));
    }
    yield done;
  }
  yield closedBy(Infinity);
}

/** Every interval of `usageIntervalsByDay` at once. */
export function usageIntervals(
  world: World,
  range: { from: number; to: number; shownEnd: number },
  groupBy: GroupBy,
  timeZone: string,
): UsageInterval[] {
  return [...usageIntervalsByDay(world, range, groupBy, timeZone)].flat();
}
