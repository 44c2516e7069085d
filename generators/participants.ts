import type { Actor, CustomerEntry, RepEntry } from './detail-types.js';
import { Rng } from './rng.js';
import type { SessionCore } from './sessions.js';
import { TOPICS } from './surveys.js';
import { customerById, repById, type World } from './world.js';

/** One representative's time in a session: from joining to leaving. */
export interface RepParticipation {
  entry: RepEntry;
  actor: Actor;
  join: number;
  /** When the representative leaves; the session's planned end for the owner. */
  leave: number;
  primary: boolean;
}

/** One customer client's time in a session. */
export interface CustomerParticipation {
  entry: CustomerEntry;
  join: number;
}

/**
 * Who took part in a session and when: the part of a session's detail that other reports
 * (team activity, license usage, state archives) need. A pure function of the world and the
 * session's core facts, drawn from the head of the session's detail stream, so the detail
 * report and these reports always agree. No faker: cheap enough for long windows.
 */
export interface Participants {
  /** The session's detail stream, positioned after the participants' draws. */
  rng: Rng;
  /** Hands out the session's next gsnumber. */
  gs: () => number;
  customers: CustomerParticipation[];
  primary: RepParticipation | null;
  members: RepParticipation[];
}

function customerEntries(
  world: World,
  core: SessionCore,
  rng: Rng,
  gs: () => number,
): CustomerEntry[] {
  return core.customerIds.map((id, i) => {
    const c = customerById(world, id);
    const entry: CustomerEntry = {
      gsnumber: gs(),
      customerId: id,
      name: c.name,
      username: c.username,
    };
    if (rng.chance(0.95)) entry.publicIp = c.publicIp;
    if (rng.chance(0.9)) entry.privateIp = c.privateIp;
    if (c.hostname) entry.hostname = c.hostname;
    entry.os = rng.chance(0.05) ? 'Unknown' : c.os;
    // A PRA customer is the endpoint of a Jump: no primary flag, no details typed in by a
    // person (spec Appendix A).
    if (world.product === 'pra') return entry;
    if (i === 0) entry.primaryCust = true;
    else if (rng.chance(0.5)) entry.primaryCust = false;
    if (rng.chance(0.85)) {
      entry.info = { name: c.name };
      if (rng.chance(0.8)) entry.info.company = c.company;
      if (rng.chance(0.4)) entry.info.companyCode = c.companyCode;
      if (rng.chance(0.9)) entry.info.issue = rng.pick(TOPICS);
      if (rng.chance(0.5)) entry.info.details = '';
    }
    return entry;
  });
}

function repEntry(
  world: World,
  id: number,
  gsnumber: number,
  owner: boolean,
  primary: boolean,
  rng: Rng,
): RepEntry {
  const r = repById(world, id);
  const entry: RepEntry = {
    gsnumber,
    id,
    username: r.username,
    displayName: r.displayName,
    sessionOwner: owner,
    secondsInvolved: 0,
  };
  entry.publicDisplayName = r.publicDisplayName;
  entry.privateDisplayName = r.privateDisplayName;
  entry.publicIp = r.publicIp;
  entry.privateIp = r.privateIp;
  if (r.hostname) entry.hostname = r.hostname;
  entry.os = rng.chance(0.1) ? 'Unknown' : r.os;
  if (primary) entry.primaryRep = true;
  if (!owner && rng.chance(0.3)) entry.invited = true;
  return entry;
}

function repParticipation(entry: RepEntry, join: number, leave: number, primary: boolean) {
  const actor: Actor = {
    type: 'representative',
    gsnumber: entry.gsnumber,
    name: entry.displayName,
  };
  return { entry, actor, join, leave, primary };
}

/** The participants of a session; see `Participants`. */
export function sessionParticipants(world: World, core: SessionCore): Participants {
  const rng = new Rng(core.detailSeed);
  let nextGs = rng.int(2, 30);
  const gs = () => nextGs++;
  const closeAt = core.plannedEnd;

  const entries = customerEntries(world, core, rng, gs);
  const customers = entries.map((entry, i) => ({
    entry,
    join: core.start + (i === 0 ? 0 : rng.int(30, 120)),
  }));

  // The primary joins after a queue wait, members later; the owner stays to the end.
  if (core.primaryRepId === null) return { rng, gs, customers, primary: null, members: [] };
  const length = closeAt - core.start;
  // A support customer waits in a queue; a PRA user starts the session by jumping.
  const wait = world.product === 'pra' ? rng.int(1, 4) : rng.int(5, 600);
  const joinAt = core.start + Math.min(wait, Math.floor(length / 3));
  const primaryEntry = repEntry(world, core.primaryRepId, gs(), true, true, rng);
  const primary = repParticipation(primaryEntry, joinAt, closeAt, true);

  const members = core.memberRepIds.map((memberId) => {
    const join = joinAt + Math.floor((closeAt - joinAt) * rng.next() * 0.5);
    const leave = join + Math.floor((closeAt - join) * (0.3 + rng.next() * 0.7));
    return repParticipation(repEntry(world, memberId, gs(), false, false, rng), join, leave, false);
  });
  return { rng, gs, customers, primary, members };
}

/** Every representative participation of a session, the owner first. */
export function repParticipations(p: Participants): RepParticipation[] {
  return p.primary ? [p.primary, ...p.members] : [];
}
