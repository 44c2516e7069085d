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
