import type { SessionEvent } from './detail-types.js';
import { chatEvent } from './detail.js';
import { repParticipations, sessionParticipants, type RepParticipation } from './participants.js';
import { Rng, deriveSeed } from './rng.js';
import { MAX_SESSION_SECONDS, sessionsOfDay, type SessionCore } from './sessions.js';
import { SECONDS_PER_DAY, utcDay } from './time.js';
import { inWindow, type SessionWindow } from './timeline.js';
import { repById, type Team, teamById, type World } from './world.js';

/** One event in a support team's conference, with the session that caused it. */
export interface TeamEvent {
  teamId: number;
  /** The support session whose participation produced the event. */
  lsid: string;
  lseq: number;
  /** Order of the event among those of its session, for a stable sort inside a second. */
  order: number;
  event: SessionEvent;
}

/** What representatives write in their team's chat: plain, accented, markup, control bytes. */
const TEAM_CHAT = [
  (topic: string) => `Anyone free to take a ${topic} call?`,
  (topic: string) => `Heads-up: ${topic} issues again today`,
  () => 'Back in 5 — covering the queue?',
  () => 'Merci à tous, la file est vide 👍',
  () => 'Need a second pair of eyes on <this> & that',
  () => 'pasted log:\u0007 ERROR 0x80070005',
  () => 'Line one\nline two',
] as const;

const TOPICS = ['VPN', 'printer', 'e-mail', 'password', 'Wi-Fi'] as const;

function teamNames(world: World, teamIds: readonly number[]): string {
  return teamIds.map((id) => teamById(world, id).name).join(', ');
}

/**
 * The team events one representative's participation produces in each of their teams: added to
 * the team's conference when they join a session, connected, departed when they leave it (spec §22; the link to sessions is the mock's model).
 */
function participationEvents(world: World, p: RepParticipation): SessionEvent[] {
  const rep = repById(world, p.entry.id);
  const os = p.entry.os ?? 'Unknown';
  const privateIp = p.entry.privateIp ?? 'Unknown';
  const publicIp = p.entry.publicIp ?? 'Unknown';
  const events: SessionEvent[] = [
    {
      timestamp: p.join,
      eventType: 'Conference Member Added',
      performedBy: p.actor,
      data: [
        ['os', os],
        ['private_ip', privateIp],
        ['private_name', p.entry.privateDisplayName ?? p.entry.displayName],
        ['public_ip', publicIp],
        ['public_name', p.entry.publicDisplayName ?? p.entry.displayName],
        ['support_teams', teamNames(world, rep.teamIds)],
        ['user_id', String(rep.id)],
      ],
    },
    {
      timestamp: p.join,
      eventType: 'Conference Member State Changed',
      performedBy: p.actor,
      data: [
        ['os', os],
        ['private_ip', privateIp],
        ['public_ip', publicIp],
        ['state', 'connected'],
      ],
    },
  ];
  events.push({
    timestamp: p.leave,
    eventType: 'Conference Member Departed',
    performedBy: p.actor,
  });
  return events;
}

/** Sometimes a chat line while the representative works, posted in one of their teams. */
function teamChat(p: RepParticipation, teamIds: readonly number[], rng: Rng) {
  if (p.leave - p.join <= 2 || !rng.chance(0.3)) return null;
  const text = rng.pick(TEAM_CHAT)(rng.pick(TOPICS));
  const at = p.join + rng.int(1, p.leave - p.join - 1);
  return { teamId: rng.pick(teamIds), event: chatEvent(at, p.actor, undefined, text) };
}

/** Every team event a session produces, whatever the clock: a pure function of the session. */
export function teamEventsOfSession(world: World, core: SessionCore): TeamEvent[] {
  const rng = new Rng(deriveSeed(core.detailSeed, 'team'));
  const out: TeamEvent[] = [];
  for (const p of repParticipations(sessionParticipants(world, core))) {
    const teamIds = repById(world, p.entry.id).teamIds;
    const events = participationEvents(world, p);
    const chat = teamChat(p, teamIds, rng);
    for (const teamId of teamIds) {
      for (const event of events) {
        out.push({ teamId, lsid: core.lsid, lseq: core.lseq, order: out.length, event });
      }
    }
    if (chat) out.push({ ...chat, lsid: core.lsid, lseq: core.lseq, order: out.length });
  }
  return out;
}

/** True when a representative of the team takes part in the session: only then can it add events. */
function involvesTeam(world: World, core: SessionCore, teamId: number): boolean {
  const reps = core.primaryRepId === null ? [] : [core.primaryRepId, ...core.memberRepIds];
  return reps.some((id) => repById(world, id).teamIds.includes(teamId));
}

/**
 * One team's events whose timestamp falls in the window and is not in the future, one batch
 * per UTC day of the window (possibly empty), each in time order (ties: session lseq, then the
 * session's own order). `start_*` and `end_*` windows select the same way: by the event's own
 * time. Only the sessions of the last few days are held, so memory stays flat over years.
 */
export function* teamEventsByDay(
  world: World,
  team: Team,
  window: SessionWindow,
  now: number,
): Generator<TeamEvent[]> {
  const last = Math.min(window.to, now);
  if (last < window.from) return;
  // A session's events lie between its start and its planned end, at most this many days on.
  const lookBack = Math.ceil(MAX_SESSION_SECONDS / SECONDS_PER_DAY);
  const byStartDay = new Map<number, TeamEvent[]>();
  const eventsOfStartDay = (day: number) => {
    let events = byStartDay.get(day);
    if (!events) {
      events = [];
      for (const core of sessionsOfDay(world, day)) {
        if (!involvesTeam(world, core, team.id)) continue;
        for (const e of teamEventsOfSession(world, core)) if (e.teamId === team.id) events.push(e);
      }
      byStartDay.set(day, events);
    }
    return events;
  };
  for (let day = utcDay(window.from); day <= utcDay(last); day++) {
    const found: TeamEvent[] = [];
    for (let d = day - lookBack; d <= day; d++) {
      for (const e of eventsOfStartDay(d)) {
        const t = e.event.timestamp;
        if (utcDay(t) === day && t <= now && inWindow(t, window)) found.push(e);
      }
    }
    byStartDay.delete(day - lookBack);
    yield found.sort(
      (a, b) => a.event.timestamp - b.event.timestamp || a.lseq - b.lseq || a.order - b.order,
    );
  }
}
