import { sessionsOfDay, type SessionCore } from '../generators/sessions.js';
import { utcDay } from '../generators/time.js';
import type { World } from '../generators/world.js';

/**
 * The sessions of a world by plain iteration over its days, without the timeline's window
 * logic: what a client should have collected, computed independently of the reports.
 */
export function sessionsStartedBetween(world: World, from: number, to: number): SessionCore[] {
  const out: SessionCore[] = [];
  for (let d = utcDay(from); d <= utcDay(to); d++) {
    for (const s of sessionsOfDay(world, d)) if (s.start >= from && s.start <= to) out.push(s);
  }
  return out;
}

/** Sessions that ended in `[from, to]` with the clock at `to`. */
export function sessionsEndedBetween(world: World, from: number, to: number): SessionCore[] {
  const out: SessionCore[] = [];
  for (let d = utcDay(from) - 2; d <= utcDay(to); d++) {
    for (const s of sessionsOfDay(world, d)) {
      if (s.start <= to && s.plannedEnd >= from && s.plannedEnd <= to) out.push(s);
    }
  }
  return out;
}
