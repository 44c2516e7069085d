import { usageIntervalsByDay, type GroupBy } from '../../generators/license-usage.js';
import { LAST_INSTANT } from '../../generators/time.js';
import { ApplianceError } from '../errors.js';
import type { ReportDefinition } from './context.js';
import { enumParam, selectSessions } from './params.js';
import { timeElement } from './session-xml.js';
import { mapIterable } from './sessions.js';
import type { Builder } from '../xml/layout.js';

/**
 * Times of peak license use (spec §25), from the representatives in the world's sessions: only
 * while at least 90 % of the world's licenses are in use, grouped by hour, day or month of the
 * site's calendar. No peak in the window is a normal document with no intervals.
 */
export const licenseUsage: ReportDefinition = {
  name: 'LicenseUsage',
  permission: 'license',
  run(ctx) {
    const tz = ctx.settings.siteTz;
    const selection = selectSessions(ctx.params, {
      acceptsLsid: false,
      siteTz: tz,
      now: ctx.now,
      anchors: ['start_date', 'start_time'],
    });
    if (selection.kind !== 'window') throw new ApplianceError('INVALID_LSID');
    const groupBy = enumParam<GroupBy>(ctx.params, 'group_by', ['hour', 'day', 'month']);
    const { window } = selection;
    const shownEnd = Math.min(window.to, LAST_INSTANT);
    const range = { from: window.from, to: Math.min(window.to, ctx.now), shownEnd };
    const intervals = usageIntervalsByDay(ctx.world, range, groupBy, tz);
    return {
      kind: 'document',
      root: 'license_usage',
      children: [
        (root) => timeElement(root, 'start_time', Math.min(window.from, LAST_INSTANT), tz),
        (root) => timeElement(root, 'end_time', shownEnd, tz),
        (root) => root.ele('group_by').txt(groupBy),
        // Intervals go out day by day as the window is computed; none gives an empty list.
        {
          kind: 'parted',
          shell: (root) => root.ele('license_time_intervals'),
          whenEmpty: 'shell',
          parts: mapIterable(intervals, (batch) =>
            batch.map((i) => (list: Builder) => {
              const el = list.ele('license_time_interval');
              timeElement(el, 'start_time', i.start, tz);
              timeElement(el, 'end_time', i.end, tz);
              el.ele('logged_in_representatives').txt(String(i.loggedIn));
              el.ele('extended_availability_representatives').txt(String(i.extended));
              el.ele('total_licenses_in_use').txt(String(i.total));
            }),
          ),
        },
      ],
    };
  },
};
