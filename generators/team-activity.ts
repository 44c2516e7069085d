import type { SessionEvent } from './detail-types.js';
import { chatEvent } from './detail.js';
import { repParticipations, sessionParticipants, type RepParticipation } from './participants.js';
import { Rng, deriveSeed } from './rng.js';
import type { SessionCore } from './sessions.js';
import { inWindow, itemsOverlapping, supportTimeline, type SessionWindow } from './timeline.js';
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

/**
 * One team's events whose timestamp falls in the window and is not in the future, in time
 * order (ties: session lseq, then the session's own order). `start_*` and `end_*` windows
 * select the same way: by the event's own time.
 */
export function teamEventsInWindow(
  world: World,
  team: Team,
  window: SessionWindow,
  now: number,
): TeamEvent[] {
  const last = Math.min(window.to, now);
  const found: TeamEvent[] = [];
  if (last < window.from) return found;
  for (const core of itemsOverlapping(supportTimeline(world), window.from, last)) {
    for (const e of teamEventsOfSession(world, core)) {
      const t = e.event.timestamp;
      if (e.teamId === team.id && t <= now && inWindow(t, window)) found.push(e);
    }
  }
  return found.sort(
    (a, b) => a.event.timestamp - b.event.timestamp || a.lseq - b.lseq || a.order - b.order,
  );
}
