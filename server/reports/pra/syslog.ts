import { syslogLines, syslogRecordsOfDay } from '../../../generators/syslog.js';
import { inWindow, type SessionWindow } from '../../../generators/timeline.js';
import { SECONDS_PER_DAY, utcDay } from '../../../generators/time.js';
import type { World } from '../../../generators/world.js';
import type { ReportContext, ReportDefinition } from '../context.js';
import { ANCHORS, timeWindow } from '../params.js';
import { clockView } from '../sessions.js';
import { zipStream, type ZipMember } from './zip-stream.js';

/** Days of syslog a request without a time window gets (the mock's choice). */
export const SYSLOG_DEFAULT_DAYS = 7;

/** The window asked for, or the last seven days up to now when none is given. */
function syslogWindow(ctx: ReportContext): SessionWindow {
  const anchor = ANCHORS.find((a) => ctx.params.has(a));
  if (anchor) return timeWindow(ctx.params, anchor, ctx.settings.siteTz, ctx.now);
  return {
    field: 'start',
    from: ctx.now - SYSLOG_DEFAULT_DAYS * SECONDS_PER_DAY,
    to: ctx.now,
    toInclusive: true,
  };
}

/** 1980-01-01, the first day a ZIP member's modification time can hold. */
const ZIP_FIRST_DAY = 3652;

/** `syslog-YYYY-MM-DD.log`, one member per UTC day of the window. */
export function syslogMemberName(day: number): string {
  return `syslog-${new Date(day * SECONDS_PER_DAY * 1000).toISOString().slice(0, 10)}.log`;
}

/** The site's host name for `site=`; a Host header that is no URL host is kept as sent. */
function hostOf(origin: string): string {
  try {
    return new URL(origin).host;
  } catch {
    return origin.replace(/^[a-z]+:\/\//i, '');
  }
}

function* members(world: World, window: SessionWindow, ctx: ReportContext): Generator<ZipMember> {
  const clock = clockView(ctx);
  const last = Math.min(window.to, ctx.now);
  if (last < window.from || !world.pra) return;
  const site = {
    host: world.pra.syslogHost,
    siteId: world.pra.syslogSiteId,
    name: hostOf(ctx.siteOrigin),
  };
  const tz = ctx.settings.siteTz;
  // A ZIP member cannot be dated before 1980; no message is that old.
  for (let day = Math.max(utcDay(window.from), ZIP_FIRST_DAY); day <= utcDay(last); day++) {
    yield {
      name: syslogMemberName(day),
      mtime: day * SECONDS_PER_DAY,
      lines: (function* () {
        for (const record of syslogRecordsOfDay(world, day, clock)) {
          if (inWindow(record.when, window)) yield* syslogLines(record, site, tz);
        }
      })(),
    };
  }
}

/**
 * The appliance's syslog as a ZIP (spec Appendix A): one member per UTC day of the window,
 * each holding that day's messages in the BeyondTrust syslog format, derived from the same
 * sessions as the XML reports. Streamed: days are generated as the client reads. The time sets
 * select messages by `when`; without one, the last seven days. A window with no day up to now
 * gives an archive without members.
 */
export const syslog: ReportDefinition = {
  name: 'Syslog',
  permission: 'support',
  run(ctx) {
    const window = syslogWindow(ctx);
    return {
      kind: 'binary',
      contentType: 'application/zip',
      filename: 'syslog.zip',
      body: zipStream(members(ctx.world, window, ctx)),
    };
  },
};
