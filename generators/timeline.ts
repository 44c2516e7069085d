import {
  MAX_SESSION_SECONDS,
  endAt,
  isVisible,
  sessionsOfDay,
  type SessionCore,
} from './sessions.js';
import { utcDay } from './time.js';
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

function inWindow(t: number, w: SessionWindow): boolean {
  return t >= w.from && (w.toInclusive ? t <= w.to : t < w.to);
}

/**
 * Sessions matching a window, in the appliance's order (anchor field ascending, then lseq).
 * Days are generated one at a time, so memory stays flat however long the window is.
 */
export function* sessionsInWindow(
  world: World,
  window: SessionWindow,
  clock: ClockView,
): Generator<SessionCore> {
  const last = Math.min(window.to, clock.now);
  if (last < window.from) return;

  if (window.field === 'start') {
    for (let day = utcDay(window.from); day <= utcDay(last); day++) {
      for (const s of sessionsOfDay(world, day)) {
        if (isVisible(s, clock.now) && inWindow(s.start, window)) yield s;
      }
    }
    return;
  }

  // end_*: a session ending on day d started on d or up to MAX_SESSION_SECONDS before. Keep the
  // start days that can still end in a later day, and emit each end day sorted by end then lseq.
  const lookBack = Math.ceil(MAX_SESSION_SECONDS / 86_400);
  const cache = new Map<number, SessionCore[]>();
  const daySessions = (d: number) => {
    let list = cache.get(d);
    if (!list) {
      list = sessionsOfDay(world, d);
      cache.set(d, list);
    }
    return list;
  };
  for (let endDay = utcDay(window.from); endDay <= utcDay(last); endDay++) {
    const ending: SessionCore[] = [];
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
    yield* ending;
  }
}
