import type { Product } from '../../generators/product.js';
import type { ReportDefinition } from './context.js';
import { sessionElement } from './session-xml.js';
import { detailOf, mapPaced, selectedSessions } from './sessions.js';

/**
 * A report of full session detail: `session_list` with every matching session, by window,
 * `lsid` or `lsids`. SupportSession and PRA's AccessSession differ only in name and product.
 */
export function sessionListReport(name: string, product?: Product): ReportDefinition {
  return {
    name,
    permission: 'support',
    run(ctx) {
      const legacy = ctx.settings.profile === 'legacy';
      const tz = ctx.settings.siteTz;
      return {
        kind: 'list',
        root: 'session_list',
        xsi: true,
        noData: 'NO_DATA_SUPPORT',
        items: mapPaced(selectedSessions(ctx, true), (core) => {
          const detail = detailOf(ctx, core);
          return (parent) => sessionElement(parent, detail, tz, legacy, product);
        }),
      };
    },
  };
}

/** Full detail of every matching support session (spec §11). */
export const supportSession = sessionListReport('SupportSession');
