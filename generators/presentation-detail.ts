import type { Actor, RepEntry, SessionEvent, UrlPair } from './detail-types.js';
import { chatEvent, type DetailContext } from './detail.js';
import { seededFaker } from './people.js';
import type { PresentationCore } from './presentations.js';
import { Rng } from './rng.js';
import { endAt, recordingExpired } from './sessions.js';
import { downloadUrls } from './urls.js';
import { customerById, repById, siteById, type World } from './world.js';

/** A presenter: a representative, written like a session's representative. */
export type PresenterEntry = Omit<RepEntry, 'primaryRep' | 'invited'>;

export interface AttendeeEntry {
  gsnumber: number;
  customerId: number;
  username: string;
  publicIp?: string;
  privateIp?: string;
  hostname?: string;
  os?: string;
  secondsInvolved: number;
}

/** The full shape of one presentation, mirroring `presentation_session` (spec §17). */
export interface PresentationDetail {
  lsid: string;
  lseq: number;
  start: number;
  end: number | null;
  durationSeconds: number;
  site: { id: number; name: string };
  chatUrls?: UrlPair;
  recordingUrls?: UrlPair;
  primaryPresenter: { name: string; id: number; gsnumber: number };
  presenters: PresenterEntry[];
  attendees: AttendeeEntry[];
  events: SessionEvent[];
}

/** Questions and answers as attendees type them: accents, markup, blank lines. */
const QUESTIONS = [
  'Will the slides be shared afterwards?',
  'Can you zoom in a little?',
  'Est-ce que la présentation sera enregistrée ?',
  'Audio is <b>breaking up</b> & the screen froze',
  'Line one\nline two',
  '   ',
] as const;

function presenterEntry(world: World, repId: number, gsnumber: number, owner: boolean, rng: Rng) {
  const r = repById(world, repId);
  const entry: PresenterEntry = {
    gsnumber,
    id: r.id,
    username: r.username,
    displayName: r.displayName,
    publicDisplayName: r.publicDisplayName,
    privateDisplayName: r.privateDisplayName,
    publicIp: r.publicIp,
    privateIp: r.privateIp,
    os: rng.chance(0.1) ? 'Unknown' : r.os,
    sessionOwner: owner,
    secondsInvolved: 0,
  };
  if (r.hostname) entry.hostname = r.hostname;
  return entry;
}

function memberAdded(at: number, actor: Actor, data: [string, string][]): SessionEvent {
  return { timestamp: at, eventType: 'Conference Member Added', performedBy: actor, data };
}

/**
 * The full detail of a presentation at `ctx.now`: presenters and attendees joining and
 * leaving, attendees' questions, the presenter's answers. Pure, like `sessionDetail`.
 */
export function presentationDetail(
  world: World,
  core: PresentationCore,
  ctx: DetailContext,
): PresentationDetail {
  const rng = new Rng(core.detailSeed);
  const presenterRep = repById(world, core.presenterRepId);
  const f = seededFaker('en', core.detailSeed);
  const end = endAt(core, ctx.now, ctx.settleSeconds);
  const closeAt = core.plannedEnd;
  const clip = (t: number) => Math.min(t, ctx.now);
  let nextGs = rng.int(2, 10);

  const owner = presenterEntry(world, presenterRep.id, nextGs++, true, rng);
  owner.secondsInvolved = Math.max(0, clip(closeAt) - core.start);
  const ownerActor: Actor = {
    type: 'representative',
    gsnumber: owner.gsnumber,
    name: owner.displayName,
  };
  const events: SessionEvent[] = [
    { timestamp: core.start, eventType: 'Session Start' },
    memberAdded(core.start, ownerActor, presenterData(owner)),
    {
      timestamp: core.start,
      eventType: 'Conference Owner Changed',
      destination: ownerActor,
      data: [['owner', owner.displayName]],
    },
  ];

  const presenters = [owner];
  for (const id of core.coPresenterIds) {
    const p = presenterEntry(world, id, nextGs++, false, rng);
    const join = core.start + rng.int(60, Math.max(61, Math.floor((closeAt - core.start) / 2)));
    const leave = join + Math.floor((closeAt - join) * (0.5 + rng.next() * 0.5));
    p.secondsInvolved = Math.max(0, clip(leave) - join);
    const actor: Actor = { type: 'representative', gsnumber: p.gsnumber, name: p.displayName };
    events.push(memberAdded(join, actor, presenterData(p)), departed(leave, actor));
    presenters.push(p);
  }

  // Attendees arrive in the first minutes; some leave early, the rest stay to the end.
  const attendees: AttendeeEntry[] = [];
  for (const id of core.attendeeIds) {
    const c = customerById(world, id);
    const a: AttendeeEntry = {
      gsnumber: nextGs++,
      customerId: id,
      username: c.name,
      secondsInvolved: 0,
    };
    if (rng.chance(0.95)) a.publicIp = c.publicIp;
    if (rng.chance(0.7)) a.privateIp = c.privateIp;
    if (c.hostname && rng.chance(0.8)) a.hostname = c.hostname;
    a.os = c.os;
    const join = core.start + rng.int(0, Math.min(300, closeAt - core.start));
    const leave = rng.chance(0.3) ? join + Math.floor((closeAt - join) * rng.next()) : closeAt;
    a.secondsInvolved = Math.max(0, clip(leave) - join);
    attendees.push(a);
    const actor: Actor = { type: 'attendee', gsnumber: a.gsnumber, name: a.username };
    const data: [string, string][] = [['public_name', a.username]];
    if (a.publicIp) data.push(['public_ip', a.publicIp]);
    if (a.os) data.push(['os', a.os]);
    events.push(memberAdded(join, actor, data));
    if (leave < closeAt) events.push(departed(leave, actor));
    if (rng.chance(0.4)) {
      const asked = join + rng.int(1, Math.max(2, leave - join));
      events.push(chatEvent(asked, actor, ownerActor, rng.pick(QUESTIONS)));
      if (rng.chance(0.7) && asked + 30 < closeAt) {
        events.push(chatEvent(asked + rng.int(5, 30), ownerActor, actor, f.lorem.sentence()));
      }
    }
  }
  events.push({ timestamp: closeAt, eventType: 'Session End' });

  // Chronological with a stable order inside a second; running presentations show only the past.
  const visible = events
    .map((e, i) => [e, i] as const)
    .filter(([e]) => end !== null || (e.timestamp <= ctx.now && e.eventType !== 'Session End'))
    .sort((a, b) => a[0].timestamp - b[0].timestamp || a[1] - b[1])
    .map(([e]) => e);

  const detail: PresentationDetail = {
    lsid: core.lsid,
    lseq: core.lseq,
    start: core.start,
    end,
    durationSeconds: (end ?? ctx.now) - core.start,
    site: siteById(world, core.siteId),
    primaryPresenter: { name: owner.displayName, id: owner.id, gsnumber: owner.gsnumber },
    presenters,
    attendees,
    events: visible,
  };
  if (end !== null) {
    detail.chatUrls = downloadUrls(ctx.siteOrigin, core.lsid, 'chat');
    if (core.recording && !recordingExpired(core, ctx.now)) {
      detail.recordingUrls = downloadUrls(ctx.siteOrigin, core.lsid, 'srec');
    }
  }
  return detail;
}

function departed(at: number, actor: Actor): SessionEvent {
  return { timestamp: at, eventType: 'Conference Member Departed', performedBy: actor };
}

function presenterData(p: PresenterEntry): [string, string][] {
  return [
    ['private_name', p.privateDisplayName ?? p.displayName],
    ['public_name', p.publicDisplayName ?? p.displayName],
    ['username', p.username],
    ['private_ip', p.privateIp ?? 'Unknown'],
    ['public_ip', p.publicIp ?? 'Unknown'],
    ['os', p.os ?? 'Unknown'],
    ['user_id', String(p.id)],
  ];
}
