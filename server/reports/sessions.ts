import { sessionDetail } from '../../generators/detail.js';
import type { SessionDetail } from '../../generators/detail-types.js';
import { isVisible, sessionByLsid, type SessionCore } from '../../generators/sessions.js';
import { sessionsInWindowByDay } from '../../generators/timeline.js';
import { ApplianceError } from '../errors.js';
import { DAY_BREAK, type ReportContext } from './context.js';
import { selectSessions, type Selection } from './params.js';

export function clockView(ctx: ReportContext) {
  return { now: ctx.now, settleSeconds: ctx.settings.settleSeconds };
}

/**
 * The sessions a request selects, in the appliance's order. By lsid: known sessions only (a
 * session that has not started yet is unknown); none known gives `Invalid lsid.`.
 */
export function selectedSessions(
  ctx: ReportContext,
  acceptsLsid: boolean,
): Iterable<Paced<SessionCore>> {
  return sessionsOfSelection(ctx, selectionOf(ctx, acceptsLsid));
}

/** The request's parameter set (spec §6.4), resolved against the appliance clock. */
export function selectionOf(ctx: ReportContext, acceptsLsid: boolean): Selection {
  return selectSessions(ctx.params, { acceptsLsid, siteTz: ctx.settings.siteTz, now: ctx.now });
}

/** The support sessions of a parameter set; see `selectedSessions`. */
export function sessionsOfSelection(
  ctx: ReportContext,
  selection: Selection,
): Iterable<Paced<SessionCore>> {
  if (selection.kind === 'window') {
    return paced(sessionsInWindowByDay(ctx.world, selection.window, clockView(ctx)));
  }

  const found = selection.lsids
    .map((lsid) => sessionByLsid(ctx.world, lsid))
    .filter((s): s is SessionCore => s !== null && isVisible(s, ctx.now));
  if (found.length === 0) throw new ApplianceError('INVALID_LSID');
  return found;
}

export function detailOf(ctx: ReportContext, core: SessionCore): SessionDetail {
  return sessionDetail(ctx.world, core, {
    now: ctx.now,
    settleSeconds: ctx.settings.settleSeconds,
    siteOrigin: ctx.siteOrigin,
  });
}

export function* mapIterable<T, U>(items: Iterable<T>, fn: (item: T) => U): Generator<U> {
  for (const item of items) yield fn(item);
}

/** An item of a window's stream, or the end of one of its days. */
export type Paced<T> = T | typeof DAY_BREAK;

/** Batches of days as one stream with a `DAY_BREAK` after each day. */
export function* paced<T>(days: Iterable<T[]>): Generator<Paced<T>> {
  for (const day of days) {
    yield* day;
    yield DAY_BREAK;
  }
}

/** `mapIterable` that passes the ends of days through. */
export function* mapPaced<T, U>(items: Iterable<Paced<T>>, fn: (item: T) => U): Generator<Paced<U>> {
  for (const item of items) yield item === DAY_BREAK ? DAY_BREAK : fn(item);
}
