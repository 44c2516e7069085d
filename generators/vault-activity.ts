import { sessionParticipants } from './participants.js';
import { Rng, deriveSeed } from './rng.js';
import { MAX_SESSION_SECONDS, endAt, isVisible, sessionsOfDay } from './sessions.js';
import { inWindow, type ClockView, type SessionWindow } from './timeline.js';
import { SECONDS_PER_DAY, utcDay } from './time.js';
import { FIRST_DAY, repById, type World } from './world.js';

/** Event types of the vault's account activity (spec A.1: the first three and last two are real). */
export type VaultEventType =
  | 'Account Created'
  | 'Account Checked Out'
  | 'Account Checked In'
  | 'Password Changed'
  | 'Account Deleted';

/** One `vault_account_activity` item (spec A.1). */
export interface VaultEvent {
  timestamp: number;
  eventType: VaultEventType;
  accountId: number;
  performedBy: { id: number; type: 'User'; name: string };
  /** Free text, e.g. `Manually Edited` for a password change. */
  data?: string;
  /** Stable order among events of the same second. */
  order: number;
}

/** Ids of accounts created for a day and deleted the same day start here, one per day. */
export const TEMPORARY_ACCOUNT_BASE = 1000;

/** Days before a day whose sessions can still check an account in on it. */
const LOOK_BACK_DAYS = Math.ceil(MAX_SESSION_SECONDS / SECONDS_PER_DAY);

function user(world: World, id: number): VaultEvent['performedBy'] {
  return { id, type: 'User', name: repById(world, id).displayName };
}

/**
 * Checkouts and check-ins of the credentials users inject into Jump sessions: out when the
 * credential is injected (the session detail's Credential Injection Attempt), in when the
 * session ends. Only what has happened by `now`.
 */
function sessionEvents(world: World, day: number, clock: ClockView): VaultEvent[] {
  const events: VaultEvent[] = [];
  for (let d = day - LOOK_BACK_DAYS; d <= day; d++) {
    for (const s of sessionsOfDay(world, d)) {
      if (s.vaultAccountId === undefined || !isVisible(s, clock.now)) continue;
      const primary = sessionParticipants(world, s).primary;
      if (!primary) continue;
      const by = user(world, primary.entry.id);
      const out = primary.join + 2;
      if (utcDay(out) === day && out <= clock.now) {
        const e = { timestamp: out, accountId: s.vaultAccountId, performedBy: by };
        events.push({ ...e, eventType: 'Account Checked Out', order: s.lseq * 2 });
      }
      const back = endAt(s, clock.now, clock.settleSeconds);
      if (back !== null && utcDay(back) === day) {
        const e = { timestamp: back, accountId: s.vaultAccountId, performedBy: by };
        events.push({ ...e, eventType: 'Account Checked In', order: s.lseq * 2 + 1 });
      }
    }
  }
  return events;
}

/**
 * What administrators do in the vault on a day, a pure function of (seed, day): passwords
 * edited or rotated, and now and then a temporary account created, used and deleted again.
 */
function maintenanceEvents(world: World, day: number): VaultEvent[] {
  const pra = world.pra;
  if (!pra || day < FIRST_DAY || pra.vaultAccounts.length === 0) return [];
  const rng = new Rng(deriveSeed(world.seed, 'vault-day', day));
  const start = day * SECONDS_PER_DAY;
  const keepers = pra.users.filter((u) => u.permissions.includes('Allowed to Access Vault'));
  const events: VaultEvent[] = [];
  let order = Number.MAX_SAFE_INTEGER - 1000;

  for (let i = rng.int(0, 3); i > 0; i--) {
    events.push({
      timestamp: start + rng.int(6 * 3600, 20 * 3600),
      eventType: 'Password Changed',
      accountId: rng.pick(pra.vaultAccounts).id,
      performedBy: user(world, rng.pick(keepers).id),
      data: rng.weighted<string>([
        ['Manually Edited', 70],
        ['Automatically Rotated', 30],
      ]),
      order: order++,
    });
  }
  if (rng.chance(0.25)) {
    const accountId = TEMPORARY_ACCOUNT_BASE + (day - FIRST_DAY);
    const by = user(world, rng.pick(keepers).id);
    const created = start + rng.int(7 * 3600, 12 * 3600);
    const used = created + rng.int(300, 3600);
    const deleted = used + rng.int(2 * 3600, 8 * 3600);
    const base = { accountId, performedBy: by };
    events.push(
      { ...base, timestamp: created, eventType: 'Account Created', order: order++ },
      { ...base, timestamp: used, eventType: 'Account Checked Out', order: order++ },
      {
        ...base,
        timestamp: used + 1,
        eventType: 'Password Changed',
        data: 'Manually Edited',
        order: order++,
      },
      { ...base, timestamp: deleted, eventType: 'Account Deleted', order: order++ },
    );
  }
  return events;
}

/** Every vault event of a UTC day that has happened by `now`, in time order. */
export function vaultEventsOfDay(world: World, day: number, clock: ClockView): VaultEvent[] {
  if (!world.pra) return [];
  return [...sessionEvents(world, day, clock), ...maintenanceEvents(world, day)]
    .filter((e) => e.timestamp <= clock.now)
    .sort((a, b) => a.timestamp - b.timestamp || a.order - b.order);
}

/**
 * Vault events in a window, by their own time whatever the anchor (as team activity), day by
 * day so a long window streams in flat memory.
 */
export function* vaultEventsInWindow(
  world: World,
  window: SessionWindow,
  clock: ClockView,
): Generator<VaultEvent> {
  for (const day of vaultEventsInWindowByDay(world, window, clock)) yield* day;
}

/** The events of `vaultEventsInWindow`, one batch per UTC day (possibly empty). */
export function* vaultEventsInWindowByDay(
  world: World,
  window: SessionWindow,
  clock: ClockView,
): Generator<VaultEvent[]> {
  const last = Math.min(window.to, clock.now);
  if (last < window.from) return;
  for (let day = utcDay(window.from); day <= utcDay(last); day++) {
    yield vaultEventsOfDay(world, day, clock).filter((e) => inWindow(e.timestamp, window));
  }
}
