import { sessionParticipants } from './participants.js';
import { Rng, deriveSeed } from './rng.js';
import { MAX_SESSION_SECONDS, endAt, isVisible, sessionsOfDay } from './sessions.js';
import type { ClockView } from './timeline.js';
import { SECONDS_PER_DAY, isoTime, utcDay } from './time.js';
import { FIRST_DAY, repById, type World } from './world.js';

/** One syslog message before it is written: its time and its `field=value` pairs. */
export interface SyslogRecord {
  when: number;
  /** Stable order among records of the same second. */
  order: number;
  /** Fields in the order written; `site` and `when` are added when the line is written. */
  fields: [string, string][];
  /** The process id in the header. */
  pid: number;
}

/** Payloads longer than this many bytes travel as several segments (PRA syslog format). */
export const SEGMENT_BYTES = 1024;

const LOOK_BACK_DAYS = Math.ceil(MAX_SESSION_SECONDS / SECONDS_PER_DAY);
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `=`, `;` and `\` inside a value are escaped with a backslash (PRA syslog format). */
export function escapeValue(value: string): string {
  return value.replace(/[\\=;]/g, (c) => `\\${c}`);
}

function who(world: World, userId: number): string {
  const rep = repById(world, userId);
  return `${rep.displayName}(${rep.username})`;
}

/** An address without its port: syslog names the client address, not the connection. */
function address(ip: string): string {
  if (ip.startsWith('[')) return ip.slice(1, ip.indexOf(']'));
  return ip.includes(':') ? ip.slice(0, ip.lastIndexOf(':')) : ip;
}

/**
 * Logins and logouts of the users around their Jump sessions: each user logs in to the access
 * console shortly before jumping and out shortly after the session ends.
 */
function sessionRecords(world: World, day: number, clock: ClockView): SyslogRecord[] {
  const records: SyslogRecord[] = [];
  for (let d = day - LOOK_BACK_DAYS; d <= day; d++) {
    for (const s of sessionsOfDay(world, d)) {
      if (!isVisible(s, clock.now) || s.primaryRepId === null) continue;
      const primary = sessionParticipants(world, s).primary;
      if (!primary) continue;
      const rng = new Rng(deriveSeed(world.seed, 'syslog-session', s.lsid));
      const rep = repById(world, s.primaryRepId);
      const ip = address(rep.publicIp === 'Unknown' ? rep.privateIp : rep.publicIp);
      const base: [string, string][] = [
        ['who', `${who(world, rep.id)} using password`],
        ['who_ip', ip],
      ];
      const login = s.start - rng.int(5, 120);
      const logoutPid = rng.int(1000, 99999);
      const loginPid = rng.int(1000, 99999);
      if (utcDay(login) === day) {
        records.push({
          when: login,
          order: s.lseq * 2,
          pid: loginPid,
          fields: [['event', 'login'], ['status', 'success'], ['target', 'rep_client'], ...base],
        });
      }
      const end = endAt(s, clock.now, clock.settleSeconds);
      const logout = end === null ? null : end + rng.int(1, 300);
      if (logout !== null && utcDay(logout) === day) {
        records.push({
          when: logout,
          order: s.lseq * 2 + 1,
          pid: logoutPid,
          fields: [['event', 'logout'], ['target', 'rep_client'], ...base],
        });
      }
    }
  }
  return records;
}

const PERMISSION_FIELDS = [
  'perm_access_allowed',
  'perm_admin',
  'perm_vault',
  'perm_personal_jump_group',
  'perm_session_reports',
  'perm_recordings_view',
  'perm_jump_item_roles',
  'perm_session_policy',
  'perm_user_session_policy',
  'perm_share_session',
  'perm_invite_external',
  'perm_jumpoint_admin',
  'perm_canned_scripts',
  'perm_custom_links',
  'perm_file_transfer',
  'perm_command_shell',
  'perm_registry',
  'perm_system_info',
  'perm_screen_sharing',
  'perm_elevation',
];

/**
 * What administrators change on a day, a pure function of (seed, day): now and then a user's
 * permissions are edited — a message of some seventy fields, longer than one segment.
 */
function adminRecords(world: World, day: number): SyslogRecord[] {
  const pra = world.pra;
  if (!pra || day < FIRST_DAY) return [];
  const rng = new Rng(deriveSeed(world.seed, 'syslog-day', day));
  const records: SyslogRecord[] = [];
  if (!rng.chance(0.4)) return records;
  const admin = pra.users.find((u) => u.permissions.includes('Administrator')) ?? pra.users[0]!;
  const target = rng.pick(pra.users);
  const rep = repById(world, target.id);
  const adminRep = repById(world, admin.id);
  const fields: [string, string][] = [
    ['event', 'user_changed'],
    ['who', `${who(world, admin.id)} using password`],
    ['who_ip', adminRep.privateIp === 'Unknown' ? '10.0.0.10' : adminRep.privateIp],
    ['id', String(rep.id)],
    ['old_username', rep.username],
    ['new_username', rep.username],
    ['old_display_name', rep.displayName],
    ['new_display_name', rep.displayName],
    ['old_comments', ''],
    [
      'new_comments',
      `Reviewed; access=${rng.pick(['quarterly', 'annual'])} \\ ticket CHG${rng.int(1000, 9999)}`,
    ],
  ];
  for (const name of PERMISSION_FIELDS) {
    const before = rng.chance(0.5) ? '1' : '0';
    const after = rng.chance(0.85) ? before : before === '1' ? '0' : '1';
    fields.push([`old_${name}`, before], [`new_${name}`, after]);
  }
  records.push({
    when: day * SECONDS_PER_DAY + rng.int(8 * 3600, 18 * 3600),
    order: Number.MAX_SAFE_INTEGER - 10,
    pid: rng.int(1000, 99999),
    fields,
  });
  return records;
}

/** Every syslog record of a UTC day that has happened by `now`, in time order. */
export function syslogRecordsOfDay(world: World, day: number, clock: ClockView): SyslogRecord[] {
  if (!world.pra) return [];
  return [...sessionRecords(world, day, clock), ...adminRecords(world, day)]
    .filter((r) => r.when <= clock.now)
    .sort((a, b) => a.when - b.when || a.order - b.order);
}

/** `Mmm dd hh:mm:ss` in the site's zone, the day padded with a space (RFC 3164). */
export function syslogTimestamp(epoch: number, timeZone: string): string {
  const iso = isoTime(epoch, timeZone);
  const month = MONTHS[Number(iso.slice(5, 7)) - 1]!;
  const dayOfMonth = String(Number(iso.slice(8, 10))).padStart(2, ' ');
  return `${month} ${dayOfMonth} ${iso.slice(11, 19)}`;
}

/** Splits text into pieces of at most `bytes` UTF-8 bytes, never inside a character. */
function segments(text: string, bytes: number): string[] {
  const out: string[] = [];
  let piece = '';
  let size = 0;
  for (const char of text) {
    const n = Buffer.byteLength(char);
    if (size + n > bytes) {
      out.push(piece);
      piece = '';
      size = 0;
    }
    piece += char;
    size += n;
  }
  out.push(piece);
  return out;
}

/**
 * The lines of one record as the appliance writes them: a BSD-syslog header (RFC 3164 time,
 * host, `BG[pid]:`), then `site id:segment:total:` and the `field=value;…` payload, split into
 * numbered segments when longer than 1 KB.
 */
export function syslogLines(
  record: SyslogRecord,
  site: { host: string; siteId: number; name: string },
  timeZone: string,
): string[] {
  const fields: [string, string][] = [
    ['site', site.name],
    ['when', String(record.when)],
    ...record.fields,
  ];
  const payload = fields.map(([k, v]) => `${k}=${escapeValue(v)}`).join(';');
  const parts = segments(payload, SEGMENT_BYTES);
  const head = `${syslogTimestamp(record.when, timeZone)} ${site.host} BG[${record.pid}]:`;
  const total = String(parts.length).padStart(2, '0');
  return parts.map(
    (part, i) => `${head} ${site.siteId}:${String(i + 1).padStart(2, '0')}:${total}:${part}`,
  );
}
