import {
  presentationDetail,
  type PresentationDetail,
} from '../../generators/presentation-detail.js';
import {
  presentationByLsid,
  presentationTimeline,
  type PresentationCore,
} from '../../generators/presentations.js';
import { itemsInWindowByDay } from '../../generators/timeline.js';
import { ApplianceError } from '../errors.js';
import type { ReportContext } from './context.js';
import { clockView, paced, selectionOf, type Paced } from './sessions.js';

/**
 * The presentations a request selects, with the support sessions' window and lsid rules
 * (spec §17, §6): by lsid, known presentations only; none known gives `Invalid lsid.`.
 */
export function selectedPresentations(
  ctx: ReportContext,
  acceptsLsid: boolean,
): Iterable<Paced<PresentationCore>> {
  const selection = selectionOf(ctx, acceptsLsid);
  if (selection.kind === 'window') {
    return paced(
      itemsInWindowByDay(presentationTimeline(ctx.world), selection.window, clockView(ctx)),
    );
  }
  const found = selection.lsids
    .map((lsid) => presentationByLsid(ctx.world, lsid))
    .filter((p): p is PresentationCore => p !== null && p.start <= ctx.now);
  if (found.length === 0) throw new ApplianceError('INVALID_LSID');
  return found;
}

export function presentationDetailOf(ctx: ReportContext, core: PresentationCore): PresentationDetail {
  return presentationDetail(ctx.world, core, {
    now: ctx.now,
    settleSeconds: ctx.settings.settleSeconds,
    siteOrigin: ctx.siteOrigin,
  });
}
