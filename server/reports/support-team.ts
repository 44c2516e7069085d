import { LAST_INSTANT } from '../../generators/time.js';
import { teamEventsInWindow } from '../../generators/team-activity.js';
import { ApplianceError } from '../errors.js';
import type { Builder } from '../xml/layout.js';
import type { ReportDefinition } from './context.js';
import { uintParam } from './params.js';
import { eventElement, timeElement } from './session-xml.js';
import { selectionOf } from './sessions.js';

/**
 * Activity inside support teams (spec §22): representatives added to, connected in and departed
 * from their teams' conferences as they join and leave sessions, and team chat. The window
 * selects events by their own time, whether the anchor is `start_*` or `end_*`.
 */
export const supportTeam: ReportDefinition = {
  name: 'SupportTeam',
  permission: 'support',
  run(ctx) {
    const selection = selectionOf(ctx, false);
    if (selection.kind !== 'window') throw new ApplianceError('INVALID_LSID');
    const { window } = selection;
    const teamId = uintParam(ctx.params, 'team_id');
    const teams = ctx.world.teams.filter((t) => teamId === undefined || t.id === teamId);
    const tz = ctx.settings.siteTz;
    return {
      kind: 'list',
      root: 'team_activity_list',
      noData: 'NO_DATA_TEAM',
      head: [
        (root) => timeElement(root, 'start_time', Math.min(window.from, LAST_INSTANT), tz),
        (root) => timeElement(root, 'end_time', Math.min(window.to, LAST_INSTANT), tz),
      ],
      // One team at a time: a long window never holds every team's events at once.
      items: (function* () {
        for (const team of teams) {
          const events = teamEventsInWindow(ctx.world, team, window, ctx.now);
          if (events.length === 0) continue;
          yield (parent: Builder) => {
            const el = parent.ele('team_activity', { id: String(team.id), name: team.name });
            const list = el.ele('events');
            for (const e of events) eventElement(list, e.event);
          };
        }
      })(),
    };
  },
};
