import type { ReportDefinition } from '../context.js';
import { sessionElement } from '../session-xml.js';
import { detailOf, mapPaced, selectedSessions } from '../sessions.js';

/**
 * Full detail of every matching PRA session (spec Appendix A): the `session_list` of
 * SupportSession, every session with its `jump_group`, no Remote Support-only elements. Same
 * parameter sets (1–6 of §11.1), windows and errors; no data reads the Support sentence.
 */
export const accessSession: ReportDefinition = {
  name: 'AccessSession',
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
        return (parent) => sessionElement(parent, detail, ctx.settings.siteTz, legacy, 'pra');
      }),
    };
  },
};
