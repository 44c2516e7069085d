import { Rng, deriveSeed } from './rng.js';
import { SECONDS_PER_DAY } from './time.js';
import type { Timeline } from './timeline.js';
import { FIRST_DAY, decodeLsid, encodeLsid, type World } from './world.js';

/** The longest a generated presentation lasts; window scans look back this far for `end_*`. */
export const MAX_PRESENTATION_SECONDS = 4 * 3600;

/**
 * The cheap facts of one presentation (a representative showing their screen to attendees).
 * Everything here is a pure function of (seed, day, index), like a support session's core.
 */
export interface PresentationCore {
  day: number;
  index: number;
  lsid: string;
  /** Shares the appliance-wide sequence with support sessions, never the same number. */
  lseq: number;
  start: number;
  plannedEnd: number;
  siteId: number;
  presenterRepId: number;
  /** Other representatives who joined as presenters. */
  coPresenterIds: number[];
  /** Attendees are people of the world (customer ids). */
  attendeeIds: number[];
  recording: boolean;
  detailSeed: number;
}

/** Presentations sit after support sessions in each day's block of the lseq sequence. */
const LSEQ_OFFSET = 500;

function presentationLength(rng: Rng): number {
  return rng.weighted<number>([
    [rng.int(300, 1800), 40],
    [rng.int(1800, 3600), 40],
    [rng.int(3600, MAX_PRESENTATION_SECONDS), 20],
  ]);
}

/** Every presentation that starts on a UTC day, ascending by start then lseq. */
export function presentationsOfDay(world: World, day: number): PresentationCore[] {
  if (day < FIRST_DAY) return [];
  const rng = new Rng(deriveSeed(world.seed, 'presentation-day', day));
  const weekday = (day + 4) % 7;
  const weekend = weekday === 0 || weekday === 6;
  const count = weekend ? (rng.chance(0.3) ? 1 : 0) : rng.int(0, 4);
  const starts = Array.from({ length: count }, () => rng.int(9, 20) * 3600 + rng.int(0, 3599));
  starts.sort((a, b) => a - b);

  const dayStart = day * SECONDS_PER_DAY;
  return starts.map((offset, i) => {
    const start = dayStart + offset;
    const presenter = rng.pick(world.reps);
    const others = world.reps.filter((r) => r !== presenter);
    const coPresenters = rng.chance(0.2) ? rng.sample(others, 1) : [];
    const attendees = rng.sample(
      world.customers,
      rng.weighted<number>([
        [0, 5],
        [1, 25],
        [rng.int(2, 5), 50],
        [rng.int(6, 12), 20],
      ]),
    );
    const site = rng.weighted(world.sites.map((s) => [s, s.weight] as const));
    return {
      day,
      index: i,
      lsid: encodeLsid(world, day, i, 'presentation'),
      lseq: (day - FIRST_DAY) * 1000 + LSEQ_OFFSET + i + 1,
      start,
      plannedEnd: start + presentationLength(rng),
      siteId: site.id,
      presenterRepId: presenter.id,
      coPresenterIds: coPresenters.map((r) => r.id),
      attendeeIds: attendees.map((c) => c.id),
      recording: rng.chance(0.5),
      detailSeed: deriveSeed(world.seed, 'presentation-detail', day, i),
    };
  });
}

/** The presentations of a world as a timeline for the window logic. */
export function presentationTimeline(world: World): Timeline<PresentationCore> {
  return {
    ofDay: (day) => presentationsOfDay(world, day),
    maxSeconds: MAX_PRESENTATION_SECONDS,
  };
}

/** Finds a presentation by lsid without scanning; support session lsids are not presentations. */
export function presentationByLsid(world: World, lsid: string): PresentationCore | null {
  const ref = decodeLsid(world, lsid);
  if (!ref || ref.kind !== 'presentation') return null;
  return presentationsOfDay(world, ref.day)[ref.index] ?? null;
}
