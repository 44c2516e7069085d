import { vaultEventsInWindowByDay } from '../../../generators/vault-activity.js';
import { ApplianceError } from '../../errors.js';
import type { ReportDefinition } from '../context.js';
import type { Builder } from '../../xml/layout.js';
import { selectSessions } from '../params.js';
import { clockView, mapPaced, paced } from '../sessions.js';
import { clean } from '../session-xml.js';

/**
 * The vault's account activity (spec A.1): accounts created, checked out and in around the
 * Jump sessions that inject them, passwords changed, accounts deleted. Selected by the time
 * sets like the session reports, by each event's own time; `duration` may be left out here and
 * then means "up to now", because a real client sends `start_time` alone. Clients move their
 * cursor to the last `@timestamp` + 1.
 */
export const vaultAccountActivity: ReportDefinition = {
  name: 'VaultAccountActivity',
  permission: 'support',
  run(ctx) {
    const params = new Map(ctx.params);
    if (!params.has('duration')) params.set('duration', '0');
    const selection = selectSessions(params, {
      acceptsLsid: false,
      siteTz: ctx.settings.siteTz,
      now: ctx.now,
    });
    if (selection.kind !== 'window') throw new ApplianceError('INVALID_LSID');
    const events = paced(vaultEventsInWindowByDay(ctx.world, selection.window, clockView(ctx)));
    return {
      kind: 'list',
      root: 'vault_account_activity_list',
      noData: 'NO_DATA_VAULT',
      items: mapPaced(events, (e) => {
        return (parent: Builder) => {
            const el = parent.ele('vault_account_activity', {
              timestamp: String(e.timestamp),
              event_type: e.eventType,
              account: String(e.accountId),
            });
            el.ele('performed_by', {
              id: String(e.performedBy.id),
              type: e.performedBy.type,
            }).txt(clean(e.performedBy.name));
            if (e.data !== undefined) el.ele('data').txt(clean(e.data));
        };
      }),
    };
  },
};
