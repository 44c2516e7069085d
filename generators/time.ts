/** Time helpers: UNIX seconds in, the appliance's text formats out. */

export const SECONDS_PER_DAY = 86_400;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when the runtime knows the IANA zone name. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallClock(epochSeconds: number, timeZone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(epochSeconds * 1000))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return {
    year: parts.year!,
    month: parts.month!,
    day: parts.day!,
    hour: parts.hour! % 24,
    minute: parts.minute!,
    second: parts.second!,
  };
}

/** The zone's offset from UTC at that instant, in seconds (negative west of Greenwich). */
export function utcOffsetSeconds(epochSeconds: number, timeZone: string): number {
  if (timeZone === 'UTC') return 0;
  const w = wallClock(epochSeconds, timeZone);
  const asUtc = utcMs(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) / 1000;
  return asUtc - epochSeconds;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Date.UTC without its mapping of years 0–99 to 1900–1999. */
function utcMs(year: number, month: number, day: number, h = 0, m = 0, s = 0): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month, day);
  d.setUTCHours(h, m, s, 0);
  return d.getTime();
}

/**
 * `YYYY-MM-DDTHH:MM:SS±HH:MM` in the site's zone: no fractions, never `Z` (spec §5.2).
 */
export function isoTime(epochSeconds: number, timeZone: string): string {
  const offset = utcOffsetSeconds(epochSeconds, timeZone);
  const d = new Date((epochSeconds + offset) * 1000);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` +
    `T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}` +
    `${sign}${pad(Math.floor(abs / 3600))}:${pad(Math.floor((abs % 3600) / 60))}`
  );
}

/** `HH:MM:SS`, hours may exceed 24 (spec §5.3). */
export function hms(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  return `${pad(Math.floor(s / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
}

/** Parses a strict `YYYY-MM-DD` calendar date; null when it is not one. */
export function parseCalendarDate(
  text: string,
): { year: number; month: number; day: number } | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const probe = new Date(utcMs(year, month - 1, day));
  if (
    probe.getUTCFullYear() !== year ||
    probe.getUTCMonth() !== month - 1 ||
    probe.getUTCDate() !== day
  ) {
    return null;
  }
  return { year, month, day };
}

/** The instant of local midnight of a calendar date in the zone (the first instant of that day). */
export function localMidnight(
  date: { year: number; month: number; day: number },
  timeZone: string,
): number {
  const naive = utcMs(date.year, date.month - 1, date.day) / 1000;
  let guess = naive - utcOffsetSeconds(naive, timeZone);
  // Two refinements settle zones whose offset changes near midnight.
  guess = naive - utcOffsetSeconds(guess, timeZone);
  guess = naive - utcOffsetSeconds(guess, timeZone);
  return guess;
}

/** Adds calendar days to a date, returning the new date. */
export function addDays(
  date: { year: number; month: number; day: number },
  days: number,
): { year: number; month: number; day: number } {
  const d = new Date(utcMs(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** `YYYY-MM-DD` of the instant in the zone. */
export function localDateString(epochSeconds: number, timeZone: string): string {
  const w = wallClock(epochSeconds, timeZone);
  return `${w.year}-${pad(w.month)}-${pad(w.day)}`;
}

/** The UTC day number (days since 1970-01-01) of an instant. */
export function utcDay(epochSeconds: number): number {
  return Math.floor(epochSeconds / SECONDS_PER_DAY);
}

/** The last instant a date-time text can show (9999-12-31T23:59:59Z); later bounds are clamped. */
export const LAST_INSTANT = 253_402_300_799;

/**
 * The latest instant the appliance clock may show: 2100-01-01T00:00:00Z. Windows that run "up
 * to now" are walked day by day, so a clock centuries ahead would make them endless.
 */
export const LATEST_CLOCK = 4_102_444_800;

/** Whether an instant can be the appliance clock: whole seconds from 1970 to 2100. */
export function isClockInstant(epochSeconds: number): boolean {
  return Number.isFinite(epochSeconds) && epochSeconds >= 0 && epochSeconds <= LATEST_CLOCK;
}
