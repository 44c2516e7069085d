import { stringify } from 'csv-stringify/sync';
import { strToU8, zipSync } from 'fflate';
import { jumpGroupOf, type World } from '../../generators/world.js';
import type { ReportDefinition } from './context.js';

/** Header labels of jump_items.csv: the sister product's seven columns, labels chosen here. */
export const JUMP_ITEM_COLUMNS = [
  'Name',
  'Hostname/IP',
  'Jumpoint',
  'Application',
  'Licensed',
  'Jump Method',
  'Jump Group',
] as const;

/** jump_items.csv: UTF-8, every field double-quoted, one header row, CRLF line ends. */
export function jumpItemsCsv(world: World): string {
  const rows = world.jumpItems.map((item) => [
    item.name,
    item.address,
    world.jumpoints.find((j) => j.id === item.jumpointId)?.name ?? '',
    item.application,
    item.licensed ? 'yes' : 'no',
    item.method,
    jumpGroupOf(world, item.jumpGroupId, item.jumpGroupType).name,
  ]);
  return stringify([[...JUMP_ITEM_COLUMNS], ...rows], {
    quoted: true,
    quoted_empty: true,
    record_delimiter: 'windows',
  });
}

/**
 * Endpoints and whether each consumes a license (spec §26): a ZIP holding jump_items.csv with
 * the world's Jump Items. Takes no parameters; others are ignored.
 */
export const endpointLicenseUsage: ReportDefinition = {
  name: 'EndpointLicenseUsage',
  permission: 'license',
  run(ctx) {
    // The member's time is the appliance clock, so equal clocks give equal bytes.
    const zip = zipSync(
      { 'jump_items.csv': [strToU8(jumpItemsCsv(ctx.world)), { mtime: ctx.now * 1000 }] },
      { level: 6 },
    );
    return {
      kind: 'binary',
      contentType: 'application/zip',
      filename: 'endpoint_license_usage.zip',
      body: Buffer.from(zip),
    };
  },
};
