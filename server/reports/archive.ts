import { gzipSync } from 'node:zlib';
import { archivesOfDay, eventLines, stateSnapshot } from '../../generators/archives.js';
import { ApplianceError } from '../errors.js';
import type { ReportDefinition } from './context.js';
import { dateParam, enumParam, requireParam } from './params.js';

/**
 * One state or event archive (spec §24), gzip-compressed JSON built from the same world as the
 * session reports: a state archive is the snapshot of §24's tables at its time, an event archive
 * the sessions' events of its ten minutes, one JSON object per line. Failures stay XML.
 */
export const archive: ReportDefinition = {
  name: 'Archive',
  permission: 'archive',
  needsArchiveApi: true,
  run(ctx) {
    const type = enumParam(ctx.params, 'type', ['state', 'event'] as const);
    const dateText = ctx.params.get('date') ?? '';
    const date = dateParam(ctx.params, 'date');
    const indexText = requireParam(ctx.params, 'index');
    if (!/^[0-9]+$/.test(indexText)) throw new ApplianceError('INVALID_VALUE', { name: 'index' });

    const index = Number(indexText);
    const slots = archivesOfDay(date, ctx.settings.siteTz, ctx.now, ctx.settings.archiveLagSeconds);
    const slot = slots[type].find((s) => s.index === index);
    if (!slot) throw new ApplianceError('NO_ARCHIVES');

    const content =
      type === 'state'
        ? JSON.stringify(stateSnapshot(ctx.world, slot.start))
        : eventLines(ctx.world, slot.start, slot.end, {
            now: ctx.now,
            settleSeconds: 0,
            siteOrigin: ctx.siteOrigin,
          });
    return {
      kind: 'binary',
      contentType: 'application/x-gzip',
      filename: `${type}_${dateText}_${index}.json.gz`,
      body: gzipSync(Buffer.from(content, 'utf8')),
    };
  },
};
