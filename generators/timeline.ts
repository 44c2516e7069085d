import {
  MAX_SESSION_SECONDS,
  endAt,
  isVisible,
  sessionsOfDay,
  type SessionCore,
} from './sessions.js';
import { SECONDS_PER_DAY, utcDay } from './time.js';
import type { World } from './world.js';

/**
 * A resolved time window (spec §6.2): `from` inclusive; `to` exclusive, or inclusive when the
 * request asked for "up to now" (`duration=0`).
 */
export interface SessionWindow {
  field: 'start' | 'end';
  from: number;
  to: number;
  toInclusive: boolean;
}

export interface ClockView {
  now: number;
  /** Seconds after its end during which a session still reads as running (spec §6.3). */
  settleSeconds: number;
}

/** What the window logic needs of anything that starts and ends: sessions, presentations. */
export interface TimedItem {
  start: number;
  plannedEnd: number;
  lseq: number;
  /** Pinned items only: invisible to every report until this instant (late arrival). */
  visibleAt?: number;
}

/** A kind of item generated per UTC day of its start, with a bound on how long one lasts. */
export interface Timeline<T extends TimedItem> {
  ofDay(day: number): T[];
  maxSeconds: number;
}

export function inWindow(t: number, w: SessionWindow): boolean {
  return t >= w.from && (w.toInclusive ? t <= w.to : t < w.to);
}

/** The support sessions of a world as a timeline. */
export function supportTimeline(world: World): Timeline<SessionCore> {
  return { ofDay: (day) => sessionsOfDay(world, day), maxSeconds: MAX_SESSION_SECONDS };
}

/**
 * Items matching a window, in the appliance's order (anchor field ascending, then lseq).
 * Days are generated one at a time, so memory stays flat however long the window is.
 */
export function* itemsInWindow<T extends TimedItem>(
  timeline: Timeline<T>,
  window: SessionWindow,
  clock: ClockView,
): Generator<T> {
  for (const day of itemsInWindowByDay(timeline, window, clock)) yield* day;
}

/**
 * The items of `itemsInWindow`, one batch per UTC day of the anchor field (possibly empty), so
 * a caller can pause between days of a long window.
 */
export function* itemsInWindowByDay<T extends TimedItem>(
  timeline: Timeline<T>,
  window: SessionWindow,
  clock: ClockView,
): Generator<T[]> {
  const last = Math.min(window.to, clock.now);
  if (last < window.from) return;

  if (window.field === 'start') {
    for (let day = utcDay(window.from); day <= utcDay(last); day++) {
      yield timeline.ofDay(day).filter((s) => isVisible(s, clock.now) && inWindow(s.start, window));
    }
    return;
  }

  // end_*: an item ending on day d started on d or up to maxSeconds before. Keep the start
  // days that can still end in a later day, and emit each end day sorted by end then lseq.
  const lookBack = Math.ceil(timeline.maxSeconds / SECONDS_PER_DAY);
  const cache = new Map<number, T[]>();
  const daySessions = (d: number) => {
    let list = cache.get(d);
    if (!list) {
      list = timeline.ofDay(d);
      cache.set(d, list);
    }
    return list;
  };
  for (let endDay = utcDay(window.from); endDay <= utcDay(last); endDay++) {
    const ending: T[] = [];
    for (let d = endDay - lookBack; d <= endDay; d++) {
      for (const s of daySessions(d)) {
        const end = endAt(s, clock.now, clock.settleSeconds);
        if (
          end !== null &&
          isVisible(s, clock.now) &&
          utcDay(end) === endDay &&
          inWindow(end, window)
        ) {
          ending.push(s);
        }
      }
    }
    cache.delete(endDay - lookBack);
    ending.sort((a, b) => a.plannedEnd - b.plannedEnd || a.lseq - b.lseq);
    yield ending;
  }
}

/** Support sessions matching a window; see `itemsInWindow`. */
export function sessionsInWindow(
  world: World,
  window: SessionWindow,
  clock: ClockView,
): Generator<SessionCore> {
  return itemsInWindow(supportTimeline(world), window, clock);
}

/** Support sessions matching a window, one batch per day; see `itemsInWindowByDay`. */
export function sessionsInWindowByDay(
  world: World,
  window: SessionWindow,
  clock: ClockView,
): Generator<SessionCore[]> {
  return itemsInWindowByDay(supportTimeline(world), window, clock);
}

/**
 * Every item whose lifetime `[start, plannedEnd]` touches `[from, to]`, in start order. For reports that look inside items (team activity,
 * license usage, archives) rather than at their start or end.
 */
export function* itemsOverlapping<T extends TimedItem>(
  timeline: Timeline<T>,
  from: number,
  to: number,
): Generator<T> {
  for (let day = utcDay(from - timeline.maxSeconds); day <= utcDay(to); day++) {
    for (const s of timeline.ofDay(day)) {
      if (s.start <= to && s.plannedEnd >= from) yield s;
    }
  }
}
