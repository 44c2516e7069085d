import type { Builder } from '../xml/layout.js';
import { archivesOfDay } from '../../generators/archives.js';
import type { ReportDefinition } from './context.js';
import { dateParam } from './params.js';
import { timeElement } from './session-xml.js';

/**
 * The state and event archives of one day of the site's calendar (spec §23): only the last
 * seven active days, only archives whose period ended `archive_lag_seconds` ago. State archives
 * first, then event archives, each by index; none gives an empty `archives` (quirk 42).
 */
export const archiveListing: ReportDefinition = {
  name: 'ArchiveListing',
  permission: 'archive',
  needsArchiveApi: true,
  run(ctx) {
    const tz = ctx.settings.siteTz;
    const date = dateParam(ctx.params, 'date');
    const { state, event } = archivesOfDay(date, tz, ctx.now, ctx.settings.archiveLagSeconds);
    return {
      kind: 'document',
      root: 'archives',
      children: [
        ...state.map((slot) => (root: Builder) => {
          const el = root.ele('state_archive');
          timeElement(el, 'time', slot.start, tz);
          el.ele('index').txt(String(slot.index));
        }),
        ...event.map((slot) => (root: Builder) => {
          const el = root.ele('event_archive');
          timeElement(el, 'start_time', slot.start, tz);
          timeElement(el, 'end_time', slot.end, tz);
          el.ele('index').txt(String(slot.index));
        }),
      ],
    };
  },
};
