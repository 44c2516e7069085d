import { Rng, deriveSeed } from './rng.js';
import { SECONDS_PER_DAY } from './time.js';
import type { SessionDetail } from './detail-types.js';
import { praSessionFacts } from './pra-sessions.js';
import { FIRST_DAY, encodeLsid, decodeLsid, type World } from './world.js';

/** The longest a generated session lasts; window scans look back this far for `end_*`. */
export const MAX_SESSION_SECONDS = 30 * 3600;

/** Days after which a recording has expired (the appliance's retention). */
export const RECORDING_RETENTION_DAYS = 90;

/**
 * The cheap facts of one session: enough to select it by window, list it, summarise it and
 * derive its full detail. Everything here is a pure function of (seed, day, index).
 */
export interface SessionCore {
  day: number;
  index: number;
  lsid: string;
  lseq: number;
  start: number;
  /** The end the session will have; whether it has ended depends on the clock. */
  plannedEnd: number;
  siteId: number;
  /** User id of the primary representative; null when no representative ever joined. */
  primaryRepId: number | null;
  /** Other representatives who joined (conference members), by user id. */
  memberRepIds: number[];
  customerIds: number[];
  externalKey: string;
  screenRecording: boolean;
  showMyScreenRecording: boolean;
  shellCount: number;
  jump: SessionJump | null;
  /** PRA only: the vault account whose credential the user injected into the session. */
  vaultAccountId?: number;
  custSurvey: boolean;
  repSurvey: boolean;
  /** Seed for the session's detail (events, chat, files). */
  detailSeed: number;
  /** Pinned sessions only: the session stays invisible to every report until this instant. */
  visibleAt?: number;
  /** Pinned sessions only: parts of the detail given by a fixture instead of generated. */
  detailOverride?: DetailOverride;
}

/** How a session was reached through a Jump: Jumpoint (if any), Jump Group and Jump Item. */
export interface SessionJump {
  /** Absent for Jump Clients and Local Jump, which need no Jumpoint. */
  jumpointId?: number;
  jumpGroupId: number;
  /** Jump Group ids are unique within a type only; absent means the id alone is unique. */
  jumpGroupType?: 'shared' | 'personal';
  /** PRA: the Jump Item jumped to. */
  jumpItemId?: number;
}

/** Parts of a session's detail a fixture may pin; everything else is generated from the seed. */
export type DetailOverride = Partial<
  Pick<
    SessionDetail,
    | 'customers'
    | 'reps'
    | 'events'
    | 'customAttributes'
    | 'primaryCustomer'
    | 'primaryRep'
    | 'surveys'
  >
>;

/** Index of the first pinned session of a day; generated days hold far fewer sessions. */
export const PINNED_INDEX_BASE = 500;

export function sessionCount(rng: Rng, day: number): number {
  const weekday = (day + 4) % 7; // 1970-01-01 was a Thursday
  const weekend = weekday === 0 || weekday === 6;
  return weekend ? rng.int(2, 8) : rng.int(18, 45);
}

function startOffset(rng: Rng): number {
  // Most sessions start in business hours of the Americas and Europe (UTC 08–23).
  const hour = rng.chance(0.85) ? rng.int(8, 22) : rng.int(0, 23);
  return hour * 3600 + rng.int(0, 3599);
}

export function sessionLength(rng: Rng): number {
  return rng.weighted<number>([
    [rng.int(20, 300), 20],
    [rng.int(300, 1800), 45],
    [rng.int(1800, 7200), 28],
    [rng.int(7200, 6 * 3600), 5],
    [rng.int(24 * 3600, MAX_SESSION_SECONDS), 2],
  ]);
}

export function externalKey(rng: Rng): string {
  return rng.weighted<string>([
    ['', 45],
    [`INC${String(rng.int(10000, 99999)).padStart(7, '0')}`, 35],
    [`CASE-${rng.int(100000, 999999)}`, 15],
    [`${rng.int(1, 9)}${rng.hex(5)}`, 5],
  ]);
}

/**
 * Every session that starts on a UTC day, generated and pinned, ascending by start then lseq.
 */
export function sessionsOfDay(world: World, day: number): SessionCore[] {
  let generated = generatedSessionsOfDay(world, day);
  if (world.suppressed.length > 0)
    generated = generated.filter((s) => !isSuppressed(world, s.start));
  const pinned = world.pinned.get(day);
  if (!pinned || pinned.length === 0) return generated;
  return [...generated, ...pinned].sort((a, b) => a.start - b.start || a.lseq - b.lseq);
}

/**
 * The generated sessions that start on a UTC day. Several sessions share a start second, and
 * several share an end second, as on real appliances.
 */
export function generatedSessionsOfDay(world: World, day: number): SessionCore[] {
  if (day < FIRST_DAY) return [];
  // Days are pure functions of (seed, day): recently used ones are kept, bounded in number.
  const cached = world.dayCache.get(day);
  if (cached) return cached;
  const sessions = generateDay(world, day);
  if (world.dayCache.size >= DAY_CACHE_SIZE) {
    world.dayCache.delete(world.dayCache.keys().next().value!);
  }
  world.dayCache.set(day, sessions);
  return sessions;
}

/** How many generated days a world keeps; a year-long window streams past them. */
const DAY_CACHE_SIZE = 64;

function generateDay(world: World, day: number): SessionCore[] {
  const rng = new Rng(deriveSeed(world.seed, 'day', day));
  const count = sessionCount(rng, day);
  const starts = Array.from({ length: count }, () => startOffset(rng)).sort((a, b) => a - b);
  // Same-second starts: a share of sessions start in the very second of the one before.
  for (let i = 1; i < starts.length; i++) if (rng.chance(0.08)) starts[i] = starts[i - 1]!;

  const dayStart = day * SECONDS_PER_DAY;
  const sessions: SessionCore[] = [];
  for (let i = 0; i < count; i++) {
    const start = dayStart + starts[i]!;
    let plannedEnd = start + sessionLength(rng);
    // Same-second ends: real pollers meet sessions that close in the same second.
    const previous = sessions[i - 1];
    if (previous && previous.plannedEnd > start + 20 && rng.chance(0.12))
      plannedEnd = previous.plannedEnd;

    const facts =
      world.product === 'pra' ? praSessionFacts(world, rng) : rsSessionFacts(world, rng);
    sessions.push({
      day,
      index: i,
      lsid: encodeLsid(world, day, i),
      lseq: (day - FIRST_DAY) * 1000 + i + 1,
      start,
      plannedEnd,
      ...facts,
      detailSeed: deriveSeed(world.seed, 'detail', day, i),
    });
  }
  return sessions;
}

/** The facts of a session that depend on who and what it involves, not on when. */
export type SessionFacts = Omit<
  SessionCore,
  'day' | 'index' | 'lsid' | 'lseq' | 'start' | 'plannedEnd' | 'detailSeed'
>;

/**
 * A Remote Support session: a customer (sometimes two) in a public site's queue, taken by a
 * representative (rarely nobody), sometimes through a Jump. The draws keep their order, so a
 * seed gives the same sessions it always gave.
 */
function rsSessionFacts(world: World, rng: Rng): SessionFacts {
  const reps = world.reps;
  const primaryRep = rng.chance(0.95) ? rng.pick(reps) : null;
  const members =
    primaryRep && rng.chance(0.25)
      ? rng.sample(
          reps.filter((r) => r !== primaryRep),
          rng.int(1, 2),
        )
      : [];
  const customerCount = rng.chance(0.08) ? 2 : 1;
  const customers = rng.sample(world.customers, customerCount);
  const site = rng.weighted(world.sites.map((s) => [s, s.weight] as const));
  const jump = rng.chance(0.2)
    ? { jumpointId: rng.pick(world.jumpoints).id, jumpGroupId: rng.pick(world.jumpGroups).id }
    : null;
  return {
    siteId: site.id,
    primaryRepId: primaryRep ? primaryRep.id : null,
    memberRepIds: members.map((r) => r.id),
    customerIds: customers.map((c) => c.id),
    externalKey: externalKey(rng),
    screenRecording: primaryRep !== null && rng.chance(0.6),
    showMyScreenRecording: primaryRep !== null && rng.chance(0.1),
    shellCount:
      primaryRep === null
        ? 0
        : rng.weighted<number>([
            [0, 75],
            [1, 15],
            [2, 7],
            [3, 3],
          ]),
    jump,
    custSurvey: rng.chance(0.3),
    repSurvey: primaryRep !== null && rng.chance(0.2),
  };
}

/** Whether a generated session starting then is replaced by a fixture's sessions. */
export function isSuppressed(world: World, start: number): boolean {
  return world.suppressed.some((span) => start >= span.from && start < span.to);
}

/** Finds a session by lsid without scanning: the lsid encodes its day and index. */
export function sessionByLsid(world: World, lsid: string): SessionCore | null {
  const pinned = world.pinnedLsids.get(lsid);
  if (pinned) return pinned;
  const ref = decodeLsid(world, lsid);
  if (!ref || ref.kind !== 'support' || ref.index >= PINNED_INDEX_BASE) return null;
  const core = generatedSessionsOfDay(world, ref.day)[ref.index] ?? null;
  return core && !isSuppressed(world, core.start) ? core : null;
}

/** Whether reports may show the session at `now`: started, and past any pinned visibility. */
export function isVisible(core: { start: number; visibleAt?: number }, now: number): boolean {
  return core.start <= now && (core.visibleAt === undefined || core.visibleAt <= now);
}

/**
 * The facts a caller may give for a pinned session; the rest is derived from the seed. An lsid
 * or lseq given here is kept as is (a fixture exported from another world keeps its ids).
 */
export type PinnedSessionInput = Partial<Omit<SessionCore, 'day' | 'index' | 'detailSeed'>> & {
  start: number;
  plannedEnd: number;
};

/**
 * Adds a session to the world at runtime or from a fixture. It gets an lsid and lseq of its
 * day like generated ones, and generated defaults for every fact not given.
 */
export function pinSession(world: World, input: PinnedSessionInput): SessionCore {
  if (!(input.plannedEnd >= input.start))
    throw new RangeError('a session cannot end before it starts');
  if (input.plannedEnd - input.start > MAX_SESSION_SECONDS) {
    throw new RangeError(`a session lasts at most ${MAX_SESSION_SECONDS} seconds`);
  }
  if (input.lsid !== undefined && world.pinnedLsids.has(input.lsid)) {
    throw new RangeError(`lsid ${input.lsid} is already pinned`);
  }
  const day = Math.floor(input.start / SECONDS_PER_DAY);
  const list = world.pinned.get(day) ?? [];
  const index = PINNED_INDEX_BASE + list.length;
  const rng = new Rng(deriveSeed(world.seed, 'pinned', day, index));
  const primaryRepId =
    input.primaryRepId !== undefined ? input.primaryRepId : rng.pick(world.reps).id;
  const lsid = input.lsid ?? encodeLsid(world, day, index);
  const core: SessionCore = {
    siteId: 1,
    memberRepIds: [],
    customerIds: [rng.pick(world.customers).id],
    externalKey: '',
    screenRecording: false,
    showMyScreenRecording: false,
    shellCount: 0,
    jump: null,
    custSurvey: false,
    repSurvey: false,
    ...input,
    primaryRepId,
    day,
    index,
    lsid,
    lseq: input.lseq ?? (day - FIRST_DAY) * 1000 + index + 1,
    detailSeed: deriveSeed(world.seed, 'detail', day, index),
  };
  // Every PRA session is a Jump: a pinned one jumps to the item behind its endpoint.
  if (world.product === 'pra' && core.jump === null) core.jump = jumpToEndpoint(world, core);
  list.push(core);
  world.pinned.set(day, list);
  world.pinnedLsids.set(lsid, core);
  return core;
}

/** The Jump to the Jump Item behind a PRA session's endpoint (endpoint id = item id). */
function jumpToEndpoint(world: World, core: SessionCore): SessionJump | null {
  const item = world.jumpItems.find((it) => it.id === core.customerIds[0]);
  if (!item) return null;
  const jump: SessionJump = {
    jumpGroupId: item.jumpGroupId,
    jumpGroupType: item.jumpGroupType,
    jumpItemId: item.id,
  };
  if (item.jumpointId !== undefined) jump.jumpointId = item.jumpointId;
  return jump;
}

/** The session's end as the clock sees it: null while it is still running. */
export function endAt(core: { plannedEnd: number }, now: number, settleSeconds = 0): number | null {
  return core.plannedEnd + settleSeconds <= now ? core.plannedEnd : null;
}

export function recordingExpired(core: { plannedEnd: number }, now: number): boolean {
  return now - core.plannedEnd > RECORDING_RETENTION_DAYS * SECONDS_PER_DAY;
}
