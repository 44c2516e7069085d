import { endAt, type SessionCore } from '../../generators/sessions.js';
import { hms } from '../../generators/time.js';
import { repById, siteById, teamById } from '../../generators/world.js';
import { DAY_BREAK, type ListEntry, type ReportDefinition } from './context.js';
import { enumParam } from './params.js';
import { clockView, selectedSessions } from './sessions.js';

interface Group {
  id: number;
  name: string;
  count: number;
  totalSeconds: number;
}

type Grouping = 'rep' | 'team' | 'site';

/**
 * A session summary report: statistics per representative, team or public site, computed from
 * the same sessions the listing and detail reports return for the window. `defaultGrouping`
 * stands in when `report_type` is absent (PRA, whose grouping parameter is not known);
 * without it, `report_type` is required (§13).
 */
export function sessionSummaryReport(
  name: string,
  groupings: readonly Grouping[],
  defaultGrouping?: Grouping,
): ReportDefinition {
  return {
    name,
    permission: 'support',
    run(ctx) {
      const sessions = selectedSessions(ctx, false);
      const reportType =
        defaultGrouping !== undefined && !ctx.params.has('report_type')
          ? defaultGrouping
          : enumParam(ctx.params, 'report_type', groupings);
      const { world } = ctx;
      const clock = clockView(ctx);
      const groups = new Map<number, Group>();
      const add = (id: number, name: string, seconds: number) => {
        const g = groups.get(id) ?? { id, name, count: 0, totalSeconds: 0 };
        g.count++;
        g.totalSeconds += seconds;
        groups.set(id, g);
      };

      // Sessions are counted day by day as the answer is asked for; the groups go out at the end.
      function* entries(): Generator<ListEntry> {
        for (const s of sessions) {
          if (s === DAY_BREAK) {
            yield DAY_BREAK;
            continue;
          }
          count(s);
        }
        const ordered = [...groups.values()].sort((a, b) => a.id - b.id);
        for (const g of ordered) {
          yield (parent) => {
            const el = parent.ele('summary', { id: String(g.id), name: g.name });
            el.ele('session_count').txt(String(g.count));
            el.ele('avg_duration').txt(hms(Math.round(g.totalSeconds / g.count)));
            el.ele('total_duration').txt(hms(g.totalSeconds));
          };
        }
      }
      const count = (s: SessionCore) => {
        const seconds = (endAt(s, clock.now, clock.settleSeconds) ?? clock.now) - s.start;
        if (reportType === 'site') {
          add(s.siteId, siteById(world, s.siteId).name, seconds);
          return;
        }
        if (s.primaryRepId === null) return;
        const rep = repById(world, s.primaryRepId);
        if (reportType === 'rep') add(rep.id, rep.displayName, seconds);
        else for (const teamId of rep.teamIds) add(teamId, teamById(world, teamId).name, seconds);
      };

      return { kind: 'list', root: 'summary_list', noData: 'NO_DATA_SUPPORT', items: entries() };
    },
  };
}

/** Session statistics per representative, team or public site (spec §13). */
export const supportSessionSummary = sessionSummaryReport('SupportSessionSummary', [
  'rep',
  'team',
  'site',
]);
