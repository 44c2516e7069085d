import type { SessionEvent } from './detail-types.js';
import { sessionDetail, type DetailContext } from './detail.js';
import { repParticipations, sessionParticipants } from './participants.js';
import { Rng, deriveSeed } from './rng.js';
import type { SessionCore } from './sessions.js';
import {
  SECONDS_PER_DAY,
  addDays,
  localDateString,
  localMidnight,
  parseCalendarDate,
} from './time.js';
import { itemsOverlapping, supportTimeline } from './timeline.js';
import { FIRST_DAY, type World } from './world.js';

/** A state archive is a snapshot every 30 minutes; an event archive covers 10 minutes (§23). */
export const STATE_INTERVAL = 1800;
export const EVENT_INTERVAL = 600;
export const MAX_STATE_ARCHIVES = 48;
export const MAX_EVENT_ARCHIVES = 144;
/** History covers the last seven active days; the world's appliance runs every day. */
export const RETAINED_DAYS = 7;

export type ArchiveType = 'state' | 'event';
type CalendarDate = { year: number; month: number; day: number };

/** One archive of a day: a state snapshot at `start` (= `end`), or events in `[start, end)`. */
export interface ArchiveSlot {
  type: ArchiveType;
  index: number;
  start: number;
  end: number;
}

/** True when the date is one of the last seven days on which the appliance was running. */
export function isRetained(date: CalendarDate, timeZone: string, now: number): boolean {
  const today = parseCalendarDate(localDateString(now, timeZone))!;
  const midnight = localMidnight(date, timeZone);
  const oldest = localMidnight(addDays(today, -(RETAINED_DAYS - 1)), timeZone);
  return midnight >= oldest && midnight <= now && midnight >= FIRST_DAY * SECONDS_PER_DAY;
}

/**
 * The archives of a local day that exist at `now`: within retention, and only once their period
 * has ended `lagSeconds` ago. Indexes start at 1 for each kind; DST days keep the documented
 * maximum of 48 and 144 per day.
 */
export function archivesOfDay(
  date: CalendarDate,
  timeZone: string,
  now: number,
  lagSeconds: number,
): { state: ArchiveSlot[]; event: ArchiveSlot[] } {
  const state: ArchiveSlot[] = [];
  const event: ArchiveSlot[] = [];
  if (!isRetained(date, timeZone, now)) return { state, event };
  const midnight = localMidnight(date, timeZone);
  const nextMidnight = localMidnight(addDays(date, 1), timeZone);
  for (let i = 0; i < MAX_STATE_ARCHIVES; i++) {
    const at = midnight + i * STATE_INTERVAL;
    if (at >= nextMidnight || at + lagSeconds > now) break;
    state.push({ type: 'state', index: i + 1, start: at, end: at });
  }
  for (let i = 0; i < MAX_EVENT_ARCHIVES; i++) {
    const start = midnight + i * EVENT_INTERVAL;
    const end = start + EVENT_INTERVAL;
    if (start >= nextMidnight || end + lagSeconds > now) break;
    event.push({ type: 'event', index: i + 1, start, end });
  }
  return { state, event };
}

/** How a session was started, as the state tables name it (values assumed). */
function startMethod(core: SessionCore): string {
  if (core.jump) return 'jump';
  const rng = new Rng(deriveSeed(core.detailSeed, 'start-method'));
  return rng.pick(['session_key', 'issue_submission', 'click_to_chat', 'support_button']);
}

type Row = Record<string, string | number>;
type Table = Record<string, Row> | null;

const orNull = (rows: Record<string, Row>): Table => (Object.keys(rows).length > 0 ? rows : null);

/**
 * The state archive at instant `at`: the sessions running then, their customer clients, the
 * representatives logged in and who is in which session (spec §24 tables). Row ids: the
 * session's lsid, `<lsid>-<gsnumber>` for a customer client, the user id for a representative.
 */
export function stateSnapshot(world: World, at: number): Record<string, Table> {
  const sessions: Record<string, Row> = {};
  const customers: Record<string, Row> = {};
  const reps: Record<string, Row> = {};
  const links: Record<string, Row> = {};
  for (const core of itemsOverlapping(supportTimeline(world), at, at)) {
    if (core.start > at || core.plannedEnd <= at) continue;
    const p = sessionParticipants(world, core);
    sessions[core.lsid] = {
      customer_name: p.customers[0]!.entry.name,
      created_timestamp: core.start,
      start_method: startMethod(core),
    };
    for (const { entry, join } of p.customers) {
      if (join > at) continue;
      customers[`${core.lsid}-${entry.gsnumber}`] = {
        hostname: entry.hostname ?? 'Unknown',
        operating_system: entry.os ?? 'Unknown',
        private_ip: entry.privateIp ?? 'Unknown',
        public_ip: entry.publicIp ?? 'Unknown',
        created_timestamp: join,
        support_session_id: core.lsid,
      };
    }
    for (const r of repParticipations(p)) {
      if (r.join > at || r.leave <= at) continue;
      const id = String(r.entry.id);
      const earlier = reps[id]?.created_timestamp;
      reps[id] = {
        hostname: r.entry.hostname ?? 'Unknown',
        operating_system: r.entry.os ?? 'Unknown',
        private_ip: r.entry.privateIp ?? 'Unknown',
        public_ip: r.entry.publicIp ?? 'Unknown',
        created_timestamp: typeof earlier === 'number' ? Math.min(earlier, r.join) : r.join,
        public_display_name: r.entry.publicDisplayName ?? r.entry.displayName,
        user_id: r.entry.id,
        username: r.entry.username,
      };
      links[`${core.lsid}-${id}`] = { support_session_id: core.lsid, representative_id: id };
    }
  }
  return {
    customer_client: orNull(customers),
    representative: orNull(reps),
    support_session: orNull(sessions),
    representative_support_session: orNull(links),
  };
}

function eventRecord(core: SessionCore, e: SessionEvent): Record<string, unknown> {
  const record: Record<string, unknown> = {
    timestamp: e.timestamp,
    event_type: e.eventType,
    lsid: core.lsid,
    lseq: core.lseq,
  };
  if (e.performedBy) record.performed_by = { ...e.performedBy };
  if (e.destination) record.destination = { ...e.destination };
  if (e.data) record.data = Object.fromEntries(e.data);
  if (e.body !== undefined) record.body = e.body;
  if (e.encodedBody !== undefined) record.encoded_body = e.encodedBody;
  if (e.filename !== undefined) record.filename = e.filename;
  if (e.filesize !== undefined) record.filesize = e.filesize;
  if (e.files) record.files = e.files;
  return record;
}

/**
 * The event archive of `[from, to)`: every support session event in that period, one JSON
 * object per line, in time order (ties: session lseq, then the session's own order).
 */
export function eventLines(world: World, from: number, to: number, ctx: DetailContext): string {
  const records: { at: number; lseq: number; order: number; line: string }[] = [];
  for (const core of itemsOverlapping(supportTimeline(world), from, to - 1)) {
    const detail = sessionDetail(world, core, { ...ctx, settleSeconds: 0 });
    detail.events.forEach((e, order) => {
      if (e.timestamp < from || e.timestamp >= to) return;
      records.push({
        at: e.timestamp,
        lseq: core.lseq,
        order,
        line: JSON.stringify(eventRecord(core, e)),
      });
    });
  }
  records.sort((a, b) => a.at - b.at || a.lseq - b.lseq || a.order - b.order);
  return records.map((r) => `${r.line}\n`).join('');
}
