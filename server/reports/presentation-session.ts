import type { ReportDefinition } from './context.js';
import { presentationElement } from './presentation-xml.js';
import { presentationDetailOf, selectedPresentations } from './presentations.js';
import { mapPaced } from './sessions.js';

/** Full detail of every matching presentation (spec §17). */
export const presentationSession: ReportDefinition = {
  name: 'PresentationSession',
  permission: 'presentation',
  run(ctx) {
    return {
      kind: 'list',
      root: 'presentation_session_list',
      noData: 'NO_DATA_PRESENTATION',
      items: mapPaced(selectedPresentations(ctx, true), (core) => {
        const detail = presentationDetailOf(ctx, core);
        return (parent) => presentationElement(parent, detail, ctx.settings.siteTz);
      }),
    };
  },
};
