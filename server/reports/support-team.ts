import { LAST_INSTANT } from '../../generators/time.js';
import { teamEventsByDay } from '../../generators/team-activity.js';
import { ApplianceError } from '../errors.js';
import type { Builder } from '../xml/layout.js';
import type { ReportDefinition } from './context.js';
import { uintParam } from './params.js';
import { eventElement, timeElement } from './session-xml.js';
import { mapIterable, selectionOf } from './sessions.js';

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
      // One team at a time, each day by day: a long window never holds a team's events, and
      // a team without events in the window is left out.
      items: teams.map((team) => ({
        kind: 'parted' as const,
        shell: (parent: Builder) =>
          parent.ele('team_activity', { id: String(team.id), name: team.name }).ele('events'),
        parts: mapIterable(teamEventsByDay(ctx.world, team, window, ctx.now), (events) =>
          events.map((e) => (list: Builder) => eventElement(list, e.event)),
        ),
      })),
    };
  },
};
