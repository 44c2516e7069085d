import { recordingExpired } from '../../generators/sessions.js';
import type { ReportDefinition } from './context.js';
import { mapPaced, selectedSessions } from './sessions.js';

/**
 * Session ids, external keys and whether a screen recording can be downloaded (spec §12).
 * Built from the sessions' core facts alone, so long windows stay cheap.
 */
export const supportSessionListing: ReportDefinition = {
  name: 'SupportSessionListing',
  permission: 'support',
  run(ctx) {
    return {
      kind: 'list',
      root: 'session_summary_list',
      noData: 'NO_DATA_SUPPORT',
      items: mapPaced(selectedSessions(ctx, false), (core) => {
        const ended = core.plannedEnd + ctx.settings.settleSeconds <= ctx.now;
        const recorded = core.screenRecording && ended && !recordingExpired(core, ctx.now);
        return (parent) => {
          const attrs: Record<string, string> = { lsid: core.lsid };
          if (core.externalKey) attrs.external_key = core.externalKey;
          attrs.has_recording = recorded ? '1' : '0';
          parent.ele('session_summary', attrs);
        };
      }),
    };
  },
};
