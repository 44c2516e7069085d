import { endAt, recordingExpired } from '../../generators/sessions.js';
import type { ReportDefinition } from './context.js';
import { selectedPresentations } from './presentations.js';
import { mapPaced } from './sessions.js';

/**
 * Presentation ids and whether a recording can be downloaded (spec §18): the same presentations
 * PresentationSession returns for the window, from their core facts alone.
 */
export const presentationSessionListing: ReportDefinition = {
  name: 'PresentationSessionListing',
  permission: 'presentation',
  run(ctx) {
    return {
      kind: 'list',
      root: 'presentation_session_summary_list',
      noData: 'NO_DATA_PRESENTATION',
      items: mapPaced(selectedPresentations(ctx, false), (core) => {
        const ended = endAt(core, ctx.now, ctx.settings.settleSeconds) !== null;
        const recorded = core.recording && ended && !recordingExpired(core, ctx.now);
        return (parent) =>
          parent.ele('presentation_session_summary', {
            lsid: core.lsid,
            has_recording: recorded ? '1' : '0',
          });
      }),
    };
  },
};
