import type { ReportDefinition } from './context.js';
import { sessionElement } from './session-xml.js';
import { detailOf, mapPaced, selectedSessions } from './sessions.js';

/** Full detail of every matching support session (spec §11). */
export const supportSession: ReportDefinition = {
  name: 'SupportSession',
  permission: 'support',
  run(ctx) {
    const legacy = ctx.settings.profile === 'legacy';
    return {
      kind: 'list',
      root: 'session_list',
      xsi: true,
      noData: 'NO_DATA_SUPPORT',
      items: mapPaced(selectedSessions(ctx, true), (core) => {
        const detail = detailOf(ctx, core);
        return (parent) => sessionElement(parent, detail, ctx.settings.siteTz, legacy);
      }),
    };
  },
};
