import { presentationsOfDay, type PresentationCore } from '../generators/presentations.js';
import { recordingExpired, sessionsOfDay, type SessionCore } from '../generators/sessions.js';
import { utcDay } from '../generators/time.js';
import { sessionParticipants } from '../generators/participants.js';
import type { World } from '../generators/world.js';

/** Sessions and presentations of the world that tests need, found in the world's own data. */
export interface Fixtures {
  now: number;
  /** A session of the previous UTC day that has ended, taken by a representative. */
  session: SessionCore;
  /** The primary representative's time in `session`: joining as start, leaving as end. */
  repTime: { start: number; plannedEnd: number; lsid: string };
  custSurvey: SessionCore;
  repSurvey: SessionCore;
  recorded: SessionCore;
  expired: SessionCore;
  unrecorded: SessionCore;
  showMyScreen: SessionCore;
  /** Ended, not expired, with at least two command shells. */
  shells: SessionCore;
  presentation: PresentationCore;
  presentationUnrecorded: PresentationCore;
  presentationExpired: PresentationCore;
}

function find<T>(
  label: string,
  days: Iterable<number>,
  ofDay: (d: number) => T[],
  ok: (x: T) => boolean,
): T {
  for (const day of days) {
    const hit = ofDay(day).find(ok);
    if (hit) return hit;
  }
  throw new Error(`the world has no ${label}`);
}

function* back(from: number, count: number): Generator<number> {
  for (let d = from; d > from - count; d--) yield d;
}

/** UTC `YYYY-MM-DD` of an instant (the default site zone is UTC). */
export function isoDate(epoch: number): string {
  return new Date(epoch * 1000).toISOString().slice(0, 10);
}

export function fixtures(world: World, now: number): Fixtures {
  const today = utcDay(now);
  const sessions = (d: number) => sessionsOfDay(world, d);
  const presentations = (d: number) => presentationsOfDay(world, d);
  const ended = (s: { plannedEnd: number }) => s.plannedEnd <= now;
  const fresh = (s: { plannedEnd: number }) => ended(s) && !recordingExpired(s, now);
  const session = find(
    'ended session',
    back(today - 1, 5),
    sessions,
    (s) => ended(s) && s.primaryRepId !== null,
  );
  const primary = sessionParticipants(world, session).primary!;
  return {
    now,
    session,
    repTime: { start: primary.join, plannedEnd: primary.leave, lsid: session.lsid },
    custSurvey: find(
      'customer survey',
      back(today - 1, 10),
      sessions,
      (s) => ended(s) && s.custSurvey,
    ),
    repSurvey: find('rep survey', back(today - 1, 10), sessions, (s) => ended(s) && s.repSurvey),
    recorded: find(
      'recording',
      back(today - 1, 10),
      sessions,
      (s) => fresh(s) && s.screenRecording,
    ),
    expired: find(
      'expired recording',
      back(today - 120, 30),
      sessions,
      (s) => s.screenRecording && recordingExpired(s, now),
    ),
    unrecorded: find(
      'unrecorded session',
      back(today - 1, 10),
      sessions,
      (s) => ended(s) && !s.screenRecording && !s.showMyScreenRecording && s.shellCount === 0,
    ),
    showMyScreen: find(
      'Show My Screen',
      back(today - 1, 30),
      sessions,
      (s) => fresh(s) && s.showMyScreenRecording,
    ),
    shells: find('two shells', back(today - 1, 60), sessions, (s) => fresh(s) && s.shellCount >= 2),
    presentation: find(
      'presentation',
      back(today - 1, 30),
      presentations,
      (p) => fresh(p) && p.recording,
    ),
    presentationUnrecorded: find(
      'unrecorded presentation',
      back(today - 1, 30),
      presentations,
      (p) => ended(p) && !p.recording,
    ),
    presentationExpired: find(
      'expired presentation',
      back(today - 120, 60),
      presentations,
      (p) => p.recording && recordingExpired(p, now),
    ),
  };
}
